extension SearchTokenizer {
    typealias TermBody = (UnsafeBufferPointer<UInt8>) -> Void

    /// What a `Scanner` hands its terms to.
    protocol TermSink {
        /// A term as the index keys it; its bytes are valid during the call.
        mutating func add(_ term: UnsafeBufferPointer<UInt8>)

        /// A word of ASCII letters and digits of at most `maximumLength` bytes, as the input
        /// spells it (valid during the call); its term is `asciiTerm(of: word, scratch: scratch)`.
        /// `packed` is the word's bytes as a little-endian integer when it has sixteen or fewer
        /// (nearly every word), so that a sink that meets the same spelling again can know it by
        /// one comparison rather than lower-case and stem it once more (`TermCounter`).
        mutating func add(asciiWord word: UnsafeBufferPointer<UInt8>, packed: UInt128, scratch: UnsafeMutableBufferPointer<UInt8>)

        /// A term of one or two CJK characters (at most eight bytes, none of them ASCII, so that
        /// `packed` is never the packing of an ASCII word's spelling), with `packed` its bytes as
        /// a little-endian integer; its bytes are valid during the call.
        mutating func add(cjk term: UnsafeBufferPointer<UInt8>, packed: UInt64)
    }

    /// The term of a word of ASCII letters and digits: lower-cased, and stemmed unless it holds
    /// a digit (`SearchStemmer`); a slice of `word` when that is the term, else in `scratch`.
    static func asciiTerm(of word: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutableBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var word = word
        // Bit 0x20 is set in lower-case letters and digits, clear in upper-case letters.
        var common: UInt8 = 0xFF
        var digit = false
        for byte in word {
            common &= byte
            digit = digit || byte &- 0x30 < 10
        }
        if common & 0x20 == 0 {
            // `| 0x20` lower-cases an ASCII letter and keeps an ASCII digit as it is.
            for offset in word.indices { scratch[offset] = word[offset] | 0x20 }
            word = UnsafeBufferPointer(rebasing: scratch[..<word.count])
        }
        if digit { return word }
        let stem = SearchStemmer.stem(word)
        guard stem.endsInY else { return UnsafeBufferPointer(rebasing: word[..<stem.length]) }
        if word.baseAddress != UnsafePointer(scratch.baseAddress) {
            for offset in 0..<stem.length { scratch[offset] = word[offset] }
        }
        scratch[stem.length - 1] = UInt8(ascii: "y")
        return UnsafeBufferPointer(rebasing: scratch[..<stem.length])
    }

    /// A sink that hands every term to a closure.
    struct ClosureSink: TermSink {
        let body: TermBody
        func add(_ term: UnsafeBufferPointer<UInt8>) { body(term) }
        func add(asciiWord word: UnsafeBufferPointer<UInt8>, packed: UInt128, scratch: UnsafeMutableBufferPointer<UInt8>) {
            body(asciiTerm(of: word, scratch: scratch))
        }
        func add(cjk term: UnsafeBufferPointer<UInt8>, packed: UInt64) { body(term) }
    }

    /// Reads one run of UTF-8 bytes by `SearchTokenizer`'s rules. Terms are handed out where
    /// they lie whenever they can be: a word of ASCII letters and digits (nearly every word) as
    /// the input spells it, found eight bytes at a time; a CJK character, and a pair of them
    /// (neighbours in the input), as a slice. Only a word holding a non-ASCII letter, mark or
    /// digit, or a full-width form, is spelled out scalar by scalar (`spelledWord`).
    struct Scanner {
        /// Room for a word of `maximumLength` scalars of up to four bytes each.
        static var scratchCapacity: Int { 4 * maximumLength }

        let bytes: UnsafeBufferPointer<UInt8>
        let scratch: UnsafeMutableBufferPointer<UInt8>

        init(bytes: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutableBufferPointer<UInt8>) {
            precondition(scratch.count >= Self.scratchCapacity)
            self.bytes = bytes
            self.scratch = scratch
        }

