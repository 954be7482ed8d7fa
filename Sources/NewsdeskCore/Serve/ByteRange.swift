import Foundation

/// One range of a `Range: bytes=…` header (RFC 9110 §14.1.2), as the search client sends it to
/// fetch a single document out of a larger file.
///
/// Only a single range is understood. A header with several ranges is ignored (the whole file
/// is sent with 200, which RFC 9110 §14.2 allows) rather than answered with
/// `multipart/byteranges`: no client of the preview asks for more than one, and a multipart body
/// would be a second response format to build and test for nothing.
enum ByteRange: Equatable, Sendable {
    /// `first-last` or, with `last` nil, `first-` (to the end).
    case from(first: Int, last: Int?)
    /// `-length`: the last `length` bytes.
    case suffix(length: Int)

    /// What a range selects from a body of a given length.
    enum Selection: Equatable, Sendable {
        /// The slice to send; never empty.
        case bytes(ClosedRange<Int>)
        /// Nothing of the body: answered 416.
        case unsatisfiable
    }

    /// The one range of `header`, or nil when the header is to be ignored: another unit, a
    /// syntax error (`first` after `last` included, RFC 9110 §14.1.1) or more than one range.
    /// Whitespace around the parts and the unit's case do not matter.
    init?(header: String) {
        let parts = header.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "bytes" else { return nil }
        // Empty list elements (`bytes=0-9,`) are allowed by the list syntax (RFC 9110 §5.6.1).
        let specs = parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard specs.count == 1, let range = Self.parse(spec: specs[0]) else { return nil }
        self = range
    }

    private static func parse(spec: String) -> ByteRange? {
        let ends = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard ends.count == 2 else { return nil }
        let first = ends[0].trimmingCharacters(in: .whitespaces), last = ends[1].trimmingCharacters(in: .whitespaces)
        if first.isEmpty { return number(last).map { .suffix(length: $0) } }
        guard let start = number(first) else { return nil }
        if last.isEmpty { return .from(first: start, last: nil) }
        guard let end = number(last), start <= end else { return nil }
        return .from(first: start, last: end)
    }

    /// Digits only; a number too large for `Int` is `Int.max`, which selects the same bytes
    /// (past any end) as the number itself would.
    private static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text) ?? Int.max
    }

    /// The bytes selected from a body of `length` bytes (`length` > 0), a `last` past the end
    /// cut at the end; unsatisfiable when `first` is at or past the end or the suffix is empty.
    func select(in length: Int) -> Selection {
        switch self {
        case .from(let first, let last):
            guard first < length else { return .unsatisfiable }
            return .bytes(first...min(last ?? Int.max, length - 1))
        case .suffix(let count):
            guard count > 0 else { return .unsatisfiable }
            return .bytes(max(length - count, 0)...(length - 1))
        }
    }
}
