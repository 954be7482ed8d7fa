import Foundation

/// URL path segments made from names editors write.
///
/// Letters and digits of every script survive (a Chinese file name keeps its characters and is
/// percent-encoded in links, as Hugo and Zola do); everything else folds into single hyphens.
public enum Slug {
    /// `"VSIP 2023: Conference!"` → `"vsip-2023-conference"`, `"网络 安全"` → `"网络-安全"`.
    public static func make(from text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return makeFromASCII(text) }
        // NFKC changes neither ASCII nor the CJK Unified Ideographs (no decompositions, and
        // nothing composes with them): a Chinese heading skips Foundation's normalization.
        let isIdeographic = text.unicodeScalars.allSatisfy { $0.value < 0x80 || (0x4E00...0x9FFF).contains($0.value) }
        return make(fromNormalized: isIdeographic ? text : text.precomposedStringWithCompatibilityMapping)
    }

    /// `make` for text already in NFKC.
    static func make(fromNormalized normalized: String) -> String {
        var result = ""
        result.reserveCapacity(normalized.utf8.count)
        var pendingHyphen = false
        for scalar in normalized.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory == .nonspacingMark, !result.isEmpty {
                result.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return result
    }

    /// The same result for ASCII text, without Unicode normalization (the identity on ASCII),
    /// which was the cost of every heading id.
    private static func makeFromASCII(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for byte in text.utf8 {
            let lower = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) {
                if pendingHyphen && !bytes.isEmpty { bytes.append(0x2D) }
                pendingHyphen = false
                bytes.append(lower)
            } else {
                pendingHyphen = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The file or bundle name without a leading `YYYY-MM-DD-` date, slugified.
    public static func fromFileName(_ name: String) -> String {
        make(from: stripDatePrefix(name))
    }

    /// `2023-11-23-agreement`, `2023_11_23_agreement` and, as file names typed in sentences
    /// come, `2023-11-23 Our Visit` all lose their date.
    static func stripDatePrefix(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard bytes.count > 11 else { return name }
        let pattern: [Bool] = [true, true, true, true, false, true, true, false, true, true, false]
        for (index, isDigit) in pattern.enumerated() {
            let byte = bytes[index]
            let isSeparator = byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || (index == 10 && byte == UInt8(ascii: " "))
            if isDigit ? !(48...57).contains(byte) : !isSeparator {
                return name
            }
        }
        return String(decoding: bytes[11...], as: UTF8.self)
    }

    /// Why an explicit `slug:` cannot be used as one path segment, or nil when it can.
    public static func problem(with slug: String) -> String? {
        if slug.isEmpty { return "is empty" }
        if slug == "." || slug == ".." { return "cannot be '.' or '..'" }
        // Browsers and servers decode %2e and %2f in URLs: `%2e%2e` is `..` to them.
        if slug.contains("%"), let decoded = slug.removingPercentEncoding, decoded != slug {
            if decoded == "." || decoded == ".." { return "cannot be '.' or '..', also when percent-encoded (%2e)" }
            if decoded.contains("/") || decoded.contains("\\") { return "cannot contain '/' or '\\', also when percent-encoded (%2f)" }
        }
        return slug.utf8.allSatisfy({ $0 < 0x80 }) ? asciiProblem(with: slug) : characterProblem(with: slug)
    }

    static func characterProblem(with slug: String) -> String? {
        if slug.contains("/") || slug.contains("\\") { return "cannot contain '/' or '\\'" }
        if slug.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "cannot contain control characters"
        }
        if slug.hasPrefix(".") { return "cannot start with '.'" }
        return nil
    }

    /// The same checks, byte by byte, for ASCII slugs (nearly all): every item with a `slug:`
    /// is checked, and Foundation's `contains` searched the text twice through NSString.
    static func asciiProblem(with slug: String) -> String? {
        let bytes = slug.utf8
        if bytes.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }) { return "cannot contain '/' or '\\'" }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "cannot contain control characters" }
        if bytes.first == UInt8(ascii: ".") { return "cannot start with '.'" }
        return nil
    }
}
