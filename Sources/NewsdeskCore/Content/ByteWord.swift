/// Text read eight bytes at a time, as a little-endian word: the shared steps of the searches
/// for the first byte of a kind in long text (a JSON escape, the end of a word). Each test of a word works within each byte (no addition carries into the next byte)
/// and marks a byte by setting its bit 7, so the lowest set bit is the first byte found.
enum ByteWord {
    static let high: UInt64 = 0x8080_8080_8080_8080
    static let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// `byte` in every byte of a word.
    @inline(__always)
    static func splat(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// Bit 7 set in exactly the zero bytes of `word`.
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 { ~(((word & low) &+ low) | word) & high }

    /// The first `length` (at most 8) bytes of `word`, the others zero.
    @inline(__always)
    static func prefix(_ word: UInt64, length: Int) -> UInt64 {
        length >= 8 ? word : word & ((1 << UInt64(8 * length)) &- 1)
    }

    /// The index of the first byte of `bytes[start..<end]` that `marks` marks in its word, or
    /// `end`; the last few bytes, fewer than eight, are asked one by one (`isMarked`), which
    /// must agree with `marks`.
    @inline(__always)
    static func firstMarked(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                            marks: (UInt64) -> UInt64, isMarked: (UInt8) -> Bool) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= end {
                let found = marks(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                if found != 0 { return index + found.trailingZeroBitCount >> 3 }
                index += 8
            }
        }
        while index < end, !isMarked(bytes[index]) { index += 1 }
        return index
    }
}
