/// A set of terms keyed by their UTF-8 bytes, each numbered in the order it was first added:
/// the term counters' vocabularies (`TermCounter`), the build's lexicon (`SharedLexicon`) and
/// each run's terms in the shard stage (`ShardedPostings`) are one each, so a String per term
/// with the standard dictionary's hashing and Unicode comparison would dominate indexing
/// (figures in docs/performance.md). Here a term is hashed once, a word at a time (`TermBytes`), found by
/// linear probing and compared a word at a time, and its bytes are kept once. A slot keeps the
/// upper half of its term's hash beside the term's number, so that most slots of other terms
/// are passed over without reading their bytes, and growing places terms without hashing them
/// again.
struct TermTable {
    /// The terms, back to back in the order of their numbers.
    private var arena: [UInt8] = []
    /// Where each term starts in `arena`, and then where the arena ends: term `n` is
    /// `arena[bounds[n]..<bounds[n + 1]]`.
    private var bounds: [Int] = [0]
    /// Each term's number.
    private var slots: TermSlots

    /// Sized for `capacity` terms of eight bytes or fewer before anything grows.
    init(capacity: Int = 128) {
        slots = TermSlots(capacity: capacity)
        arena.reserveCapacity(capacity * 8)
        bounds.reserveCapacity(capacity + 1)
    }

    var count: Int { bounds.count - 1 }

    /// The term's number, and whether it was added now.
    @inline(__always)
    mutating func insert(_ term: UnsafeBufferPointer<UInt8>) -> (number: Int, inserted: Bool) {
        let hash = TermBytes.hash(term)
        let (found, slot) = probe(term, hash)
        if let found { return (found, false) }
        let number = count
        arena.append(contentsOf: term)
        bounds.append(arena.count)
        slots.fill(slot, hash: hash, entry: number)
        return (number, true)
    }

    func find(_ term: UnsafeBufferPointer<UInt8>) -> Int? {
        probe(term, TermBytes.hash(term)).entry
    }

    /// The bytes of term `number`, valid during the call.
    func withTerm<Result>(_ number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let (start, end) = (bounds[number], bounds[number + 1])
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The terms back to back and where each starts (term `n` is `arena[bounds[n]..<bounds[n + 1]]`),
    /// valid during the call: for reading many terms by number at once.
    func withStorage<Result>(_ body: (_ arena: UnsafeBufferPointer<UInt8>, _ bounds: UnsafeBufferPointer<Int>) -> Result) -> Result {
        arena.withUnsafeBufferPointer { arena in bounds.withUnsafeBufferPointer { bounds in body(arena, bounds) } }
    }

    func term(_ number: Int) -> String { withTerm(number) { String(decoding: $0, as: UTF8.self) } }

    /// Each term's bytes (valid during the call), by number.
    func forEachTerm(_ body: (_ number: Int, _ term: UnsafeBufferPointer<UInt8>) -> Void) {
        arena.withUnsafeBufferPointer { arena in
            bounds.withUnsafeBufferPointer { bounds in
                for number in 0..<(bounds.count - 1) {
                    body(number, UnsafeBufferPointer(rebasing: arena[bounds[number]..<bounds[number + 1]]))
                }
            }
        }
    }

    /// The number of `term` if it is here, and the slot where it is or would go.
    @inline(__always)
    private func probe(_ term: UnsafeBufferPointer<UInt8>, _ hash: UInt32) -> (entry: Int?, slot: Int) {
        arena.withUnsafeBufferPointer { arena in
            bounds.withUnsafeBufferPointer { bounds in
                slots.probe(hash) { number in
                    let start = bounds[number]
                    return bounds[number + 1] - start == term.count
                        && (term.isEmpty || TermBytes.equal(arena.baseAddress! + start, term.baseAddress!, term.count))
                }
            }
        }
    }
}

/// The slots of a `TermTable`: `hash << 32 | (entry + 1)` in each, 0 in an empty one, a power
/// of two of them, at most half full. A slot keeps the upper half of its term's hash, so that
/// most slots of other terms are passed over without reading their bytes, and growing places
/// every entry again without hashing its term. The table `probe`s with its own comparison of
/// an entry's term and `fill`s the empty slot found.
struct TermSlots {
    private(set) var words: [UInt64]
    /// A term's first slot is the top `32 - shift` bits of its 32-bit hash.
    private(set) var shift: UInt32
    private var filled = 0

