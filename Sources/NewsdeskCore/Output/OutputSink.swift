import Foundation
import Synchronization

/// Where rendered files go. The disk writer stages and swaps; tests collect into memory.
/// Paths are relative to the output folder and have been checked by `OutputPath`.
public protocol OutputSink: Sendable {
    func write(_ bytes: [UInt8], to path: String) throws

    /// Writes the file made of `pieces` back to back: the same file as `write` of the pieces
    /// joined. A sink that can hand them to the system as they are (the disk writer, with
    /// `writev`) spares joining them first: a search chunk is made of sixty-four items' texts.
    func write(pieces: [[UInt8]], to path: String) throws

    /// Carries the previous build's file at `path` into this build unchanged, when the sink
    /// still holds it and it is the file `stamp` describes. False when it cannot; the build
    /// then renders and writes the file.
    func keep(_ path: String, stamp: UInt64) -> Bool

    /// Identifies the file this build produced at `path` (written or kept), so that the next
    /// build can ask to keep exactly that file.
    func stamp(of path: String) -> UInt64?

    /// Publishes the file at the absolute path `file` (an encoded photo in the image cache) as
    /// `path`, without changing either: the disk writer hard-links it.
    func linkFile(_ file: String, to path: String) throws
}

extension OutputSink {
    public func write(pieces: [[UInt8]], to path: String) throws { try write(Array(pieces.joined()), to: path) }
    public func keep(_ path: String, stamp: UInt64) -> Bool { false }
    public func stamp(of path: String) -> UInt64? { nil }
    public func linkFile(_ file: String, to path: String) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw OutputWriteError(path: path, reason: "\(file) cannot be read")
        }
        try write([UInt8](data), to: path)
    }
}

/// Collects the output in memory, for tests, the preview server and `check`.
///
/// A rebuild that keeps most files costs little: a kept file is only noted, and `files`
/// starts from the previous build's dictionary, adding what was written and dropping what
/// was neither kept nor written.
public final class InMemoryOutput: OutputSink {
    private struct State {
        var written: [String: [UInt8]] = [:]
        var kept: Set<String> = []
        /// Stamps of written files, computed when first asked for.
        var stamps: [String: UInt64] = [:]
    }

    private let state = Mutex(State())
    /// The previous build's files, which `keep` carries over (the preview server's memory),
    /// and the stamps that build gave them (a hash of the bytes, computed once per file).
    private let previous: [String: [UInt8]]
    private let previousStamps: [String: UInt64]

    public init(previous: [String: [UInt8]] = [:], stamps: [String: UInt64] = [:]) {
        self.previous = previous
        previousStamps = stamps
        state.withLock { $0.kept.reserveCapacity(previous.count) }
    }

    public func keep(_ path: String, stamp: UInt64) -> Bool {
        guard let bytes = previous[path], (previousStamps[path] ?? StableHasher.fingerprint(bytes)) == stamp else { return false }
        return state.withLock { state in
            guard state.written[path] == nil else { return false }
            return state.kept.insert(path).inserted
        }
    }

    public func stamp(of path: String) -> UInt64? {
        let (bytes, known, isKept) = state.withLock { ($0.written[path], $0.stamps[path], $0.kept.contains(path)) }
        if isKept { return previousStamps[path] ?? previous[path].map(StableHasher.fingerprint) }
        if let known { return known }
        guard let bytes else { return nil }
        let stamp = StableHasher.fingerprint(bytes)
        state.withLock { $0.stamps[path] = stamp }
        return stamp
    }

