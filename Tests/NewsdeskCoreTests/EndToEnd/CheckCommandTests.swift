import Foundation
import Testing
@testable import NewsdeskCore

/// `newsdesk check` and the way `check` and `build` report problems, as editors and CI see it.
@Suite("Check and reporting")
struct CheckCommandTests {
    /// The valid site with a bad date, a broken link, a photo without alt text and a loose item.
    static func siteWithProblems() throws -> TemporaryDirectory {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        try site.write("content/news/2023-11-22-forum.md", "---\ntitle: Forum\ndate: 2023-11-31\n---\nBody.\n")
        try site.write("content/news/2023-11-20-visit.md", TestSite.item(title: "Visit", date: "2023-11-20",
                                                                         body: "See [the forum](forum.md).\n\n![](/images/signing.svg)"))
        try site.write("content/loose.md", TestSite.item(title: "Loose"))
        return site
    }

    @Test func checkPrintsEveryProblemSortedByFileAndLineThenACount() throws {
        let site = try Self.siteWithProblems()
        let run = try NewsdeskBinary.run(["check", "--site", site.url.path])
        #expect(run.status == 1)
        let locations = run.standardOutput.split(separator: "\n").filter { !$0.hasPrefix("  hint:") }.map { $0.prefix { $0 != " " } }
        #expect(locations == [
            "content/loose.md:", "content/news/2023-11-20-visit.md:5:5:", "content/news/2023-11-20-visit.md:7:1:",
            "content/news/2023-11-22-forum.md:3:7:", "3",
        ], "\(run.standardOutput)")
        #expect(run.standardOutput.contains("content/news/2023-11-22-forum.md:3:7: error: the date '2023-11-31' is impossible: day 31 does not exist in that month\n  hint: dates look like 2023-11-23 or 2023-11-23T09:30:00+08:00\n"))
        #expect(run.standardOutput.hasSuffix("3 errors, 1 warning\n"))
    }

    @Test func checkWritesNothing() throws {
        let site = try Self.siteWithProblems()
        let before = site.snapshot()
        #expect(try NewsdeskBinary.run(["check", "--site", site.url.path]).status == 1)
        try FileManager.default.removeItem(at: site.url.appendingPathComponent("content/loose.md"))
        try FileManager.default.removeItem(at: site.url.appendingPathComponent("content/news/2023-11-22-forum.md"))
        try site.write("content/news/2023-11-20-visit.md", TestSite.item(title: "Visit", date: "2023-11-20"))
        let clean = site.snapshot()
        #expect(try NewsdeskBinary.run(["check", "--site", site.url.path]).status == 0)
        #expect(site.snapshot() == clean)
        #expect(before.count == clean.count + 2)
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("output").path))
    }

    @Test func aCleanSiteSaysSoAndExitsWithZero() throws {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        let run = try NewsdeskBinary.run(["check", "--site", site.url.path])
        #expect(run.status == 0)
        #expect(run.standardOutput == "No problems found.\n")
    }

    @Test func warningsPassUnlessStrictTurnsThemIntoErrors() throws {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        try site.write("content/news/2023-11-20-visit.md", TestSite.item(title: "Visit", body: "![](/images/signing.svg)"))
        let relaxed = try NewsdeskBinary.run(["check", "--site", site.url.path])
        #expect(relaxed.status == 0)
        #expect(relaxed.standardOutput.contains("content/news/2023-11-20-visit.md:5:1: warning: the image '/images/signing.svg' has no alt text"))
        let strict = try NewsdeskBinary.run(["check", "--site", site.url.path, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.standardOutput.contains("5:1: error: the image"))
        #expect(strict.standardOutput.hasSuffix("1 error, 0 warnings\n"))

        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path]).status == 0)
        let before = site.snapshot("output")
        try site.write("content/news/2023-11-21-second.md", TestSite.item(title: "Second", body: "![](/images/signing.svg)"))
        let strictBuild = try NewsdeskBinary.run(["build", "--site", site.url.path, "--strict"])
        #expect(strictBuild.status == 1)
        #expect(site.snapshot("output") == before)
    }

    @Test func jsonListsEveryDiagnosticForScripts() throws {
        let site = try Self.siteWithProblems()
        let run = try NewsdeskBinary.run(["check", "--site", site.url.path, "--format", "json"])
        #expect(run.status == 1)
        let diagnostics = try JSONDecoder().decode([Diagnostic].self, from: Data(run.standardOutput.utf8))
        #expect(diagnostics.map(\.path) == ["content/loose.md"] + Array(repeating: "content/news/2023-11-20-visit.md", count: 2) + ["content/news/2023-11-22-forum.md"])
        #expect(diagnostics.last?.line == 3)
        #expect(diagnostics.last?.column == 7)
        #expect(diagnostics.map(\.severity) == [.error, .error, .warning, .error])

        let build = try NewsdeskBinary.run(["build", "--site", site.url.path, "--format", "json"])
        #expect(build.status == 1)
        #expect(try JSONDecoder().decode([Diagnostic].self, from: Data(build.standardError.utf8)) == diagnostics)
    }

    @Test func githubFormatAnnotatesTheFilesInAPullRequest() throws {
        let site = try Self.siteWithProblems()
        let check = try NewsdeskBinary.run(["check", "--site", site.url.path, "--format", "github"])
        #expect(check.status == 1)
        #expect(check.standardOutput.contains("::error file=content/news/2023-11-22-forum.md,line=3,col=7::the date '2023-11-31' is impossible"))
        #expect(check.standardOutput.contains("::warning file=content/news/2023-11-20-visit.md,line=7,col=1::"))
        let build = try NewsdeskBinary.run(["build", "--site", site.url.path, "--format", "github"])
        #expect(build.status == 1)
        #expect(build.standardError.contains("::error file=content/loose.md::this item is in no section"))
    }

    @Test(arguments: [
        ["check", "--format", "yaml"], ["check", "--verbose"], ["check", "--site", "/nonexistent-site"],
        ["build", "--base-url", "ftp://example.edu.cn/"], ["build", "--output", "/"], ["frobnicate"],
    ])
    func usageErrorsExitWithTwo(_ arguments: [String]) throws {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        let run = try NewsdeskBinary.run(arguments + (arguments.contains("--site") ? [] : ["--site", site.url.path]))
        #expect(run.status == 2, "\(run.standardError)")
        #expect(run.standardError.lowercased().contains("error"))
    }

    @Test(arguments: ["check", "build"])
    func aBrokenSiteYmlIsAConfigurationErrorWithStatusTwo(_ command: String) throws {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        try site.write("content/site.yml", "title: Problems\ntime_zone: Asia/Harbin City\n")
        let run = try NewsdeskBinary.run([command, "--site", site.url.path])
        #expect(run.status == 2)
        #expect((run.standardOutput + run.standardError).contains("content/site.yml:2:12: error: unknown time zone 'Asia/Harbin City'"))
    }

    @Test func colourOnlyOnATerminal() throws {
        let site = try Self.siteWithProblems()
        let piped = try NewsdeskBinary.run(["check", "--site", site.url.path])
        #expect(!piped.standardOutput.contains("\u{1B}["))
        // `script` (util-linux, on every Debian) runs the command on a pseudo-terminal.
        let command = "\(NewsdeskBinary.url.path) check --site \(site.url.path)"
        let terminal = try Self.runOnTerminal(command, environment: [:])
        #expect(terminal.contains("\u{1B}[1;31merror\u{1B}[0m: the date"), "\(terminal)")
        let noColor = try Self.runOnTerminal(command, environment: ["NO_COLOR": "1"])
        #expect(noColor.contains("error: the date"))
        #expect(!noColor.contains("\u{1B}["))
    }

    static func runOnTerminal(_ command: String, environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }.filter { key, _ in
            key != "NO_COLOR" || environment["NO_COLOR"] != nil
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
