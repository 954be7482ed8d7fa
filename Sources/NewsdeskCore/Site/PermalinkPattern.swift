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
        if pattern.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) { return "cannot contain '.' or '..' segments" }
        return nil
    }

    /// Replaces each token in one pass over the pattern (it runs once per page; Foundation's
    /// `replacingOccurrences` went through NSString five times).
    public static func expand(_ pattern: String, section: String, slug: String, date: LocalDateComponents) -> String {
        var path = ""
        var rest = pattern[...]
        while let colon = rest.firstIndex(of: ":") {
            path += rest[..<colon]
            rest = rest[colon...]
            if rest.hasPrefix(":section") { path += section; rest = rest.dropFirst(8) }
            else if rest.hasPrefix(":year") { path += pad(date.year, 4); rest = rest.dropFirst(5) }
            else if rest.hasPrefix(":month") { path += pad(date.month); rest = rest.dropFirst(6) }
            else if rest.hasPrefix(":day") { path += pad(date.day); rest = rest.dropFirst(4) }
            else if rest.hasPrefix(":slug") { path += slug; rest = rest.dropFirst(5) }
            else { path += ":"; rest = rest.dropFirst() }
        }
        path += rest
        while path.hasPrefix("/") { path.removeFirst() }
        while path.contains("//") { path = path.replacingOccurrences(of: "//", with: "/") }
        return path
    }
}