        func scan<Sink: TermSink>(into sink: inout Sink) {
            var index = 0
            // Where the CJK character just read starts; nil when the last scalar read was none.
            var previousCJK: Int?
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    previousCJK = nil
                    index = Self.isASCIIWordByte(lead) ? asciiWord(from: index, &sink) : index + 1
                    continue
                }
                let start = index
                if isCommonHan(at: index) {
                    index += 3
                    addCJK(from: start, to: index, after: previousCJK, &sink)
                    previousCJK = start
                    continue
                }
                let (decoded, length) = UTF8Scalar.decode(bytes, at: index)
                index += length
                // An ill-formed sequence reads as U+FFFD, a symbol: it separates terms.
                guard let decoded else { previousCJK = nil; continue }
                let scalar = normalized(decoded)
                if isCJK(scalar) {
                    addCJK(from: start, to: index, after: previousCJK, &sink)
                    previousCJK = start
                } else {
                    previousCJK = nil
                    if isWordScalar(scalar) { index = spelledWord(from: start, &sink) }
                }
            }
        }

        /// Hands out the CJK character at `start..<end` and its pair with the one before it, which
        /// starts at `previous` if there is one. `normalized` leaves CJK characters as they are,
        /// so their bytes are the input's: at most four for one, eight for a pair.
        @inline(__always)
        private func addCJK<Sink: TermSink>(from start: Int, to end: Int, after previous: Int?, _ sink: inout Sink) {
            sink.add(cjk: slice(start, end), packed: packed(from: start, length: end - start))
            if let previous { sink.add(cjk: slice(previous, end), packed: packed(from: previous, length: end - previous)) }
        }

        /// Whether a character of U+4000–U+9FFF other than U+4DC0–U+4DFF (the Yijing hexagram
        /// symbols) is encoded at `index`: Han ideographs of the basic block and extension A,
        /// nearly every character of Chinese text, known by their three bytes without decoding.
        /// Lead bytes E4–E9 with two continuation bytes encode exactly U+4000–U+9FFF, and the
        /// hexagrams are E4 B7 80–BF.
        @inline(__always)
        private func isCommonHan(at index: Int) -> Bool {
            guard index + 2 < bytes.count else { return false }
            let (lead, second, third) = (bytes[index], bytes[index + 1], bytes[index + 2])
            return lead &- 0xE4 < 6 && second & 0xC0 == 0x80 && third & 0xC0 == 0x80 && !(lead == 0xE4 && second == 0xB7)
        }

        /// Reads the word that starts at `start` with an ASCII letter or digit; returns where it ends.
        @inline(__always)
        private func asciiWord<Sink: TermSink>(from start: Int, _ sink: inout Sink) -> Int {
            let (end, packed) = asciiWordEnd(from: start)
            if end < bytes.count, bytes[end] >= 0x80, continuesWord(at: end) { return spelledWord(from: start, &sink) }
            guard end - start <= maximumLength else { return end }
            sink.add(asciiWord: slice(start, end), packed: packed, scratch: scratch)
            return end
        }

        /// Where the run of ASCII letters and digits from `start` ends, read eight bytes at a time
        /// (`ASCIIWordBytes`), and its bytes as a little-endian integer when it has sixteen or fewer.
        @inline(__always)
        private func asciiWordEnd(from start: Int) -> (end: Int, packed: UInt128) {
            let end = ByteWord.firstMarked(in: bytes, from: start, to: bytes.count, marks: ASCIIWordBytes.stops) { !Self.isASCIIWordByte($0) }
            let length = end - start
            if length <= 8 { return (end, UInt128(packed(from: start, length: length))) }
            guard length <= 16 else { return (end, 0) }
            return (end, UInt128(packed(from: start + 8, length: length - 8)) << 64 | UInt128(packed(from: start, length: 8)))
        }

        /// The `length` bytes from `start`, at most eight, as a little-endian integer.
        @inline(__always)
        private func packed(from start: Int, length: Int) -> UInt64 {
            guard start + 8 > bytes.count else {
                let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt64.self))
                return ByteWord.prefix(word, length: length)
            }
            var packed: UInt64 = 0
            for offset in (0..<length).reversed() { packed = packed << 8 | UInt64(bytes[start + offset]) }
            return packed
        }

        /// Whether the scalar at `position` (a non-ASCII lead byte) goes on a word.
        private func continuesWord(at position: Int) -> Bool {
            guard let decoded = UTF8Scalar.decode(bytes, at: position).0 else { return false }
            let scalar = normalized(decoded)
            return !isCJK(scalar) && isWordScalar(scalar)
        }

        /// Reads the word that starts at `start` scalar by scalar, ASCII letters lower-cased and
        /// full-width forms read as ASCII, into `scratch`; returns where it ends.
        private func spelledWord<Sink: TermSink>(from start: Int, _ sink: inout Sink) -> Int {
            var index = start
            var length = 0
            var scalars = 0
            var isASCII = true
            while index < bytes.count {
                let (decoded, size) = UTF8Scalar.decode(bytes, at: index)
                guard let decoded else { break }
                let scalar = normalized(decoded)
                guard !isCJK(scalar), isWordScalar(scalar) else { break }
                index += size
                scalars += 1
                // An overlong word is left out; the rest of it is only read past.
                guard scalars <= maximumLength else { continue }
                if scalar.isASCII {
                    scratch[length] = UInt8(scalar.value) | 0x20
                    length += 1
                } else {
                    isASCII = false
                    UTF8.encode(scalar) { scratch[length] = $0; length += 1 }
                }
            }
            guard scalars <= maximumLength else { return index }
            let word = UnsafeBufferPointer(rebasing: scratch[..<length])
            if !isASCII {
                var lowered = String(decoding: word, as: UTF8.self).lowercased()
                lowered.withUTF8 { sink.add($0) }
            } else {
                // Read from full-width forms: already lower-case, and not the input's spelling.
                sink.add(asciiTerm(of: word, scratch: scratch))
            }
            return index
        }

        private func slice(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[start..<end])
        }

        private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
            (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
        }
    }
}

/// Eight bytes of text classified at once (`ByteWord`), as ASCII letters and digits or not.
enum ASCIIWordBytes {
    /// Bit 7 of each byte set where the byte of `block` (little-endian) is no ASCII letter or
    /// digit. Each byte is tested against a range by two additions whose bit 7 tells whether it
    /// reached the range's start and passed its end; no addition carries into the next byte, as
    /// every byte is below 0x80 once bit 7 is cleared.
    @inline(__always)
    static func stops(in block: UInt64) -> UInt64 {
        let low = block & ByteWord.low
        let folded = (block | ByteWord.splat(0x20)) & ByteWord.low
        let letters = (folded &+ ByteWord.splat(0x80 - 0x61)) & ~(folded &+ ByteWord.splat(0x7F - 0x7A))
        let digits = (low &+ ByteWord.splat(0x80 - 0x30)) & ~(low &+ ByteWord.splat(0x7F - 0x39))
        return ~((letters | digits) & ~block) & ByteWord.high
    }
}
