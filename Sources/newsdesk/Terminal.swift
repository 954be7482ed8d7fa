import Foundation
import NewsdeskCore

/// Standard error and terminal detection for the command line (colour only on a terminal).
enum Terminal {
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static func error(_ text: String, newline: Bool = true) {
        FileHandle.standardError.write(Data((text + (newline ? "\n" : "")).utf8))
    }
}

/// Ctrl-C and SIGTERM during a build remove the staging folder and leave the output as it was.
enum InterruptHandler {
    static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { received in
                StagingRegistry.shared.removeAll()
                _exit(128 + received)
            }
        }
    }
}
