/// Whether the theme's search client reads the index this newsdesk writes.
///
/// A theme written out with `newsdesk theme copy` keeps the `static/js/search.js` of its day,
/// and a later index format leaves its search box finding nothing, with the reason only in the
/// reader's browser console. The client declares the format it reads (`var FORMAT = 5;`), so
/// the build can say which file is out of date, where, and what to do, before anyone publishes
/// it. The built-in theme's script always matches (a test holds it to
/// `SearchIndexLayout.format`), so only a theme's own copy is ever reported.
struct SearchScriptCheck {
    /// Where the default theme's client lies among a theme's static files.
    static let scriptOutput = "js/search.js"

    let source: any SiteSource

    /// A warning for a script that declares another format, or none.
    func problems(theme: Theme) -> [Diagnostic] {
        guard let script = theme.staticFiles.first(where: { $0.output == Self.scriptOutput }) else { return [] }
        // A file that cannot be read is reported, as an error, where the theme's static files
        // are copied (`ListingStage`); a warning here would only say it again.
        guard let bytes = try? source.read(script.source) else { return [] }
        let text = String(decoding: bytes, as: UTF8.self)
        let current = SearchIndexLayout.format
        let hint = "copy this file again from a fresh copy of the built-in theme (`newsdesk theme copy scratch` writes one to themes/scratch/; remove that folder afterwards)"
        guard let declared = Self.declaredFormat(in: text) else {
            return [.warning("this search script does not say which search index format it reads (`var FORMAT = \(current);`); "
                             + "the index is in format \(current), which a script copied before 2026-12-07 cannot read",
                             path: script.source, hint: hint)]
        }
        guard declared.format != current else { return [] }
        return [.warning("this search script reads search index format \(declared.format), but newsdesk writes format \(current): "
                         + "the site's search will find nothing", path: script.source, line: declared.line, column: declared.column, hint: hint)]
    }

    /// The number of the first `FORMAT = <digits>` in `text`, with the line and column (in
    /// characters, 1-based) where the number starts.
    static func declaredFormat(in text: String) -> (format: Int, line: Int, column: Int)? {
        for (offset, lineText) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let name = lineText.range(of: "FORMAT") else { continue }
            // A whole word: not `INDEX_FORMAT` or `FORMATS`.
            if let before = lineText[..<name.lowerBound].last, before.isLetter || before.isNumber || before == "_" || before == "$" { continue }
            var rest = lineText[name.upperBound...].drop { $0 == " " || $0 == "\t" }
            guard rest.first == "=" else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let format = Int(digits) else { continue }
            let column = lineText.distance(from: lineText.startIndex, to: digits.startIndex) + 1
            return (format, offset + 1, column)
        }
        return nil
    }
}
