import CCmarkGFM

/// A heading as the table of contents lists it.
public struct TOCEntry: Sendable, Hashable {
    public var level: Int
    public var id: String
    public var title: String
}

/// The HTML of a Markdown body and what templates and listings learn from it.
public struct RenderedMarkdown: Sendable {
    /// The HTML as cmark-gfm wrote it: UTF-8 bytes, which pages are written as, so that the
    /// megabytes of a build's bodies are never checked again for valid UTF-8 on their way.
    public var htmlBytes: [UInt8]
    public var html: String { String(decoding: htmlBytes, as: UTF8.self) }
    public var toc: [TOCEntry]
    /// Plain text of the first paragraph, cut to at most 200 characters.
    public var summary: String
    public var readingStatistics: ReadingStatistics
    /// The first image in the body (URL as rewritten, alt text): a listing's thumbnail when the
    /// front matter names none.
    public var firstImage: (url: String, alt: String)?
    public var diagnostics: [Diagnostic]
    /// Every link and image destination, in document order: what the cache checks again.
    var links: [LinkReference] = []
    /// How `links` resolved while rendering, so that the cache's facts need not resolve them again.
    var linkResolutions = LinkResolutionDigest()
    /// The body's search terms (`DocumentTerms`), when the renderer collects them.
    public var searchTerms: DocumentTerms?
    /// The body's plain text as search fragments hold it (`SearchFragment`), as UTF-8, collected
    /// with the terms.
    public var searchText: [UInt8]?

    /// `MarkdownFacts.resolutions` of `links` followed by the front-matter image, if any: only
    /// the image is resolved here, the body's links were resolved while rendering. As `.image`,
    /// like every image reference the cache checks again, so that the two digests agree.
    func resolutions(addingImage image: String?, from path: String, resolver: any LinkResolving) -> UInt64 {
        var digest = linkResolutions
        if let image {
            digest.add(LinkReference(destination: image, isImage: true), resolver.resolve(image, from: path, kind: .image))
        }
        return digest.value
    }
}

/// Markdown → HTML through cmark-gfm, with the site's additions done on the syntax tree:
/// heading ids, figures for captioned images, links between items and copied files.
public struct MarkdownRenderer: Sendable {
    public var options: SiteConfig.Markdown
    public var summaryLimit = 200
    /// Ids the page has besides the headings', which heading ids must not take.
    public var reservedIDs = ReservedIDs.footnotes
    /// Set by `newsdesk check`: a photo narrower than this (the widest variant pages show) is
    /// reported, as readers with large or sharp screens see it blurred.
    public var minimumPhotoWidth: Int?
    /// Whether `render` counts the body's search terms and keeps its plain text (the site's
    /// search index is enabled).
    public var collectsSearchTerms = false

    public init(options: SiteConfig.Markdown) { self.options = options }

    var parseOptions: Int32 {
        var value = CMARK_OPT_DEFAULT
        if options.smartPunctuation { value |= CMARK_OPT_SMART }
        if options.footnotes { value |= CMARK_OPT_FOOTNOTES }
        return value
    }

    var renderOptions: Int32 {
        // `align` attributes on table cells are obsolete in HTML5; styles validate.
        var value = CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        if options.unsafe { value |= CMARK_OPT_UNSAFE }
        if options.footnotes { value |= CMARK_OPT_FOOTNOTES }
        return value
    }

    /// - Parameters:
    ///   - bodyFirstLine: line of the body in the original file, so diagnostics point there.
    public func render(_ body: Substring, path: String, bodyFirstLine: Int, links: any LinkResolving) -> RenderedMarkdown {
        render(CmarkDocument(markdown: body, options: parseOptions), path: path, bodyFirstLine: bodyFirstLine, links: links)
    }

    /// `body` parsed, or nil without waiting when another document is being parsed: cmark-gfm
    /// parses one document at a time (`CmarkDocument`), and a caller with other work to do
    /// can do it meanwhile.
    func parse(_ body: Substring, waiting: Bool) -> CmarkDocument? {
        CmarkDocument(markdown: body, options: parseOptions, waiting: waiting)
    }

    /// Renders a document `parse` gave; it is changed on the way, so it is rendered once.
    func render(_ document: CmarkDocument, path: String, bodyFirstLine: Int, links: any LinkResolving) -> RenderedMarkdown {
        var counter = DocumentTerms.Counter()
        return render(document, path: path, bodyFirstLine: bodyFirstLine, links: links, countingTermsIn: &counter)
    }

