import Foundation

/// What the last successful `newsdesk build` of a site looked at and what it left behind:
/// every input path with its stamp (or its absence), every output file and folder with its
/// stamp, and what the build reported.
///
/// When all of those stamps are still the same, the same program with the same options would
/// build the same bytes, so the next `newsdesk build` only compares them (`BuildManifestCheck`,
/// one `stat` per path) and reports the stored result, as make and ninja do. The build cache
/// (`BuildCache`) takes over as soon as anything differs. Like it, the manifest trusts the
/// stamps of files it has just written; a source file gets one only once it has settled.
struct BuildManifest {
    static let formatVersion = 3
    static let fileName = "manifest"

    /// Identifies the program, the build options and the site and output folders.
    var key: UInt64
    /// The build's clock: a clock set back before it could unpublish an item, so the manifest
    /// holds only from this moment until `validUntil`.
    var builtAt: NewsDate
    /// The earliest date of an item still in the future: from then on the same inputs build
    /// differently (the item is published, or loses its "future" flag).
    var validUntil: NewsDate?
    var pages: Int
    var files: Int
    /// Markdown files whose front matter the build used.
    var frontMatters: Int
    /// Drafts and scheduled items the build left out, for the summary line.
    var leftOut = PublicationFilter.LeftOut()
    var diagnostics: [Diagnostic]
    /// Site-relative paths and what was there; none is `.unsettled`.
    var inputs: [(path: String, observation: InputObservation)]
    /// Output-relative paths, and the names in the output folder itself (`OutputTreeStamps`).
    var outputs: [(path: String, stamp: UInt64)]
    var outputTopNames: [String]

    /// The program (`BuildCacheStore.programIdentity`), every option that changes what a build
    /// produces, and both folders: a build with another of any of them is another build.
    static func key(engine: UInt64, options: BuildOptions, siteRoot: String, outputDirectory: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(formatVersion)
        hasher.combine(engine)
        hasher.combine(options.includeDrafts)
        hasher.combine(options.includeFuture)
        hasher.combine(options.baseURL)
        hasher.combine(options.mode == .preview)
        hasher.combine(siteRoot)
        hasher.combine(outputDirectory)
        return hasher.value
    }

    /// The stored form: a header line (format, key, checksum and length of the rest), the
    /// result, then the entries. Each path ends in a NUL byte so the check can hand it to
    /// `stat` where it lies in the buffer.
    func encoded() -> [UInt8] {
        var writer = CacheWriter()
        writer.write(builtAt)
        writer.write(validUntil)
        writer.write(pages)
        writer.write(files)
        writer.write(frontMatters)
        writer.write(leftOut.drafts)
        writer.write(leftOut.scheduled)
        writer.write(diagnostics)
        writer.write(outputTopNames)
        writer.write(varint: UInt64(inputs.count))
        writer.write(varint: UInt64(outputs.count))
        for (path, observation) in inputs {
            Self.write(path, to: &writer)
            // 0 absent, 1 stamped; an unsettled path (which `ObservedSiteSource.inputs` never
            // hands over) is stored as 2, which no later look matches.
            switch observation {
            case .absent:
                writer.write(0 as UInt8)
                writer.write(0 as UInt64)
            case .stamped(let stamp):
                writer.write(1 as UInt8)
                writer.write(stamp)
            case .unsettled:
                writer.write(2 as UInt8)
                writer.write(0 as UInt64)
            }
        }
        for (path, stamp) in outputs {
            Self.write(path, to: &writer)
            writer.write(stamp)
        }
        let payload = writer.bytes
        let checksum = payload.withUnsafeBytes { BuildCacheStore.checksum($0) }
        return Array(Self.header(key: key, checksum: checksum, length: payload.count).utf8) + payload
    }

    private static func write(_ path: String, to writer: inout CacheWriter) {
        var path = path
        path.withUTF8 { utf8 in
            writer.write(varint: UInt64(utf8.count + 1))
            for byte in utf8 { writer.write(byte) }
            writer.write(0 as UInt8)
        }
    }

    static func header(key: UInt64, checksum: UInt64, length: Int) -> String {
        "newsdesk-manifest \(formatVersion) \(BuildCacheStore.hex(key)) \(BuildCacheStore.hex(checksum)) \(length)\n"
    }
}

/// Keeps the manifest in `.newsdesk-cache/manifest`, beside the build cache.
struct BuildManifestStore: Sendable {
    let directory: URL
    var file: URL { directory.appendingPathComponent(BuildManifest.fileName) }

    init(siteRoot: URL) {
        directory = siteRoot.appendingPathComponent(BuildCacheStore.directoryName)
    }

    func contents() -> [UInt8]? { BuildCacheStore.contents(of: file.path) }

    /// Written to a temporary file and renamed over the old one, so a reader sees one or the other.
    func save(_ manifest: BuildManifest) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(BuildManifest.fileName + ".tmp")
        // A new file, never one a link there points to (see `OutputLocationPolicy.linkProblem`).
        unlink(temporary.path)
        try Data(manifest.encoded()).write(to: temporary, options: .withoutOverwriting)
        guard rename(temporary.path, file.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
    }

    /// A build that cannot vouch for its inputs leaves no manifest, not an outdated one.
    func remove() throws {
        let removed = file.path.withCString { unlink($0) == 0 || errno == ENOENT }
        guard removed else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
    }
}
