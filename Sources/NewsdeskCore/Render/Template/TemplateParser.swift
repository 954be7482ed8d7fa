/// Parses Mustache (the spec's tags, set delimiters, `{{$block}}`/`{{<parent}}` inheritance)
/// into `TemplateNode`s. A tag alone on its line (sections, comments, partials, blocks) takes
/// the line with it, as the spec asks, so templates can be laid out readably.
///
/// Working on UTF-8 bytes keeps a theme load under a millisecond; errors carry the line and
/// column of the tag a designer has to fix.
public struct TemplateParser {
    private let bytes: [UInt8]
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    private var frames: [Frame] = [Frame(kind: .root, name: "", line: 1, column: 1)]
    private var references: [TemplateReference] = []
    /// Line numbers are counted incrementally, up to `countedUpTo`.
    private var countedUpTo = 0
    private var lineNumber = 1
    private var lineStartOffset = 0

    private struct Frame {
        enum Kind { case root, section(inverted: Bool), block, parent(indentation: String) }
        var kind: Kind
        var name: String
        var line: Int
        var column: Int
        var nodes: [TemplateNode] = []
    }

    public static func parse(_ text: String) -> Result<ParsedTemplate, TemplateSyntaxError> {
        var parser = TemplateParser(bytes: Array(text.utf8))
        do {
            return .success(try parser.run())
        } catch let error as TemplateSyntaxError {
            return .failure(error)
        } catch {
            return .failure(TemplateSyntaxError(message: "\(error)", line: 1, column: 1, hint: ""))
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func run() throws -> ParsedTemplate {
        var textStart = 0
        var position = 0
        while let tagStart = find(open, from: position) {
            let tag = try readTag(at: tagStart)
            var nextText = tag.end
            var textEnd = tagStart
            var indentation = ""
            if tag.canStandAlone, let lineStart = standaloneLineStart(tagStart: tagStart, tagEnd: tag.end) {
                textEnd = max(lineStart, textStart)
                indentation = String(decoding: bytes[textEnd..<tagStart], as: UTF8.self)
                nextText = afterLineEnd(from: tag.end)
            }
            if textEnd > textStart { append(.text(String(decoding: bytes[textStart..<textEnd], as: UTF8.self))) }
            try handle(tag, at: tagStart, indentation: indentation)
            textStart = nextText
            position = nextText
        }
        if bytes.count > textStart { append(.text(String(decoding: bytes[textStart...], as: UTF8.self))) }
        if frames.count > 1, let unclosed = frames.last {
            throw TemplateSyntaxError(message: "the section '\(unclosed.name)' is never closed", line: unclosed.line, column: unclosed.column,
                                      hint: "add {{/\(unclosed.name)}} where the section ends")
        }
        return ParsedTemplate(nodes: frames[0].nodes, references: references)
    }

    private struct Tag {
        var sigil: UInt8?
        var content: String
        var end: Int
        var canStandAlone: Bool
    }

    private static let sigils: Set<UInt8> = Set("#^/!>&=<$%".utf8)

    private mutating func readTag(at start: Int) throws -> Tag {
        let inside = start + open.count
        if open == Array("{{".utf8), inside < bytes.count, bytes[inside] == UInt8(ascii: "{") {
            guard let closing = find(Array("}}}".utf8), from: inside + 1) else { throw unfinished(at: start) }
            return Tag(sigil: UInt8(ascii: "&"), content: trimmed(inside + 1, closing), end: closing + 3, canStandAlone: false)
        }
        guard let closing = find(close, from: inside) else { throw unfinished(at: start) }
        var contentStart = inside
        while contentStart < closing, bytes[contentStart] == 0x20 || bytes[contentStart] == 0x09 { contentStart += 1 }
        guard contentStart < closing, Self.sigils.contains(bytes[contentStart]) else {
            return Tag(sigil: nil, content: trimmed(inside, closing), end: closing + close.count, canStandAlone: false)
        }
        let sigil = bytes[contentStart]
        let standalone = sigil != UInt8(ascii: "&")
        return Tag(sigil: sigil, content: trimmed(contentStart + 1, closing), end: closing + close.count, canStandAlone: standalone)
    }

    private mutating func handle(_ tag: Tag, at offset: Int, indentation: String) throws {
        let (line, column) = place(of: offset)
        guard let sigil = tag.sigil else {
            try requireName(tag.content, line: line, column: column)
            append(.variable(TemplateName(tag.content), escaped: true))
            return
        }
        switch Character(UnicodeScalar(sigil)) {
        case "!", "%":
            return
        case "=":
            try setDelimiters(tag.content, line: line, column: column)
        case "&":
            try requireName(tag.content, line: line, column: column)
            append(.variable(TemplateName(tag.content), escaped: false))
        case "#", "^":
            try requireName(tag.content, line: line, column: column)
            frames.append(Frame(kind: .section(inverted: sigil == UInt8(ascii: "^")), name: tag.content, line: line, column: column))
        case "$":
            try requireName(tag.content, line: line, column: column)
            frames.append(Frame(kind: .block, name: tag.content, line: line, column: column))
        case "<":
            try requireName(tag.content, line: line, column: column)
            references.append(TemplateReference(name: tag.content, line: line, column: column))
            frames.append(Frame(kind: .parent(indentation: indentation), name: tag.content, line: line, column: column))
        case ">":
            try requireName(tag.content, line: line, column: column)
            references.append(TemplateReference(name: tag.content, line: line, column: column))
            append(.partial(tag.content, indentation: indentation))
        default:
            try closeSection(tag.content, line: line, column: column)
        }
    }

    private mutating func closeSection(_ name: String, line: Int, column: Int) throws {
        guard frames.count > 1, let frame = frames.last else {
            throw TemplateSyntaxError(message: "{{/\(name)}} closes a section that was never opened", line: line, column: column,
                                      hint: "remove it, or open the section with {{#\(name)}}")
        }
        guard frame.name == name else {
            throw TemplateSyntaxError(message: "{{/\(name)}} closes the section '\(frame.name)' opened on line \(frame.line)",
                                      line: line, column: column, hint: "close '\(frame.name)' with {{/\(frame.name)}} before closing '\(name)'")
        }
        frames.removeLast()
        switch frame.kind {
        case .root:
            break
        case .section(let inverted):
            append(.section(TemplateName(name), frame.nodes, inverted: inverted))
        case .block:
            append(.block(name, frame.nodes))
        case .parent(let indentation):
            append(.parent(name, overrides: try overrides(in: frame), indentation: indentation))
        }
    }

    /// Inside `{{<parent}}` only blocks count; anything else would silently vanish, so it is an error.
    private func overrides(in frame: Frame) throws -> [String: [TemplateNode]] {
        var overrides: [String: [TemplateNode]] = [:]
        for node in frame.nodes {
            switch node {
            case .block(let name, let nodes):
                overrides[name] = nodes
            case .text(let text) where text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }):
                continue
            default:
                throw TemplateSyntaxError(message: "only {{$block}} overrides may appear inside {{<\(frame.name)}}",
                                          line: frame.line, column: frame.column,
                                          hint: "move the text or tags into a {{$…}} block that \(frame.name) defines")
            }
        }
        return overrides
    }

