import ArgumentParser
import Foundation
import NewsdeskCommandLine
import NewsdeskCore

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme", abstract: "Work with the built-in default theme.", subcommands: [Copy.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in theme to themes/NAME/ for a designer to edit.",
            discussion: "With NAME other than default, set theme: NAME in content/site.yml to use it; a theme can also name parent: default in its theme.yml and keep only the templates it changes.")

        @OptionGroup var siteOptions: SiteOptions

        @Argument(help: "The new theme's folder name.")
        var name = "default"

        func run() throws {
            let files: [ScaffoldFile]
            switch BuiltInTheme.copy(named: name) {
            case .success(let value): files = value
            case .failure(let problem): throw problem.exit()
            }
            let folder = siteOptions.siteURL.appendingPathComponent("themes/\(name)")
            if let existing = try? FileManager.default.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
                throw ScaffoldProblem("themes/\(name) already exists; nothing was written",
                                      hint: "copy to another name: newsdesk theme copy my-theme").exit()
            }
            do throws(ScaffoldProblem) { _ = try ScaffoldWriter.write(files, under: siteOptions.siteURL) } catch { throw error.exit() }
            print("wrote \(files.count) files to themes/\(name)/")
            if name != "default" { print("set theme: \(name) in content/site.yml to use it") }
        }
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print newsdesk's version.")

    func run() { print("newsdesk \(NewsdeskVersion.current)") }
}
