import Foundation
import Testing
@testable import NewsdeskCore

/// axe-core in headless Chromium (Tests/Scripts/check_accessibility.py) over every kind of page
/// of the example site in both languages, at a desktop and a phone width: WCAG 2.1 A and AA.
@Suite("Default theme accessibility")
struct AccessibilityTests {
    static let pageKinds = [
        "", "news/", "news/page/2/", "news/2023/", "news/2023/cybersecurity-cooperation-agreement/", "cooperation/",
        "tags/", "tags/cooperation/", "404.html",
        "zh/", "zh/news/", "zh/news/2023/", "zh/news/2023/cybersecurity-cooperation-agreement/", "zh/tags/", "zh/404.html",
    ]

    @Test func everyKindOfPageInBothLanguagesHasNoWCAG21AAViolations() throws {
        let work = try TemporaryDirectory()
        let output = work.url.appendingPathComponent("output")
        let build = try NewsdeskBinary.run(["build", "--site", TestSite.repositoryRoot.path, "--output", output.path])
        #expect(build.status == 0, "\(build.standardError)")
        for page in Self.pageKinds {
            let file = page.isEmpty || page.hasSuffix("/") ? page + "index.html" : page
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), "\(file) was not built")
        }
        let script = TestSite.repositoryRoot.appendingPathComponent("Tests/Scripts/check_accessibility.py").path
        let (status, report) = try ExternalTool.run(["python3", script, output.path, "/news-site/"] + Self.pageKinds)
        #expect(status == 0, "\(report)")
        #expect(report.contains("\(Self.pageKinds.count) pages checked at 2 widths, 0 violations"), "\(report)")
    }
}
