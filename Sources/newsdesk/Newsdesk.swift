import ArgumentParser
import Foundation
import NewsdeskCommandLine
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
