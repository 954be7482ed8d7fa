/// The one rule for every URL a page prints, whoever wrote it (a Markdown link or image, the
/// first image a listing shows as a thumbnail, a front-matter `image`): cmark-gfm's safe-mode
/// rule. `javascript:`, `vbscript:`, `file:` and `data:` URLs are refused, except pictures as
/// `data:image/png`, `gif`, `jpeg` and `webp`.
///
/// Browsers ignore leading spaces and control characters and tabs and line breaks anywhere in
/// a URL, so ` java\tscript:` is read as `javascript:`; the rule reads the scheme the same way.
public enum URLPolicy {
    private static let refused = ["javascript:", "vbscript:", "file:", "data:"]
    private static let allowedData = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
    /// Longer than every prefix above: the rest of a URL never changes the answer.
    private static let prefixLength = 16

    public static func allows(_ url: String) -> Bool {
        // Most URLs a page prints are paths, fragments or web addresses: answered without
        // building the prefix.
        if let first = url.utf8.first, first == UInt8(ascii: "/") || first == UInt8(ascii: "#") || first == UInt8(ascii: ".") {
            return true
        }
        if url.utf8.starts(with: "https://".utf8) || url.utf8.starts(with: "http://".utf8) { return true }
        let scheme = schemePrefix(of: url)
        guard refused.contains(where: scheme.hasPrefix) else { return true }
        return allowedData.contains(where: scheme.hasPrefix)
    }

    /// The URL's first bytes as a browser reads them, lowercased.
    private static func schemePrefix(of url: String) -> String {
        var prefix: [UInt8] = []
        for byte in url.utf8 {
            if prefix.isEmpty, byte <= 0x20 { continue }
            if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            prefix.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            if prefix.count == prefixLength { break }
        }
        return String(decoding: prefix, as: UTF8.self)
    }
}
