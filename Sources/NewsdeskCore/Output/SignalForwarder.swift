import CSystemCalls
import Foundation
import Synchronization

/// Runs ordinary Swift code when the process receives SIGINT or SIGTERM.
///
/// A signal handler may only call async-signal-safe functions, and Swift code is not among
/// them. So the handler (C, in `CSystemCalls`) only writes the signal number to a pipe, and a
/// thread of our own reads the pipe and runs `action` like any other code: it may take locks,
/// wait for writes to finish and remove folders.
///
/// `DispatchSource.makeSignalSource` with the signals ignored is the usual recipe, but on Linux
/// a signal delivered to a thread that does not block it is then dropped: in a test here, 1 of
/// 150 SIGINTs to a busy process was lost that way. A handler installed with `sigaction` runs
/// on whichever thread receives the signal, and the reading thread keeps the signals unblocked,
/// so there is always a thread that can receive them.
public enum SignalForwarder {
    private static let installed = Mutex<Bool>(false)

    /// Installs the forwarding once per process; later calls are ignored. `action` receives
    /// the signal number and must end the process.
    public static func install(for signals: [Int32], action: @escaping @Sendable (Int32) -> Never) {
        let pipeEnds: (read: Int32, write: Int32)? = installed.withLock { done in
            guard !done else { return nil }
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return nil }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            // A full pipe must never block the handler; one byte is enough to wake the reader.
            _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
            done = true
            return (ends[0], ends[1])
        }
        guard let pipeEnds else { return }
        let reader = Thread {
            var set = sigset_t()
            sigemptyset(&set)
            for signal in signals { sigaddset(&set, signal) }
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            var byte: UInt8 = 0
            while true {
                let count = read(pipeEnds.read, &byte, 1)
                if count == 1 { action(Int32(byte)) }
                if count == 0 || (count < 0 && errno != EINTR) { return }
            }
        }
        reader.name = "newsdesk signal forwarder"
        reader.start()
        for signal in signals { _ = newsdesk_forward_signal(signal, pipeEnds.write) }
    }
}
