import Foundation

/// The default theme as it was in the repository's `themes/default` when newsdesk was built
/// (embedded by the EmbedDefaultTheme plugin): what a site without its own `themes/default`
/// builds with, and what `newsdesk theme copy` writes out for a designer.
public enum BuiltInTheme {
    /// Site-relative path (`themes/default/templates/base.mustache`) → bytes, decoded once.
    public static let files: [String: [UInt8]] = {
        var files: [String: [UInt8]] = [:]
        for (path, base64) in encodedFiles {
            // The plugin wrote this text with Foundation's own encoder.
            guard let data = Data(base64Encoded: base64) else { preconditionFailure("the embedded \(path) is not base64") }
            files[path] = [UInt8](data)
        }
        return files
    }()

    public static let folder = "themes/default"

    /// The files of the theme with paths relative to its folder (`templates/base.mustache`), sorted.
    public static var relativePaths: [String] {
        files.keys.map { String($0.dropFirst(folder.count + 1)) }.sorted()
    }
}

/// A site source whose `themes/default` is the built-in theme when the site has no such folder
/// (or an empty one). A site's own folder always wins, file by file nothing is mixed: either
/// every file comes from the site or every file is built in.
struct BuiltInThemeSource: SiteSource {
    let base: any SiteSource

    init(wrapping base: any SiteSource) { self.base = base }

    private static let prefix = BuiltInTheme.folder + "/"

    /// Looked at afresh on each question: a folder created during a preview session takes over.
    private var siteHasOwnDefault: Bool { !base.files(under: BuiltInTheme.folder).paths.isEmpty }

    private func isBuiltInPath(_ path: String) -> Bool { path == BuiltInTheme.folder || path.hasPrefix(Self.prefix) }

    func files(under directory: String) -> (paths: [String], diagnostics: [Diagnostic]) {
        let own = base.files(under: directory)
        guard isBuiltInPath(directory), !siteHasOwnDefault else { return own }
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        let builtIn = BuiltInTheme.files.keys.filter { $0.hasPrefix(folder) }
        return ((own.paths + builtIn).sorted(), own.diagnostics)
    }

    func read(_ path: String) throws -> [UInt8] {
        if isBuiltInPath(path), let bytes = BuiltInTheme.files[path], !base.exists(path), !siteHasOwnDefault { return bytes }
        return try base.read(path)
    }

    func exists(_ path: String) -> Bool {
        if base.exists(path) { return true }
        return isBuiltInPath(path) && BuiltInTheme.files[path] != nil && !siteHasOwnDefault
    }

    func stamp(of path: String) -> UInt64? {
        isBuiltInPath(path) && !base.exists(path) ? nil : base.stamp(of: path)
    }
}

extension BuiltInTheme {
    /// `newsdesk theme copy [NAME]`: the built-in theme's files under `themes/NAME/`, for a
    /// designer to edit (site.yml's `theme: NAME` then uses them).
    public static func copy(named name: String) -> Result<[ScaffoldFile], ScaffoldProblem> {
        if let problem = Slug.problem(with: name) {
            return .failure(ScaffoldProblem("the theme name '\(name)' \(problem)", hint: "a theme name is one folder name such as campus"))
        }
        return .success(files.keys.sorted().map { path in
            ScaffoldFile(path: "themes/\(name)/" + path.dropFirst(folder.count + 1), bytes: files[path]!)
        })
    }
}
