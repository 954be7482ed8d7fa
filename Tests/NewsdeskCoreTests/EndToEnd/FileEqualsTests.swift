import Foundation
import Testing
@testable import NewsdeskCore

/// Pins `StagedOutputWriter.fileEquals` (read back and compared with memcmp): a previous output
/// file is kept only when it holds exactly the new bytes.
@Suite("Output comparison")
struct FileEqualsTests {
    @Test func onlyTheSameBytesCount() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("newsdesk-file-equals-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let page = Array("<p>中文 page\r\n</p>".utf8)
        try Data(page).write(to: URL(fileURLWithPath: path))
        #expect(StagedOutputWriter.fileEquals(path, page) != nil)
        var changed = page
        changed[changed.count - 1] ^= 1
        #expect(StagedOutputWriter.fileEquals(path, changed) == nil)
        #expect(StagedOutputWriter.fileEquals(path, Array(page.dropLast())) == nil)
        #expect(StagedOutputWriter.fileEquals(path + ".missing", page) == nil)
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(StagedOutputWriter.fileEquals(path, []) != nil)
        #expect(StagedOutputWriter.fileEquals(path, page) == nil)
    }
}
