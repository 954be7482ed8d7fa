import Foundation
import Testing
@testable import NewsdeskCore

/// The walks over a previous output folder: the survey a build takes while it runs, and the
/// removal of the previous site after the swap.
@Suite("Previous output folder")
struct OutputFolderContentsTests {
    /// A site-shaped tree: files at the top, folders per section, year and item, a wide folder.
    static func tree(in folder: TemporaryDirectory) throws {
        try folder.write("site/index.html", "home")
        try folder.write("site/.gitkeep", "")
        for section in ["news", "campus"] {
            for year in 2020...2022 {
                for item in 0..<5 { try folder.write("site/\(section)/\(year)/item-\(item)/index.html", "\(section) \(year) \(item)") }
            }
            try folder.write("site/\(section)/index.html", section)
        }
        for document in 0..<40 { try folder.write("site/search/en/docs/\(document).json", "{}") }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("site/empty/inner"), withIntermediateDirectories: true)
    }

    @Test func theSurveyListsEveryRegularFileButTheTopPlaceholders() throws {
        let folder = try TemporaryDirectory()
        try Self.tree(in: folder)
        let survey = try #require(OutputFolderContents.survey(folder.url.appendingPathComponent("site").path))
        let files = try #require(survey.files)
        #expect(files.count == 1 + 2 * (15 + 1) + 40)
        #expect(files.contains("news/2021/item-3/index.html"))
        #expect(!files.contains(".gitkeep"))
        #expect(survey.unremovableFolder == nil)
    }

    @Test func aSymbolicLinkMeansTheFilesCannotBeVouchedFor() throws {
        let folder = try TemporaryDirectory()
        try Self.tree(in: folder)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("site/news/link").path, withDestinationPath: "/etc")
        let survey = try #require(OutputFolderContents.survey(folder.url.appendingPathComponent("site").path))
        #expect(survey.files == nil)
    }

    @Test func aMissingFolderHasNoSurvey() throws {
        let folder = try TemporaryDirectory()
        #expect(OutputFolderContents.survey(folder.url.appendingPathComponent("absent").path) == nil)
    }

    @Test func removingTheTreeLeavesNothing() async throws {
        let folder = try TemporaryDirectory()
        try Self.tree(in: folder)
        try await OutputFolderContents.removeTree(folder.url.appendingPathComponent("site").path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    /// The previous site may hold a link an editor or a tool put there; what it points to is
    /// outside the output and must survive.
    @Test func removingTheTreeRemovesLinksNotWhatTheyPointTo() async throws {
        let folder = try TemporaryDirectory()
        try Self.tree(in: folder)
        try folder.write("outside/keep.txt", "keep")
        let outside = folder.url.appendingPathComponent("outside").path
        for link in ["site/outside-link", "site/news/2021/outside-link", "site/news/2021/item-1/outside-link"] {
            try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent(link).path, withDestinationPath: outside)
        }
        try await OutputFolderContents.removeTree(folder.url.appendingPathComponent("site").path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["outside"])
        #expect(try String(contentsOfFile: outside + "/keep.txt", encoding: .utf8) == "keep")
    }

    @Test func removingAMissingTreeFailsNamingIt() async throws {
        let folder = try TemporaryDirectory()
        let missing = folder.url.appendingPathComponent("absent").path
        let error = await #expect(throws: OutputWriteError.self) { try await OutputFolderContents.removeTree(missing) }
        #expect(error?.path == missing)
    }
}
