import Foundation

/// Turns the bytes of a Markdown file into text the parsers can trust, or says why it cannot.
///
/// Editors' files arrive from Word, WeChat and Windows: a UTF-8 byte-order mark and CRLF line
/// endings are normal and are removed; other encodings and binary files are reported with the
/// byte where the problem starts.
public enum SourceText {
    /// Why bytes are not Markdown text: the kind, which callers decide on (an empty `site.yml`
    /// is no configuration, an empty item an error), and the diagnostic an editor reads.
    public struct Problem: Error, Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case empty, binary, notUTF8 }
        public var kind: Kind
        public var diagnostic: Diagnostic
    }

    public static func decode(_ bytes: [UInt8], path: String) -> Result<String, Problem> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .failure(Problem(kind: .empty, diagnostic: .error("the file is empty", path: path, line: 1,
                hint: "start it with front matter: a '---' line, title: and date:, and another '---' line")))
        }
        if let nul = firstIndex(of: 0, in: body.prefix(8192)) {
            return .failure(Problem(kind: .binary, diagnostic: .error(
                "this looks like a binary file, not Markdown text (NUL byte at offset \(nul))", path: path,
                hint: "only Markdown text files may end in .md; rename or remove this file")))
        }
        guard String(validating: body, as: UTF8.self) != nil else {
            let offset = firstInvalidUTF8Offset(body)
            let line = body[body.startIndex..<offset].count(where: { $0 == 0x0A }) + 1
            return .failure(Problem(kind: .notUTF8, diagnostic: .error(
                "the file is not valid UTF-8 text (bad byte 0x\(String(body[offset], radix: 16, uppercase: true)) at offset \(offset))",
                path: path, line: line,
                hint: "save the file as UTF-8 in your editor (in Word: Save As → Plain Text → Unicode (UTF-8))")))
        }
        guard firstIndex(of: 0x0D, in: body) != nil else { return .success(String(decoding: body, as: UTF8.self)) }
        return .success(String(decoding: unixLineEndings(body), as: UTF8.self))
    }

    /// Windows' CRLF and the lone CR of old Mac files, which Markdown and YAML also read as
    /// line breaks, become LF: one kind of line keeps line numbers in agreement. Done on bytes,
    /// where each CR is one line break as cmark-gfm counts them (`\r\r\n` is two); in a
    /// `String`, `\r` and `\n` form one `Character`, so replacements re-form pairs.
    static func unixLineEndings(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            guard byte == 0x0D else { result.append(byte); continue }
            result.append(0x0A)
            if index < bytes.endIndex, bytes[index] == 0x0A { index += 1 }
        }
        return result
    }

    /// `memchr`: every file is searched for NUL and CR bytes, twice a build (when its front
    /// matter is parsed and when its page is rendered), and a Swift loop over the bytes (or
    /// worse, over a string's UTF-8 view) cost more than validating them.
    static func firstIndex(of byte: UInt8, in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base, Int32(byte), buffer.count) else { return nil }
            return bytes.startIndex + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
        }
    }

    /// Offset of the first byte that breaks UTF-8 (overlong forms and surrogates included).
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let (scalar, length) = UTF8Scalar.decode(buffer, at: index)
                guard scalar != nil else { break }
                index += length
            }
            return bytes.startIndex + index
        }
    }
}

/// One scalar read from UTF-8 bytes, by the rules Swift's own decoder follows: what reading
/// statistics count and what `SourceText` reports as the first broken byte.
enum UTF8Scalar {
    /// The scalar whose encoding starts at `index` and its length, or nil and the length of
    /// the ill-formed part (the maximal subpart, as Swift's decoders replace it).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar?, Int) {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return (nil, 1)
        }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let position = index + offset
            guard position < bytes.count else { return (nil, offset) }
            let byte = bytes[position]
            guard byte >= (offset == 1 ? low : 0x80), byte <= (offset == 1 ? high : 0xBF) else { return (nil, offset) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (Unicode.Scalar(value), length)
    }
}

/// A Markdown file cut into its YAML front matter and its body, with the line numbers of both
/// so that every later diagnostic points into the original file.
public struct FrontMatterSplit: Sendable, Equatable {
    /// The YAML between the fences; empty when the file has none.
    public var yaml: Substring
    /// Line number of the opening `---` (YAML line 1 is the line after it).
    public var openingLine: Int
    public var body: Substring
    /// Line number in the file of the body's first line.
    public var bodyFirstLine: Int
    public var hasFrontMatter: Bool

    /// Splits at a leading `---` line and the next `---` (or `...`) line.
    /// Lines are found in UTF-8 bytes: `\n` always ends a character, and a pasted document can
    /// hold a line of megabytes that character-by-character search would crawl through.
    public static func split(_ text: String, path: String) -> Result<FrontMatterSplit, Diagnostic> {
        let newline = UInt8(ascii: "\n")
        guard let firstLineEnd = text.utf8.firstIndex(of: newline) ?? (text.isEmpty ? nil : text.endIndex),
              isFence(text[text.startIndex..<firstLineEnd], allowDots: false)
        else {
            return .success(FrontMatterSplit(yaml: "", openingLine: 0, body: text[...], bodyFirstLine: 1, hasFrontMatter: false))
        }
        var lineStart = firstLineEnd < text.endIndex ? text.index(after: firstLineEnd) : text.endIndex
        var lineNumber = 2
        while lineStart < text.endIndex {
            let lineEnd = text.utf8[lineStart...].firstIndex(of: newline) ?? text.endIndex
            if isFence(text[lineStart..<lineEnd], allowDots: true) {
                let bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
                return .success(FrontMatterSplit(
                    yaml: text[(text.index(after: firstLineEnd))..<lineStart], openingLine: 1,
                    body: text[bodyStart...], bodyFirstLine: lineNumber + 1, hasFrontMatter: true))
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
            lineNumber += 1
        }
        guard let prose = firstProseLine(text) else {
            return .failure(.error("the front matter starting on line 1 is never closed", path: path, line: 1, column: 1,
                                   hint: "add a line containing only --- after the last front-matter field"))
        }
        return .failure(.error("the front matter starting on line 1 is never closed; the text seems to start here", path: path,
                               line: prose, column: 1,
                               hint: "add a line containing only --- above this line, after the last front-matter field"))
    }

    /// The first line after the opening fence that cannot be front matter: not blank, not a
    /// comment, not indented, not a list entry and not `name: value`. Where the closing `---`
    /// is most likely missing.
    static func firstProseLine(_ text: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst() {
            guard let first = line.first, first != " ", first != "\t", first != "#", first != "-" else { continue }
            if let colon = line.firstIndex(of: ":"),
               line[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
               line[line.index(after: colon)...].first.map({ $0 == " " || $0 == "\t" }) ?? true {
                continue
            }
            return index + 1
        }
        return nil
    }

    private static func isFence(_ line: Substring, allowDots: Bool) -> Bool {
        var trimmed = line.utf8[...]
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { trimmed = trimmed.dropLast() }
        return trimmed.elementsEqual("---".utf8) || (allowDots && trimmed.elementsEqual("...".utf8))
    }
}
