import ArgumentParser
import Foundation
import NewsdeskCommandLine
import NewsdeskCore

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render the site into the output folder.")

    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var reportOptions: ReportOptions

    @Option(name: .long, help: "Where to write the site (default: <site>/output).")
    var output: String?

    @Flag(name: .long, help: "Include items marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Include items dated in the future.")
    var future = false

    @Option(name: .customLong("base-url"), help: "Override base_url from site.yml.")
    var baseURL: String?

    @Flag(name: [.long, .short], help: "Print only problems, no summary line.")
    var quiet = false

    @Flag(name: .long, help: "Ignore the build cache in .newsdesk-cache/ and render everything.")
    var clean = false

    func run() async throws {
        var options = BuildOptions(includeDrafts: drafts, includeFuture: future)
        options.photoEncoding = Allocator.returnFreedPagesPromptly
        if let baseURL {
            guard let normalized = SiteConfigParser.normalizedBaseURL(baseURL) else {
                throw ValidationError("--base-url must be an absolute http(s) address such as https://www.example.edu.cn/news/")
            }
            options.baseURL = normalized
        }
        InterruptHandler.install()
        let progressBar = ProgressBar()
        if progressBar.enabled { options.progress = { done, total in progressBar.update(done: done, total: total) } }
        let publisher = SitePublisher(siteRoot: siteOptions.siteURL,
                                      outputDirectory: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
                                      options: options, strict: reportOptions.strict, useCache: !clean,
                                      waitingForAnotherBuild: { Terminal.error("another newsdesk build of this site is running; waiting for it to finish…") })
        let outcome: SitePublisher.Outcome
        do {
            outcome = try await publisher.publish()
            progressBar.finish()
        } catch .usage(let message) {
            progressBar.finish()
            Terminal.error("error: \(message)")
            throw ExitCode(ExitStatus.usageErrors)
        }
        let diagnostics = outcome.result.diagnostics
        if !diagnostics.isEmpty {
            Terminal.error(reportOptions.report(diagnostics, onTerminal: Terminal.standardErrorIsTerminal), newline: false)
        }
        guard outcome.result.succeeded else {
            // JSON on standard error stays parseable; people and CI logs get the sentence.
            if reportOptions.format != .json {
                Terminal.error("build failed; \(publisher.outputDirectory.path) was left as it was")
            }
            throw ExitCode(ExitStatus.forProblems(diagnostics))
        }
        if !quiet {
            let milliseconds = Int(outcome.duration.components.seconds * 1000 + outcome.duration.components.attoseconds / 1_000_000_000_000_000)
            let use = outcome.result.cacheUse
            print("Built \(outcome.result.pagesRendered) pages (\(outcome.result.filesProduced) files: \(outcome.filesWritten) written, \(outcome.filesUnchanged) unchanged) in \(milliseconds) ms; cache hits: \(use.outputsReused) of \(use.outputs) outputs, \(use.parsedReused) front matters"
                  + (outcome.result.imagesEncoded > 0 ? ", \(outcome.result.imagesEncoded) photos encoded" : "")
                  + (outcome.upToDate ? " (up to date: no source or output file changed since the last build)" : ""))
            if let leftOut = outcome.result.leftOut.sentence { print(leftOut) }
        }
        // Done: freeing the site graph and cache one object at a time is work the system does
        // at once when the process ends (compilers skip it the same way; docs/performance.md).
        withExtendedLifetime(outcome) { Foundation.exit(0) }
    }
}
