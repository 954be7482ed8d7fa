/// What a Markdown file under `content/` is, decided from its path alone.
public struct ContentFile: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A news item: `content/news/x.md` or the bundle `content/news/x/index.md`.
        case item
        /// `content/<section>/_index.md`: the section's title, description and intro.
        case sectionIndex
        /// `content/_index.md`: the home page's intro.
        case homeIndex
    }

    /// Site-relative path, `content/news/2023-11-23-agreement.md`.
    public var path: String
    public var kind: Kind
    /// The folder directly under `content/`; nil for the home index.
    public var section: String?
    /// From a `.zh.md` suffix; nil means the default language (front matter may still say `lang:`).
    public var languageSuffix: String?
    /// The file name without language suffix and `.md`, or the bundle's folder name.
    public var name: String
    /// `content/news/x` for a page bundle, whose other files are copied next to the page.
    public var bundleDirectory: String?

    /// Path within the section, without language suffix: what translations of one item share.
    public var translationStem: String
}

/// Sorts the files under `content/` into items, section indexes and plain files to copy.
public struct ContentClassifier: Sendable {
    public var languageCodes: [String]

    public init(languageCodes: [String]) { self.languageCodes = languageCodes }

    public struct Result: Sendable {
        public var markdown: [ContentFile] = []
        /// Files copied as they are (`content/images/a.jpg`), including bundle resources.
        public var assets: [String] = []
        public var diagnostics: [Diagnostic] = []
    }

    /// `paths` are site-relative (`content/...`) and are processed in sorted order.
    public func classify(_ paths: [String]) -> Result {
        var result = Result()
        let markdownPaths = paths.filter(Self.isMarkdownPath)
        let bundleDirectories = Set(markdownPaths.compactMap { path -> String? in
            let (directory, file) = Self.splitLast(path)
            guard file.hasPrefix("index.") else { return nil }
            let (stem, _) = stripMarkdownExtension(file)
            let (name, _) = splitLanguage(stem)
            return name == "index" && Self.slashes(in: directory) >= 2 ? directory : nil
        })
        for path in paths.sorted() {
            if path == SiteConfigParser.path { continue }
            guard Self.isMarkdownPath(path) else {
                result.assets.append(path)
                continue
            }
            if let file = classifyMarkdown(path, bundleDirectories: bundleDirectories, diagnostics: &result.diagnostics) {
                result.markdown.append(file)
            }
        }
        return result
    }

    private func classifyMarkdown(_ path: String, bundleDirectories: Set<String>, diagnostics: inout [Diagnostic]) -> ContentFile? {
        let (directory, fileName) = Self.splitLast(path)
        let (stem, _) = stripMarkdownExtension(fileName)
        let (name, language) = splitLanguage(stem)
        if Self.slashes(in: path) == 1 {
            if name == "_index" {
                return ContentFile(path: path, kind: .homeIndex, section: nil, languageSuffix: language, name: "_index",
                                   bundleDirectory: nil, translationStem: "_index")
            }
            diagnostics.append(.error("this item is in no section", path: path,
                                      hint: "move it into a section folder such as content/news/"))
            return nil
        }
        // content/<section>/<folders within>/<file>
        let (sectionFolder, within) = Self.splitFirst(Self.splitFirst(directory).rest)
        let section = String(sectionFolder)
        if name == "_index" {
            guard within.isEmpty else {
                diagnostics.append(.warning("_index.md is only read directly inside a section folder; this one is ignored", path: path,
                                            hint: "move it to content/\(section)/_index.md"))
                return nil
            }
            return ContentFile(path: path, kind: .sectionIndex, section: section, languageSuffix: language, name: "_index",
                               bundleDirectory: nil, translationStem: "\(section)/_index")
        }
        if name == "index", bundleDirectories.contains(directory) {
            let bundleName = Self.splitLast(directory).1
            return ContentFile(path: path, kind: .item, section: section, languageSuffix: language, name: bundleName,
                               bundleDirectory: directory, translationStem: "\(section)/\(within)")
        }
        return ContentFile(path: path, kind: .item, section: section, languageSuffix: language, name: name,
                           bundleDirectory: nil, translationStem: within.isEmpty ? "\(section)/\(name)" : "\(section)/\(within)/\(name)")
    }

    private static func slashes(in path: String) -> Int { path.utf8.count { $0 == UInt8(ascii: "/") } }

    /// `a/b/c` → (`a`, `b/c`); `a` → (`a`, ``).
    private static func splitFirst<Text: StringProtocol>(_ path: Text) -> (first: Text.SubSequence, rest: Text.SubSequence) {
        guard let slash = path.utf8.firstIndex(of: UInt8(ascii: "/")) else { return (path[...], path[path.endIndex...]) }
        return (path[..<slash], path[path.utf8.index(after: slash)...])
    }

    /// `"a.zh"` → `("a", "zh")` when `zh` is a configured language, else `("a.zh", nil)`.
    func splitLanguage(_ stem: String) -> (String, String?) {
        guard let dot = stem.utf8.lastIndex(of: UInt8(ascii: ".")), dot != stem.startIndex else { return (stem, nil) }
        let suffix = String(stem[stem.utf8.index(after: dot)...])
        guard languageCodes.contains(suffix) else { return (stem, nil) }
        return (String(stem[..<dot]), suffix)
    }

    /// `.md`, `.markdown` and `.mdown` in any case (`x.MD` from Windows): a Markdown file
    /// copied as it is would publish its front matter and drafts.
    public static func isMarkdownPath(_ path: String) -> Bool { markdownExtensionLength(path) != nil }

    static let markdownExtensions = [".md", ".markdown", ".mdown"]

    /// The length of the Markdown extension `path` ends with, ignoring case; nil when none.
    private static func markdownExtensionLength(_ path: String) -> Int? {
        if path.hasSuffix(".md") { return 3 }
        let tail = path.utf8.suffix(9)
        guard tail.contains(UInt8(ascii: ".")) else { return nil }
        let lowered = String(decoding: tail, as: UTF8.self).lowercased()
        return markdownExtensions.first { lowered.hasSuffix($0) }.map(\.count)
    }

    private func stripMarkdownExtension(_ fileName: String) -> (String, String) {
        guard let length = Self.markdownExtensionLength(fileName) else { return (fileName, "") }
        return (String(fileName.dropLast(length)), String(fileName.suffix(length)))
    }

    /// Byte-wise: it runs several times for each of tens of thousands of paths per build.
    static func splitLast(_ path: String) -> (String, String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
        return (String(path[..<slash]), String(path[path.utf8.index(after: slash)...]))
    }
}
