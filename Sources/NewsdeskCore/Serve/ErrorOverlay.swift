import Foundation

/// What the browser overlay shows when a rebuild fails: one `file:line: message` line per
/// problem, as the terminal prints them, so the editor knows where to look without switching
/// windows. The page underneath stays the last good version.
///
/// The browser receives this as JSON and puts each line into the page with `textContent`,
/// so a message quoting the editor's HTML can never run as markup.
public struct ErrorOverlay: Sendable, Equatable, Codable {
    public var title: String
    public var lines: [String]

    public init(diagnostics: [Diagnostic]) {
        let errors = diagnostics.errorCount
        title = "The last change broke the build (\(errors) error\(errors == 1 ? "" : "s")); showing the last good version."
        let formatter = DiagnosticFormatter(format: .text, useColor: false)
        lines = diagnostics.sorted().filter(\.isError).map(formatter.text(for:))
    }

    /// One line of JSON (no raw newlines), ready for an SSE `data:` field.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return #"{"lines":[],"title":"The build failed."}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
