import ArgumentParser
import Foundation
import NewsdeskCommandLine
import NewsdeskCore

struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every item with its source, URL, section, date and draft flag.")

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: "text, json or csv.")
    var format: ItemListing.Format = .text

    @Flag(name: .long, help: "Include drafts.")
    var drafts = false

    @Flag(name: .long, help: "Include items dated in the future.")
    var future = false

    func run() async throws {
        let source = DiskSiteSource(root: siteOptions.siteURL)
        let options = BuildOptions(includeDrafts: drafts, includeFuture: future)
        let result = await SiteBuilder(source: source, options: options).resolve()
        guard !result.diagnostics.hasErrors else {
            Terminal.error(DiagnosticFormatter().report(result.diagnostics), newline: false)
            throw ExitCode(ExitStatus.forProblems(result.diagnostics))
        }
        print(ItemListing(site: result.site).render(format), terminator: "")
    }
}

extension ItemListing.Format: ExpressibleByArgument {}
