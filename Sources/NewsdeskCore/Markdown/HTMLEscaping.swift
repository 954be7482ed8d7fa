/// Escaping for HTML fragments built in Swift (heading ids, figure captions) and for template
/// values: it runs over nearly every string a page shows, so it works on UTF-8 bytes.
/// `&`, `<`, `>`, `"` and `'` become entities.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        // Most text has nothing to escape: one pass over contiguous bytes says so, where a
        // pass over the UTF-8 view advanced an index per byte.
        let clean = text.utf8.withContiguousStorageIfAvailable { !$0.contains(where: needsEscape) }
            ?? !text.utf8.contains(where: needsEscape)
        if clean { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 16)
        append(text, to: &result)
        // Only ASCII bytes were replaced, by ASCII: the bytes are as valid as the text's.
        return String(decoding: result, as: UTF8.self)
    }

    /// Appends `text` escaped to a page being rendered; runs without special characters are
    /// copied whole, which is most of every title and URL a page prints.
    public static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { append($0, to: &output) }
    }

    /// The same for UTF-8 bytes.
    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        for index in bytes.indices where needsEscape(bytes[index]) {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            output.append(contentsOf: entity(bytes[index]))
            runStart = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// One bit per byte from `"` (0x22) to `>` (0x3E), set for `"`, `&`, `'`, `<` and `>`:
    /// a subtraction and a shift per byte instead of five comparisons.
    private static let escapedBits: UInt32 = 1 << 0 | 1 << 4 | 1 << 5 | 1 << 26 | 1 << 28

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        let offset = byte &- 0x22
        return offset < 32 && (escapedBits >> UInt32(offset)) & 1 == 1
    }

    private static func entity(_ byte: UInt8) -> StaticString {
        switch byte {
        case 0x26: return "&amp;"
        case 0x3C: return "&lt;"
        case 0x3E: return "&gt;"
        case 0x22: return "&quot;"
        default: return "&#39;"
        }
    }
}

extension Array where Element == UInt8 {
    @inline(__always)
    mutating func append(contentsOf text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}
