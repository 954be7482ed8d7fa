import Synchronization

/// Where rendered files go. The disk writer stages and swaps; tests collect into memory.
/// Paths are relative to the output folder and have been checked by `OutputPath`.
public protocol OutputSink: Sendable {
    func write(_ bytes: [UInt8], to path: String) throws

    /// Carries the previous build's file at `path` into this build unchanged, when the sink
    /// still holds it and it is the file `stamp` describes. False when it cannot; the build
    /// then renders and writes the file.
    func keep(_ path: String, stamp: UInt64) -> Bool

    /// Identifies the file this build produced at `path` (written or kept), so that the next
    /// build can ask to keep exactly that file.
    func stamp(of path: String) -> UInt64?
}

extension OutputSink {
    public func keep(_ path: String, stamp: UInt64) -> Bool { false }
    public func stamp(of path: String) -> UInt64? { nil }
}

/// Collects the output in memory, for tests and for `check`, which renders without writing.
public final class InMemoryOutput: OutputSink {
    private let storage = Mutex<[String: [UInt8]]>([:])
    /// The previous build's files, which `keep` carries over (the preview server's memory).
    private let previous: [String: [UInt8]]

    public init(previous: [String: [UInt8]] = [:]) { self.previous = previous }

    public func keep(_ path: String, stamp: UInt64) -> Bool {
        guard let bytes = previous[path], StableHasher.fingerprint(bytes) == stamp else { return false }
        return storage.withLock { files in
            guard files[path] == nil else { return false }
            files[path] = bytes
            return true
        }
    }

    public func stamp(of path: String) -> UInt64? {
        storage.withLock { $0[path] }.map(StableHasher.fingerprint)
    }

    public func write(_ bytes: [UInt8], to path: String) throws {
        try OutputPath.validate(path)
        try storage.withLock { files in
            guard files[path] == nil else { throw OutputWriteError(path: path, reason: "written twice in one build") }
            files[path] = bytes
        }
    }

    public var files: [String: [UInt8]] { storage.withLock { $0 } }

    public func text(_ path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }
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
}

/// The one check every output path passes before anything is written: relative, inside the
/// output folder, no `..`, no empty or hidden segments that could be a staging folder.
public enum OutputPath {
    public static func validate(_ path: String) throws {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.utf8.contains(0),
              segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
        else { throw OutputWriteError(path: path, reason: "the path would leave the output folder") }
    }
}
