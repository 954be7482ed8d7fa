extension SearchTokenizer {
    typealias TermBody = (UnsafeBufferPointer<UInt8>) -> Void

    /// Reads one run of UTF-8 bytes by `SearchTokenizer`'s rules. Terms are handed out where
    /// they lie whenever they can be: a word of ASCII letters and digits (nearly every word) as a
    /// slice of the input when it needs neither lower-casing nor a changed last letter, otherwise
    /// lower-cased and stemmed in `scratch`; a CJK character, and a pair of them (neighbours in
    /// the input), always as a slice. Only a word holding a non-ASCII letter, mark or digit, or a
    /// full-width form, is spelled out scalar by scalar (`spelledWord`).
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

        func scan(_ body: TermBody) {
            var index = 0
            // Where the CJK character just read starts; nil when the last scalar read was none.
            var previousCJK: Int?
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    previousCJK = nil
                    index = Self.isASCIIWordByte(lead) ? asciiWord(from: index, body) : index + 1
                    continue
                }
                let start = index
                let (decoded, length) = UTF8Scalar.decode(bytes, at: index)
                index += length
                // An ill-formed sequence reads as U+FFFD, a symbol: it separates terms.
                guard let decoded else { previousCJK = nil; continue }
                let scalar = normalized(decoded)
                if isCJK(scalar) {
                    // `normalized` leaves CJK characters as they are, so their bytes are the input's.
                    body(slice(start, index))
                    if let previousCJK { body(slice(previousCJK, index)) }
                    previousCJK = start
                } else {
                    previousCJK = nil
                    if isWordScalar(scalar) { index = spelledWord(from: start, body) }
                }
            }
        }

        /// Reads the word that starts at `start` with an ASCII letter or digit; returns where it ends.
        private func asciiWord(from start: Int, _ body: TermBody) -> Int {
            var end = start
            // Bit 0x20 is set in lower-case letters and digits, clear in upper-case letters.
            var common: UInt8 = 0xFF
            var digit = false
            while end < bytes.count {
                let byte = bytes[end]
                let isDigit = byte &- 0x30 < 10
                guard isDigit || (byte | 0x20) &- 0x61 < 26 else { break }
                common &= byte
                digit = digit || isDigit
                end += 1
            }
            if end < bytes.count, bytes[end] >= 0x80, continuesWord(at: end) { return spelledWord(from: start, body) }
            guard end - start <= maximumLength else { return end }
            var word = slice(start, end)
            if common & 0x20 == 0 {
                // `| 0x20` lower-cases an ASCII letter and keeps an ASCII digit as it is.
                for offset in word.indices { scratch[offset] = word[offset] | 0x20 }
                word = UnsafeBufferPointer(rebasing: scratch[..<word.count])
            }
            if digit { body(word) } else { handOutStem(of: word, body) }
            return end
        }

        /// Whether the scalar at `position` (a non-ASCII lead byte) goes on a word.
        private func continuesWord(at position: Int) -> Bool {
            guard let decoded = UTF8Scalar.decode(bytes, at: position).0 else { return false }
            let scalar = normalized(decoded)
            return !isCJK(scalar) && isWordScalar(scalar)
        }

        /// Hands out the stem of lower-case ASCII letters `word`, which lies in the input or at
        /// the start of `scratch`.
        private func handOutStem(of word: UnsafeBufferPointer<UInt8>, _ body: TermBody) {
            let stem = SearchStemmer.stem(word)
            guard stem.endsInY else { return body(UnsafeBufferPointer(rebasing: word[..<stem.length])) }
            if word.baseAddress != UnsafePointer(scratch.baseAddress) {
                for offset in 0..<stem.length { scratch[offset] = word[offset] }
            }
            scratch[stem.length - 1] = UInt8(ascii: "y")
            body(UnsafeBufferPointer(rebasing: scratch[..<stem.length]))
        }

        /// Reads the word that starts at `start` scalar by scalar, ASCII letters lower-cased and
        /// full-width forms read as ASCII, into `scratch`; returns where it ends.
        private func spelledWord(from start: Int, _ body: TermBody) -> Int {
            var index = start
            var length = 0
            var scalars = 0
            var isASCII = true
            var digit = false
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
                    let byte = UInt8(scalar.value)
                    if byte &- 0x30 < 10 { digit = true }
                    scratch[length] = byte | 0x20
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
                lowered.withUTF8(body)
            } else if digit {
                body(word)
            } else {
                handOutStem(of: word, body)
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
