import Foundation

/// Resolves the links and images editors write in Markdown against the site graph.
///
/// - `other.md`, `../cooperation/x.md#part` become that page's URL;
/// - `photo.jpg` in a bundle and `../images/a.jpg` become the copied file's URL;
/// - root-relative `/images/a.jpg` and `/cooperation/` get the base path, so a site published
///   under `/news-site/` keeps working (Hugo users must remember `relURL` for this);
/// - anything pointing into the site at something that is not there is reported.
public struct SiteLinkResolver: LinkResolving {
    let urls: URLBuilder
    /// Pages and their sources, read when a link names one: a rebuild that resolves no link
    /// builds no table of URLs.
    let pages: [Page]
    let pageBySource: [String: Int]
    /// Every path the build writes, and the directories that serve an `index.html`.
    let outputPaths: Set<String>
    /// Content files (`content/news/x/photo.jpg`) → the path of the copy next to each page that
    /// has it; keyed also by the page's source so bundle files resolve next to the right language.
    let contentFileOutputs: [String: [String]]
    /// Source paths of items that exist but are not published in this build (drafts, future).
    let unpublishedSources: Set<String>
    /// Resized photos: an image or link naming an original gets a variant.
    let pictures: SitePictures
    let publishesOriginals: Bool
    /// Changes whenever anything `resolve` reads changes: when it has not, every link resolves
    /// as it did in the previous build, and the build cache need not ask again link by link.
    let fingerprint: UInt64

    /// Markdown files that exist but whose front matter failed: a link to one is not reported,
    /// the file's own error is the one to fix.
    let unparsedSources: Set<String>
    /// Every Markdown source of the site, for "did you mean" when a link names none of them.
    let knownSources: [String]
    let unpublishedIsWarning: Bool

    public init(site: Site, allItems: [Item], unparsedSources: Set<String> = []) {
        self.unparsedSources = unparsedSources
        knownSources = (allItems.map(\.path) + unparsedSources).sorted()
        unpublishedIsWarning = site.config.linksToUnpublishedWarn
        urls = site.urls
        pages = site.pages
        pageBySource = site.pageBySourcePath
        outputPaths = Set(site.outputs.lazy.map(\.path))
        var files: [String: [String]] = [:]
        for output in site.outputs {
            if case .contentFile(let source) = output.kind { files[source, default: []].append(output.path) }
        }
        for (source, paths) in site.pictures.placements where files[source] == nil { files[source] = paths }
        contentFileOutputs = files
        pictures = site.pictures
        publishesOriginals = site.config.images.publishOriginals
        unpublishedSources = Set(allItems.lazy.map(\.path).filter { site.pageBySourcePath[$0] == nil })
        fingerprint = Self.fingerprint(site: site, allItems: allItems)
    }

    /// Everything a link can name, as a set: each page, output and item is hashed on its own
    /// and the hashes are added up, so the value does not depend on the order of pages. A
    /// date edit reorders a section without changing what any link resolves to, and an
    /// order-dependent value made every item's links be resolved again after one.
    static func fingerprint(site: Site, allItems: [Item]) -> UInt64 {
        func entry(_ kind: UInt8, _ parts: String...) -> UInt64 {
            var hasher = StableHasher()
            hasher.combine(kind)
            for part in parts { hasher.combine(part) }
            return hasher.value
        }
        var sum: UInt64 = 0
        for page in site.pages { sum &+= entry(0, page.item.path, page.sitePath, page.outputPath) }
        for output in site.outputs {
            if case .contentFile(let source) = output.kind {
                sum &+= entry(1, output.path, source)
            } else {
                sum &+= entry(2, output.path)
            }
        }
        for item in allItems { sum &+= entry(3, item.path) }
        var hasher = StableHasher()
        hasher.combine(site.urls.baseURL)
        hasher.combine(site.urls.basePath)
        hasher.combine(sum)
        return hasher.value
    }

    public func picture(at url: String) -> Picture? { pictures.bySource[url] }

    /// An image gets the picture (its largest variant's URL); a link gets the original when
    /// it is published, the largest variant otherwise.
    private func pictureURL(_ picture: Picture, original outputPath: String, what: String) -> String {
        what == "link" && publishesOriginals ? urls.href(outputPath) : picture.src
    }

    private func pageURL(_ sourcePath: String) -> String? {
        pageBySource[sourcePath].map { urls.href(pages[$0].sitePath) }
    }

