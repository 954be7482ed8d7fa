import ArgumentParser
import Foundation
import NewsdeskCommandLine
import NewsdeskCore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new site: content/site.yml, two sections, an example item and archetypes/.")

    @Argument(help: "The folder to create the site in (default: the current folder).")
    var folder = "."

    @Option(name: .long, help: "The site's title.")
    var title = "News"

    @Option(name: .long, help: "Language codes, the default first, separated by commas (en,zh).")
    var languages = "en"

    @Option(name: .customLong("base-url"), help: "Where the site will be published.")
    var baseURL = "http://localhost/"

    @Flag(name: .long, help: "Add to a folder that already holds files (an existing file is never replaced).")
    var force = false

    func run() throws {
        let root = URL(fileURLWithPath: folder, isDirectory: true)
        // A fresh `git init` (.git) or editor settings do not make a folder taken.
        let existing = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") }
        if !existing.isEmpty && !force {
            Terminal.error("error: \(folder) already holds files (\(existing.sorted().prefix(3).joined(separator: ", "))\(existing.count > 3 ? ", …" : ""))")
            Terminal.error("  hint: run newsdesk init in an empty or new folder, or add --force to add the missing files (existing ones are kept)")
            throw ExitCode(ExitStatus.usageErrors)
        }
        let timeZone = TimeZone.current.identifier == "GMT" ? "UTC" : TimeZone.current.identifier
        let scaffold = SiteScaffold(title: title, languages: languages.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                                    baseURL: baseURL, timeZone: timeZone, today: Today.string(in: TimeZone(identifier: timeZone) ?? .current))
        if let problem = scaffold.problem() { throw problem.exit() }
        do throws(ScaffoldProblem) {
            for outcome in try ScaffoldWriter.write(scaffold.files(), under: root) {
                switch outcome {
                case .created(let path): print("created \(path)")
                case .kept(let path): print("kept \(path) (it already exists)")
                }
            }
        } catch { throw error.exit() }
        print("\nA new site is ready. Next:")
        for step in SiteScaffold.nextSteps(folder: folder) { print("    \(step)") }
    }
}

enum Today {
    /// `2023-11-23` now, in `timeZone`.
    static func string(in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}

extension ScaffoldProblem {
    /// Printed as `error:` and `hint:` lines; the command exits with the usage status.
    func exit() -> ExitCode {
        Terminal.error("error: \(message)")
        if let hint { Terminal.error("  hint: \(hint)") }
        return ExitCode(ExitStatus.usageErrors)
    }
}
