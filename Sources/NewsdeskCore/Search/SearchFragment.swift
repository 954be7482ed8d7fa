/// The plain text of a document as the search client reads it, in the document's own result
/// file (`SearchResultEntry.text`, `SearchIndexLayout`), which the client fetches only for the
/// results it shows: to check a quoted phrase word by word and to cut a snippet around the
/// words found, as Pagefind's fragments do.
///
/// It holds the body's text as the index counted it (text and code spans, image descriptions),
/// blocks separated by a newline, cut to the first `byteLimit` bytes.
public enum SearchFragment {
    /// Large enough for the whole body of a typical news item, small enough that a page of ten
    /// results downloads a bounded amount of text. A phrase that occurs only beyond the cut is
    /// not found, and a snippet is then cut from the summary: the price of a bounded download
    /// per result.
    public static let byteLimit = 8192

    /// Collects the text of a Markdown body node by node, as `MarkdownRenderer` walks it, and
    /// stops at `byteLimit`.
    public struct Collector: Sendable {
        private var bytes: [UInt8] = []
        private var pendingSeparator: UInt8?
        private var isFull = false

        public init() {}

        /// A collector with room for the text of a body of `expectedBytes` bytes of Markdown, up to
        /// `byteLimit`, so that the text is not copied as it grows.
        public init(expectedBytes: Int) {
            bytes.reserveCapacity(min(expectedBytes, byteLimit))
        }

        /// A text or code span's literal.
        public mutating func add(utf8 literal: UnsafeBufferPointer<UInt8>) {
            guard !isFull, !literal.isEmpty else { return }
            if let separator = pendingSeparator, !bytes.isEmpty { bytes.append(separator) }
            pendingSeparator = nil
            let room = byteLimit - bytes.count
            guard literal.count > room else { return bytes.append(contentsOf: literal) }
            bytes.append(contentsOf: literal[..<Self.cut(literal, at: room)])
            isFull = true
        }

        /// A line break within a block: the words on either side stay apart.
        public mutating func breakLine() {
            if pendingSeparator == nil { pendingSeparator = UInt8(ascii: " ") }
        }

        /// A new block (paragraph, heading, list item, table cell): on a line of its own.
        public mutating func breakBlock() {
            pendingSeparator = UInt8(ascii: "\n")
        }

        public var text: String { String(decoding: bytes, as: UTF8.self) }

        /// The text as UTF-8, well formed: cmark-gfm's literals are (it replaces ill-formed input
        /// with U+FFFD), separators are ASCII and `cut` ends on a character boundary.
        public var utf8: [UInt8] { bytes }

        /// Where to cut `literal` to keep at most `room` bytes: after the last space or newline
        /// within its last 64 bytes, so that no word is cut in half (a cut half word could match
        /// a shorter word); else at the last character boundary, as CJK text has no spaces.
        static func cut(_ literal: UnsafeBufferPointer<UInt8>, at room: Int) -> Int {
            var end = max(room, 0)
            while end > 0, literal[end] & 0xC0 == 0x80 { end -= 1 }
            var space = end
            while space > max(end - 64, 0) {
                if literal[space - 1] == UInt8(ascii: " ") || literal[space - 1] == UInt8(ascii: "\n") { return space - 1 }
                space -= 1
            }
            return end
        }
    }
}
