/// The terms of one body, each kept once in the order first met with how often it occurs
/// (`TermCounter`): every term occurrence of every body passes through one. A term is hashed a
/// word at a time (`TermBytes`) and found by linear probing, and its count lies in a header
/// just before its bytes, which the comparison has just read, so that a term met again touches
/// no array but the slots and that one place. `TermTable` numbers terms instead, for tables
/// whose terms are looked up by number.
struct TermCountTable {
    /// The entries back to back from the start, in the order first met: a header of
    /// `headerSize` bytes (the count, an `Int`, and the term's length, a `UInt32`), then the
    /// term. Zeros past `used`, so that an entry is written in place rather than appended.
    private var arena: [UInt8]
    private var used = 0
    /// Each entry's offset in `arena`.
    private var slots: TermSlots

    private static let headerSize = 12

    /// Sized for `capacity` terms of eight bytes or fewer before anything grows.
    init(capacity: Int) {
        slots = TermSlots(capacity: capacity)
        arena = [UInt8](repeating: 0, count: max(capacity, 16) * (Self.headerSize + 8))
    }

    /// Counts one occurrence of `term`.
    mutating func add(_ term: UnsafeBufferPointer<UInt8>) {
        let hash = TermBytes.hash(term)
        let (entry, slot) = find(term, hash)
        if let entry {
            arena.withUnsafeMutableBufferPointer { arena in
                let header = UnsafeMutableRawPointer(arena.baseAddress! + entry)
                header.storeBytes(of: header.loadUnaligned(as: Int.self) + 1, as: Int.self)
            }
        } else {
            insert(term, hash, at: slot)
        }
    }

    /// Each term's bytes (valid during the call) with how often it occurs, in the order first met.
    func forEach(_ body: (_ term: UnsafeBufferPointer<UInt8>, _ count: Int) -> Void) {
        arena.withUnsafeBufferPointer { arena in
            var entry = 0
            while entry < used {
                let header = UnsafeRawPointer(arena.baseAddress! + entry)
                let start = entry + Self.headerSize
                let end = start + Int(header.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
                body(UnsafeBufferPointer(rebasing: arena[start..<end]), header.loadUnaligned(as: Int.self))
                entry = end
            }
        }
    }

    /// The entry of `term` if it is here, and the slot where it is or would go.
    private func find(_ term: UnsafeBufferPointer<UInt8>, _ hash: UInt32) -> (entry: Int?, slot: Int) {
        arena.withUnsafeBufferPointer { arena in
            slots.probe(hash) { entry in
                let header = arena.baseAddress! + entry
                return Int(UnsafeRawPointer(header).loadUnaligned(fromByteOffset: 8, as: UInt32.self)) == term.count
                    && (term.isEmpty || TermBytes.equal(header + Self.headerSize, term.baseAddress!, term.count))
            }
        }
    }

    /// Adds `term`, met for the first time, counted once, in `slot` (empty, from `find`).
    private mutating func insert(_ term: UnsafeBufferPointer<UInt8>, _ hash: UInt32, at slot: Int) {
        let entry = used
        let end = entry + Self.headerSize + term.count
        precondition(entry < Int(UInt32.max) - 1 && term.count <= Int(UInt32.max), "a slot keeps an entry in 32 bits")
        if end > arena.count { arena.append(contentsOf: repeatElement(0, count: max(end, 2 * arena.count) - arena.count)) }
        arena.withUnsafeMutableBufferPointer { arena in
            let header = UnsafeMutableRawPointer(arena.baseAddress! + entry)
            header.storeBytes(of: 1 as Int, as: Int.self)
            header.storeBytes(of: UInt32(term.count), toByteOffset: 8, as: UInt32.self)
            if let base = term.baseAddress { TermBytes.copy(base, to: arena.baseAddress! + entry + Self.headerSize, term.count) }
        }
        used = end
        slots.fill(slot, hash: hash, entry: entry)
    }
}
