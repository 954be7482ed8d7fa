import Foundation
import Synchronization
import Testing
@testable import NewsdeskCore

/// `newsdesk serve` as an editor runs it: the real executable, stopped by a signal.
@Suite("newsdesk serve", .serialized, .timeLimit(.minutes(1)))
struct ServeCommandTests {
    @Test func servesUntilSIGTERMThenStopsCleanly() async throws {
        let site = try TemporaryDirectory()
        try PreviewHarness.writeSite(in: site)
        let running = try RunningCommand(["serve", "--site", site.url.path, "--port", "0"])
        let announcement = try await running.waitForLine { $0.hasPrefix("Serving ") }
        let url = try #require(announcement.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") })
        _ = try await running.waitForLine { $0.contains("built") && $0.hasSuffix("ms") }
        let port = try #require(UInt16(url.dropFirst("http://127.0.0.1:".count).dropLast()))
        #expect(try rawStatus(host: "127.0.0.1", port: port, target: "/news/first/") == 200)
        kill(running.process.processIdentifier, SIGTERM)
        let status = await running.exitStatus()
        #expect(status == 0)
        #expect(running.standardOutput.contains("Stopped."))
        #expect(throws: WatchError.self) { try rawStatus(host: "127.0.0.1", port: port, target: "/") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url.path).sorted() == ["content", "themes"])
    }

    @Test func aBusyPortIsOneLineAndExitStatus2() async throws {
        try await PreviewHarness.with { preview in
            let run = try NewsdeskBinary.run(["serve", "--site", preview.directory.url.path, "--port", String(preview.address.port)])
            #expect(run.status == 2)
            #expect(run.standardError == "error: port \(preview.address.port) on 127.0.0.1 is already in use; stop the other server or pass --port\n")
        }
    }

    @Test func aHostThatIsNotAnAddressIsAUsageError() throws {
        let run = try NewsdeskBinary.run(["serve", "--host", "example.org", "--port", "0"])
        #expect(run.status != 0)
        #expect(run.standardError.contains("--host must be an IP address"))
    }
}

/// A child process whose standard output is read line by line while it runs.
final class RunningCommand: Sendable {
    let process: Process
    private let output = Pipe()
    private let collected = LockedText()

    init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = NewsdeskBinary.url
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let collected = self.collected
        output.fileHandleForReading.readabilityHandler = { handle in collected.append(String(decoding: handle.availableData, as: UTF8.self)) }
        try process.run()
    }

    var standardOutput: String { collected.text }

    /// Polls the output until a line satisfies `matches`.
    func waitForLine(_ matches: @escaping @Sendable (String) -> Bool) async throws -> String {
        while process.isRunning {
            if let line = standardOutput.split(separator: "\n").map(String.init).first(where: matches) { return line }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw WatchError(reason: "newsdesk exited before printing the line; output: \(standardOutput)")
    }

    func exitStatus() async -> Int32 {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        output.fileHandleForReading.readabilityHandler = nil
        collected.append(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        return process.terminationStatus
    }
}

final class LockedText: Sendable {
    private let storage = Mutex("")
    func append(_ text: String) { storage.withLock { $0 += text } }
    var text: String { storage.withLock { $0 } }
}
