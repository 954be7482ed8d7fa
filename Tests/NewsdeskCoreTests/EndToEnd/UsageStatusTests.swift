import Foundation
import Testing
@testable import NewsdeskCore

/// README: 0 success, 1 content errors, 2 usage or configuration errors; `serve` included.
@Suite("Usage errors exit with 2")
struct UsageStatusTests {
    @Test(arguments: [
        (["serve", "--host", "example.org", "--port", "0"], "--host must be an IP address"),
        (["serve", "--port", "99999"], "--port"),
        (["serve", "--port", "http"], "--port"),
        (["serve", "--no-such-option"], "--no-such-option"),
        (["build", "--no-such-option"], "--no-such-option"),
    ])
    func aWrongCommandLineExitsWith2(_ arguments: [String], _ named: String) throws {
        let run = try NewsdeskBinary.run(arguments)
        #expect(run.status == 2, "\(run.standardError)")
        #expect(run.standardError.contains(named), "\(run.standardError)")
    }
}

/// What an interrupted `newsdesk build` says comes from what its writers did: after a commit
/// swapped the new site in, the output no longer holds the previous one.
@Suite("Interrupts tell what happened")
struct InterruptRecordTests {
    @Test func aCommittedOutputIsRecordedAsReplacedAndAnAbortedOneIsNot() async throws {
        let root = try TemporaryDirectory()
        let committed = root.url.appendingPathComponent("committed")
        let writer = try StagedOutputWriter(outputDirectory: committed)
        try writer.write(Array("<p>new</p>".utf8), to: "index.html")
        #expect(!StagingRegistry.shared.replacedOutputs.contains(committed.path))
        #expect(try await writer.commit())
        #expect(StagingRegistry.shared.replacedOutputs.contains(committed.path))

        let aborted = root.url.appendingPathComponent("aborted")
        let stopped = try StagedOutputWriter(outputDirectory: aborted)
        try stopped.write(Array("<p>new</p>".utf8), to: "index.html")
        stopped.abort()
        #expect(!StagingRegistry.shared.replacedOutputs.contains(aborted.path))
        #expect(!FileManager.default.fileExists(atPath: aborted.path))
    }
}

/// SIGTERM that lands after the swap (while the previous site is being removed, or the cache
/// saved) must not claim the output was left as it was: it holds the whole new site.
@Suite("An interrupt after the swap")
struct InterruptAfterSwapTests {
    @Test func anInterruptAfterTheSwapSaysTheNewSiteIsInPlace() throws {
        for items in [600, 2_400] {
            let site = try TemporaryDirectory()
            _ = try GeneratedSiteTests.generateSite(in: site, items: items)
            #expect(try NewsdeskBinary.run(["build", "--site", site.url.path]).status == 0)
            try site.write("content/news/2030-01-01-added.md", TestSite.item(title: "Added after the first build", date: "2020-01-01"))
            let output = site.url.appendingPathComponent("output")
            let inodeBefore = try Self.inode(of: output)

            let errors = Pipe()
            let build = try NewsdeskBinary.start(["build", "--site", site.url.path], errors: errors)
            // The swap exchanges the folders: the name `output` then names another inode.
            while build.isRunning, (try? Self.inode(of: output)) == inodeBefore { usleep(500) }
            guard build.isRunning else {
                build.waitUntilExit()
                continue
            }
            kill(build.processIdentifier, SIGTERM)
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            build.waitUntilExit()
            guard build.terminationStatus == 128 + SIGTERM else { continue }
            #expect(message.contains("interrupted after the new site was put in place: \(output.path) holds the whole new build"), "\(message)")
            #expect(!message.contains("left as it was"))
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("news/added/index.html").path))
            #expect(try OutputSafetyTests.leftoverStagingFolders(in: site.url).isEmpty)
            return
        }
        Issue.record("every build finished before the interrupt arrived")
    }

    static func inode(of url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int
    }
}
