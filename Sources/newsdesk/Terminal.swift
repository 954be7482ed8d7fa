import Foundation
import NewsdeskCore

/// Standard output and error, and whether they deserve colour (a terminal, and no `NO_COLOR`).
enum Terminal {
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 && wantsColor }
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 && wantsColor }

    /// https://no-color.org: any value, even empty, turns colour off.
    private static var wantsColor: Bool { ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static func error(_ text: String, newline: Bool = true) {
        FileHandle.standardError.write(Data((text + (newline ? "\n" : "")).utf8))
    }
}

/// Ctrl-C and SIGTERM during a build remove the staging folder, leave the output as it was and
/// exit with 128 + the signal number, as shells report a process killed by that signal.
enum InterruptHandler {
    static func install() {
        SignalForwarder.install(for: [SIGINT, SIGTERM]) { signal in
            StagingRegistry.shared.abortAll()
            Terminal.error("interrupted; the output folder was left as it was")
            // _exit, not exit: the build's threads are still running, and exit() would run
            // process-wide destructors under them.
            _exit(128 + signal)
        }
    }
}
