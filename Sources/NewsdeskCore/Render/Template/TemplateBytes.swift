/// The byte searches `TemplateParser` makes: templates are read as UTF-8 bytes, where a
/// delimiter, a space or a line break is one byte.
enum TemplateBytes {
    /// Where `needle` first occurs in `bytes` at or after `start`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
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

    /// A tag's content without the spaces and tabs around it.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The spaces and tabs before `offset` when nothing else precedes it on its line.
    static func whiteSpace(before offset: Int, in bytes: [UInt8]) -> [UInt8]? {
        var start = offset
        while start > 0, bytes[start - 1] != 0x0A {
            guard bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09 else { return nil }
            start -= 1
        }
        return Array(bytes[start..<offset])
    }

    /// `text` without as much of `prefix` as it starts with.
    static func removingPrefix(_ prefix: [UInt8], from text: [UInt8]) -> [UInt8] {
        var count = 0
        while count < prefix.count, count < text.count, prefix[count] == text[count] { count += 1 }
        return Array(text[count...])
    }

    /// `text` without as much of `dedent` as each of its lines starts with; its first line
    /// counts only when `startingALine` (text after a tag goes on that tag's line).
    static func removing(_ dedent: [UInt8], fromLinesOf text: [UInt8], startingALine: Bool) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var index = 0
        var lineStart = startingALine
        while index < text.count {
            if lineStart {
                var matched = 0
                while matched < dedent.count, index < text.count, text[index] == dedent[matched] { matched += 1; index += 1 }
                lineStart = false
                continue
            }
            result.append(text[index])
            lineStart = text[index] == 0x0A
            index += 1
        }
        return result
    }
}
