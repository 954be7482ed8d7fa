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
    @Test func aCommittedOutputIsRecordedAsReplacedAndAnAbortedOneIsNot() throws {
        let root = try TemporaryDirectory()
        let committed = root.url.appendingPathComponent("committed")
        let writer = try StagedOutputWriter(outputDirectory: committed)
        try writer.write(Array("<p>new</p>".utf8), to: "index.html")
        #expect(!StagingRegistry.shared.replacedOutputs.contains(committed.path))
        #expect(try writer.commit())
        #expect(StagingRegistry.shared.replacedOutputs.contains(committed.path))

        let aborted = root.url.appendingPathComponent("aborted")
        let stopped = try StagedOutputWriter(outputDirectory: aborted)
        try stopped.write(Array("<p>new</p>".utf8), to: "index.html")
        stopped.abort()
        #expect(!StagingRegistry.shared.replacedOutputs.contains(aborted.path))
        #expect(!FileManager.default.fileExists(atPath: aborted.path))
    }
}