    /// A photo variant the previous build also published is kept without reading the cache:
    /// its name holds the hash of its source and settings, so the same path is the same bytes.
    public func linkFile(_ file: String, to path: String) throws {
        try OutputPath.validate(path)
        if previous[path] != nil, state.withLock({ $0.written[path] == nil && $0.kept.insert(path).inserted }) { return }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw OutputWriteError(path: path, reason: "\(file) cannot be read")
        }
        try write([UInt8](data), to: path)
    }

    public func write(_ bytes: [UInt8], to path: String) throws {
        try OutputPath.validate(path)
        try state.withLock { state in
            guard state.written[path] == nil, !state.kept.contains(path) else {
                throw OutputWriteError(path: path, reason: "written twice in one build")
            }
            state.written[path] = bytes
        }
    }

    /// Every file of this build: the kept ones and the written ones.
    public var files: [String: [UInt8]] {
        let (written, kept) = state.withLock { ($0.written, $0.kept) }
        var files = previous
        if kept.count + written.keys.count(where: { previous[$0] != nil }) < previous.count {
            for path in previous.keys where !kept.contains(path) && written[path] == nil { files[path] = nil }
        }
        files.merge(written) { _, new in new }
        return files
    }

    /// The stamps of the build's files that the build asked for (those the next build may
    /// keep), for `init(previous:stamps:)` next time.
    public var stamps: [String: UInt64] {
        let (kept, stamps) = state.withLock { ($0.kept, $0.stamps) }
        return previousStamps.filter { kept.contains($0.key) }.merging(stamps) { _, new in new }
    }

    /// The files carried over from the previous build unchanged, without being written.
    public var keptPaths: Set<String> { state.withLock { $0.kept } }

    public func text(_ path: String) -> String? {
        let (written, isKept) = state.withLock { ($0.written[path], $0.kept.contains(path)) }
        return (written ?? (isKept ? previous[path] : nil)).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Discards everything: `newsdesk check` renders to find problems, not to publish.
public struct DiscardingOutput: OutputSink {
    public init() {}
    public func write(_ bytes: [UInt8], to path: String) throws { try OutputPath.validate(path) }
}

public struct OutputWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }

    /// What went wrong, in the system's words ("No space left on device"), not Foundation's
    /// dump of its error domain and user info.
    public static func reason(_ error: any Error) -> String {
        if let error = error as? OutputWriteError { return error.reason }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        let codes: [CocoaError.Code: Int32] = [.fileWriteNoPermission: EACCES, .fileWriteOutOfSpace: ENOSPC,
                                               .fileWriteVolumeReadOnly: EROFS, .fileNoSuchFile: ENOENT, .fileWriteFileExists: EEXIST]
        if let error = error as? CocoaError, let code = codes[error.code] { return String(cString: strerror(code)) }
        return nsError.localizedDescription
    }
}

/// The one check every output path passes before anything is written: relative, inside the
/// output folder, no `..` (also percent-encoded, as it is in URLs), no empty or hidden
/// segments that could be a staging folder, no backslash, and short enough for the file
/// system. `OutputPlanner` asks it of every planned path, so `check` finds what `build` would.
public enum OutputPath {
    /// The longest name a Linux file system takes for one file or folder.
    public static let maximumSegmentBytes = 255
    /// Leaves room in `PATH_MAX` (4,096) for the output folder's own path.
    public static let maximumPathBytes = 3_000

    public static func validate(_ path: String) throws {
        if let problem = problem(path) { throw OutputWriteError(path: path, reason: problem) }
    }

    /// Why `path` cannot be written below the output folder, or nil. One pass over the bytes:
    /// it runs for every output of every build, kept ones included.
    public static func problem(_ path: String) -> String? {
        var segment = Segment()
        var total = 0
        for byte in path.utf8 {
            total += 1
            if byte == 0 || byte == UInt8(ascii: "\\") { return "a file name cannot contain '\\' or a NUL byte" }
            if byte == UInt8(ascii: "/") {
                if let problem = segment.problem { return problem }
                segment = Segment()
            } else {
                segment.add(byte)
            }
        }
        if let problem = segment.problem { return problem }
        if total > maximumPathBytes { return "the path is longer than \(maximumPathBytes) bytes" }
        return nil
    }

    /// One segment's length, and whether it reads `.` or `..` once `%2e` is decoded.
    private struct Segment {
        var length = 0
        var dots = 0
        /// Bytes of a `%2e` or `%2E` seen so far (0 outside one).
        var percentState = 0
        var onlyDots = true

        mutating func add(_ byte: UInt8) {
            length += 1
            switch (percentState, byte) {
            case (_, UInt8(ascii: ".")) where percentState == 0: dots += 1
            case (0, UInt8(ascii: "%")): percentState = 1
            case (1, UInt8(ascii: "2")): percentState = 2
            case (2, UInt8(ascii: "e")), (2, UInt8(ascii: "E")): percentState = 0; dots += 1
            default: onlyDots = false; percentState = 0
            }
        }

        var problem: String? {
            if length == 0 { return "the path would leave the output folder (an empty segment)" }
            if onlyDots, percentState == 0, dots <= 2 { return "the path would leave the output folder ('.' or '..', perhaps written %2e)" }
            if length > OutputPath.maximumSegmentBytes { return "a part of the path is longer than \(OutputPath.maximumSegmentBytes) bytes" }
            return nil
        }
    }
}
