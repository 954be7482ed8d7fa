import Foundation

/// Keeps a `BuildCache` in `.newsdesk-cache/` at the site root between runs of `newsdesk build`.
///
/// The file starts with a header line naming the format, the program that wrote it and a
/// checksum and length of the rest. A file that is truncated, corrupt, from another format or
/// from another newsdesk executable loads as an empty cache: the build then renders everything,
/// which is slower but never wrong.
public struct BuildCacheStore: Sendable {
    public static let directoryName = ".newsdesk-cache"
    static let fileName = "build-cache"

    public let directory: URL

    public init(siteRoot: URL) {
        directory = siteRoot.appendingPathComponent(Self.directoryName)
    }

    var file: URL { directory.appendingPathComponent(Self.fileName) }

    /// The stored cache if it is intact and was written by the program `engine` identifies.
    public func load(engine: UInt64) -> BuildCache {
        guard let data = FileManager.default.contents(atPath: file.path),
              let newline = data.firstIndex(of: 0x0A) else { return BuildCache(engine: engine) }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self).split(separator: " ")
        let payload = Array(data[(newline + 1)...])
        guard header.count == 5, header[0] == "newsdesk-cache", header[1] == String(BuildCache.formatVersion),
              UInt64(header[2], radix: 16) == engine, Int(header[4]) == payload.count,
              UInt64(header[3], radix: 16) == StableHasher.fingerprint(payload),
              let stored = try? BinaryCoding.decode(StoredBuildCache.self, from: payload),
              stored.engine == engine
        else { return BuildCache(engine: engine) }
        return stored.cache
    }

    /// Writes `cache` atomically (a temporary file renamed over the previous one).
    public func save(_ cache: BuildCache) throws {
        let payload = try BinaryCoding.encode(StoredBuildCache(cache))
        let header = "newsdesk-cache \(BuildCache.formatVersion) \(String(cache.engine, radix: 16)) "
            + "\(String(StableHasher.fingerprint(payload), radix: 16)) \(payload.count)\n"
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(Self.fileName + ".tmp")
        try Data(Array(header.utf8) + payload).write(to: temporary)
        if rename(temporary.path, file.path) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
    }

    /// Identifies the running program by its executable's inode, size and modification time,
    /// so a rebuilt or upgraded newsdesk never trusts what another version rendered.
    public static func programIdentity() -> UInt64 {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return UInt64(BuildCache.formatVersion) }
        return StagedOutputWriter.stamp(info)
    }
}
