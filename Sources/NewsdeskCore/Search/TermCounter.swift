import Glibc

/// Counts the terms of one body, keyed by their UTF-8 bytes: every term occurrence of every
/// body passes here. A string per occurrence and the standard dictionary's hashing and Unicode
/// comparison were a fifth of a clean build's samples; here a term is hashed once (FNV-1a),
/// found by linear probing and compared with `memcmp`, and its bytes are kept once.
struct TermCounter {
    /// The distinct terms, back to back.
    private var arena: [UInt8] = []
    private var entries: [(start: Int, length: Int, count: Int)] = []
    /// Entry index + 1, or 0 for an empty slot; a power of two, at most half full.
    private var slots = [Int](repeating: 0, count: 256)
    /// Every occurrence counted, repeats included.
    private(set) var total = 0

    mutating func add(_ term: UnsafeBufferPointer<UInt8>) {
        total += 1
        let mask = slots.count - 1
        var slot = Self.hash(term) & mask
        while slots[slot] != 0 {
            let index = slots[slot] - 1
            if entries[index].length == term.count, matches(entries[index].start, term) {
                entries[index].count += 1
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = entries.count + 1
        entries.append((arena.count, term.count, 1))
        arena.append(contentsOf: term)
        if entries.count * 2 > slots.count { grow() }
    }

    /// `DocumentTerms.encoded`: each term's bytes, a zero byte, its count as a LEB128 varint.
    func encoded() -> [UInt8] {
        var size = 0
        for entry in entries { size += entry.length + 1 + (Int.bitWidth - entry.count.leadingZeroBitCount + 6) / 7 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        for entry in entries {
            bytes.append(contentsOf: arena[entry.start..<(entry.start + entry.length)])
            bytes.append(0)
            var value = entry.count
            while value >= 0x80 {
                bytes.append(UInt8(value & 0x7F) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }
        return bytes
    }

    private func matches(_ start: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = term.baseAddress else { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, base, term.count) == 0 }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    private mutating func grow() {
        var grown = [Int](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        let arena = self.arena
        arena.withUnsafeBufferPointer { bytes in
            for (index, entry) in entries.enumerated() {
                var slot = Self.hash(UnsafeBufferPointer(rebasing: bytes[entry.start..<(entry.start + entry.length)])) & mask
                while grown[slot] != 0 { slot = (slot + 1) & mask }
                grown[slot] = index + 1
            }
        }
        slots = grown
    }
}