    public func resolve(_ destination: String, from sourcePath: String, kind: LinkKind) -> LinkResolution {
        let trimmed = destination.trimmingSpaces()
        if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("//") || Self.hasScheme(trimmed) { return .unchanged }
        let (pathPart, suffix) = Self.splitSuffix(trimmed)
        let decoded = pathPart.utf8.contains(UInt8(ascii: "%")) ? (pathPart.removingPercentEncoding ?? pathPart) : pathPart
        let what = kind.noun

        if decoded.hasPrefix("/") {
            return resolveRootRelative(decoded, suffix: suffix, original: destination, what: what)
        }
        guard let contentPath = Self.normalize(directory: ContentClassifier.splitLast(sourcePath).0, relative: decoded),
              contentPath.hasPrefix("content/")
        else {
            return .broken(message: "the \(what) '\(destination)' points outside the content folder", hint: "link to files under content/ only")
        }
        return resolveContentPath(contentPath, suffix: suffix, from: sourcePath, original: destination, what: what)
    }

    private func resolveContentPath(_ contentPath: String, suffix: String, from sourcePath: String, original: String, what: String) -> LinkResolution {
        if let url = pageURL(contentPath) { return .rewritten(url + suffix) }
        if unpublishedSources.contains(contentPath) {
            let message = "the \(what) '\(original)' points to \(contentPath), which is a draft or dated in the future"
            if unpublishedIsWarning && what == "link" {
                return .unlinked(message: message + "; its text is shown without a link until that item is published",
                                 hint: "publish that item, or remove the link")
            }
            return .broken(message: message,
                           hint: "publish that item first, or remove the link (links: { unpublished: warn } in site.yml shows the text without a link meanwhile)")
        }
        if unparsedSources.contains(contentPath) { return .unchanged }
        if ContentClassifier.isMarkdownPath(contentPath) {
            let suggestion = nearestSource(to: contentPath).map { "did you mean '\(Self.relativeLink(to: $0, from: sourcePath))'?" }
            return .broken(message: "the \(what) '\(original)' points to \(contentPath), which does not exist",
                           hint: suggestion ?? "check the file name; links to other items use their .md file name")
        }
        if let problem = pictures.problems[contentPath] {
            return .broken(message: "the \(what) '\(original)' \(problem.message)", hint: problem.hint)
        }
        if let copies = contentFileOutputs[contentPath], !copies.isEmpty {
            // A bundle file is copied next to each language's page; prefer the copy next to this one.
            let directory = pageBySource[sourcePath].map { OutputPlanner.directory(of: pages[$0].outputPath) } ?? ""
            let copy = copies.first { $0.hasPrefix(directory) && !directory.isEmpty } ?? copies[0]
            if let picture = pictures.byOriginalPath[copy] { return .rewritten(pictureURL(picture, original: copy, what: what) + suffix) }
            return .rewritten(urls.href(copy) + suffix)
        }
        let asDirectory = contentPath.hasSuffix("/") ? contentPath : contentPath + "/"
        let sitePath = String(asDirectory.dropFirst("content/".count))
        if outputPaths.contains(sitePath + "index.html") { return .rewritten(urls.href(sitePath) + suffix) }
        return .broken(message: "the \(what) '\(original)' points to \(contentPath), which does not exist",
                       hint: what.hasSuffix("image") ? "put the picture under content/ (or in the item's bundle folder) and check the name" : "check the spelling of the path")
    }

    /// The Markdown file whose name is nearest to the missing one's, in any section.
    private func nearestSource(to missing: String) -> String? {
        let names = knownSources.map(Self.itemName)
        guard let nearest = NearestNames.nearest(to: Self.itemName(missing), among: names) else { return nil }
        // The same name may exist in several sections: prefer the one the link looked in.
        let matches = knownSources.filter { Self.itemName($0) == nearest }
        return matches.first { Self.itemName($0) == Self.itemName(missing) && $0.hasPrefix(missing.prefix(while: { $0 != "/" })) }
            ?? matches.first { ContentClassifier.splitLast($0).0 == ContentClassifier.splitLast(missing).0 } ?? matches.first
    }

    /// What tells items apart by name: the file name, or for a bundle's `index.md` the folder and file.
    private static func itemName(_ path: String) -> String {
        let (folder, file) = ContentClassifier.splitLast(path)
        return file.hasPrefix("index.") ? ContentClassifier.splitLast(folder).1 + "/" + file : file
    }

