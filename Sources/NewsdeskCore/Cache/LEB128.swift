/// Unsigned LEB128 varints: seven bits a byte, lowest first, the high bit set on every byte
/// but the last. The build cache's numbers (`CacheWriter`), a body's term counts
/// (`DocumentTerms`) and posting lists (`PostingList`) are written this way.
enum LEB128 {
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// The most bytes a varint of a 32-bit number takes.
    static let maximumLength32 = 5

    /// Writes `value`'s varint into `buffer` at `position`, which moves past it; `buffer` must
    /// have room for `maximumLength32` bytes there.
    @inline(__always)
    static func write(_ value: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>, at position: inout Int) {
        var rest = value
        while rest >= 0x80 {
            buffer[position] = UInt8(truncatingIfNeeded: rest) | 0x80
            position += 1
            rest >>= 7
        }
        buffer[position] = UInt8(rest)
        position += 1
    }

    /// The varint at `index`, which moves past it. One cut short by the end of `bytes` reads
    /// as far as it goes; `CacheReader` checks its input before trusting it.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return value
    }
}
