import Foundation

/// Refuses output folders whose replacement would destroy something: the site itself, its
/// content or themes, any folder holding them, the file-system root or the home folder.
/// The build swaps the whole output folder, so this check runs before anything is created.
public enum OutputLocationPolicy {
    public static func problem(output: URL, siteRoot: URL, home: URL = FileManager.default.homeDirectoryForCurrentUser) -> String? {
        let target = canonical(output)
        let root = canonical(siteRoot)
        let protected: [(String, String)] = [
            (root, "the site folder"), (root + "/content", "the content folder"), (root + "/themes", "the themes folder"),
            ("/", "the file-system root"), (canonical(home), "your home folder"),
        ]
        for (path, name) in protected {
            if target == path { return "the output folder cannot be \(name) (\(path))" }
            if path != "/" && path.hasPrefix(target == "/" ? "/" : target + "/") {
                return "the output folder \(target) contains \(name) (\(path)); building would replace it"
            }
        }
        if target.hasPrefix(root + "/content/") || target.hasPrefix(root + "/themes/") {
            return "the output folder cannot be inside content/ or themes/"
        }
        return nil
    }

    /// Absolute, symlinks resolved as far as the path exists, no trailing slash.
    static func canonical(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            missing.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var path = existing.resolvingSymlinksInPath().path
        for component in missing { path += (path.hasSuffix("/") ? "" : "/") + component }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
