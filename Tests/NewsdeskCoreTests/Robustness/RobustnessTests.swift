import Foundation
import Testing
@testable import NewsdeskCore

/// Whatever bytes arrive in a `.md` file, parsing and rendering finish, and the file either
/// becomes a page or is explained by an error at a line of that file. The time limit turns a
/// hang into a failure; it is not a speed requirement.
@Suite("Robustness", .timeLimit(.minutes(2)))
struct RobustnessTests {
    static let path = "content/news/2023-11-23-fuzz.md"
    static let file = ContentClassifier(languageCodes: ["en", "zh"]).classify([path]).markdown[0]
    static let parser = ItemParser(config: SiteConfig())
    static let renderer = MarkdownRenderer(options: SiteConfig.Markdown())

    /// A small site for links to resolve against, so broken links are reported too.
    static let links: SiteLinkResolver = {
        let inputs = SiteInputs(config: SiteConfig(), items: [], indexes: [], contentFiles: ["content/images/signing.svg"], themeFiles: [])
        let (site, _) = SiteGraphResolver(filter: PublicationFilter(includeDrafts: true, includeFuture: true, now: NewsDate(TestSite.now))).resolve(inputs)
        return SiteLinkResolver(site: site, allItems: [])
    }()

    enum Outcome { case page, explained }

    /// Parses and renders `bytes` as `check` does, and records every broken promise.
    @discardableResult
    static func exercise(_ bytes: [UInt8], comment: @autoclosure () -> String) -> Outcome {
        let parsed = parser.parse(file, bytes: bytes)
        let lineCount = lines(in: bytes)
        var diagnostics = parsed.diagnostics
        if let body = parsed.body, let bodyFirstLine = parsed.item?.bodyFirstLine ?? firstBodyLine(bytes) {
            let rendered = renderer.render(body, path: path, bodyFirstLine: bodyFirstLine, links: links)
            // Foundation's searches: these run over megabytes of HTML in a debug build.
            #expect(rendered.html.range(of: "\u{0}") == nil, "NUL in HTML: \(comment())")
            #expect(rendered.html.range(of: "<script", options: .caseInsensitive) == nil, "raw HTML leaked: \(comment())")
            diagnostics += rendered.diagnostics
        }
        for diagnostic in diagnostics {
            #expect(diagnostic.path == path && !diagnostic.message.isEmpty, "\(comment())")
            #expect(diagnostic.line.map { (1...lineCount).contains($0) } ?? true, "line \(diagnostic.line ?? 0) of \(lineCount): \(comment())")
            #expect(diagnostic.column.map { $0 >= 1 } ?? true, "\(comment())")
        }
        if parsed.item != nil {
            #expect(!parsed.diagnostics.hasErrors, "\(comment())")
            return .page
        }
        #expect(parsed.diagnostics.hasErrors, "a file was dropped without an error: \(comment())")
        return .explained
    }

    /// Lines as editors' editors count them: `\n`, `\r\n` and a lone `\r` each end one.
    /// (memchr: a byte loop takes a second over 10 MB in a debug build.)
    static func lines(in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { buffer in
            guard let start = buffer.baseAddress else { return 1 }
            var count = 1
            for byte in [0x0A, 0x0D] as [Int32] {
                var position = start
                while let found = memchr(position, byte, buffer.count - (position - start)) {
                    let offset = UnsafeRawPointer(found) - start
                    if byte == 0x0A || offset + 1 == buffer.count || buffer[offset + 1] != 0x0A { count += 1 }
                    position = UnsafeRawPointer(found) + 1
                }
            }
            return count
        }
    }

    /// Where the body starts when front matter was rejected (for rendering it anyway).
    static func firstBodyLine(_ bytes: [UInt8]) -> Int? {
        guard case .success(let text) = SourceText.decode(bytes, path: path),
              case .success(let split) = FrontMatterSplit.split(text, path: path) else { return nil }
        return split.bodyFirstLine
    }

    static func seeds() throws -> [[UInt8]] {
        let source = DiskSiteSource(root: TestSite.repositoryRoot)
        return try source.files(under: "content").paths.filter { $0.hasSuffix(".md") }.map { try source.read($0) }
    }

