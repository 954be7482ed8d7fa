import Foundation
import Testing
@testable import NewsdeskCore

/// A small valid site with exactly one thing wrong, and the one diagnostic that must say so:
/// the list "What must be caught" of the validation issue, as data, so that the same cases
/// run in memory (`newsdesk check` as a call) and through the real executable (`build` must
/// fail and keep the previous output).
struct ProblemSite: Sendable, CustomTestStringConvertible {
    var name: String
    /// Files added to or replacing those of the valid site; nil deletes the file.
    var changes: [String: [UInt8]?]
    var expected: Expected

    struct Expected: Sendable {
        var path: String
        var line: Int?
        var column: Int?
        var severity: Diagnostic.Severity = .error
        /// Words the message must contain.
        var message: String
        var hint: String? = nil
    }

    var testDescription: String { name }

    init(_ name: String, _ changes: [String: String?], _ expected: Expected) {
        self.name = name
        self.changes = changes.mapValues { $0.map { Array($0.utf8) } }
        self.expected = expected
    }

    init(_ name: String, bytes changes: [String: [UInt8]?], _ expected: Expected) {
        self.name = name
        self.changes = changes
        self.expected = expected
    }

    /// Whether `diagnostic` is the one this case expects, to the line and column.
    func matches(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.path == expected.path && diagnostic.line == expected.line && diagnostic.column == expected.column
            && diagnostic.severity == expected.severity && diagnostic.message.contains(expected.message)
            && expected.hint.map { diagnostic.hint?.contains($0) == true } ?? true
    }

    // MARK: The valid site every case starts from

    static let agreement = "content/news/2023-11-23-agreement.md"

    static let validFiles: [String: String] = [
        "content/site.yml": "title: Problems\nbase_url: https://www.example.edu.cn/news-site/\ntime_zone: Asia/Shanghai\n",
        agreement: TestSite.item(title: "Cooperation Agreement", body: "Signed today.\n\n![Signing](/images/signing.svg)"),
        // SVG: published as it is, so the valid site needs no photo decoded.
        "content/images/signing.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"3\"/>",
    ]

    /// The valid site, as files in memory (theme included).
    static var validSourceFiles: [String: [UInt8]] {
        var files = TestSite.defaultThemeFiles()
        for (path, text) in validFiles { files[path] = Array(text.utf8) }
        return files
    }

    /// The valid site with this case's changes.
    var sourceFiles: [String: [UInt8]] {
        var files = Self.validSourceFiles
        for (path, bytes) in changes { files[path] = bytes }
        return files
    }

    /// Writes the valid site, theme included, into `directory`.
    static func writeValidSite(into directory: TemporaryDirectory) throws {
        try directory.installDefaultTheme()
        for (path, text) in validFiles { try directory.write(path, text) }
    }

    /// Applies this case's changes to a site written by `writeValidSite`.
    func apply(to directory: TemporaryDirectory) throws {
        for (path, bytes) in changes {
            let file = directory.url.appendingPathComponent(path)
            guard let bytes else {
                try FileManager.default.removeItem(at: file)
                continue
            }
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        }
    }
}