    /// The same, the body's search terms counted in `counter` (when `collectsSearchTerms`),
    /// which a caller rendering many bodies keeps from one to the next (`DocumentTerms.Counter`).
    func render(_ document: CmarkDocument, path: String, bodyFirstLine: Int, links: any LinkResolving,
                countingTermsIn counter: inout DocumentTerms.Counter) -> RenderedMarkdown {
        var diagnostics: [Diagnostic] = []
        var headings: [CmarkNode] = []
        var figures: [(paragraph: CmarkNode, image: CmarkNode)] = []
        var summary: String?
        var statistics = ReadingStatistics()
        var firstImage: (url: String, alt: String)?
        var references: [LinkReference] = []
        var resolutions = LinkResolutionDigest()
        var unlinked: [CmarkNode] = []
        var pictures: [(image: CmarkNode, picture: Picture)] = []
        var searchText = collectsSearchTerms ? SearchFragment.Collector(expectedBytes: document.markdown.utf8.count) : nil

        func location(_ node: CmarkNode) -> (Int, Int?) {
            var current: CmarkNode? = node
            while let candidate = current, cmark_node_get_start_line(candidate) == 0 { current = cmark_node_parent(candidate) }
            guard let found = current else { return (bodyFirstLine, nil) }
            let column = Int(cmark_node_get_start_column(found))
            let line = Int(cmark_node_get_start_line(found))
            return (line + bodyFirstLine - 1, column > 0 ? document.characterColumn(line: line, byteColumn: column) : nil)
        }

        let (nodes, imagesWithoutAlt) = document.walk()
        for node in nodes {
            let type = cmark_node_get_type(node)
            // Read once for the search text, the reading time and the terms.
            let literal = type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE ? CmarkDocument.literalBytes(of: node) : nil
            searchText?.add(type, literal: literal)
            switch type {
            case CMARK_NODE_HEADING:
                headings.append(node)
            case CMARK_NODE_PARAGRAPH:
                if summary == nil {
                    // 64 bytes a character leave room for long whitespace runs and clusters.
                    let text = CmarkDocument.plainText(of: node, includingImages: false, byteLimit: 64 * (summaryLimit + 1))
                        .trimmingSpacesAndNewlines()
                    if !text.isEmpty { summary = SummaryText.truncate(text, limit: summaryLimit) }
                }
                if let image = Self.captionedImage(in: node) { figures.append((node, image)) }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal {
                    statistics.add(utf8: literal)
                    if collectsSearchTerms { counter.add(utf8: literal) }
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let kind: LinkKind = cmark_node_get_type(node) == CMARK_NODE_IMAGE ? .image : .link
                let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let reference = LinkReference(destination: destination, isImage: kind == .image)
                references.append(reference)
                let resolution = links.resolve(destination, from: path, kind: kind)
                resolutions.add(reference, resolution)
                switch resolution {
                case .unchanged: break
                case .rewritten(let url):
                    cmark_node_set_url(node, url)
                    if kind == .image, let picture = links.picture(at: url) {
                        pictures.append((node, picture))
                        if let problem = Self.smallPhoto(destination, picture, minimum: minimumPhotoWidth) {
                            let (line, column) = location(node)
                            diagnostics.append(.warning(problem.message, path: path, line: line, column: column, hint: problem.hint))
                        }
                    }
                case .broken(let message, let hint):
                    let (line, column) = location(node)
                    diagnostics.append(.error(message, path: path, line: line, column: column, hint: hint))
                case .unlinked(let message, let hint):
                    let (line, column) = location(node)
                    diagnostics.append(.warning(message, path: path, line: line, column: column, hint: hint))
                    unlinked.append(node)
                }
                // cmark-gfm blanks such URLs only in safe mode and only in the HTML it renders:
                // the node itself is blanked so that no output (a thumbnail, unsafe mode) has it.
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? destination
                let allowed = URLPolicy.allows(url)
                if !allowed { cmark_node_set_url(node, "") }
                if kind == .image, firstImage == nil, allowed {
                    firstImage = (url, CmarkDocument.plainText(of: node).trimmingSpaces())
                }
                if kind == .image, imagesWithoutAlt.contains(node) {
                    let (line, column) = location(node)
                    diagnostics.append(.warning("the image '\(destination)' has no alt text", path: path, line: line, column: column,
                                                hint: "describe the picture for readers who cannot see it: ![Three people signing](photo.jpg)"))
                }
            default:
                break
            }
        }
        for link in unlinked { document.unwrap(link) }
        let toc = anchorHeadings(headings, in: document)
        for figure in figures { makeFigure(figure.paragraph, image: figure.image, in: document) }
        // After the figures, which take their caption from the image's title.
        for (image, picture) in pictures { showPicture(picture, for: image, in: document) }
        return RenderedMarkdown(htmlBytes: document.renderHTML(options: renderOptions), toc: toc, summary: summary ?? "",
                                readingStatistics: statistics, firstImage: firstImage, diagnostics: diagnostics, links: references,
                                linkResolutions: resolutions, searchTerms: collectsSearchTerms ? counter.take() : nil, searchText: searchText?.utf8)
    }

    /// The body's search text alone, node by node as `render` collects it: for a page kept
    /// from the previous build whose search document must be written again.
    func searchText(of document: CmarkDocument) -> [UInt8] {
        var text = SearchFragment.Collector(expectedBytes: document.markdown.utf8.count)
        for node in document.walk().nodes {
            let type = cmark_node_get_type(node)
            text.add(type, literal: type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE ? CmarkDocument.literalBytes(of: node) : nil)
        }
        return text.utf8
    }

    /// Gives every heading a stable, unique `id` (`#vsip-2023`, `#vsip-2023-1`) and lists them.
    /// A heading named like a reserved id is numbered (`# Main` → `main-1`); one that starts
    /// like a footnote's is prefixed (`# fn-1` → `heading-fn-1`).
    private func anchorHeadings(_ headings: [CmarkNode], in document: CmarkDocument) -> [TOCEntry] {
        var taken = reservedIDs.ids
        var toc: [TOCEntry] = []
        for heading in headings {
            let level = Int(cmark_node_get_heading_level(heading))
            let title = CmarkDocument.plainText(of: heading).trimmingSpaces()
            var base = Slug.make(from: title)
            if base.isEmpty { base = "section" }
            // Checked with the "-" that numbering adds: `# fn` twice would make `fn-1`.
            if reservedIDs.startsWithReservedPrefix(base + "-") { base = "heading-" + base }
            var id = base
            var number = 0
            // Bounded: a theme that reserves `heading-` itself gets a duplicate, not a hang.
            while taken.contains(id) || (reservedIDs.startsWithReservedPrefix(id) && number < 100) {
                number += 1
                id = "\(base)-\(number)"
            }
            taken.insert(id)
            toc.append(TOCEntry(level: level, id: id, title: title))
            // A custom block (no markup of its own) holding a custom inline that prints the tag:
            // cmark puts custom blocks' own markup on separate lines, which would split <h2>.
            let block = CmarkDocument.customBlock(enter: "", exit: "")
            let inline = CmarkDocument.customInline(enter: "<h\(level) id=\"\(HTMLEscaping.escape(id))\">", exit: "</h\(level)>")
            cmark_node_append_child(block, inline)
            document.replace(heading, with: block, movingChildrenInto: inline)
        }
        return toc
    }

    /// An image alone in its paragraph with a title, as in `![alt](photo.jpg "Caption")`.
    static func captionedImage(in paragraph: CmarkNode) -> CmarkNode? {
        var image: CmarkNode?
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_IMAGE where image == nil: image = node
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: break
            case CMARK_NODE_TEXT:
                // Asked of every paragraph's first text: an ASCII byte that is not white space
                // answers without making a string of the text.
                guard let literal = CmarkDocument.literalBytes(of: node) else { break }
                if literal.contains(where: { $0 < 0x80 && !($0 == 0x20 || (0x09...0x0D).contains($0)) }) { return nil }
                if !String(decoding: literal, as: UTF8.self).allSatisfy(\.isWhitespace) { return nil }
            default: return nil
            }
            child = cmark_node_next(node)
        }
        guard let image, let title = cmark_node_get_title(image), title.pointee != 0 else { return nil }
        return image
    }

    static func smallPhoto(_ destination: String, _ picture: Picture, minimum: Int?) -> (message: String, hint: String)? {
        guard let minimum, picture.originalWidth < minimum else { return nil }
        return ("the photo '\(destination)' is \(picture.originalWidth) pixels wide, less than the \(minimum) pixels pages show it at",
                "use the camera's original file: readers with large or sharp screens see this one blurred")
    }

    /// The image becomes a `<picture>` with every variant, its intrinsic size and lazy loading.
    private func showPicture(_ picture: Picture, for image: CmarkNode, in document: CmarkDocument) {
        let title = cmark_node_get_title(image).map { String(cString: $0) } ?? ""
        let markup = PictureMarkup.html(picture, alt: CmarkDocument.plainText(of: image).trimmingSpaces(), title: title)
        document.replace(image, with: CmarkDocument.customInline(enter: markup, exit: ""))
    }

    private func makeFigure(_ paragraph: CmarkNode, image: CmarkNode, in document: CmarkDocument) {
        let caption = String(cString: cmark_node_get_title(image))
        cmark_node_set_title(image, "")
        let figure = CmarkDocument.customBlock(
            enter: "<figure>", exit: "<figcaption>\(HTMLEscaping.escape(caption))</figcaption></figure>")
        document.replace(paragraph, with: figure, movingChildrenInto: figure)
    }
}

extension SearchFragment.Collector {
    /// One node of a Markdown body's walk, by its type and, for a text or code span, its
    /// literal: a soft or hard line break is a space, a block starts a line (cmark's node types
    /// carry 0x8000 for blocks, 0xC000 for inlines, extensions' table cells too), and a text or
    /// code span adds its literal. The one definition of a body's search text, for `render`
    /// and `searchText(of:)` alike.
    mutating func add(_ type: cmark_node_type, literal: UnsafeBufferPointer<UInt8>?) {
        if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
            breakLine()
        } else if type.rawValue & 0xC000 == 0x8000 {
            breakBlock()
        } else if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal {
            add(utf8: literal)
        }
    }
}
