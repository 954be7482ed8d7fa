import Foundation
import Synchronization

/// Decides whether a site is still exactly as the last successful build saw and left it:
/// same program and options, no item date passed (and the clock not set back), every input
/// path and every output file and folder with the stamp `BuildManifest` recorded, the same
/// names in the output folder itself. Then building again would produce the same
/// bytes, and the stored result is the result.
///
/// It costs one `stat` per path, on every core (`WorkerPool`), read in place from the manifest's bytes: a
/// 10,000-item site has about 32,000 of them. Any difference, or a damaged manifest, answers
/// nil and the build runs with its cache as usual.
struct BuildManifestCheck {
    /// `DiskSiteSource.rootPath`: input paths are relative to it.
    let siteRoot: String
    let outputDirectory: String
    let key: UInt64
    let now: NewsDate
    /// `DiskSiteSource.settlingNanoseconds`: a source changed more recently than that is not
    /// trusted now either.
    let settlingNanoseconds: Int64

    /// What the build reported, to report again.
    struct Replay: Sendable {
        var pages: Int
        var files: Int
        var frontMatters: Int
        var leftOut: PublicationFilter.LeftOut
        var diagnostics: [Diagnostic]
    }

    func upToDate(_ bytes: [UInt8]) async -> Replay? {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ")
        let payloadStart = newline + 1
        guard header.count == 5, header[0] == "newsdesk-manifest", header[1] == String(BuildManifest.formatVersion),
              UInt64(header[2], radix: 16) == key, let checksum = UInt64(header[3], radix: 16),
              Int(header[4]) == bytes.count - payloadStart else { return nil }
        let decoded = bytes.withUnsafeBytes { raw -> (Replay, Entries)? in
            let payload = UnsafeRawBufferPointer(rebasing: raw[payloadStart...])
            guard BuildCacheStore.checksum(payload) == checksum else { return nil }
            var reader = CacheReader(payload)
            return (try? read(&reader, payloadStart: payloadStart)) ?? nil
        }
        guard let (replay, entries) = decoded, await stampsMatch(entries, in: bytes) else { return nil }
        return replay
    }

    /// Where each path and its stamp lie in the manifest's bytes; inputs first (an edit is the
    /// likely difference), then outputs.
    struct Entries: Sendable {
        var paths: [Int] = []
        var stamps: [Int] = []
        var inputCount = 0
        var outputTopNames: [String] = []
    }

    private func read(_ reader: inout CacheReader, payloadStart: Int) throws(CacheReader.Damage) -> (Replay, Entries)? {
        let builtAt = try reader.value(NewsDate.self)
        if now < builtAt { return nil }
        if let validUntil = try reader.optional(NewsDate.self), now >= validUntil { return nil }
        let replay = Replay(pages: try reader.integer(), files: try reader.integer(), frontMatters: try reader.integer(),
                            leftOut: PublicationFilter.LeftOut(drafts: try reader.integer(), scheduled: try reader.integer()),
                            diagnostics: try reader.array(of: Diagnostic.self))
        var entries = Entries()
        entries.outputTopNames = try reader.array(of: String.self)
        entries.inputCount = try reader.count()
        let outputCount = try reader.count()
        entries.paths.reserveCapacity(entries.inputCount + outputCount)
        entries.stamps.reserveCapacity(entries.inputCount + outputCount)
        for index in 0..<(entries.inputCount + outputCount) {
            let length = try reader.count()
            let path = try reader.skip(length)
            // The path must end in the NUL the writer put there before it reaches `stat`.
            guard length > 0, reader.lastByte(before: path + length) == 0 else { throw CacheReader.Damage(what: "path") }
            entries.paths.append(payloadStart + path)
            entries.stamps.append(payloadStart + (try reader.skip(index < entries.inputCount ? 9 : 8)))
        }
        guard reader.isAtEnd else { throw CacheReader.Damage(what: "trailing bytes") }
        return (replay, entries)
    }

    private func stampsMatch(_ entries: Entries, in bytes: [UInt8]) async -> Bool {
        let root = open(siteRoot, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let output = open(outputDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer {
            if root >= 0 { close(root) }
            if output >= 0 { close(output) }
        }
        guard root >= 0, output >= 0, OutputTreeStamps.names(in: output) == entries.outputTopNames else { return false }
        let clock = FileStamp.now()
        // One task per thread of the pool, each taking every `parts`-th path; the first
        // difference cancels the others.
        let parts = WorkerPool.shared.threadCount
        return await withTaskGroup(of: Bool.self) { group in
            for part in 0..<parts {
                group.addTask { stampsMatch(entries, in: bytes, from: part, by: parts, root: root, output: output, clock: clock) }
            }
            for await same in group where !same {
                group.cancelAll()
                return false
            }
            return true
        }
    }

    private func stampsMatch(_ entries: Entries, in bytes: [UInt8], from first: Int, by step: Int, root: Int32, output: Int32,
                             clock: Int64) -> Bool {
        bytes.withUnsafeBytes { buffer in
            let base = buffer.baseAddress!
            var info = stat()
            var checked = 0
            for index in stride(from: first, to: entries.paths.count, by: step) {
                checked += 1
                if checked % 1024 == 0, Task.isCancelled { return false }
                let path = (base + entries.paths[index]).assumingMemoryBound(to: CChar.self)
                let stamp = base.loadUnaligned(fromByteOffset: entries.stamps[index] + (index < entries.inputCount ? 1 : 0), as: UInt64.self)
                let same: Bool
                if index < entries.inputCount {
                    let recorded: InputObservation? = switch base.load(fromByteOffset: entries.stamps[index], as: UInt8.self) {
                    case 0: .absent
                    case 1: .stamped(UInt64(littleEndian: stamp))
                    default: nil
                    }
                    let status = fstatat(root, path, &info, 0)
                    same = recorded == InputObservation(status: status, errno: errno, info: info, now: clock, settling: settlingNanoseconds)
                } else {
                    same = fstatat(output, path, &info, AT_SYMLINK_NOFOLLOW) == 0 && FileStamp.written(info) == UInt64(littleEndian: stamp)
                }
                if !same { return false }
            }
            return true
        }
    }
}
