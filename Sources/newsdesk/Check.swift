import ArgumentParser
import Foundation
import NewsdeskCommandLine
import NewsdeskCore

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report every problem in the site without writing anything.",
        discussion: "Exit status: 0 no errors, 1 content errors, 2 usage or site.yml errors.")

    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var reportOptions: ReportOptions

    @Flag(name: .long, help: "Check items marked draft: true as a build with --drafts would.")
    var drafts = false

    @Flag(name: .long, help: "Check items dated in the future as a build with --future would.")
    var future = false

    func run() async throws {
        guard FileManager.default.fileExists(atPath: siteOptions.siteURL.appendingPathComponent("content").path) else {
            Terminal.error("error: \(siteOptions.siteURL.path) has no content/ folder; run newsdesk in the site folder or pass --site")
            throw ExitCode(ExitStatus.usageErrors)
        }
        var options = BuildOptions(includeDrafts: drafts, includeFuture: future)
        options.photoEncoding = Allocator.returnFreedPagesPromptly
        // Photos are decoded to find damaged ones; the build's image cache spares encoding them
        // again, and check writes nothing into it.
        options.imageStore = DiskImageStore(siteRoot: siteOptions.siteURL, writes: false)
        let builder = SiteBuilder(source: DiskSiteSource(root: siteOptions.siteURL), options: options)
        var diagnostics = await builder.check()
        if reportOptions.strict { diagnostics = diagnostics.treatingWarningsAsErrors() }
        print(reportOptions.report(diagnostics, onTerminal: Terminal.standardOutputIsTerminal), terminator: "")
        if reportOptions.format == .text && diagnostics.isEmpty { print("No problems found.") }
        let status = ExitStatus.forProblems(diagnostics)
        if status != 0 { throw ExitCode(status) }
    }
}
