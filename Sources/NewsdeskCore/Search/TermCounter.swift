/// Counts the terms of one body (`DocumentTerms.Counter`).
struct TermCounter {
    private var terms: TermTable
    private var counts: [Int] = []
    /// Every occurrence counted, repeats included.
    private(set) var total = 0

    /// `expectedTerms`: how many distinct terms the body is likely to hold, so that the table
    /// seldom grows.
    init(expectedTerms: Int = 256) {
        terms = TermTable(capacity: expectedTerms)
        counts.reserveCapacity(expectedTerms)
    }

    mutating func add(_ term: UnsafeBufferPointer<UInt8>) {
        total += 1
        let (number, inserted) = terms.insert(term)
        if inserted { counts.append(1) } else { counts[number] += 1 }
    }

    /// `DocumentTerms.encoded`: each term's bytes in the order first met, a zero byte, its count
    /// as a LEB128 varint.
    func encoded() -> [UInt8] {
        var size = 0
        terms.forEachTerm { number, term in size += term.count + 1 + Self.varintLength(counts[number]) }
        return [UInt8](unsafeUninitializedCapacity: size) { bytes, initialized in
            var position = 0
            counts.withUnsafeBufferPointer { counts in
                terms.forEachTerm { number, term in
                    if let base = term.baseAddress {
                        (bytes.baseAddress! + position).initialize(from: base, count: term.count)
                    }
                    position += term.count
                    bytes.initializeElement(at: position, to: 0)
                    position += 1
                    var value = counts[number]
                    while value >= 0x80 {
                        bytes.initializeElement(at: position, to: UInt8(value & 0x7F) | 0x80)
                        position += 1
                        value >>= 7
                    }
                    bytes.initializeElement(at: position, to: UInt8(value))
                    position += 1
                }
            }
            precondition(position == size)
            initialized = position
        }
    }

    private static func varintLength(_ value: Int) -> Int {
        max(1, (Int.bitWidth - value.leadingZeroBitCount + 6) / 7)
    }
}
