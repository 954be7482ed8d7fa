import Foundation

/// Standard output and error, and whether they deserve colour (a terminal, and no `NO_COLOR`).
public enum Terminal {
    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 && wantsColor }
    public static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 && wantsColor }

    /// https://no-color.org: any value, even empty, turns colour off.
    private static var wantsColor: Bool { ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    public static func error(_ text: String, newline: Bool = true) {
        FileHandle.standardError.write(Data((text + (newline ? "\n" : "")).utf8))
    }
}