    @Test func thousandsOfRandomAndMutatedFilesBecomePagesOrErrors() throws {
        let seeds = try Self.seeds()
        var random = RandomDocuments(seed: 20_231_123)
        var pages = 0, explained = 0
        let cases = 3_000
        for number in 0..<cases {
            let bytes: [UInt8]
            switch number % 3 {
            case 0: bytes = random.document()
            case 1: bytes = random.mutate(random.pick(seeds), others: seeds)
            default: bytes = random.mutate(random.document(), others: seeds)
            }
            switch Self.exercise(bytes, comment: "case \(number): \(String(decoding: bytes.prefix(300), as: UTF8.self).debugDescription)") {
            case .page: pages += 1
            case .explained: explained += 1
            }
        }
        print("Robustness: \(cases) random and mutated files ran: \(pages) became pages, \(explained) were rejected with errors")
        #expect(pages + explained == cases)
        // Both kinds must be common, or the generator has stopped exploring.
        #expect(pages > cases / 10 && explained > cases / 10)
    }

    @Test(arguments: PathologicalFile.all)
    func pathologicalFilesFinishWithAPageOrAnError(_ file: PathologicalFile) {
        let outcome = Self.exercise(file.bytes, comment: file.name)
        #expect(outcome == file.expected, "\(file.name)")
    }
}

/// Inputs known to break parsers: each names whether it must still become a page.
struct PathologicalFile: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var expected: RobustnessTests.Outcome
    var testDescription: String { name }

    static let frontMatter = "---\ntitle: Stress\ndate: 2023-11-23\n---\n"

    static func page(_ name: String, body: String) -> PathologicalFile {
        PathologicalFile(name: name, bytes: Array((frontMatter + body).utf8), expected: .page)
    }

    static func error(_ name: String, _ text: String) -> PathologicalFile {
        PathologicalFile(name: name, bytes: Array(text.utf8), expected: .explained)
    }

    static let laughs = (1...9).map { level in
        level == 1 ? "l1: &l1 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            : "l\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", "))]\n"
    }.joined()

    static let all: [PathologicalFile] = [
        page("a 10 MB line", body: String(repeating: "lorem ipsum *dolor* sit amet ", count: 350_000)),
        page("a 200 KB word", body: String(repeating: "x", count: 200_000)),
        PathologicalFile(name: "a 200 KB title", bytes: Array(("---\ntitle: " + String(repeating: "t", count: 200_000)
                                                            + "\ndate: 2023-11-23\n---\nBody\n").utf8), expected: .page),
        page("100,000 nested block quotes", body: String(repeating: ">", count: 100_000) + " deep\n"),
        page("10,000 nested lists", body: String(repeating: "- ", count: 10_000) + "deep\n"),
        page("100,000 open brackets", body: String(repeating: "[", count: 100_000) + "x" + String(repeating: "](y)", count: 100)),
        page("40,000 emphasis markers", body: String(repeating: "*a _b ", count: 20_000)),
        page("20,000 nested images without alt text", body: String(repeating: "![[", count: 20_000) + String(repeating: "]()", count: 20_000)),
        page("a table with 5,000 columns", body: String(repeating: "| a ", count: 5_000) + "|\n" + String(repeating: "|---", count: 5_000) + "|\n"),
        page("50,000 backticks", body: String(repeating: "`", count: 50_000) + " code"),
        page("NUL bytes after the first 8 KB", body: String(repeating: "text ", count: 2_000) + "\u{0}\u{0}nul\u{0}\n"),
        page("20,000 lone carriage returns", body: String(repeating: "a\r", count: 20_000)),
        error("NUL at the start: a binary file", "\u{0}" + frontMatter),
        error("NUL inside front matter after 8 KB", "---\ntitle: \(String(repeating: "t", count: 9_000))\u{0}\ndate: 2023-11-23\n---\n"),
        PathologicalFile(name: "invalid UTF-8 after 200 KB", bytes: Array((frontMatter + String(repeating: "a", count: 200_000)).utf8) + [0xC3, 0x28],
                         expected: .explained),
        error("billion laughs in values", "---\ntitle: Laughs\ndate: 2023-11-23\n\(laughs)---\n"),
        error("billion laughs in keys", "---\ntitle: Laughs\ndate: 2023-11-23\n\(laughs)? *l9\n: one\n? *l8\n: two\n---\n"),
        error("YAML nested 100,000 deep in brackets", "---\ntitle: " + String(repeating: "[", count: 100_000) + "\n---\n"),
        error("YAML nested 10,000 deep in lists", "---\n" + String(repeating: "- ", count: 10_000) + "deep\n---\n"),
        error("an unclosed front matter of 200 KB", "---\n" + String(repeating: "title: again\n", count: 16_000)),
        error("only a byte-order mark", "\u{FEFF}"),
    ]
}

extension RobustnessTests.Outcome: Equatable {}
