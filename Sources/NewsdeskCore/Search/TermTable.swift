import Glibc

/// A set of terms keyed by their UTF-8 bytes, each numbered in the order it was first added:
/// every term occurrence of every body passes through one, so a String per occurrence with the
/// standard dictionary's hashing and Unicode comparison would dominate indexing (figures in
/// docs/performance.md); here a term is hashed once (FNV-1a), found by linear probing and
/// compared with `memcmp`, and its bytes are kept once.
struct TermTable {
    /// The terms, back to back.
    private var arena: [UInt8] = []
    private var ranges: [(start: Int, length: Int)] = []
    /// Term number + 1, or 0 for an empty slot; a power of two, at most half full.
    private var slots: [Int]

    init(capacity: Int = 128) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int](repeating: 0, count: size)
    }

    var count: Int { ranges.count }

    /// The term's number, and whether it was added now.
    mutating func insert(_ term: UnsafeBufferPointer<UInt8>) -> (number: Int, inserted: Bool) {
        let mask = slots.count - 1
        var slot = Self.hash(term) & mask
        while slots[slot] != 0 {
            let number = slots[slot] - 1
            if matches(number, term) { return (number, false) }
            slot = (slot + 1) & mask
        }
        slots[slot] = ranges.count + 1
        ranges.append((arena.count, term.count))
        arena.append(contentsOf: term)
        if ranges.count * 2 > slots.count { grow() }
        return (ranges.count - 1, true)
    }

    func find(_ term: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(term) & mask
        while slots[slot] != 0 {
            let number = slots[slot] - 1
            if matches(number, term) { return number }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The bytes of term `number`, valid during the call.
    func withTerm<Result>(_ number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let range = ranges[number]
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range.start..<(range.start + range.length)])) }
    }

    func term(_ number: Int) -> String { withTerm(number) { String(decoding: $0, as: UTF8.self) } }

    private func matches(_ number: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = ranges[number]
        guard range.length == term.count else { return false }
        guard let base = term.baseAddress else { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + range.start, base, term.count) == 0 }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    private mutating func grow() {
        var grown = [Int](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for number in ranges.indices {
            var slot = withTerm(number) { Self.hash($0) } & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = number + 1
        }
        slots = grown
    }
}

/// Counts the terms of one body (`DocumentTerms.Counter`).
struct TermCounter {
    private var terms = TermTable(capacity: 256)
    private var counts: [Int] = []
    /// Every occurrence counted, repeats included.
    private(set) var total = 0

    mutating func add(_ term: UnsafeBufferPointer<UInt8>) {
        total += 1
        let (number, inserted) = terms.insert(term)
        if inserted { counts.append(1) } else { counts[number] += 1 }
    }

    /// `DocumentTerms.encoded`: each term's bytes, a zero byte, its count as a LEB128 varint.
    func encoded() -> [UInt8] {
        var size = 0
        for number in counts.indices {
            size += terms.withTerm(number) { $0.count } + 1 + (Int.bitWidth - counts[number].leadingZeroBitCount + 6) / 7
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        for number in counts.indices {
            terms.withTerm(number) { bytes.append(contentsOf: $0) }
            bytes.append(0)
            var value = counts[number]
            while value >= 0x80 {
                bytes.append(UInt8(value & 0x7F) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }
        return bytes
    }
}
