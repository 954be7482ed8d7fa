import ArgumentParser
import Foundation
import NewsdeskCommandLine
import NewsdeskCore

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a news item from the section's archetype and print its path.",
        discussion: """
            Writes content/<section>/YYYY-MM-DD-<slug>.md from archetypes/<section>.md, archetypes/default.md \
            or the built-in archetype. Never replaces an existing file.
            """)

    @OptionGroup var siteOptions: SiteOptions

    @Argument(help: "The section (a folder under content/), e.g. news.")
    var section: String

    @Argument(help: "The headline, in quotes.")
    var title: String

    @Option(name: .long, help: "The item's language (default: the site's default language).")
    var lang: String?

    @Flag(name: .long, help: "Make a page bundle: a folder with index.md, for photos kept beside the text.")
    var bundle = false

    @Option(name: .long, help: "The date (default: today), e.g. 2023-11-23 or 2023-11-23T09:30:00+08:00.")
    var date: String?

    @Option(name: .long, help: "The last part of the address (default: made from the title).")
    var slug: String?

    @Option(name: .customLong("translation-of"), help: "The item this one translates (content/news/x.md): writes x.<lang>.md beside it.")
    var translationOf: String?

    func run() throws {
        let root = siteOptions.siteURL
        let source = DiskSiteSource(root: root)
        guard source.exists("content") else {
            throw ScaffoldProblem("\(root.path) has no content/ folder",
                                  hint: "run newsdesk new in the site folder, pass --site, or start a site with newsdesk init").exit()
        }
        let configText = (try? source.read(SiteConfigParser.path)).map { String(decoding: $0, as: UTF8.self) }
        let (config, problems) = SiteConfigParser.parse(configText)
        if problems.hasErrors {
            Terminal.error(DiagnosticFormatter().report(problems), newline: false)
            throw ExitCode(ExitStatus.usageErrors)
        }
        var archetypes: [String: String] = [:]
        for path in Archetype.candidates(for: section) where source.exists(path) {
            archetypes[path] = (try? source.read(path)).map { String(decoding: $0, as: UTF8.self) }
        }
        let original = translationOf.map(Self.siteRelative)
        let site = NewItemSite(config: config, contentPaths: source.files(under: "content").paths, archetypes: archetypes,
                               today: Today.string(in: config.timeZone),
                               originalText: original.flatMap { try? source.read($0) }.map { String(decoding: $0, as: UTF8.self) })
        let request = NewItemRequest(section: section, title: title, language: lang, bundle: bundle, date: date, slug: slug,
                                     translationOf: original)
        let plan: NewItemPlan
        switch NewItemPlanner.plan(request, site: site) {
        case .success(let value): plan = value
        case .failure(let problem): throw problem.exit()
        }
        do throws(ScaffoldProblem) {
            guard case .created = try ScaffoldWriter.write([plan.file], under: root).first else {
                throw ScaffoldProblem("\(plan.file.path) already exists; it was left as it is", hint: "choose another title or --slug")
            }
        } catch { throw error.exit() }
        print(plan.file.path)
        for note in plan.notes { Terminal.error("note: \(note)") }
    }

    /// `content/news/x.md` as given from the site folder, or `./content/news/x.md`.
    static func siteRelative(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        return path
    }
}
