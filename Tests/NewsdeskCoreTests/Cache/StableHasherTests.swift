import Testing
@testable import NewsdeskCore

/// Fingerprints are stored in `.newsdesk-cache/` and compared by the next build, and image
/// variants are named by them: their values must not change with how they are computed.
@Suite("Stable hasher")
struct StableHasherTests {
    /// The fingerprint as specified: the length mixed in first, then each 8-byte little-endian
    /// word, then the remaining bytes as the low bytes of a word with 0x80 mixed in (or 0x80
    /// alone when nothing remains), each step through SplitMix64's finalizer.
    static func reference(_ bytes: [UInt8]) -> UInt64 {
        func mix(_ input: UInt64) -> UInt64 {
            var z = input &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << UInt64(8 * $1) }
            hash = mix(hash ^ word)
            offset += 8
        }
        let tail = (offset..<bytes.count).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << UInt64(8 * ($1 - offset)) }
        return mix(hash ^ tail ^ 0x80)
    }

    @Test func fingerprintsOfEveryLengthFollowTheDefinition() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...40 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                #expect(StableHasher.fingerprint(bytes) == Self.reference(bytes), "\(length) bytes")
            }
        }
        #expect(StableHasher.fingerprint(Array("agreement".utf8)) == Self.reference(Array("agreement".utf8)))
    }

    @Test func aFingerprintFedInWordsEqualsTheWholeOne() {
        let bytes = Array("Memorandum of cooperation signed, 网络安全 2023".utf8)
        var pieces = StableHasher.Fingerprint(count: bytes.count)
        bytes.withUnsafeBytes { buffer in
            pieces.add(UnsafeRawBufferPointer(rebasing: buffer[0..<16]))
            pieces.add(UnsafeRawBufferPointer(rebasing: buffer[16...]))
        }
        #expect(pieces.value == StableHasher.fingerprint(bytes))
    }

    @Test func aWideFingerprintTellsApartEveryOneByteChangeAndEveryLength() {
        let base = (0..<150).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var seen: Set<UInt64> = []
        for length in 0...base.count {
            let prefix = Array(base[..<length])
            #expect(StableHasher.wideFingerprint(prefix) == StableHasher.wideFingerprint(prefix), "the same bytes, the same value")
            #expect(seen.insert(StableHasher.wideFingerprint(prefix)).inserted, "length \(length)")
        }
        for position in base.indices {
            for flip: UInt8 in [0x01, 0x80] {
                var changed = base
                changed[position] ^= flip
                #expect(seen.insert(StableHasher.wideFingerprint(changed)).inserted, "byte \(position) changed by \(flip)")
            }
        }
        // Words swapped between lanes of one 32-byte block.
        var swapped = base
        swapped.replaceSubrange(0..<8, with: base[8..<16])
        swapped.replaceSubrange(8..<16, with: base[0..<8])
        #expect(!seen.contains(StableHasher.wideFingerprint(swapped)))
    }

    @Test func aWideFingerprintFedInBlocksEqualsTheWholeOne() {
        let bytes = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 91 &+ 5) }
        for cut in stride(from: 0, through: 192, by: 32) {
            var pieces = StableHasher.WideFingerprint(count: bytes.count)
            bytes.withUnsafeBytes { buffer in
                pieces.add(UnsafeRawBufferPointer(rebasing: buffer[..<cut]))
                pieces.add(UnsafeRawBufferPointer(rebasing: buffer[cut...]))
            }
            #expect(pieces.value == StableHasher.wideFingerprint(bytes), "cut at \(cut)")
        }
    }
}
