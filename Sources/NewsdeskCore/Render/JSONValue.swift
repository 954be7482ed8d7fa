/// A JSON document built as a value and written as UTF-8 bytes, keys in the order given.
///
/// Every article page carries one (its JSON-LD), and Foundation's `JSONEncoder` spent most of
/// its time in generic container machinery (docs/performance.md); this writes the same JSON
/// from a plain tree. Like `XMLWriter` for feeds, it is the one place where text becomes JSON:
/// strings are escaped per RFC 8259, and `<`, `>`, `&`, U+2028 and U+2029 are written as
/// `\uXXXX` as well, so the bytes are safe inside an HTML `<script>` element and mean the same.
/// `JSONValueTests` holds it to `JSONSerialization`'s reading of what it writes.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in the order they are written.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: false
        }
    }

    /// An object without the members whose value is nil.
    public static func members(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    public var bytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(2048)
        write(into: &output)
        return output
    }

    public func write(into output: inout [UInt8]) {
        switch self {
        case .string(let text): Self.writeString(text, into: &output)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .array(let values):
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                value.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                value.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { writeString(utf8: $0, into: &output) }
    }

    /// A string given as well-formed UTF-8.
    static func writeString(utf8 text: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        writeEscaping(text[...], into: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// Whether each byte may need an escape: control characters, `"`, `\\`, `<`, `>`, `&`, and
    /// 0xE2, which starts U+2028 and U+2029. Looked up, not worked out: every string of every
    /// page's JSON-LD and search entry passes through here byte by byte.
    private static let escapeTable: [Bool] = (0...255).map { byte in
        byte < 0x20 || [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0xE2].contains(UInt8(byte))
    }

    /// The index of the first byte from `start` on that may need an escape, or the end: eight
    /// bytes at a time (`EscapeBytes`), the last few looked up one by one.
    private static func nextEscape(in text: Slice<UnsafeBufferPointer<UInt8>>, from start: Int) -> Int {
        escapeTable.withUnsafeBufferPointer { table in
            ByteWord.firstMarked(in: text.base, from: start, to: text.endIndex, marks: EscapeBytes.found) { table[Int($0)] }
        }
    }

    private static func writeEscaping(_ text: Slice<UnsafeBufferPointer<UInt8>>, into output: inout [UInt8]) {
        // Runs of bytes that need no escape (most of any text) are copied in one go.
        output.reserveCapacity(output.count + text.count)
        var runStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            index = nextEscape(in: text, from: index)
            guard index < text.endIndex else { break }
            let byte = text[index]
            guard byte != 0xE2 || lineSeparator(in: text, at: index) != nil else {
                index += 1
                continue
            }
            output.append(contentsOf: text[runStart..<index])
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\")); output.append(byte)
            case UInt8(ascii: "\n"): output.append(UInt8(ascii: "\\")); output.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): output.append(UInt8(ascii: "\\")); output.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): output.append(UInt8(ascii: "\\")); output.append(UInt8(ascii: "t"))
            case 0xE2:
                writeEscaped(lineSeparator(in: text, at: index) ?? 0, into: &output)
                index += 2
            default: writeEscaped(UInt32(byte), into: &output)
            }
            index += 1
            runStart = index
        }
        output.append(contentsOf: text[runStart..<index])
    }

    /// U+2028 or U+2029 when their UTF-8 starts at `index`: they end a line in JavaScript
    /// before ES2019, so they are escaped.
    private static func lineSeparator(in text: Slice<UnsafeBufferPointer<UInt8>>, at index: Int) -> UInt32? {
        guard index + 2 < text.endIndex, text[index] == 0xE2, text[index + 1] == 0x80 else { return nil }
        switch text[index + 2] {
        case 0xA8: return 0x2028
        case 0xA9: return 0x2029
        default: return nil
        }
    }

    /// `\u003c`: four hex digits, enough for every scalar escaped above (all below U+10000).
    private static func writeEscaped(_ value: UInt32, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        output.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) { output.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)]) }
    }
}

/// `JSONValue.escapeTable`'s bytes found eight at a time (`ByteWord`): bit 7 of each byte of
/// the result is set where the byte may need an escape.
enum EscapeBytes {
    @inline(__always)
    static func found(in block: UInt64) -> UInt64 {
        // Below 0x20: bit 7 stays clear when 0x60 is added to the byte's low seven bits, and the
        // byte's own bit 7 is clear.
        var found = ~(((block & ByteWord.low) &+ ByteWord.splat(0x60)) | block) & ByteWord.high
        found |= equal(block, UInt8(ascii: "\"")) | equal(block, UInt8(ascii: "\\")) | equal(block, 0xE2)
        found |= equal(block, UInt8(ascii: "<")) | equal(block, UInt8(ascii: ">")) | equal(block, UInt8(ascii: "&"))
        return found
    }

    @inline(__always)
    private static func equal(_ block: UInt64, _ byte: UInt8) -> UInt64 { ByteWord.zeroBytes(block ^ ByteWord.splat(byte)) }
}
