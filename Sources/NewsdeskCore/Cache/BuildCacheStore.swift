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
    /// The site the last build swapped out, kept to become the next build's staging folder
    /// (`RecycledStaging`).
    var spareSite: URL { directory.appendingPathComponent("previous-site") }

    /// The stored cache if it is intact and was written by the program `engine` identifies.
    /// The checksum is verified beside the decoding, on another core.
    public func load(engine: UInt64) async -> BuildCache {
        guard let bytes = Self.contents(of: file.path), let newline = bytes.firstIndex(of: 0x0A) else { return BuildCache(engine: engine) }
        let header = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ")
        let payloadStart = newline + 1
        let payloadCount = bytes.count - payloadStart
        guard header.count == 5, header[0] == "newsdesk-cache", header[1] == String(BuildCache.formatVersion),
              UInt64(header[2], radix: 16) == engine, Int(header[4]) == payloadCount, payloadCount > 0,
              let checksum = UInt64(header[3], radix: 16) else { return BuildCache(engine: engine) }
        let check: @Sendable () -> Bool = {
            bytes.withUnsafeBytes { Self.checksum(UnsafeRawBufferPointer(rebasing: $0[payloadStart...])) == checksum }
        }
        guard let stored = try? await BuildCache.decodeConcurrently(bytes, payloadStart: payloadStart, check: check),
              stored.engine == engine else { return BuildCache(engine: engine) }
        return stored
    }

    /// The file's bytes, read with one `read` into an array of its size.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let read = Glibc.read(descriptor, buffer.baseAddress! + count, size - count)
                if read < 0, errno == EINTR { continue }
                guard read > 0 else { break }
                count += read
            }
        }
        return bytes.count == size ? bytes : nil
    }

    /// Writes `cache` atomically (a temporary file renamed over the previous one).
    public func save(_ cache: BuildCache) throws {
        try writeTemporary(cache)
        try installTemporary()
    }

    /// Writes `cache` to the temporary file, streaming it so that memory does not grow with the
    /// archive: the header's checksum and length are filled in once the payload is on disk.
    /// Apart from `installTemporary` so that a build can write its cache while its output is
    /// committed, and put it in place only once that output is.
    func writeTemporary(_ cache: BuildCache) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // A new file, never one a link there points to (see `OutputLocationPolicy.linkProblem`).
        unlink(temporaryPath)
        let descriptor = open(temporaryPath, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporaryPath]) }
        defer { close(descriptor) }
        let placeholder = Self.header(engine: cache.engine, checksum: 0, length: 0)
        try Self.write(Array(placeholder.utf8), to: descriptor, at: 0)
        guard lseek(descriptor, off_t(placeholder.utf8.count), SEEK_SET) >= 0 else { throw CocoaError(.fileWriteUnknown) }
        var writer = CacheWriter(descriptor: descriptor)
        cache.store(in: &writer)
        try writer.finish()
        try Self.write(Array(Self.header(engine: cache.engine, checksum: writer.checksum.value, length: writer.count).utf8), to: descriptor, at: 0)
    }

    /// Puts the cache `writeTemporary` wrote in place of the previous one.
    func installTemporary() throws {
        if rename(temporaryPath, file.path) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
    }

    /// Removes a cache written for a build whose output was not committed.
    func discardTemporary() {
        unlink(temporaryPath)
    }

    private var temporaryPath: String { directory.appendingPathComponent(Self.fileName + ".tmp").path }

    /// The header's checksum of the payload (the same value `CacheWriter` computes as it writes).
    static func checksum(_ payload: UnsafeRawBufferPointer) -> UInt64 {
        var checksum = StableHasher.WideFingerprint(count: 0)
        checksum.add(payload)
        return checksum.value
    }

    /// Fixed width, so the final header overwrites the placeholder exactly.
    /// Sixteen hex digits, so that header fields keep their width.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func header(engine: UInt64, checksum: UInt64, length: Int) -> String {
        let digits = String(length)
        return "newsdesk-cache \(BuildCache.formatVersion) \(hex(engine)) \(hex(checksum)) \(String(repeating: "0", count: max(0, 16 - digits.count)) + digits)\n"
    }

    private static func write(_ bytes: [UInt8], to descriptor: Int32, at offset: Int) throws {
        let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, bytes.count, off_t(offset)) }
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Identifies the running program by its executable's stamp (inode, size, modification time),
    /// so a rebuilt or upgraded newsdesk never trusts what another version rendered.
    public static func programIdentity() -> UInt64 {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return UInt64(BuildCache.formatVersion) }
        return FileStamp.written(info)
    }
}
