/// One problem found in the site's input, with the place an editor has to look.
///
/// Every stage reports problems as values instead of throwing at the first one, so a single
/// run can show an editor everything that is wrong.
public struct Diagnostic: Error, Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// Path relative to the site root, with `/` separators (`content/news/a.md`).
    public var path: String
    /// 1-based line in the original file, counting front-matter lines; nil when the whole file is meant.
    public var line: Int?
    /// 1-based column (in characters); nil when unknown.
    public var column: Int?
    public var severity: Severity
    public var message: String
    /// What the editor can do about it.
    public var hint: String?

    public init(
        path: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error,
        message: String, hint: String? = nil
    ) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.hint = hint
    }

    public static func error(
        _ message: String, path: String, line: Int? = nil, column: Int? = nil, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(path: path, line: line, column: column, severity: .error, message: message, hint: hint)
    }

    public static func warning(
        _ message: String, path: String, line: Int? = nil, column: Int? = nil, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(path: path, line: line, column: column, severity: .warning, message: message, hint: hint)
    }

    public var isError: Bool { severity == .error }
}

extension Diagnostic: Comparable {
    /// Sorted as a compiler sorts them: by file, then by position, then by text.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        if (lhs.column ?? 0) != (rhs.column ?? 0) { return (lhs.column ?? 0) < (rhs.column ?? 0) }
        return lhs.message < rhs.message
    }
}

/// Thrown by a stage that cannot produce anything useful, carrying everything it found.
public struct DiagnosticsError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

extension Array where Element == Diagnostic {
    /// `--strict`: a site that CI publishes should not carry warnings either.
    public func treatingWarningsAsErrors() -> [Diagnostic] {
        map { diagnostic in
            var promoted = diagnostic
            promoted.severity = .error
            return promoted
        }
    }

    public var hasErrors: Bool { contains(where: \.isError) }
    public var errorCount: Int { count(where: \.isError) }
    public var warningCount: Int { count(where: { !$0.isError }) }
}
