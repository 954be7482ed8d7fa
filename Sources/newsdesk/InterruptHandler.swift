import Foundation
import NewsdeskCommandLine
import NewsdeskCore

/// Ctrl-C and SIGTERM during a build remove the staging folder, leave the output as it was and
/// exit with 128 + the signal number, as shells report a process killed by that signal.
enum InterruptHandler {
    static func install() {
        SignalForwarder.install(for: [SIGINT, SIGTERM]) { signal in
            let replaced = StagingRegistry.shared.abortAll()
            if replaced.isEmpty {
                Terminal.error("interrupted; the output folder was left as it was")
            } else {
                // The signal came after the swap: the new site is complete and in place.
                Terminal.error("interrupted after the new site was put in place: \(replaced.joined(separator: ", ")) holds the whole new build")
            }
            // _exit, not exit: the build's threads are still running, and exit() would run
            // process-wide destructors under them.
            _exit(128 + signal)
        }
    }
}
