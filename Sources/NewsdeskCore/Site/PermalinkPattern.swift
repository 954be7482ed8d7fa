import Foundation

/// A section's URL pattern such as `/:section/:year/:slug/`.
///
/// Patterns produce site paths without the base path and without a leading slash
/// (`news/2023/vsip-2023/`); a trailing slash means the page is written as `index.html`.
public enum PermalinkPattern {
    public static let tokens = [":section", ":year", ":month", ":day", ":slug"]

    /// Why a pattern cannot be used, or nil.
    public static func problem(in pattern: String) -> String? {
        guard pattern.hasPrefix("/") else { return "must start with '/'" }
        guard pattern.contains(":slug") else { return "must contain :slug, or two items would share a URL" }
        guard pattern.hasSuffix("/") || pattern.hasSuffix(".html") else { return "must end with '/' or '.html'" }
        var rest = pattern
        for token in tokens.sorted(by: { $0.count > $1.count }) { rest = rest.replacingOccurrences(of: token, with: "") }
        if rest.contains(":") { return "uses an unknown token (known: \(tokens.joined(separator: " ")))" }
        // Browsers and servers decode %2e in URLs, so `%2e%2e` is a `..` segment to them.
        let segments = pattern.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        if segments.contains(where: { $0 == ".." || $0 == "." || $0.contains("/") || $0.contains("\\") }) {
            return "cannot contain '.' or '..' segments, also not percent-encoded (%2e%2e)"
        }
        return nil
    }

    /// Replaces each token in one pass over the pattern's bytes, dropping leading slashes and
    /// empty segments (an empty token) on the way: it runs once per page of every build.
    public static func expand(_ pattern: String, section: String, slug: String, date: LocalDateComponents) -> String {
        let slash = UInt8(ascii: "/")
        var path: [UInt8] = []
        path.reserveCapacity(pattern.utf8.count + section.utf8.count + slug.utf8.count + 8)
        func append(_ bytes: some Sequence<UInt8>) {
            for byte in bytes where byte != slash || (!path.isEmpty && path.last != slash) { path.append(byte) }
        }
        func append(_ number: Int, width: Int) { append(pad(number, width).utf8) }
        let bytes = Array(pattern.utf8)
        var index = 0
        func token(_ name: StaticString) -> Bool {
            let count = name.utf8CodeUnitCount
            guard index + count <= bytes.count,
                  name.withUTF8Buffer({ $0.elementsEqual(bytes[index..<(index + count)]) }) else { return false }
            index += count
            return true
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: ":") {
                if token(":section") { append(section.utf8); continue }
                if token(":year") { append(date.year, width: 4); continue }
                if token(":month") { append(date.month, width: 2); continue }
                if token(":day") { append(date.day, width: 2); continue }
                if token(":slug") { append(slug.utf8); continue }
            }
            append(CollectionOfOne(bytes[index]))
            index += 1
        }
        return String(decoding: path, as: UTF8.self)
    }
}
