import Foundation
import Testing

/// Issue 15 through the real executable: an editor with only the installed binary starts a
/// site, adds items and a translation, and builds it.
@Suite("Starting a site with init and new")
struct StartingASiteTests {
    func run(_ arguments: [String], in folder: URL) throws -> NewsdeskBinary.Run {
        try NewsdeskBinary.run(arguments, in: folder, environment: ["TZ": "Asia/Shanghai"])
    }

    @Test func initNewAndBuildMakeALinkedSite() throws {
        let folder = try TemporaryDirectory()
        let made = try run(["init", "site", "--title", "HUST News", "--languages", "en,zh"], in: folder.url)
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardOutput.contains("    cd site\n    newsdesk new news \"Our First Article\"\n    newsdesk serve\n"))
        let site = folder.url.appendingPathComponent("site")

        let english = try run(["new", "news", "Robotics Team Wins Gold", "--date", "2023-11-28"], in: site)
        #expect(english.status == 0, "\(english.standardError)")
        #expect(english.standardOutput == "content/news/2023-11-28-robotics-team-wins-gold.md\n")
        let chinese = try run(["new", "news", "机器人团队获得金奖", "--lang", "zh", "--date", "2023-11-29"], in: site)
        #expect(chinese.status == 0, "\(chinese.standardError)")
        #expect(chinese.standardError.contains("note: the file name uses the made-up slug"))
        let bundle = try run(["new", "cooperation", "Lab Visit", "--bundle", "--date", "2023-11-20"], in: site)
        #expect(bundle.standardOutput == "content/cooperation/2023-11-20-lab-visit/index.md\n")
        let translation = try run(["new", "news", "机器人团队夺金", "--lang", "zh",
                                   "--translation-of", "content/news/2023-11-28-robotics-team-wins-gold.md"], in: site)
        #expect(translation.standardOutput == "content/news/2023-11-28-robotics-team-wins-gold.zh.md\n", "\(translation.standardError)")
        let again = try run(["new", "news", "Robotics Team Wins Gold", "--date", "2023-11-28"], in: site)
        #expect(again.status == 2)
        #expect(again.standardError.contains("already exists; it was left as it is"))

        let built = try run(["build"], in: site)
        #expect(built.status == 0, "\(built.standardError)")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("themes").path))
        let news = try String(contentsOf: site.appendingPathComponent("output/news/index.html"), encoding: .utf8)
        #expect(news.contains("/news/2023/robotics-team-wins-gold/"))
        let zhNews = try String(contentsOf: site.appendingPathComponent("output/zh/news/index.html"), encoding: .utf8)
        #expect(zhNews.contains("机器人团队夺金"))
        #expect(zhNews.contains("机器人团队获得金奖"))
        let cooperation = try String(contentsOf: site.appendingPathComponent("output/cooperation/index.html"), encoding: .utf8)
        #expect(cooperation.contains("/cooperation/lab-visit/"))
    }

    @Test func initRefusesAFolderThatHoldsFilesAndForceKeepsThem() throws {
        let folder = try TemporaryDirectory()
        try folder.write("content/site.yml", "title: Mine\n")
        let refused = try run(["init"], in: folder.url)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("already holds files (content)"))
        #expect(refused.standardError.contains("hint: run newsdesk init in an empty or new folder, or add --force"))
        let forced = try run(["init", "--force"], in: folder.url)
        #expect(forced.status == 0)
        #expect(forced.standardOutput.contains("kept content/site.yml (it already exists)"))
        #expect(try String(contentsOf: folder.url.appendingPathComponent("content/site.yml"), encoding: .utf8) == "title: Mine\n")
    }

    @Test func theInstalledBinaryAloneBuildsASiteAndCopiesItsTheme() throws {
        let installed = try TemporaryDirectory()
        for name in ["newsdesk", "newsdesk-serve"] {
            let built = NewsdeskBinary.url.deletingLastPathComponent().appendingPathComponent(name)
            try FileManager.default.copyItem(at: built, to: installed.url.appendingPathComponent(name))
        }
        let binary = installed.url.appendingPathComponent("newsdesk").path
        let site = try TemporaryDirectory()
        let version = try NewsdeskBinary.run(["--version"], in: site.url, environment: ["NEWSDESK_BINARY": binary])
        #expect(version.standardOutput.hasPrefix("newsdesk "))
        func installedRun(_ arguments: [String]) throws -> NewsdeskBinary.Run {
            try NewsdeskBinary.run(arguments, in: site.url, command: [binary])
        }
        #expect(try installedRun(["version"]).standardOutput == version.standardOutput)
        #expect(try installedRun(["init"]).status == 0)
        let built = try installedRun(["build"])
        #expect(built.status == 0, "\(built.standardError)")
        #expect(FileManager.default.fileExists(atPath: site.url.appendingPathComponent("output/css/style.css").path))

        let copied = try installedRun(["theme", "copy"])
        #expect(copied.status == 0, "\(copied.standardError)")
        let repositoryTheme = TestSite.repositoryRoot.appendingPathComponent("themes/default")
        let written = site.snapshot("themes/default")
        #expect(!written.isEmpty)
        for (path, bytes) in written {
            #expect(bytes == (try? Data(contentsOf: repositoryTheme.appendingPathComponent(String(path.drop { $0 == "/" })))), "\(path)")
        }
        let again = try installedRun(["theme", "copy"])
        #expect(again.status == 2)
        #expect(again.standardError.contains("themes/default already exists; nothing was written"))
    }

    @Test func newNamesTheNearestSection() throws {
        let folder = try TemporaryDirectory()
        #expect(try run(["init"], in: folder.url).status == 0)
        let wrong = try run(["new", "nwes", "A Title"], in: folder.url)
        #expect(wrong.status == 2)
        #expect(wrong.standardError == """
            error: there is no section 'nwes' (sections: cooperation, news)
              hint: did you mean 'news'? a section is a folder under content/; create content/nwes/_index.md to start a new one

            """)
    }
}
