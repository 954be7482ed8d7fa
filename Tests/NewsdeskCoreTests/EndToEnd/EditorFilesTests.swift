import Foundation
import Testing
@testable import NewsdeskCore

/// Files as editors bring them: named in sentences and in Chinese, or linked from elsewhere.
@Suite("Files editors bring")
struct EditorFilesTests {
    @Test func fileNamesWithSpacesAndChineseCharactersBecomeSaneURLs() throws {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        try site.write("content/news/2023-11-21 Our Visit to Harbin!.md", TestSite.item(title: "Visit", date: "2023-11-21"))
        try site.write("content/news/网络 安全 合作.md", TestSite.item(title: "网络安全合作", date: "2023-11-20"))
        try site.write("content/news/2023-11-19-links.md", TestSite.item(
            title: "Links", date: "2023-11-19",
            body: "See [the visit](2023-11-21%20Our%20Visit%20to%20Harbin!.md) and [合作](<网络 安全 合作.md>)."))

        let check = try NewsdeskBinary.run(["check", "--site", site.url.path])
        #expect(check.status == 0)
        #expect(!check.standardOutput.contains(": error:"), "\(check.standardOutput)")
        let run = try NewsdeskBinary.run(["build", "--site", site.url.path])
        #expect(run.status == 0, "\(run.standardError)")
        let output = site.url.appendingPathComponent("output")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("news/our-visit-to-harbin/index.html").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("news/网络-安全-合作/index.html").path))

        let chinese = "/news-site/news/" + "网络-安全-合作".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "/"
        #expect(chinese == "/news-site/news/%E7%BD%91%E7%BB%9C-%E5%AE%89%E5%85%A8-%E5%90%88%E4%BD%9C/")
        let listing = try String(contentsOf: output.appendingPathComponent("news/index.html"), encoding: .utf8)
        #expect(listing.contains("href=\"\(chinese)\""))
        #expect(listing.contains("href=\"/news-site/news/our-visit-to-harbin/\""))
        let links = try String(contentsOf: output.appendingPathComponent("news/links/index.html"), encoding: .utf8)
        #expect(links.contains("<a href=\"/news-site/news/our-visit-to-harbin/\">the visit</a>"))
        #expect(links.contains("<a href=\"\(chinese)\">合作</a>"))
    }

    @Test func aSymbolicLinkLeavingTheSiteIsRefused() throws {
        let outside = try TemporaryDirectory()
        try outside.write("secret.md", TestSite.item(title: "Not part of the site"))
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path]).status == 0)
        let before = site.snapshot("output")
        try FileManager.default.createSymbolicLink(atPath: site.url.appendingPathComponent("content/news/secret.md").path,
                                                   withDestinationPath: outside.url.appendingPathComponent("secret.md").path)

        let check = try NewsdeskBinary.run(["check", "--site", site.url.path])
        #expect(check.status == 1)
        #expect(check.standardOutput.hasPrefix("content/news/secret.md: error: this symbolic link points outside content/, so it is not read\n"))
        let build = try NewsdeskBinary.run(["build", "--site", site.url.path])
        #expect(build.status == 1)
        #expect(site.snapshot("output") == before)
    }
}
