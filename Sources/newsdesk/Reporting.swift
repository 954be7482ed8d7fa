import ArgumentParser
import Foundation
import NewsdeskCommandLine
import NewsdeskCore

/// How `build` and `check` report problems.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: "text, json or github (annotations for GitHub Actions).")
    var format: DiagnosticFormatter.Format = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    /// Colour is for people: text on a terminal only.
    func report(_ diagnostics: [Diagnostic], onTerminal: Bool) -> String {
        DiagnosticFormatter(format: format, useColor: format == .text && onTerminal).report(diagnostics)
    }
}

extension DiagnosticFormatter.Format: ExpressibleByArgument {}

extension ExitStatus {
    /// 2 when `site.yml` is wrong (a configuration error), 1 for any other error, 0 otherwise.
    static func forProblems(_ diagnostics: [Diagnostic]) -> Int32 {
        if diagnostics.contains(where: { $0.isError && $0.path == SiteConfigParser.path }) { return usageErrors }
        return diagnostics.hasErrors ? contentErrors : 0
    }
}

extension Newsdesk {
    static func main() async { await mainExitingWithUsageStatus() }
}
