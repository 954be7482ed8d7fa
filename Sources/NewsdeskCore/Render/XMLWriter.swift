/// A small streaming XML writer: elements are closed in order and every text and attribute
/// is escaped, so feeds and sitemaps are well-formed by construction rather than by care.
public struct XMLWriter {
    private(set) var output = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    private var open: [String] = []

    public init() {}

    public mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        indent()
        output += "<"
        output += name
        appendAttributes(attributes)
        output += ">\n"
        open.append(name)
    }

    public mutating func end() {
        let name = open.removeLast()
        indent()
        output += "</"
        output += name
        output += ">\n"
    }

    /// `<name attr="…">text</name>` on one line.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        indent()
        output += "<"
        output += name
        appendAttributes(attributes)
        output += ">"
        output += Self.escape(text, quotes: false)
        output += "</"
        output += name
        output += ">\n"
    }

    /// `<name attr="…"/>`
    public mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        indent()
        output += "<"
        output += name
        appendAttributes(attributes)
        output += "/>\n"
    }

    public mutating func finish() -> String {
        while !open.isEmpty { end() }
        return output
    }

    private mutating func indent() {
        for _ in 0..<open.count { output += "  " }
    }

    private mutating func appendAttributes(_ attributes: KeyValuePairs<String, String>) {
        for (key, value) in attributes {
            output += " "
            output += key
            output += "=\""
            output += Self.escape(value, quotes: true)
            output += "\""
        }
    }

    /// Escapes markup characters and drops the control characters XML 1.0 forbids.
    /// A sitemap escapes tens of thousands of URLs and dates that need nothing, so those are
    /// found with one pass over the bytes and returned as they are.
    static func escape(_ text: String, quotes: Bool) -> String {
        guard text.utf8.contains(where: { needsCare($0, quotes: quotes) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Bytes that may need escaping or dropping: markup characters, control characters, and
    /// 0xEF, the lead byte of U+FFFE and U+FFFF (most of what it starts passes unchanged).
    private static func needsCare(_ byte: UInt8, quotes: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0xEF: return true
        case UInt8(ascii: "\""): return quotes
        case 0..<0x20: return byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\r")
        default: return false
        }
    }
}
