import Yams

/// Composes the YAML that editors, designers and site maintainers write (front matter,
/// `site.yml`, `theme.yml`, a theme's words), reporting problems at lines of the original file.
///
/// Scalars keep the text the editor typed: nodes are composed with Yams' `basic` resolver, and
/// `YAMLFieldReader` decides each field's type (see there for the YAML 1.1 traps).
///
/// Aliases are refused before Yams sees the text. Yams replaces an alias with the value its
/// anchor names, so nine lines of anchors and aliases ("billion laughs") describe 10⁹ values;
/// anything that walks them (Yams hashing an alias used as a key, templates reading the
/// value) never finishes. News front matter has no use for them.
enum YAMLDocument {
    /// Yams' default encoding, asked once: `Parser.Encoding.default` copies the whole process
    /// environment to look for an override each time it is read, which cost more than
    /// parsing a front matter. Read once, the override (`YAMS_DEFAULT_ENCODING`) still holds.
    /// Kept by name: Yams' enum is not declared Sendable.
    private static let yamsEncodingName = Parser.Encoding.default.rawValue


    static func compose(_ text: String, path: String, lineOffset: Int) -> Result<Node?, Diagnostic> {
        if let alias = YAMLAliasScanner.firstResolvableAlias(in: text) {
            return .failure(.error("YAML aliases such as '*\(alias.name)' are not supported", path: path,
                                   line: alias.line + lineOffset, column: alias.column,
                                   hint: "write the value out in full; text that starts with * or & must be in quotes"))
        }
        do {
            return .success(try Yams.compose(yaml: text, .basic, .default, Parser.Encoding(rawValue: yamsEncodingName) ?? .utf8))
        } catch {
            return .failure(YAMLErrorTranslator.diagnostic(for: error, path: path, lineOffset: lineOffset))
        }
    }
}

/// Finds an alias (`*name`) whose anchor (`&name`) the same text defines, without parsing.
///
/// Both are looked for wherever a YAML token can start: at the start of a line or after a
/// space, a tab, `[`, `{`, `,` or `:`, and after the last byte of any non-ASCII character
/// (YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029). That finds every real anchor and
/// alias, and a few look-alikes such as `*emphasis*` in a quoted title; a look-alike is reported
/// only when a look-alike anchor of the same name exists too. An alias without an anchor needs
/// no search: Yams rejects it before expanding anything.
enum YAMLAliasScanner {
    struct Alias: Equatable {
        var name: String
        /// 1-based line and column within the YAML text.
        var line: Int
        var column: Int
    }

    static func firstResolvableAlias(in text: String) -> Alias? {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "*")), bytes.contains(UInt8(ascii: "&")) else { return nil }
        var anchors = Set<ArraySlice<UInt8>>()
        var aliases: [(name: ArraySlice<UInt8>, offset: Int)] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isMarker = byte == UInt8(ascii: "&") || byte == UInt8(ascii: "*")
            guard isMarker, index == 0 || mayStartToken(after: bytes[index - 1]) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            if end > index + 1 {
                let name = bytes[(index + 1)..<end]
                if byte == UInt8(ascii: "&") { anchors.insert(name) } else { aliases.append((name, index)) }
            }
            index = max(end, index + 1)
        }
        guard let first = aliases.first(where: { anchors.contains($0.name) }) else { return nil }
        let lineStart = bytes[..<first.offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return Alias(name: String(decoding: first.name, as: UTF8.self),
                     line: bytes[..<first.offset].count(where: { $0 == 0x0A }) + 1,
                     column: String(decoding: bytes[lineStart..<first.offset], as: UTF8.self).count + 1)
    }

    private static func mayStartToken(after byte: UInt8) -> Bool {
        switch byte {
        case 0x0A, 0x20, 0x09, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"): return true
        default: return byte >= 0x80
        }
    }

    /// libyaml's anchor names: ASCII letters, digits, `_` and `-`.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
