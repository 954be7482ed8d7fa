/// Ids a page has besides its headings': the theme's own (`<main id="main">`) and
/// cmark-gfm's footnotes (`fn-<label>`, `fnref-<label>`, `fnref-<label>-2`). Heading ids keep
/// clear of them, so that every id on a page is unique and `#main` always reaches the theme's
/// element.
public struct ReservedIDs: Sendable, Hashable {
    /// Ids a page may hold as written.
    public var ids: Set<String>
    /// Beginnings of ids a page may hold with any ending: footnotes', and a theme's ids whose
    /// text goes on with a value (`id="home-{{name}}"` reserves `home-`).
    public var prefixes: Set<String>

    public init(ids: Set<String> = [], prefixes: Set<String> = []) {
        self.ids = ids
        self.prefixes = prefixes
    }

    public static let footnotes = ReservedIDs(prefixes: ["fn-", "fnref-"])

    func startsWithReservedPrefix(_ id: String) -> Bool {
        prefixes.contains { id.hasPrefix($0) }
    }

    func isReserved(_ id: String) -> Bool {
        ids.contains(id) || startsWithReservedPrefix(id)
    }

    /// The footnotes' ids and every `id="…"` / `id='…'` attribute written in `templates`. An
    /// id that starts with a value (`id="{{slug}}"`) cannot be known before rendering and is
    /// not reserved.
    public static func footnotesAndIDs(in templates: [String]) -> ReservedIDs {
        var reserved = footnotes
        for template in templates {
            for value in attributeValues(named: "id", in: Array(template.utf8)) {
                guard let tag = value.firstRange(of: "{{") else {
                    reserved.ids.insert(value)
                    continue
                }
                let prefix = String(value[..<tag.lowerBound])
                if !prefix.isEmpty { reserved.prefixes.insert(prefix) }
            }
        }
        return reserved
    }

    /// The quoted values of `name=` attributes, found as text: an attribute name follows white
    /// space, which keeps `data-id=` and `grid=` out.
    private static func attributeValues(named name: String, in bytes: [UInt8]) -> [String] {
        let pattern = Array(name.utf8) + [UInt8(ascii: "=")]
        var values: [String] = []
        var index = 1
        while index + pattern.count < bytes.count {
            defer { index += 1 }
            guard bytes[index - 1] == 0x20 || bytes[index - 1] == 0x0A || bytes[index - 1] == 0x09,
                  bytes[index..<(index + pattern.count)].elementsEqual(pattern) else { continue }
            let quote = bytes[index + pattern.count]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { continue }
            let start = index + pattern.count + 1
            guard let end = bytes[start...].firstIndex(of: quote) else { break }
            values.append(String(decoding: bytes[start..<end], as: UTF8.self))
            index = end
        }
        return values
    }
}
