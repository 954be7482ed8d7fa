import ArgumentParser
import Dispatch
import Foundation
import NewsdeskCommandLine
import NewsdeskCore
import NewsdeskPreviewServer

/// `newsdesk serve`, which runs this executable with its arguments (see `Serve` in `newsdesk`).
@main
struct NewsdeskServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsdesk serve",
        abstract: "Preview the site in a browser, drafts included; every save rebuilds it and reloads the page.")

    @OptionGroup var siteOptions: SiteOptions

    /// A bad `--host` or `--port` exits with 2, as every usage error does (README).
    static func main() async { await mainExitingWithUsageStatus() }

    @Option(name: .long, help: "The address to listen on; anything but 127.0.0.1 or ::1 lets other machines see drafts.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 4000

    @Flag(name: .customLong("no-drafts"), help: "Leave out items marked draft: true, as the published site does.")
    var noDrafts = false

    @Flag(name: .long, help: "Open the preview in the default browser.")
    var open = false

    func run() async throws {
        guard let address = ListenAddress(host: host, port: port) else {
            throw ValidationError("--host must be an IP address such as 127.0.0.1 or ::1, or localhost")
        }
        if !address.isLoopback {
            Terminal.error("warning: listening on \(address.host): other machines can reach this preview, drafts included")
        }
        var configuration = PreviewServer.Configuration(siteRoot: siteOptions.siteURL, address: address, includeDrafts: !noDrafts)
        configuration.photoEncoding = Allocator.returnFreedPagesPromptly
        let server = PreviewServer(configuration)
        let bound: ListenAddress
        do {
            bound = try await server.start()
        } catch {
            switch error {
            case .noContentFolder(let message), .addressInUse(let message), .cannotListen(let message):
                Terminal.error("error: \(message)")
            }
            throw ExitCode(ExitStatus.usageErrors)
        }
        StopOnSignal.install(server: server)
        say("Serving \(siteOptions.siteURL.standardizedFileURL.path) at \(bound.url) (drafts \(noDrafts ? "left out" : "shown"); press Ctrl-C to stop)")
        if open { BrowserLauncher.open(bound.url) }
        for await report in server.reports { Self.printReport(report) }
        say("Stopped.")
    }

    /// One line per build: what changed, pages rendered, milliseconds; diagnostics above it.
    static func printReport(_ report: PreviewBuilder.Report) {
        let diagnostics = report.result.diagnostics
        if !diagnostics.isEmpty {
            Terminal.error(DiagnosticFormatter(format: .text, useColor: Terminal.standardErrorIsTerminal).report(diagnostics), newline: false)
        }
        let cause = describe(report.changedPaths)
        switch report.event {
        case .failed:
            Terminal.error("\(cause)build failed in \(report.milliseconds) ms; still serving the last good version")
        case .stylesheets:
            say("\(cause)\(pages(report.result)) in \(report.milliseconds) ms; stylesheets refreshed")
        case .reload:
            say("\(cause)\(pages(report.result)) in \(report.milliseconds) ms")
        }
    }

    /// `built 33 pages` for a build that rendered everything, else `rendered 3 pages, kept 30`.
    private static func pages(_ result: BuildResult) -> String {
        let kept = result.cacheUse.pagesReused
        let rendered = result.pagesRendered - kept
        guard kept > 0 else { return "built \(rendered) \(rendered == 1 ? "page" : "pages")" }
        return "rendered \(rendered) \(rendered == 1 ? "page" : "pages"), kept \(kept)"
    }

    /// Unbuffered, so each line shows at once also when the output is a pipe or a log file.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private func say(_ line: String) { Self.say(line) }

    private static func describe(_ paths: [String]) -> String {
        switch paths.count {
        case 0: return ""
        case 1...3: return paths.map(DiagnosticFormatter.escapingControlCharacters).joined(separator: ", ") + " changed: "
        default: return paths.prefix(2).map(DiagnosticFormatter.escapingControlCharacters).joined(separator: ", ") + " and \(paths.count - 2) more changed: "
        }
    }
}

/// Ctrl-C and SIGTERM stop the server cleanly (it keeps nothing on disk to clean up). The
/// signals arrive through `SignalForwarder`, the same path `build` uses, which never drops one.
enum StopOnSignal {
    static func install(server: PreviewServer) {
        SignalForwarder.install(for: [SIGINT, SIGTERM]) { signal in
            // Stopping ends the report stream, so `run` prints "Stopped." and returns; this
            // thread only makes sure a server that does not stop still lets the editor go.
            Task { await server.stop() }
            sleep(3)
            _exit(128 + signal)
        }
    }
}

/// `--open`: the desktop's default browser through `xdg-open` (or `open` on macOS).
enum BrowserLauncher {
    static func open(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        #if os(macOS)
        process.arguments = ["open", url]
        #else
        process.arguments = ["xdg-open", url]
        #endif
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            Terminal.error("warning: could not open a browser (\(error.localizedDescription)); open \(url) yourself")
        }
    }
}