    private mutating func setDelimiters(_ content: String, line: Int, column: Int) throws {
        let parts = content.hasSuffix("=") ? content.dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" }) : []
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
            throw TemplateSyntaxError(message: "a set-delimiter tag is malformed", line: line, column: column,
                                      hint: "write it as {{=<% %>=}}: two delimiters separated by a space")
        }
        open = Array(parts[0].utf8)
        close = Array(parts[1].utf8)
    }

    private func requireName(_ name: String, line: Int, column: Int) throws {
        guard name.isEmpty else { return }
        throw TemplateSyntaxError(message: "a tag has no name", line: line, column: column, hint: "write the name of a value between the braces")
    }

    private mutating func unfinished(at offset: Int) -> TemplateSyntaxError {
        let (line, column) = place(of: offset)
        let closing = String(decoding: close, as: UTF8.self)
        return TemplateSyntaxError(message: "a tag is not finished (missing \(closing))", line: line, column: column,
                                   hint: "close the tag with \(closing)")
    }

    private mutating func append(_ node: TemplateNode) {
        frames[frames.count - 1].nodes.append(node)
    }

    // MARK: Bytes

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < needle.count, bytes[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    private func trimmed(_ start: Int, _ end: Int) -> String {
        var start = start, end = end
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The start of the tag's line when only spaces and tabs surround the tag on it.
    private func standaloneLineStart(tagStart: Int, tagEnd: Int) -> Int? {
        var lineStart = tagStart
        while lineStart > 0, bytes[lineStart - 1] != 0x0A {
            guard bytes[lineStart - 1] == 0x20 || bytes[lineStart - 1] == 0x09 else { return nil }
            lineStart -= 1
        }
        var after = tagEnd
        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
        if after == bytes.count || bytes[after] == 0x0A { return lineStart }
        if bytes[after] == 0x0D, after + 1 < bytes.count, bytes[after + 1] == 0x0A { return lineStart }
        return nil
    }

    private func afterLineEnd(from offset: Int) -> Int {
        var index = offset
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        return min(index + 1, bytes.count)
    }

    /// Line and column (in characters) of a byte offset; offsets only grow while parsing.
    private mutating func place(of offset: Int) -> (line: Int, column: Int) {
        while countedUpTo < offset {
            if bytes[countedUpTo] == 0x0A { lineNumber += 1; lineStartOffset = countedUpTo + 1 }
            countedUpTo += 1
        }
        let column = String(decoding: bytes[lineStartOffset..<offset], as: UTF8.self).count + 1
        return (lineNumber, column)
    }
}
