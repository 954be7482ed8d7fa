import Foundation

/// Refuses output folders whose replacement would destroy something: the site itself, its
/// content or themes, any folder holding them, the file-system root, the home folder, and a
/// folder that holds something other than a built site. The build swaps the whole output
/// folder, so this check runs before anything is created.
public enum OutputLocationPolicy {
    public static func problem(output: URL, siteRoot: URL, homes: [URL] = homeFolders()) -> String? {
        let target = canonical(output)
        let root = canonical(siteRoot)
        let protected: [(String, String)] = [
            (root, "the site folder"), (root + "/content", "the content folder"), (root + "/themes", "the themes folder"),
            ("/", "the file-system root"),
        ] + homes.map { (canonical($0), "your home folder") }
        for (path, name) in protected {
            if target == path { return "the output folder cannot be \(name) (\(path))" }
            if path != "/" && path.hasPrefix(target == "/" ? "/" : target + "/") {
                return "the output folder \(target) contains \(name) (\(path)); building would replace it"
            }
        }
        if target.hasPrefix(root + "/content/") || target.hasPrefix(root + "/themes/") {
            return "the output folder cannot be inside content/ or themes/"
        }
        return replacementProblem(target)
    }

    /// The output folder, its staging folder and `.newsdesk-cache/` are the only places a build
    /// writes; if one of them were a symbolic link, the build would write wherever it points
    /// (outside the site, or into another site's files), so a link there is refused. So is a
    /// link for the image cache's folder inside it. The files the build writes in the cache
    /// folder are made with `O_NOFOLLOW` or `O_EXCL`, or renamed into place, so a link planted
    /// there is replaced, never followed.
    public static func linkProblem(output: URL, siteRoot: URL) -> String? {
        let cache = siteRoot.appendingPathComponent(BuildCacheStore.directoryName)
        let places = [(output, "the output folder"), (StagedOutputWriter.stagingDirectory(for: output), "the staging folder"),
                      (cache, "the build cache folder"), (cache.appendingPathComponent(DiskImageStore.folderName), "the image cache folder")]
        for (url, name) in places {
            var info = stat()
            guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { continue }
            return "\(name) \(url.path) is a symbolic link, and a build would write wherever it points; "
                + "remove the link (the build creates a real folder there)"
        }
        return nil
    }

    /// Files a build always writes; a folder holding none of them is not a previous build.
    static let builtSiteMarkers = ["index.html", "404.html", "sitemap.xml"]

    /// An existing output folder is replaced as a whole, so it must be empty or look like a
    /// built site. Hugo and Zola write into `--output ~/Documents` without deleting anything;
    /// replacing it would delete everything there.
    private static func replacementProblem(_ target: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return "the output \(target) is a file, not a folder" }
        let visible = ((try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        guard let example = visible.first, !builtSiteMarkers.contains(where: visible.contains) else { return nil }
        return "the output folder \(target) holds files such as '\(example)' but no index.html, so it is not a built site; "
            + "building would replace it (empty it or choose another --output)"
    }

    /// `$HOME` and the account's home folder: they differ in CI containers (GitHub Actions sets
    /// `HOME=/github/home`), and Foundation on Linux reads only the account's.
    public static func homeFolders() -> [URL] {
        let account = FileManager.default.homeDirectoryForCurrentUser
        guard let variable = ProcessInfo.processInfo.environment["HOME"], variable.hasPrefix("/") else { return [account] }
        return [URL(fileURLWithPath: variable, isDirectory: true), account]
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
