/// Parses Mustache (the spec's tags, set delimiters, `{{$block}}`/`{{<parent}}` inheritance)
/// into `TemplateNode`s. A line that holds only tags that print nothing themselves (sections,
/// comments, partials, parents, blocks; one or several, `{{<base}}{{$content}}`) and white
/// space is taken out with its line break, as the spec asks, so templates can be laid out
/// readably. An empty block, `{{$content}}{{/content}}`, prints what fills it and so keeps
/// its line.
///
/// Blocks are re-indented as the spec's inheritance module asks: the indentation of a block's
/// first line is removed where the block is written, and the indentation of the place that
/// shows it is added to each of its lines.
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

    /// Whether the text or tag being read starts a line of the template's output.
    private var atLineStart = true
    /// The standalone line being read, while more of its tags follow.
    private var currentLine: StandaloneLine?

    private struct Frame {
        enum Kind { case root, section(inverted: Bool), block(indentation: BlockIndentation), parent(indentation: String) }
        var kind: Kind
        var name: String
        var line: Int
        var column: Int
        var nodes: [TemplateNode] = []
        /// What this block removes from the start of each of its lines: the indentation of
        /// its first line; nil until that line is read. Empty for every other frame.
        var dedent: [UInt8]? = []
    }

    /// Where a block's lines get their indentation when it is shown.
    private enum BlockIndentation {
        /// The block's opening tag is inline: its lines are shown as written.
        case none
        /// Only white space precedes the opening tag, which stays as text: the following
        /// lines get it too.
        case afterText(String)
        /// The opening tag's line was taken out: the block's lines get the indentation of
        /// its first line, or of the tag when the block is empty.
        case standalone(tag: String)
    }

    /// A line of white space and tags only: where it starts, where its last tag ends and
    /// where the next line starts.
    private struct StandaloneLine {
        var start: Int
        var indentation: [UInt8]
        var lastTagEnd: Int
        var next: Int
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
        while let tagStart = TemplateBytes.find(open, in: bytes, from: position) {
            let tag = try readTag(at: tagStart)
            var textEnd = tagStart
            var standalone = false
            if let line = currentLine, tagStart < line.lastTagEnd {
                // A later tag of a standalone line: the white space between the tags goes.
                textEnd = textStart
                standalone = true
            } else if tag.canStandAlone, let line = lineOfTagsOnly(from: tagStart) {
                currentLine = line
                textEnd = max(line.start, textStart)
                standalone = true
            } else {
                currentLine = nil
            }
            if textEnd > textStart { appendText(textStart..<textEnd) }
            try handle(tag, at: tagStart, standalone: standalone, indentation: standalone ? currentLine?.indentation ?? [] : [])
            var nextText = tag.end
            if let line = currentLine, tag.end == line.lastTagEnd {
                nextText = line.next
                currentLine = nil
                atLineStart = true
            } else if !standalone {
                atLineStart = false
            }
            textStart = nextText
            position = nextText
        }
        if bytes.count > textStart { appendText(textStart..<bytes.count) }
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
        guard let tag = scanTag(at: start, open: open, close: close) else { throw unfinished(at: start) }
        return tag
    }

    /// The tag starting at `start` with these delimiters; nil when it is not closed.
    private func scanTag(at start: Int, open: [UInt8], close: [UInt8]) -> Tag? {
        let inside = start + open.count
        if open == Array("{{".utf8), inside < bytes.count, bytes[inside] == UInt8(ascii: "{") {
            guard let closing = TemplateBytes.find(Array("}}}".utf8), in: bytes, from: inside + 1) else { return nil }
            return Tag(sigil: UInt8(ascii: "&"), content: TemplateBytes.trimmed(bytes[(inside + 1)..<closing]), end: closing + 3, canStandAlone: false)
        }
        guard let closing = TemplateBytes.find(close, in: bytes, from: inside) else { return nil }
        var contentStart = inside
        while contentStart < closing, bytes[contentStart] == 0x20 || bytes[contentStart] == 0x09 { contentStart += 1 }
        guard contentStart < closing, Self.sigils.contains(bytes[contentStart]) else {
            return Tag(sigil: nil, content: TemplateBytes.trimmed(bytes[inside..<closing]), end: closing + close.count, canStandAlone: false)
        }
        let sigil = bytes[contentStart]
        let standalone = sigil != UInt8(ascii: "&")
        return Tag(sigil: sigil, content: TemplateBytes.trimmed(bytes[(contentStart + 1)..<closing]), end: closing + close.count, canStandAlone: standalone)
    }

    private mutating func handle(_ tag: Tag, at offset: Int, standalone: Bool, indentation rawIndentation: [UInt8]) throws {
        let (line, column) = place(of: offset)
        // A standalone tag is the first thing a pending block holds: its indentation is the block's.
        let shiftedIndentation = standalone ? resolveDedent(lineStartingWith: rawIndentation) : []
        if !standalone { resolveDedent(lineStartingWith: []) }
        let indentation = String(decoding: shiftedIndentation, as: UTF8.self)
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
            let placement: BlockIndentation
            if standalone {
                placement = .standalone(tag: indentation)
            } else if let before = TemplateBytes.whiteSpace(before: offset, in: bytes) {
                placement = .afterText(String(decoding: dedented(before), as: UTF8.self))
            } else {
                placement = .none
            }
            frames.append(Frame(kind: .block(indentation: placement), name: tag.content, line: line, column: column,
                                dedent: standalone ? nil : []))
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
        case .block(let placement):
            let indentation: String
            switch placement {
            case .none: indentation = ""
            case .afterText(let text): indentation = text
            case .standalone(let tag): indentation = frame.nodes.isEmpty ? tag : String(decoding: frame.dedent ?? [], as: UTF8.self)
            }
            append(.block(name, frame.nodes, indentation: indentation))
        case .parent(let indentation):
            append(.parent(name, overrides: overrides(in: frame), indentation: indentation))
        }
    }

    /// Inside `{{<parent}}` only blocks count; the spec has everything else ignored.
    private func overrides(in frame: Frame) -> [String: [TemplateNode]] {
        var overrides: [String: [TemplateNode]] = [:]
        for case .block(let name, let nodes, _) in frame.nodes { overrides[name] = nodes }
        return overrides
    }

    private mutating func setDelimiters(_ content: String, line: Int, column: Int) throws {
        guard let delimiters = Self.delimiters(in: content) else {
            throw TemplateSyntaxError(message: "a set-delimiter tag is malformed", line: line, column: column,
                                      hint: "write it as {{=<% %>=}}: two delimiters separated by a space")
        }
        (open, close) = delimiters
    }

    private static func delimiters(in content: String) -> (open: [UInt8], close: [UInt8])? {
        let parts = content.hasSuffix("=") ? content.dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" }) : []
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else { return nil }
        return (Array(parts[0].utf8), Array(parts[1].utf8))
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

    // MARK: Indentation

    /// Literal text, with the indentation of the blocks it is in removed from each line.
    private mutating func appendText(_ range: Range<Int>) {
        var text = Array(bytes[range])
        if atLineStart {
            let lineEnd = text.firstIndex(of: 0x0A) ?? text.count
            resolveDedent(lineStartingWith: Array(text[..<lineEnd].prefix { $0 == 0x20 || $0 == 0x09 }))
        } else {
            resolveDedent(lineStartingWith: [])
        }
        let dedent = frames.flatMap { $0.dedent ?? [] }
        if !dedent.isEmpty { text = TemplateBytes.removing(dedent, fromLinesOf: text, startingALine: atLineStart) }
        guard !text.isEmpty else { return }
        atLineStart = text.last == 0x0A
        append(.text(String(decoding: text, as: UTF8.self)))
    }

    /// A block whose opening tag's line was taken out learns what to remove from its lines
    /// from its first line, which starts with `indentation` (after the outer blocks' removal).
    @discardableResult
    private mutating func resolveDedent(lineStartingWith indentation: [UInt8]) -> [UInt8] {
        let outer = frames.dropLast().flatMap { $0.dedent ?? [] }
        let shifted = TemplateBytes.removingPrefix(outer, from: indentation)
        if frames[frames.count - 1].dedent == nil { frames[frames.count - 1].dedent = shifted }
        return TemplateBytes.removingPrefix(frames[frames.count - 1].dedent ?? [], from: shifted)
    }

    /// `indentation` without the blocks' removal, for a tag's own indentation.
    private func dedented(_ indentation: [UInt8]) -> [UInt8] {
        TemplateBytes.removingPrefix(frames.flatMap { $0.dedent ?? [] }, from: indentation)
    }

    /// The line of the tag at `tagStart` when it holds only white space and tags that can stand
    /// alone; its tags are read ahead with the delimiters they set.
    private func lineOfTagsOnly(from tagStart: Int) -> StandaloneLine? {
        guard let before = TemplateBytes.whiteSpace(before: tagStart, in: bytes) else { return nil }
        var open = self.open, close = self.close
        var position = tagStart
        while true {
            guard let tag = scanTag(at: position, open: open, close: close), tag.canStandAlone else { return nil }
            if tag.sigil == UInt8(ascii: "="), let delimiters = Self.delimiters(in: tag.content) { (open, close) = delimiters }
            var after = tag.end
            if tag.sigil == UInt8(ascii: "$"), bytes[after...].starts(with: open),
               let next = scanTag(at: after, open: open, close: close), next.sigil == UInt8(ascii: "/"), next.content == tag.content {
                // An empty block prints what fills it, like a variable.
                return nil
            }
            while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
            if after == bytes.count || bytes[after] == 0x0A {
                return StandaloneLine(start: tagStart - before.count, indentation: before, lastTagEnd: tag.end, next: min(after + 1, bytes.count))
            }
            if bytes[after] == 0x0D, after + 1 < bytes.count, bytes[after + 1] == 0x0A {
                return StandaloneLine(start: tagStart - before.count, indentation: before, lastTagEnd: tag.end, next: after + 2)
            }
            guard bytes[after...].starts(with: open) else { return nil }
            position = after
        }
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
