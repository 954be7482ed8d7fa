import Foundation
import Testing
@testable import NewsdeskCore

/// `newsdesk build` never loses the published site: not on an error, not on a wrong
/// `--output`, not when it is interrupted.
@Suite("The output is never lost")
struct OutputSafetyTests {
    static func leftoverStagingFolders(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("staging") }
    }

    @Test(arguments: ProblemSite.errors)
    func aBuildWithAnErrorFailsAndLeavesTheOutputByteForByte(_ problem: ProblemSite) throws {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path]).status == 0)
        let before = site.snapshot("output")
        #expect(before.count > 5)

        try problem.apply(to: site)
        let run = try NewsdeskBinary.run(["build", "--site", site.url.path])
        #expect(run.status == (problem.expected.path == SiteConfigParser.path ? 2 : 1))
        let place = [problem.expected.path] + [problem.expected.line, problem.expected.column].compactMap { $0.map(String.init) }
        #expect(run.standardError.contains("\(place.joined(separator: ":")): error: "), "\(run.standardError)")
        #expect(run.standardError.contains("was left as it was"))
        #expect(site.snapshot("output") == before)
        #expect(try Self.leftoverStagingFolders(in: site.url).isEmpty)
    }

    @Test(arguments: [
        ("the site folder", "site"), ("content/", "site/content"), ("themes/", "site/themes"),
        ("a folder inside content/", "site/content/news"), ("the folder holding the site", "."),
        ("a folder of other files", "documents"), ("a file", "documents/notes.txt"),
    ])
    func aDangerousOutputFolderIsRefusedAndNothingIsDeleted(_ description: String, _ output: String) throws {
        let root = try TemporaryDirectory()
        let site = try TemporaryDirectory(at: root.url.appendingPathComponent("site"))
        try ProblemSite.writeValidSite(into: site)
        try root.write("documents/notes.txt", "an editor's notes\n")
        let before = root.snapshot()
        let run = try NewsdeskBinary.run(["build", "--site", site.url.path, "--output", root.url.appendingPathComponent(output).path])
        #expect(run.status == 2, "\(description): \(run.standardError)")
        #expect(run.standardError.contains("error: the output"), "\(run.standardError)")
        #expect(root.snapshot() == before)
        #expect(try Self.leftoverStagingFolders(in: root.url).isEmpty)
    }

    @Test func theFileSystemRootIsRefused() throws {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        let listing = try FileManager.default.contentsOfDirectory(atPath: "/").sorted()
        let run = try NewsdeskBinary.run(["build", "--site", site.url.path, "--output", "/"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("error: the output folder / "), "\(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/").sorted() == listing)
    }

    /// Even an empty home folder: `--output ~` is a slip, whatever the folder holds.
    @Test func theHomeFolderIsRefused() throws {
        let home = try TemporaryDirectory()
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        let run = try NewsdeskBinary.run(["build", "--site", site.url.path, "--output", home.url.path], environment: ["HOME": home.url.path])
        #expect(run.status == 2)
        #expect(run.standardError.contains("cannot be your home folder"), "\(run.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.url.path).isEmpty)
    }

    @Test func anEmptyFolderAndAPreviousBuildAreAcceptedAsOutput() throws {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        try FileManager.default.createDirectory(at: site.url.appendingPathComponent("public"), withIntermediateDirectories: true)
        try site.write("public/.gitkeep", "")
        let arguments = ["build", "--site", site.url.path, "--output", site.url.appendingPathComponent("public").path]
        #expect(try NewsdeskBinary.run(arguments).status == 0)
        #expect(try NewsdeskBinary.run(arguments).status == 0)
        #expect(site.snapshot("public").keys.contains("/.gitkeep"))
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedBuildKeepsTheOutputAndRemovesItsStagingFolder(_ signal: Int32) throws {
        // The build must still be writing when the signal arrives: the site grows until it is.
        for items in [600, 2_400, 9_600] {
            let site = try TemporaryDirectory()
            _ = try GeneratedSiteTests.generateSite(in: site, items: items)
            try site.write("output/index.html", "the published site\n")
            try site.write("output/news/2019/index.html", "an old listing\n")
            let before = site.snapshot("output")
            let staging = site.url.appendingPathComponent(".output.staging")

            let errors = Pipe()
            let build = try NewsdeskBinary.start(["build", "--site", site.url.path], errors: errors)
            while build.isRunning && ((try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []).isEmpty {
                usleep(5_000)
            }
            guard build.isRunning else {
                build.waitUntilExit()
                continue
            }
            kill(build.processIdentifier, signal)
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            build.waitUntilExit()
            #expect(build.terminationReason == .exit)
            #expect(build.terminationStatus == 128 + signal, "\(message)")
            #expect(message.contains("interrupted"))
            #expect(site.snapshot("output") == before)
            #expect(!FileManager.default.fileExists(atPath: staging.path))
            return
        }
        Issue.record("every build finished before it could be interrupted")
    }
}