    /// How a Markdown link from `source` names `target`: `name.md` beside it, `../cooperation/name.md` elsewhere.
    static func relativeLink(to target: String, from source: String) -> String {
        let from = ContentClassifier.splitLast(source).0.split(separator: "/")
        let to = target.split(separator: "/")
        var shared = 0
        while shared < from.count, shared < to.count - 1, from[shared] == to[shared] { shared += 1 }
        return (Array(repeating: "..", count: from.count - shared) + to[shared...].map(String.init)).joined(separator: "/")
    }

    private func resolveRootRelative(_ path: String, suffix: String, original: String, what: String) -> LinkResolution {
        var sitePath = String(path.dropFirst())
        // Editors sometimes include the base path themselves; accept it once.
        let base = String(urls.basePath.dropFirst())
        if !base.isEmpty, sitePath.hasPrefix(base), !exists(sitePath) { sitePath = String(sitePath.dropFirst(base.count)) }
        if sitePath.hasSuffix(".md"), let url = pageURL("content/" + sitePath) { return .rewritten(url + suffix) }
        if let picture = pictures.byOriginalPath[sitePath] { return .rewritten(pictureURL(picture, original: sitePath, what: what) + suffix) }
        if let problem = pictures.problems["content/" + sitePath] {
            return .broken(message: "the \(what) '\(original)' \(problem.message)", hint: problem.hint)
        }
        guard exists(sitePath) else {
            return .broken(message: "the \(what) '\(original)' points to /\(sitePath), which this site does not have",
                           hint: "root-relative links start at the site root, like /news/ or /images/photo.jpg")
        }
        if !sitePath.isEmpty, !sitePath.hasSuffix("/"), outputPaths.contains(sitePath + "/index.html") { sitePath += "/" }
        return .rewritten(urls.href(sitePath) + suffix)
    }

    private func exists(_ sitePath: String) -> Bool {
        if sitePath.isEmpty { return outputPaths.contains("index.html") }
        if sitePath.hasSuffix("/") { return outputPaths.contains(sitePath + "index.html") }
        return outputPaths.contains(sitePath) || outputPaths.contains(sitePath + "/index.html")
    }

    // The three helpers below run on every link of every body. Destinations are nearly always
    // ASCII, where a byte is a character: they scan UTF-8 bytes then, and take the character
    // path otherwise (a combining mark after `:`, `#` or `/` makes a character that is not one).

    static func hasScheme(_ text: String) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return hasSchemeByCharacters(text) }
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let scheme = text.utf8[..<colon]
        guard let first = scheme.first, isASCIILetter(first) else { return false }
        return scheme.allSatisfy { isASCIILetter($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    static func hasSchemeByCharacters(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    /// `a/b.md?x#y` → (`a/b.md`, `?x#y`)
    static func splitSuffix(_ text: String) -> (String, String) {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return splitSuffixByCharacters(text) }
        guard let index = text.utf8.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) else { return (text, "") }
        return (String(text[..<index]), String(text[index...]))
    }

    static func splitSuffixByCharacters(_ text: String) -> (String, String) {
        guard let index = text.firstIndex(where: { $0 == "#" || $0 == "?" }) else { return (text, "") }
        return (String(text[..<index]), String(text[index...]))
    }

    /// Joins and removes `.`/`..`; nil when `..` climbs above the site root.
    static func normalize(directory: String, relative: String) -> String? {
        guard directory.utf8.allSatisfy({ $0 < 0x80 }), relative.utf8.allSatisfy({ $0 < 0x80 }) else {
            return normalizeByCharacters(directory: directory, relative: relative)
        }
        let slash = UInt8(ascii: "/")
        var parts = directory.utf8.split(separator: slash)
        for segment in relative.utf8.split(separator: slash, omittingEmptySubsequences: true) {
            if segment.elementsEqual(".".utf8) { continue }
            if segment.elementsEqual("..".utf8) {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(segment)
            }
        }
        var result = ""
        result.reserveCapacity(directory.utf8.count + relative.utf8.count + 1)
        for (index, part) in parts.enumerated() {
            if index > 0 { result += "/" }
            result += Substring(part)
        }
        if relative.utf8.last == slash { result += "/" }
        return result
    }

    static func normalizeByCharacters(directory: String, relative: String) -> String? {
        var parts = directory.split(separator: "/").map(String.init)
        for segment in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(segment))
            }
        }
        return parts.joined(separator: "/") + (relative.hasSuffix("/") ? "/" : "")
    }
}
