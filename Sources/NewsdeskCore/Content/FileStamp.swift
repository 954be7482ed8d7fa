#if canImport(Glibc)
import Glibc
#else
#error("Newsdesk supports Linux only: it uses Glibc's file calls, renameat2 and inotify (Package.swift)")
#endif

/// The numbers that change whenever a file's or folder's contents may have: device, inode,
/// size, modification and change time, as in git's index and rsync's quick check.
enum FileStamp {
    /// Nanoseconds since 1970 on the real-time clock, the clock file times are set from.
    static func now() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// The stamp of a source the editor may still be writing, or nil when it changed within
    /// `settling` nanoseconds of `now`: an edit in the same clock tick as a build's read would
    /// otherwise go unseen (git's "racy clean"). Where change times are whole seconds (their
    /// nanoseconds are 0), two seconds at least. The change time is part of it, since no tool
    /// can set it back: a file restored with its old modification time still counts as changed.
    static func settled(_ info: stat, now: Int64, settling: Int64) -> UInt64? {
        let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        let wait = info.st_ctim.tv_nsec == 0 ? max(settling, 2_000_000_000) : settling
        guard now - changed > wait else { return nil }
        var hasher = StableHasher()
        combineContentFields(of: info, into: &hasher)
        hasher.combine(Int(info.st_ctim.tv_sec))
        hasher.combine(Int(info.st_ctim.tv_nsec))
        return hasher.value
    }

    /// The stamp of a file or folder this program has written: type, device, inode, size and
    /// modification time, rsync's quick check. Not the change time: a build hard-links the
    /// files it keeps and removes the previous output, and both change the change time of
    /// files whose bytes never changed. The type is part of it, so a file replaced by a folder
    /// of the same inode number still differs.
    static func written(_ info: stat) -> UInt64 {
        var hasher = StableHasher()
        combineContentFields(of: info, into: &hasher)
        return hasher.value
    }

    /// Called for every source and output of every build: no array of the numbers, just the hash.
    private static func combineContentFields(of info: stat, into hasher: inout StableHasher) {
        hasher.combine(UInt64(info.st_mode & S_IFMT))
        hasher.combine(UInt64(info.st_dev))
        hasher.combine(UInt64(info.st_ino))
        hasher.combine(Int(info.st_size))
        hasher.combine(Int(info.st_mtim.tv_sec))
        hasher.combine(Int(info.st_mtim.tv_nsec))
    }
}

/// What a build saw of one path it looked at: the stamp of a file or folder, or that nothing
/// was there. A later build that sees the same for every path knows its inputs are the same.
enum InputObservation: Equatable, Sendable {
    case absent
    case stamped(UInt64)
    /// Changed too recently to trust a stamp, unreadable, or neither file nor folder: a build
    /// that saw one of these cannot vouch for its inputs.
    case unsettled

    /// From the result of `stat` (its return value, `errno` and the filled-in `info`).
    init(status: Int32, errno: Int32, info: stat, now: Int64, settling: Int64) {
        guard status == 0 else {
            self = errno == ENOENT || errno == ENOTDIR ? .absent : .unsettled
            return
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFDIR, let stamp = FileStamp.settled(info, now: now, settling: settling) else {
            self = .unsettled
            return
        }
        self = .stamped(stamp)
    }
}
