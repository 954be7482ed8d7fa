import ArgumentParser
import Foundation
import NewsdeskCommandLine

/// `newsdesk serve` runs `newsdesk-serve`, installed next to this executable, with the same
/// arguments (`newsdesk serve --help` is its help). The preview server's HTTP library links
/// FoundationNetworking and some thirty libraries behind it (libcurl, TLS, Kerberos), which
/// took half of the time every other command spent starting (Package.swift).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site in a browser, drafts included; every save rebuilds it and reloads the page.")

    @Argument(parsing: .captureForPassthrough, help: "The preview's options; newsdesk serve --help lists them.")
    var arguments: [String] = []

    func run() throws {
        let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("newsdesk-serve").path ?? "newsdesk-serve"
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            Terminal.error("error: \(executable) is missing; it is built with newsdesk (make release, or swift build --product newsdesk-serve)")
            throw ExitCode(ExitStatus.usageErrors)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        execv(executable, argv)
        Terminal.error("error: cannot run \(executable): \(String(cString: strerror(errno)))")
        throw ExitCode(ExitStatus.usageErrors)
    }
}
