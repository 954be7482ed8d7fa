import Foundation

/// Prints diagnostics for people (compiler style), for scripts (JSON) or for GitHub Actions.
public struct DiagnosticFormatter: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, github
    }

    public var format: Format
    public var useColor: Bool

    public init(format: Format = .text, useColor: Bool = false) {
        self.format = format
        self.useColor = useColor
    }

    /// The whole report: every diagnostic, sorted, then a count line for text output.
    public func report(_ diagnostics: [Diagnostic]) -> String {
        let sorted = diagnostics.sorted()
        switch format {
        case .text:
            var lines = sorted.map(text(for:))
            if !sorted.isEmpty { lines.append(Self.countLine(sorted)) }
            return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
        case .github:
            return sorted.map(github(for:)).map { $0 + "\n" }.joined()
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(sorted)) ?? Data("[]".utf8)
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }

    /// `content/news/a.md:4:7: error: message` followed by an indented hint line.
    public func text(for diagnostic: Diagnostic) -> String {
        var place = Self.escapingControlCharacters(diagnostic.path)
        if let line = diagnostic.line {
            place += ":\(line)"
            if let column = diagnostic.column { place += ":\(column)" }
        }
        let label = diagnostic.severity.rawValue
        let coloredLabel = useColor ? color(label, for: diagnostic.severity) : label
        var result = "\(place): \(coloredLabel): \(Self.escapingControlCharacters(diagnostic.message))"
        if let hint = diagnostic.hint { result += "\n  hint: \(Self.escapingControlCharacters(hint))" }
        return result
    }

    /// A file may be named `fake.md\ncontent/a.md:1:1: error: …`, and a terminal obeys escape
    /// sequences: every control character is printed as an escape (`\n`, `\u{1B}`), so each
    /// diagnostic stays one line of text and shows what the name really holds.
    public static func escapingControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where isControl(scalar): escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    public func github(for diagnostic: Diagnostic) -> String {
        var properties = ["file=\(Self.escapeProperty(diagnostic.path))"]
        if let line = diagnostic.line { properties.append("line=\(line)") }
        if let column = diagnostic.column { properties.append("col=\(column)") }
        var message = diagnostic.message
        if let hint = diagnostic.hint { message += " (\(hint))" }
        return "::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))::\(Self.escapeData(message))"
    }

    public static func countLine(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.errorCount
        let warnings = diagnostics.warningCount
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }

    private func color(_ label: String, for severity: Diagnostic.Severity) -> String {
        let code = severity == .error ? "1;31" : "1;33"
        return "\u{1B}[\(code)m\(label)\u{1B}[0m"
    }

    // GitHub's workflow-command escaping: https://github.com/actions/toolkit (core/src/command.ts)
    private static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
