import Foundation

/// The libvips file a build loaded and its version, kept in the image store so that the next
/// build knows the version without loading libvips. The version is part of every variant's
/// cache key (`ImageSettings.fingerprint`), and loading libvips with its hundred libraries
/// takes longer than the rest of a small site's rebuild: a build that encodes nothing (an
/// edit, a site whose photos are all in the store) should not pay for it.
public struct VipsLibraryRecord: Sendable, Codable, Equatable {
    /// The file the dynamic loader opened, as it named it (the soname's link).
    public var path: String
    /// `FileStamp.written` of the file behind `path`: an upgrade installs another file.
    public var stamp: UInt64
    /// Where the loader looks (`LD_LIBRARY_PATH` and the stamp of `/etc/ld.so.cache`): when
    /// either changes, `dlopen` may find another file under the same name.
    public var search: UInt64
    public var version: String
}

enum VipsLibrary {
    /// The version of the libvips this process encodes with: `recorded`'s while the file it
    /// names is the same and the loader would search the same places; otherwise libvips is
    /// started and asked, and the record returned is of the file it was loaded from (nil when
    /// that file cannot be stamped, so the next build asks again).
    static func version(recorded: VipsLibraryRecord?) -> (version: String, record: VipsLibraryRecord?) {
        let search = loaderSearch()
        if let recorded, recorded.search == search, stamp(of: recorded.path) == recorded.stamp {
            return (recorded.version, recorded)
        }
        let version = VipsCodec.version
        guard let path = VipsCodec.libraryPath, let stamp = stamp(of: path) else { return (version, nil) }
        return (version, VipsLibraryRecord(path: path, stamp: stamp, search: search, version: version))
    }

    /// The file behind `path`, links followed; nil when there is none.
    static func stamp(of path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp.written(info)
    }

    static func loaderSearch() -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(ProcessInfo.processInfo.environment["LD_LIBRARY_PATH"] ?? "")
        hasher.combine(stamp(of: "/etc/ld.so.cache") ?? 0)
        return hasher.value
    }
}
