import Foundation

/// Every file of an output folder with its modification time and a fingerprint of its bytes,
/// so that a rebuild can be checked: exactly the files whose bytes changed got a new mtime.
struct OutputSnapshot {
    struct Entry: Equatable {
        var modified: timespec
        var fingerprint: UInt64

        static func == (a: Entry, b: Entry) -> Bool {
            a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec && a.fingerprint == b.fingerprint
        }
    }

    var files: [String: Entry] = [:]

    init(directory: String) {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return }
        while let relative = enumerator.nextObject() as? String {
            let path = directory + "/" + relative
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            files[relative] = Entry(modified: info.st_mtim, fingerprint: Self.fingerprint(data))
        }
    }

    var htmlCount: Int { files.keys.count { $0.hasSuffix(".html") } }

    struct Comparison {
        var rewritten: [String]
        var changedBytes: [String]
        var added: [String]
        var removed: [String]
        var untouched: Int
        /// Files that got a new modification time though their bytes are the same.
        var needlesslyRewritten: [String] { rewritten.filter { !changedBytes.contains($0) } }
        /// Files whose bytes changed but whose modification time did not (impossible unless clocks lie).
        var silentlyChanged: [String] { changedBytes.filter { !rewritten.contains($0) } }
    }

    func compare(to after: OutputSnapshot) -> Comparison {
        var comparison = Comparison(rewritten: [], changedBytes: [], added: [], removed: [], untouched: 0)
        for (path, old) in files {
            guard let new = after.files[path] else { comparison.removed.append(path); continue }
            let timeChanged = old.modified.tv_sec != new.modified.tv_sec || old.modified.tv_nsec != new.modified.tv_nsec
            if timeChanged { comparison.rewritten.append(path) }
            if old.fingerprint != new.fingerprint { comparison.changedBytes.append(path) }
            if !timeChanged && old.fingerprint == new.fingerprint { comparison.untouched += 1 }
        }
        comparison.added = after.files.keys.filter { files[$0] == nil }
        return comparison
    }

    /// FNV-1a: the snapshot only needs to notice changed bytes.
    static func fingerprint(_ data: Data) -> UInt64 {
        data.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}
