import Foundation
import NewsdeskCommandLine
import NewsdeskCore

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
