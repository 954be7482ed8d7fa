/// A 64-bit hash fed field by field: the same inputs give the same value in every process and
/// on every machine (unlike `Hasher`, which is seeded per process), so values can be stored in
/// `.newsdesk-cache/` and compared by the next build.
///
/// Text is taken 8 bytes at a time (`Fingerprint`) and mixed with SplitMix64's finalizer:
/// signatures hash every page's title, address and neighbours on every build, and
/// byte-at-a-time FNV-1a cost several times more. A text's fingerprint starts from its
/// length, so `("ab", "c")` and `("a", "bc")` differ.
struct StableHasher {
    private(set) var value: UInt64 = 0x6E65_7773_6465_736B

    init() {}

    mutating func combine(_ byte: UInt8) {
        value = Self.mix(value ^ UInt64(byte) ^ 0x5100)
    }

    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Text given as its UTF-8 bytes: the same as combining the `String` they spell.
    mutating func combine(utf8 bytes: UnsafeRawBufferPointer) {
        value = Self.mix(value ^ Self.fingerprint(bytes))
    }

    mutating func combine(_ number: UInt64) {
        value = Self.mix(value ^ number)
    }

    mutating func combine(_ number: Int) { combine(UInt64(bitPattern: Int64(number))) }

    mutating func combine(_ flag: Bool) { combine(flag ? 1 as UInt8 : 0) }

    mutating func combine(_ text: String?) {
        if let text { combine(1 as UInt8); combine(text) } else { combine(0 as UInt8) }
    }

    /// Hashes `bytes` in one call, 8 bytes at a time: content hashes run over every source file
    /// of every build, so it reads words where FNV-1a reads a byte at a time.
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var fingerprint = Fingerprint(count: bytes.count)
        bytes.withUnsafeBytes { fingerprint.add($0) }
        return fingerprint.value
    }

    /// The same over bytes in place (a search term read from its document's buffer).
    static func fingerprint(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var fingerprint = Fingerprint(count: bytes.count)
        fingerprint.add(bytes)
        return fingerprint.value
    }

    /// A fingerprint of long bytes (a search document's text, a body's terms, the build
    /// cache) read as four interleaved lanes of 8-byte words, each mixed on its own and the four
    /// mixed together at the end: the mixes of one lane wait for each other, those of four lanes
    /// do not, so the bytes go through about four times as fast as `fingerprint`'s. Not equal to
    /// `fingerprint` of the same bytes; each digest made with it is compared only with digests
    /// made with it.
    static func wideFingerprint(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var fingerprint = WideFingerprint(count: bytes.count)
        fingerprint.add(bytes)
        return fingerprint.value
    }

    static func wideFingerprint(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { wideFingerprint($0) }
    }

    /// `wideFingerprint` fed in pieces (the build cache as it is written); every piece but the
    /// last must be a multiple of 32 bytes long.
    struct WideFingerprint {
        private var lanes: (UInt64, UInt64, UInt64, UInt64)
        private var tail: UInt64?

        init(count: Int) { lanes = (0x9E37_79B9_7F4A_7C15 ^ UInt64(count), 1, 2, 3) }

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            precondition(tail == nil, "only the last piece may end between blocks of 32 bytes")
            var offset = 0
            while offset + 32 <= bytes.count {
                lanes.0 = mix(lanes.0 ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                lanes.1 = mix(lanes.1 ^ bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                lanes.2 = mix(lanes.2 ^ bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
                lanes.3 = mix(lanes.3 ^ bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
                offset += 32
            }
            // The last bytes (fewer than 32) as `fingerprint` reads them.
            if offset < bytes.count { tail = fingerprint(UnsafeRawBufferPointer(rebasing: bytes[offset...])) }
        }

        var value: UInt64 {
            let tail = tail ?? fingerprint(UnsafeRawBufferPointer(start: nil, count: 0))
            return mix(mix(mix(mix(lanes.0 ^ tail) ^ lanes.1) ^ lanes.2) ^ lanes.3)
        }
    }

    /// `fingerprint` fed in pieces (a file read back in chunks); every piece but the last must
    /// be a multiple of 8 bytes long.
    struct Fingerprint {
        private var hash: UInt64
        private var finished = false

        init(count: Int) { hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count) }

        mutating func add(_ buffer: UnsafeRawBufferPointer) {
            precondition(!finished, "only the last piece may end between words")
            var offset = 0
            while offset + 8 <= buffer.count {
                hash = mix(hash ^ buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            if offset < buffer.count { finish(buffer, from: offset) }
        }

        private mutating func finish(_ buffer: UnsafeRawBufferPointer, from offset: Int) {
            // The remaining bytes as the low bytes of a word, in the order a little-endian
            // load of 8 bytes would give them (the first byte lowest). Most texts hashed are
            // short (terms, titles): from a buffer of 8 bytes or more, the last 8 are loaded
            // at once and shifted; a shorter one is read in 4-, 2- and 1-byte pieces.
            let count = buffer.count - offset
            var tail: UInt64
            if buffer.count >= 8 {
                tail = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: buffer.count - 8, as: UInt64.self)) >> UInt64(8 * (8 - count))
            } else {
                tail = 0
                var position = offset
                if count & 4 != 0 {
                    tail = UInt64(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
                    position += 4
                }
                if count & 2 != 0 {
                    tail |= UInt64(UInt16(littleEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt16.self))) << UInt64(8 * (position - offset))
                    position += 2
                }
                if count & 1 != 0 { tail |= UInt64(buffer[position]) << UInt64(8 * (position - offset)) }
            }
            hash = mix(hash ^ tail ^ 0x80)
            finished = true
        }

        var value: UInt64 { finished ? hash : mix(hash ^ 0x80) }
    }

    /// SplitMix64's finalizer: every input bit affects every output bit, and no two inputs
    /// give the same output (it is a bijection).
    static func mix(_ input: UInt64) -> UInt64 {
        var z = input &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
