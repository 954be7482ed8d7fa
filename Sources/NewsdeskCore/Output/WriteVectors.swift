#if canImport(Glibc)
import Glibc
#endif

/// Files written from pieces (`OutputSink.write(pieces:to:)`) go to the system as one
/// `writev` call per `vectorsPerCall` pieces, each piece where it lies.
extension StagedOutputWriter {
    /// At most `IOV_MAX` (1024 on Linux) vectors a call.
    static let vectorsPerCall = 1024

    /// Runs `body` with one vector per non-empty piece, pointing into the pieces' storage,
    /// which stays pinned during the call: each piece is lent in turn, one call deeper, so the
    /// stack grows with the number of pieces (a chunk's are 129; a call's frame is small).
    static func withVectors<Result>(_ pieces: [[UInt8]], _ body: (UnsafeMutableBufferPointer<iovec>) throws -> Result) rethrows -> Result {
        var vectors: [iovec] = []
        vectors.reserveCapacity(pieces.count)
        func lend(from index: Int) throws -> Result {
            guard index < pieces.count else { return try vectors.withUnsafeMutableBufferPointer { try body($0) } }
            guard !pieces[index].isEmpty else { return try lend(from: index + 1) }
            return try pieces[index].withUnsafeBytes { bytes in
                vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count))
                return try lend(from: index + 1)
            }
        }
        return try lend(from: 0)
    }

    /// The vectors left once `written` bytes of them went out: whole ones dropped, the first
    /// one left moved past what of it went out.
    static func advance(_ vectors: UnsafeMutableBufferPointer<iovec>, by written: Int) -> UnsafeMutableBufferPointer<iovec> {
        var rest = written
        var first = vectors.startIndex
        while first < vectors.endIndex, rest >= vectors[first].iov_len {
            rest -= vectors[first].iov_len
            first += 1
        }
        let left = UnsafeMutableBufferPointer(rebasing: vectors[first...])
        if rest > 0 {
            left[0].iov_base = left[0].iov_base.map { $0 + rest }
            left[0].iov_len -= rest
        }
        return left
    }
}
