import CCmarkGFM
import Foundation
import Synchronization

/// Debian's cmark-gfm keeps per-process tables that its inline extensions change while a
/// document is parsed: parsing on two threads at once drops autolinks
/// (`MarkdownRendererTests.concurrentRenderingMatchesSerialRendering` fails without the lock). Every parse therefore runs under this one lock; walking and rendering
/// separate documents is safe in parallel and happens outside it.
private let cmarkParseLock = Mutex<Void>(())

/// Registers the core extensions once per process (a global's initializer runs exactly once).
private let cmarkExtensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

/// One parsed Markdown document and the parser that owns its extensions.
///
/// A reference type only so that `deinit` can free the C memory; it never leaves the task that
/// created it.
/// cmark-gfm's nodes are opaque to Swift.
typealias CmarkNode = OpaquePointer

final class CmarkDocument {
    let root: CmarkNode
    /// The text parsed (a view of the caller's string, not a copy): cmark's columns count
    /// bytes, diagnostics count characters.
    let markdown: Substring
    private let parser: OpaquePointer
    /// Nodes replaced in the tree: their text still points into their buffers, so they are freed
    /// only with the document.
    private var detached: [CmarkNode] = []

    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    convenience init(markdown: Substring, options: Int32) {
        self.init(markdown: markdown, options: options, waiting: true)!
    }

    /// Parses `markdown`; nil, when not `waiting`, if another document is being parsed.
    ///
    /// Only feeding and finishing touch cmark's process-wide tables; creating the parser
    /// happens before the lock, so the serialized part is parsing alone.
    init?(markdown: Substring, options: Int32, waiting: Bool) {
        _ = cmarkExtensionsRegistered
        let parser = cmark_parser_new(options)!
        for name in Self.extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var root: CmarkNode?
        func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            buffer.withMemoryRebound(to: CChar.self) { chars in
                func feedAndFinish() {
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                    root = cmark_parser_finish(parser)
                }
                if waiting {
                    cmarkParseLock.withLock { _ in feedAndFinish() }
                    return true
                }
                return cmarkParseLock.withLockIfAvailable { _ in feedAndFinish() } != nil
            }
        }
        // A body is a slice of the file's text, contiguous already; copied only if it is not.
        let parsed = markdown.utf8.withContiguousStorageIfAvailable(parse) ?? {
            var text = String(markdown)
            return text.withUTF8(parse)
        }()
        guard parsed, let root else {
            cmark_parser_free(parser)
            return nil
        }
        self.parser = parser
        self.root = root
        self.markdown = markdown
    }

    deinit {
        for node in detached { cmark_node_free(node) }
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// The document's HTML as bytes: cmark writes well-formed UTF-8 from the well-formed text
    /// it was given, which a `String` would validate again.
    func renderHTML(options: Int32) -> [UInt8] {
        guard let html = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else { return [] }
        defer { free(html) }
        return Array(UnsafeRawBufferPointer(start: html, count: strlen(html)))
    }

    /// Puts `replacement` where `node` was, moving `node`'s children into `container`.
    func replace(_ node: CmarkNode, with replacement: CmarkNode,
                 movingChildrenInto container: CmarkNode) {
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_append_child(container, child)
        }
        cmark_node_replace(node, replacement)
        detached.append(node)
    }

    /// The column in characters of cmark's 1-based byte `column` on 1-based `line` of the text.
    func characterColumn(line: Int, byteColumn column: Int) -> Int {
        var lineStart = markdown.utf8.startIndex
        for _ in 1..<max(line, 1) {
            guard let end = markdown.utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else { return column }
            lineStart = markdown.utf8.index(after: end)
        }
        let lineBytes = markdown.utf8[lineStart...].prefix { $0 != UInt8(ascii: "\n") }
        let before = lineBytes.prefix(max(column - 1, 0))
        // Counting scalars' first bytes: a column inside a character still names that character.
        return before.count { $0 & 0xC0 != 0x80 } + 1
    }

    /// Puts `node`'s children where `node` was and detaches it: a link becomes its text.
    func unwrap(_ node: CmarkNode) {
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_insert_before(node, child)
        }
        cmark_node_unlink(node)
        detached.append(node)
    }

    /// Puts `replacement` where `node` was; `node` and its children are freed with the document.
    func replace(_ node: CmarkNode, with replacement: CmarkNode) {
        cmark_node_replace(node, replacement)
        detached.append(node)
    }

    static func customBlock(enter: String, exit: String) -> CmarkNode {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    static func customInline(enter: String, exit: String) -> CmarkNode {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    /// Every node in document order, collected first so the tree can be changed afterwards,
    /// and the images with no alt text, found in the same walk (the tree is walked once).
    ///
    /// An image's alt text is all the text below it and images nest (`![![a](x)](y)`): asking
    /// each image for its own text would read the innermost text once per enclosing image,
    /// quadratic in a hostile file.
    func walk() -> (nodes: [CmarkNode], imagesWithoutAltText: Set<CmarkNode>) {
        var nodes: [CmarkNode] = []
        var withoutAlt = Set<CmarkNode>()
        var open: [(image: CmarkNode, hasText: Bool)] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER { nodes.append(node) }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_IMAGE {
                if event == CMARK_EVENT_ENTER {
                    open.append((node, false))
                } else if let closed = open.popLast() {
                    if !closed.hasText { withoutAlt.insert(node) } else if !open.isEmpty { open[open.count - 1].hasText = true }
                }
            } else if !open.isEmpty, type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = Self.literalBytes(of: node),
                      Self.hasText(literal) {
                open[open.count - 1].hasText = true
            }
        }
        return (nodes, withoutAlt)
    }

    /// Whether a literal holds more than spaces and tabs (Unicode's space separators included).
    static func hasText(_ literal: UnsafeBufferPointer<UInt8>) -> Bool {
        // An ASCII byte other than a space or tab settles it without making a string.
        if literal.contains(where: { $0 < 0x80 && $0 != 0x20 && $0 != 0x09 }) { return true }
        return !String(decoding: literal, as: UTF8.self).trimmingSpaces().isEmpty
    }

    /// A text or code node's literal as cmark holds it, without making a string of it; valid
    /// while the document lives and the node is not changed.
    static func literalBytes(of node: CmarkNode) -> UnsafeBufferPointer<UInt8>? {
        guard let literal = cmark_node_get_literal(node) else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
    }

    /// Text of a node's descendants as a reader sees it; images contribute nothing unless asked.
    /// - Parameter byteLimit: stop once the text is longer than this many UTF-8 bytes, for
    ///   callers that need only a prefix of what can be a megabyte-long paragraph.
    ///   The literals' bytes are gathered and made a string once: a string per text node and
    ///   appending each cost more than the walk (cmark's literals are well-formed UTF-8).
    static func plainText(of node: CmarkNode, includingImages: Bool = true, byteLimit: Int = .max) -> String {
        var text: [UInt8] = []
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        var skipDepth = 0
        while true {
            if text.count > byteLimit { break }
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_IMAGE && !includingImages {
                skipDepth += event == CMARK_EVENT_ENTER ? 1 : -1
                continue
            }
            guard event == CMARK_EVENT_ENTER, skipDepth == 0 else { continue }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = literalBytes(of: current) { text.append(contentsOf: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text.append(UInt8(ascii: " "))
            default:
                break
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
