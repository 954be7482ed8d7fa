import Foundation
import Synchronization

/// What the cache holds of one photo: its size and the variants encoded from it.
public struct StoredImage: Sendable, Hashable, Codable {
    public var width: Int
    public var height: Int
    public var variants: [ImageVariant]
    public var thumbnails: [ImageVariant]
}

/// The entry a photo's bytes had, under some settings, when the source last stamped it
/// (`SiteSource.stamp`).
public struct ImageStamp: Sendable, Hashable, Codable {
    public var stamp: UInt64
    /// `ImageSettings.fingerprint`: other settings make another entry of the same bytes.
    public var settings: UInt64
    public var key: String
}

/// What a build learned about pictures besides their variants, for the next build: which
/// libvips encoded them, and the sizes of pictures it only measured.
public struct PictureFacts: Sendable, Codable, Equatable {
    public var libvips: VipsLibraryRecord?
    /// `StableHasher.fingerprint` of a picture's bytes, in hexadecimal → its size.
    public var sizes: [String: PixelSize] = [:]

    public init() {}
}

/// Where encoded variants are kept between builds, keyed by the hash of the source bytes and
/// the settings (`ResizedImage.key`): an entry never changes once stored.
public protocol ImageStore: Sendable {
    func load(_ key: String) -> StoredImage?
    /// `files`: stored name (`ImageVariant.storedName`) → bytes.
    func save(_ key: String, image: StoredImage, files: [String: [UInt8]]) throws
    /// Hands the stored file `name` of entry `key` to the sink as `path`.
    func publish(_ key: String, name: String, to path: String, into sink: any OutputSink) throws
    /// Source path → the stamp and entry it had: a photo with the same stamp is not read again
    /// (camera photos are megabytes each; a one-item edit must not read them all).
    func stamps() -> [String: ImageStamp]
    func saveStamps(_ stamps: [String: ImageStamp])
    func facts() -> PictureFacts
    func saveFacts(_ facts: PictureFacts)
}

/// `.newsdesk-cache/images/<key>/`: the variants and `image.json`, written last, so that an
/// entry whose build was interrupted has no `image.json` and is encoded again. Published files
/// are hard links to these (`OutputSink.linkFile`).
public struct DiskImageStore: ImageStore {
    public let directory: URL
    /// False for `newsdesk check` and `newsdesk serve`, which write nothing into the site
    /// folder: what they encode, and the stamps, are kept in memory (for the preview's rebuilds).
    public let writes: Bool
    private let unwritten = MemoryImageStore()

    /// The store's folder inside `.newsdesk-cache/`.
    public static let folderName = "images"

    public init(siteRoot: URL, writes: Bool = true) {
        directory = siteRoot.appendingPathComponent(BuildCacheStore.directoryName).appendingPathComponent(Self.folderName)
        self.writes = writes
    }

    private func entry(_ key: String) -> URL { directory.appendingPathComponent(key) }

    public func load(_ key: String) -> StoredImage? {
        if !writes, let image = unwritten.load(key) { return image }
        guard let data = try? Data(contentsOf: entry(key).appendingPathComponent("image.json")),
              let image = try? JSONDecoder().decode(StoredImage.self, from: data) else { return nil }
        let manager = FileManager.default
        let complete = (image.variants + image.thumbnails).allSatisfy {
            manager.fileExists(atPath: entry(key).appendingPathComponent($0.storedName).path)
        }
        return complete ? image : nil
    }

    public func save(_ key: String, image: StoredImage, files: [String: [UInt8]]) throws {
        guard writes else { return try unwritten.save(key, image: image, files: files) }
        let folder = entry(key)
        // The variants are written inside the entry's folder: one that is a link would put
        // them wherever it points.
        var info = stat()
        if lstat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            throw OutputWriteError(path: folder.path, reason: "it is a symbolic link; remove it (the build makes a real folder there)")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            try Data(bytes).write(to: folder.appendingPathComponent(name), options: .atomic)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(image).write(to: folder.appendingPathComponent("image.json"), options: .atomic)
    }

    private var stampFile: URL { directory.appendingPathComponent("stamps.json") }

    public func stamps() -> [String: ImageStamp] {
        if !writes, case let known = unwritten.stamps(), !known.isEmpty { return known }
        guard let data = try? Data(contentsOf: stampFile) else { return [:] }
        return (try? JSONDecoder().decode([String: ImageStamp].self, from: data)) ?? [:]
    }

    /// Best effort: without the file, the next build reads and hashes the photos again.
    public func saveStamps(_ stamps: [String: ImageStamp]) {
        guard writes else { return unwritten.saveStamps(stamps) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard stamps != self.stamps(), let data = try? encoder.encode(stamps) else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? data.write(to: stampFile, options: .atomic)
    }

    private var factsFile: URL { directory.appendingPathComponent("facts.json") }

    public func facts() -> PictureFacts {
        if !writes, case let known = unwritten.facts(), known != PictureFacts() { return known }
        guard let data = try? Data(contentsOf: factsFile) else { return PictureFacts() }
        return (try? JSONDecoder().decode(PictureFacts.self, from: data)) ?? PictureFacts()
    }

    /// Best effort, like the stamps: without the file, the next build starts libvips again.
    public func saveFacts(_ facts: PictureFacts) {
        guard writes else { return unwritten.saveFacts(facts) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(facts) else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? data.write(to: factsFile, options: .atomic)
    }

    public func publish(_ key: String, name: String, to path: String, into sink: any OutputSink) throws {
        if !writes, unwritten.load(key) != nil { return try unwritten.publish(key, name: name, to: path, into: sink) }
        try sink.linkFile(entry(key).appendingPathComponent(name).path, to: path)
    }
}

/// Keeps variants in memory: tests, and builds of sites that are not on a disk.
public final class MemoryImageStore: ImageStore {
    private let entries = Mutex<[String: (image: StoredImage, files: [String: [UInt8]])]>([:])
    private let stampTable = Mutex<[String: ImageStamp]>([:])
    private let factTable = Mutex(PictureFacts())

    public init() {}

    public func load(_ key: String) -> StoredImage? { entries.withLock { $0[key]?.image } }
    public func stamps() -> [String: ImageStamp] { stampTable.withLock { $0 } }
    public func saveStamps(_ stamps: [String: ImageStamp]) { stampTable.withLock { $0 = stamps } }
    public func facts() -> PictureFacts { factTable.withLock { $0 } }
    public func saveFacts(_ facts: PictureFacts) { factTable.withLock { $0 = facts } }

    public func save(_ key: String, image: StoredImage, files: [String: [UInt8]]) throws {
        entries.withLock { $0[key] = (image, files) }
    }

    public func publish(_ key: String, name: String, to path: String, into sink: any OutputSink) throws {
        guard let bytes = entries.withLock({ $0[key]?.files[name] }) else {
            throw OutputWriteError(path: path, reason: "the encoded picture \(key)/\(name) is missing from memory")
        }
        try sink.write(bytes, to: path)
    }
}
