import ArgumentParser
import Foundation
import NewsdeskCommandLine
import NewsdeskCore

@main
struct Newsdesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsdesk",
        abstract: "Builds a university news site from Markdown items and Mustache themes.",
        version: "newsdesk \(NewsdeskVersion.current)",
        subcommands: [Build.self, Check.self, List.self, Serve.self, Init.self, New.self, ThemeCommand.self, Version.self],
        defaultSubcommand: Build.self
    )
}
