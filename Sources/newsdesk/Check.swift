import ArgumentParser
import Foundation
import NewsdeskCore

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Report every problem in the site without writing anything.")

    @OptionGroup var siteOptions: SiteOptions

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Option(name: .long, help: "text, json or github (annotations for GitHub Actions).")
    var format: String = "text"

    func run() async throws {
        guard let format = DiagnosticFormatter.Format(rawValue: format) else {
            throw ValidationError("--format must be text, json or github")
        }
        let source = DiskSiteSource(root: siteOptions.siteURL)
        guard source.exists("content") || FileManager.default.fileExists(atPath: siteOptions.siteURL.appendingPathComponent("content").path) else {
            Terminal.error("error: \(siteOptions.siteURL.path) has no content/ folder")
            throw ExitCode(ExitStatus.usageErrors)
        }
        let result = await SiteBuilder(source: source, options: BuildOptions()).build(into: DiscardingOutput())
        var diagnostics = result.diagnostics
        if strict { diagnostics = diagnostics.map { var d = $0; d.severity = .error; return d } }
        let report = DiagnosticFormatter(format: format, useColor: format == .text && Terminal.standardOutputIsTerminal).report(diagnostics)
        print(report, terminator: "")
        if diagnostics.hasErrors {
            throw ExitCode(diagnostics.contains { $0.path == SiteConfigParser.path && $0.isError } ? ExitStatus.usageErrors : ExitStatus.contentErrors)
        }
        if format == .text && diagnostics.isEmpty { print("No problems found.") }
    }
}
