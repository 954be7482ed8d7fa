import Foundation
import Synchronization
import Testing
@testable import NewsdeskCore

/// The order of a staging folder's writes, its commit and an abort (`StagingGate`).
@Suite("Staging gate")
struct StagingGateTests {
    @Test func noWriteStartsOnceTheCommitHas() throws {
        let gate = StagingGate()
        try gate.beginCommit()
        #expect(!gate.beginWrite())
        gate.endCommit()
        #expect(!gate.stop(), "a committed build is not thrown away")
    }

    @Test func aCommitIsRefusedWhileAWriteRuns() {
        let gate = StagingGate()
        #expect(gate.beginWrite())
        #expect(throws: StagingGate.CommitRefusal.writesRunning) { try gate.beginCommit() }
    }

    @Test func aStoppedBuildNeitherWritesNorCommits() {
        let gate = StagingGate()
        #expect(gate.stop())
        #expect(!gate.beginWrite())
        #expect(throws: StagingGate.CommitRefusal.stopped) { try gate.beginCommit() }
        #expect(!gate.stop(), "stopped once")
    }

    @Test func stopReturnsOnlyOnceTheRunningWritesHaveEnded() async {
        let gate = StagingGate()
        #expect(gate.beginWrite())
        let stopped = Mutex(false)
        let thread = Thread {
            _ = gate.stop()
            stopped.withLock { $0 = true }
        }
        thread.start()
        try? await Task.sleep(for: .milliseconds(200))
        #expect(!stopped.withLock { $0 }, "stop returned while a write was running")
        #expect(!gate.beginWrite(), "no new write once a stop began")
        gate.endWrite()
        for _ in 0..<200 where !stopped.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(10)) }
        #expect(stopped.withLock { $0 })
    }

    @Test func stopWaitsForACommitUnderWayAndThenLeavesItsWork() async {
        let gate = StagingGate()
        #expect(throws: Never.self) { try gate.beginCommit() }
        let result = Mutex<Bool?>(nil)
        let thread = Thread {
            let stopped = gate.stop()
            result.withLock { $0 = stopped }
        }
        thread.start()
        try? await Task.sleep(for: .milliseconds(200))
        #expect(result.withLock { $0 } == nil, "stop returned during a commit")
        gate.endCommit()
        for _ in 0..<200 where result.withLock({ $0 }) == nil { try? await Task.sleep(for: .milliseconds(10)) }
        #expect(result.withLock { $0 } == false)
    }
}
