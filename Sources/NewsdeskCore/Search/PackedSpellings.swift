/// What a spelling table keys by: a spelling's bytes as a little-endian integer, and the bits
/// its first slot is taken from.
protocol PackedSpelling: FixedWidthInteger & UnsignedInteger & Sendable {
    /// The spelling's bits mixed into 64, so that multiplying by the golden ratio spreads them.
    var mixed: UInt64 { get }
}

extension UInt64: PackedSpelling {
    var mixed: UInt64 { self }
}

extension UInt128: PackedSpelling {
    var mixed: UInt64 { UInt64(truncatingIfNeeded: self) ^ UInt64(truncatingIfNeeded: self >> 64) &* 0xC2B2_AE3D_27D4_EB4F }
}

/// Spellings of up to eight bytes (`ShortSpellings`) or sixteen (`MediumSpellings`).
typealias ShortSpellings = PackedSpellings<UInt64>
typealias MediumSpellings = PackedSpellings<UInt128>

/// Spellings, each as its bytes in a little-endian integer (no spelling holds a zero byte, so
/// no two spellings of one table are the same integer and 0 marks an empty slot), with an
/// entry each: open addressing by linear probing, at most half full, the first slot taken from
/// the top bits of the mixed integer times the golden ratio. A slot keeps its spelling and its
/// entry side by side, so that a lookup reads one place in memory.
struct PackedSpellings<Key: PackedSpelling>: Sendable {
    private struct Slot {
        var key: Key
        var entry: Int32
    }
    private var slots: [Slot]
    private var shift: UInt64
    private var filled = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Slot](repeating: Slot(key: 0, entry: 0), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The entry of `packed` if it is here, and the slot where it is or would go.
    @inline(__always)
    func find(_ packed: Key) -> (entry: Int?, slot: Int) {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: (packed.mixed &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let key = slots[slot].key
                if key == packed { return (Int(slots[slot].entry), slot) }
                if key == 0 { return (nil, slot) }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Files `packed` with `entry` in `slot`, the empty slot `find` ended on.
    mutating func insert(_ packed: Key, entry: Int, at slot: Int) {
        precondition(packed != 0 && entry < Int(Int32.max), "a spelling is no zero and its entry fits 31 bits")
        slots[slot] = Slot(key: packed, entry: Int32(entry))
        filled += 1
        if filled * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        var grown = PackedSpellings(capacity: slots.count)
        for slot in slots where slot.key != 0 {
            grown.insert(slot.key, entry: Int(slot.entry), at: grown.find(slot.key).slot)
        }
        self = grown
    }
}
