/// A small streaming XML writer: elements are closed in order and every text and attribute
/// is escaped, so feeds and sitemaps are well-formed by construction rather than by care.
public struct XMLWriter {
    private(set) var output = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    private var open: [String] = []

    public init() {}

    public mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        indent()
        output += "<\(name)\(Self.attributeText(attributes))>\n"
        open.append(name)
    }

    public mutating func end() {
        let name = open.removeLast()
        indent()
        output += "</\(name)>\n"
    }

    /// `<name attr="…">text</name>` on one line.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        indent()
        output += "<\(name)\(Self.attributeText(attributes))>\(Self.escape(text, quotes: false))</\(name)>\n"
    }

    /// `<name attr="…"/>`
    public mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        indent()
        output += "<\(name)\(Self.attributeText(attributes))/>\n"
    }

    public mutating func finish() -> String {
        while !open.isEmpty { end() }
        return output
    }

    private mutating func indent() {
        output += String(repeating: "  ", count: open.count)
    }

    private static func attributeText(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " \($0.key)=\"\(escape($0.value, quotes: true))\"" }.joined()
    }

    /// Escapes markup characters and drops the control characters XML 1.0 forbids.
    static func escape(_ text: String, quotes: Bool) -> String {
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
}
