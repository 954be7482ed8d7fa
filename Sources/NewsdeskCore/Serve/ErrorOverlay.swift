import Foundation

/// What the browser overlay shows when a rebuild fails: one `file:line: message` line per
/// problem, as the terminal prints them, so the editor knows where to look without switching
/// windows. The page underneath stays the last good version.
///
/// The browser receives this as JSON and puts each line into the page with `textContent`,
/// so a message quoting the editor's HTML can never run as markup.
///
/// On a phone the overlay shows one block per problem, its file and line first, and the
/// overlay's own words (`words`) in the language of the page under it (`<html lang>`), English
/// when the preview has no words for that language.
public struct ErrorOverlay: Sendable, Equatable, Codable {
    public var title: String
    public var lines: [String]
    public var problems: [Problem]
    /// Language code → the overlay's own words.
    public var words: [String: Words]

    public struct Problem: Sendable, Equatable, Codable {
        /// `content/news/a.md:3:7`
        public var place: String
        public var message: String
        public var hint: String?
    }

    public struct Words: Sendable, Equatable, Codable {
        public var title: String
        public var note: String
        public var hide: String
    }

    public init(diagnostics: [Diagnostic]) {
        let errors = diagnostics.errorCount
        title = "The last change broke the build (\(errors) error\(errors == 1 ? "" : "s")); showing the last good version."
        let formatter = DiagnosticFormatter(format: .text, useColor: false)
        let shown = diagnostics.sorted().filter(\.isError)
        lines = shown.map(formatter.text(for:))
        problems = shown.map { diagnostic in
            let place = [diagnostic.path, diagnostic.line.map(String.init), diagnostic.line == nil ? nil : diagnostic.column.map(String.init)]
                .compactMap { $0 }.joined(separator: ":")
            return Problem(place: place, message: diagnostic.message, hint: diagnostic.hint)
        }
        words = [
            "en": Words(title: title, note: "Fix the file and save: this page reloads by itself.", hide: "Hide"),
            "zh": Words(title: "最近的修改使构建失败（\(errors) 个错误），下面显示的是上一个正确的版本。",
                        note: "改正文件并保存，本页会自动重新加载。", hide: "隐藏"),
        ]
    }

    /// One line of JSON (no raw newlines), ready for an SSE `data:` field.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return #"{"lines":[],"problems":[],"title":"The build failed.","words":{}}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