    /// Room for `capacity` entries before growing.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        words = [UInt64](repeating: 0, count: size)
        shift = UInt32(32 - size.trailingZeroBitCount)
    }

    /// The entry filed under `hash` that `isTerm` takes for the term looked for (only entries
    /// whose slot keeps the same hash are asked), and the slot where it is or would go.
    @inline(__always)
    func probe(_ hash: UInt32, isTerm: (_ entry: Int) -> Bool) -> (entry: Int?, slot: Int) {
        words.withUnsafeBufferPointer { words in
            let mask = words.count - 1
            var slot = Int(hash >> shift)
            while words[slot] != 0 {
                let word = words[slot]
                if UInt32(truncatingIfNeeded: word >> 32) == hash {
                    let entry = Int(truncatingIfNeeded: word & 0xFFFF_FFFF) - 1
                    if isTerm(entry) { return (entry, slot) }
                }
                slot = (slot + 1) & mask
            }
            return (nil, slot)
        }
    }

    /// Files `entry` under `hash` in `slot`, the empty slot a probe for it ended on.
    mutating func fill(_ slot: Int, hash: UInt32, entry: Int) {
        precondition(entry < Int(UInt32.max), "a slot keeps an entry in 32 bits")
        words[slot] = UInt64(hash) << 32 | UInt64(entry + 1)
        filled += 1
        if filled * 2 > words.count { grow() }
    }

    /// Twice the slots, each entry placed again from the hash its slot keeps.
    private mutating func grow() {
        let size = words.count * 2
        precondition(size <= 1 << 32, "a term's first slot comes from a 32-bit hash")
        var grown = [UInt64](repeating: 0, count: size)
        shift -= 1
        let shift = shift
        grown.withUnsafeMutableBufferPointer { grown in
            let mask = size - 1
            for word in words where word != 0 {
                var slot = Int(UInt32(truncatingIfNeeded: word >> 32) >> shift)
                while grown[slot] != 0 { slot = (slot + 1) & mask }
                grown[slot] = word
            }
        }
        words = grown
    }
}

/// Hashing and comparing terms a word at a time: most terms are a few bytes long, for which a
/// loop over the bytes or a call to `memcmp` costs more than the work itself.
enum TermBytes {
    /// The 32-bit hash `TermTable` files terms under: the bytes read eight at a time (a term of
    /// fewer than eight as two overlapping loads) and mixed with MurmurHash3's finalizer, whose
    /// top bits, from which slots are chosen, depend on every input bit. Terms are never
    /// adversarial (they come from the site's own files), so no seed is needed.
    static func hash(_ term: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let count = term.count
        var state = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        if let base = term.baseAddress, count > 0 {
            let raw = UnsafeRawPointer(base)
            if count >= 8 {
                var offset = 0
                while count - offset > 8 {
                    state = mix(state ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    offset += 8
                }
                // The last eight bytes, overlapping the previous word when the count is no multiple of 8.
                state ^= raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else if count >= 4 {
                let low = UInt64(raw.loadUnaligned(as: UInt32.self))
                let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
                state ^= low | high << 32
            } else {
                state ^= UInt64(base[0]) | UInt64(base[count >> 1]) << 8 | UInt64(base[count - 1]) << 16
            }
        }
        return UInt32(truncatingIfNeeded: mix(state) >> 32)
    }

    /// Whether the `count` bytes at `first` and at `second` are the same.
    static func equal(_ first: UnsafePointer<UInt8>, _ second: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let (first, second) = (UnsafeRawPointer(first), UnsafeRawPointer(second))
        func word(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt64 { pointer.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        func half(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt32 { pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
        if count >= 8 {
            var offset = 0
            while count - offset > 8 {
                guard word(first, offset) == word(second, offset) else { return false }
                offset += 8
            }
            return word(first, count - 8) == word(second, count - 8)
        }
        if count >= 4 { return half(first, 0) == half(second, 0) && half(first, count - 4) == half(second, count - 4) }
        for offset in 0..<count where first.load(fromByteOffset: offset, as: UInt8.self) != second.load(fromByteOffset: offset, as: UInt8.self) {
            return false
        }
        return true
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value
        value ^= value >> 33
        value &*= 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value &*= 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value
    }
}
