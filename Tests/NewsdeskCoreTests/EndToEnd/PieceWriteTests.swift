import Foundation
import Testing
@testable import NewsdeskCore

/// A file written from pieces (`OutputSink.write(pieces:to:)`, the search index's chunks) is the
/// file of the pieces joined: on disk through `writev`, however many pieces and wherever a call
/// stops, and kept like any other file when a previous output already holds those bytes.
@Suite("Writing a file from pieces")
struct PieceWriteTests {
    let folder: TemporaryDirectory
    var output: URL { folder.url.appendingPathComponent("site/output") }

    init() throws { folder = try TemporaryDirectory() }

    /// Pieces of varied sizes (some empty, some multi-byte text), more than one `writev` takes.
    static func pieces(count: Int) -> [[UInt8]] {
        (0..<count).map { index in
            index % 7 == 3 ? [] : Array("piece \(index) 中文 \(String(repeating: "x", count: index % 97))\n".utf8)
        }
    }

    @Test(arguments: [0, 1, 2, 129, StagedOutputWriter.vectorsPerCall + 5, 3 * StagedOutputWriter.vectorsPerCall])
    func theFileIsThePiecesJoined(count: Int) async throws {
        let pieces = Self.pieces(count: count)
        let writer = try StagedOutputWriter(outputDirectory: output)
        try writer.write(pieces: pieces, to: "search/en/docs/0.bin")
        try await writer.commit()
        let written = try [UInt8](Data(contentsOf: output.appendingPathComponent("search/en/docs/0.bin")))
        #expect(written == Array(pieces.joined()))
    }

    @Test func aFileHoldingTheJoinedPiecesIsKept() async throws {
        let pieces = Self.pieces(count: 300)
        let first = try StagedOutputWriter(outputDirectory: output)
        try first.write(Array(pieces.joined()), to: "chunk.bin")
        try await first.commit()
        let second = try StagedOutputWriter(outputDirectory: output)
        try second.write(pieces: pieces, to: "chunk.bin")
        #expect(second.filesWritten == 0)
        try await second.commit()
        let third = try StagedOutputWriter(outputDirectory: output)
        var changed = pieces
        changed[151][0] ^= 1
        try third.write(pieces: changed, to: "chunk.bin")
        #expect(third.filesWritten == 1)
    }

    /// What is left to write of "abc" and "defgh" once `written` bytes went out, as the
    /// offsets into the eight bytes and lengths of the vectors left.
    static func left(after written: Int) -> [(start: Int, length: Int)] {
        var bytes = Array("abcdefgh".utf8)
        return bytes.withUnsafeMutableBytes { all in
            var vectors = [iovec(iov_base: all.baseAddress, iov_len: 3), iovec(iov_base: all.baseAddress! + 3, iov_len: 5)]
            return vectors.withUnsafeMutableBufferPointer { vectors in
                StagedOutputWriter.advance(vectors, by: written).map { ($0.iov_base! - all.baseAddress!, $0.iov_len) }
            }
        }
    }

    @Test func aWriteThatStopsInAPieceGoesOnFromThere() {
        #expect(Self.left(after: 0).map(\.start) == [0, 3])
        #expect(Self.left(after: 2).map(\.start) == [2, 3])
        #expect(Self.left(after: 2).map(\.length) == [1, 5])
        #expect(Self.left(after: 3).map(\.start) == [3])
        #expect(Self.left(after: 4).map(\.start) == [4])
        #expect(Self.left(after: 4).map(\.length) == [4])
        #expect(Self.left(after: 8).isEmpty)
    }
}
