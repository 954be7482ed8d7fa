import Foundation
import Synchronization

/// A one-line progress bar on standard error, for builds an editor waits for at a terminal.
///
/// Silent on a pipe, in CI (`CI` set) and for builds that finish within a second, so logs and
/// quick rebuilds stay clean. Redrawn at most ten times a second; erased when the build ends.
final class ProgressBar: Sendable {
    private struct State {
        var lastDrawn: UInt64 = 0
        var visible = false
    }

    private let start = DispatchTime.now().uptimeNanoseconds
    private let state = Mutex(State())
    let enabled: Bool

    init() {
        let environment = ProcessInfo.processInfo.environment
        enabled = isatty(STDERR_FILENO) == 1 && environment["CI"] == nil && environment["TERM"] != "dumb"
    }

    func update(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - start > 1_000_000_000 else { return }
        let line: String? = state.withLock { state in
            guard now - state.lastDrawn > 100_000_000 || done == total else { return nil }
            state.lastDrawn = now
            state.visible = true
            let width = 30
            let filled = width * done / total
            return "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                + "] \(done)/\(total) files"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Erases the bar before the summary line is printed.
    func finish() {
        let wasVisible = state.withLock { state in
            defer { state.visible = false }
            return state.visible
        }
        if wasVisible { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
