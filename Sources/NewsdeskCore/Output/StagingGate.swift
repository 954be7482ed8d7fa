import Foundation
import Synchronization

/// When a staging folder may be written, committed or thrown away (`StagedOutputWriter`).
///
/// Invariants: a commit starts only while the build is under way and no write runs, and no
/// write starts after it; an abort never overlaps a commit (it waits for one under way to
/// end) and returns only once the running writes have, so that none of them recreates a
/// folder the abort is about to remove.
final class StagingGate: Sendable {
    /// Where the build's fate stands.
    private enum Phase { case building, committing, ended }
    private let phase = Mutex(Phase.building)
    /// Wakes threads waiting in `stop` for a commit to end or for running writes to finish.
    private let changed = NSCondition()
    /// Writes in progress, and whether new ones are still accepted.
    private let writes = Mutex<(running: Int, accepted: Bool)>((0, true))

    /// False once the build was stopped or committed: the write must not start.
    func beginWrite() -> Bool {
        writes.withLock { state in
            guard state.accepted else { return false }
            state.running += 1
            return true
        }
    }

    /// Every write that began ends here, whatever happened to it: a `stop` may be waiting.
    func endWrite() {
        let drained = writes.withLock { state in
            state.running -= 1
            return !state.accepted && state.running == 0
        }
        if drained {
            changed.lock()
            changed.broadcast()
            changed.unlock()
        }
    }

    enum CommitRefusal: Error { case stopped, writesRunning }

    /// Starts the commit; from now on no write starts.
    func beginCommit() throws(CommitRefusal) {
        changed.lock()
        defer { changed.unlock() }
        guard phase.withLock({ $0 }) == .building else { throw .stopped }
        let running = writes.withLock { state in
            state.accepted = false
            return state.running
        }
        // The build's tasks have all returned by now; a write still running would be a
        // caller's mistake, which must not become a swap of a half-written folder.
        guard running == 0 else { throw .writesRunning }
        phase.withLock { $0 = .committing }
    }

    /// Ends the commit and wakes a `stop` waiting for it.
    func endCommit() {
        changed.lock()
        phase.withLock { $0 = .ended }
        changed.broadcast()
        changed.unlock()
    }

    /// Ends the build unless a commit ended it first, waiting for a commit under way; then
    /// refuses new writes and waits for the running ones, each of which ends within one file.
    /// - Returns: whether the build was still under way, so that the caller throws its staging
    ///   folder away. Blocks: only a thread that may wait calls it (the signal forwarder's).
    func stop() -> Bool {
        changed.lock()
        defer { changed.unlock() }
        var current = phase.withLock { $0 }
        while current == .committing {
            changed.wait()
            current = phase.withLock { $0 }
        }
        guard current == .building else { return false }
        phase.withLock { $0 = .ended }
        writes.withLock { $0.accepted = false }
        while writes.withLock({ $0.running }) > 0 { changed.wait() }
        return true
    }
}
