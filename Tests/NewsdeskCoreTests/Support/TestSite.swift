import Foundation
@testable import NewsdeskCore

/// Small sites written inline, built in memory: the pipeline never touches the disk here.
enum TestSite {
    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures")

    /// A fixed clock so that future-dated items and outputs never depend on the day tests run.
    static let now = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z

    /// An item with front matter built from `fields` and `body`.
    static func item(title: String = "Title", date: String = "2023-11-23", extra: String = "", body: String = "Body text.") -> String {
        "---\ntitle: \"\(title)\"\ndate: \(date)\n\(extra)---\n\(body)\n"
    }

    /// The default theme from the repository, loaded into memory under `themes/default/`.
    static func defaultThemeFiles() -> [String: [UInt8]] {
        let source = DiskSiteSource(root: repositoryRoot)
        var files: [String: [UInt8]] = [:]
        for path in source.files(under: "themes/default").paths { files[path] = try? source.read(path) }
        return files
    }

    static func source(_ files: [String: String], theme: Bool = true) -> InMemorySiteSource {
        var bytes = files.mapValues { Array($0.utf8) }
        if theme { bytes.merge(defaultThemeFiles()) { own, _ in own } }
        return InMemorySiteSource(bytes: bytes)
    }

    static func build(_ files: [String: String], options: BuildOptions = BuildOptions(now: now)) async -> (BuildResult, InMemoryOutput) {
        let output = InMemoryOutput()
        let result = await SiteBuilder(source: source(files), options: options).build(into: output)
        return (result, output)
    }
}

extension Array where Element == Diagnostic {
    /// `path:line: message` lines, for readable expectation failures.
    var summary: String { map { "\($0.path):\($0.line ?? 0): \($0.severity.rawValue): \($0.message)" }.joined(separator: "\n") }
}
