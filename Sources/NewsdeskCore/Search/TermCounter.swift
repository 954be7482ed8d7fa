/// Counts the terms of one body (`DocumentTerms.Counter`).
struct TermCounter {
    /// Each term with how often it occurs, in the order first met.
    private var terms: TermCountTable
    /// Every occurrence counted, repeats included.
    private(set) var total = 0

    /// `expectedTerms`: how many distinct terms the body is likely to hold, so that the table
    /// seldom grows.
    init(expectedTerms: Int = 256) {
        terms = TermCountTable(capacity: expectedTerms)
    }

    mutating func add(_ term: UnsafeBufferPointer<UInt8>) {
        total += 1
        terms.add(term)
    }

    /// `DocumentTerms.encoded`: each term's bytes in the order first met, a zero byte, its count
    /// as a LEB128 varint.
    func encoded() -> [UInt8] {
        var size = 0
        terms.forEach { term, count in size += term.count + 1 + Self.varintLength(count) }
        return [UInt8](unsafeUninitializedCapacity: size) { bytes, initialized in
            var position = 0
            terms.forEach { term, count in
                if let base = term.baseAddress {
                    (bytes.baseAddress! + position).initialize(from: base, count: term.count)
                }
                position += term.count
                bytes.initializeElement(at: position, to: 0)
                position += 1
                var value = count
                while value >= 0x80 {
                    bytes.initializeElement(at: position, to: UInt8(value & 0x7F) | 0x80)
                    position += 1
                    value >>= 7
                }
                bytes.initializeElement(at: position, to: UInt8(value))
                position += 1
            }
            precondition(position == size)
            initialized = position
        }
    }

    private static func varintLength(_ value: Int) -> Int {
        max(1, (Int.bitWidth - value.leadingZeroBitCount + 6) / 7)
    }
}
