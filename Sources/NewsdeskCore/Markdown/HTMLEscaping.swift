/// Escaping for everything a template prints with `{{…}}` and the few HTML fragments built in
/// Swift (heading ids, figure captions): `&`, `<`, `>`, `"` and `'` become entities.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscaping) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        append(text, to: &result)
        return result
    }

    /// Appends `text` escaped; runs without special characters are copied whole, which is
    /// most of every title and URL a page prints.
    public static func append(_ text: String, to output: inout String) {
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index < utf8.endIndex {
            let byte = utf8[index]
            if needsEscaping(byte) {
                if runStart < index { output += Substring(utf8[runStart..<index]) }
                output += entity(byte)
                runStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if runStart == utf8.startIndex {
            output += text
        } else if runStart < utf8.endIndex {
            output += Substring(utf8[runStart..<utf8.endIndex])
        }
    }

    @inline(__always)
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    private static func entity(_ byte: UInt8) -> String {
        switch byte {
        case 0x26: return "&amp;"
        case 0x3C: return "&lt;"
        case 0x3E: return "&gt;"
        case 0x22: return "&quot;"
        default: return "&#39;"
        }
    }
}
