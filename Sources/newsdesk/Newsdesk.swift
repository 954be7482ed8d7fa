import ArgumentParser
import Foundation
import NewsdeskCore

@main
struct Newsdesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsdesk",
        abstract: "Builds a university news site from Markdown items and Mustache themes.",
        subcommands: [Build.self, Check.self, List.self, Serve.self],
        defaultSubcommand: Build.self
    )
}

/// Options shared by the commands that read a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder, holding content/ and themes/.")
    var site: String = "."

    var siteURL: URL { URL(fileURLWithPath: site, isDirectory: true) }
}

/// Exit statuses CI can rely on.
enum ExitStatus {
    static let contentErrors: Int32 = 1
    static let usageErrors: Int32 = 2
}
