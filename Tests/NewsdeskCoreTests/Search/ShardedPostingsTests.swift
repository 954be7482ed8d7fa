import Testing
@testable import NewsdeskCore

/// Documents are indexed in runs on every core and joined when a shard is made: the joined
/// shard must be the shard one run over every document makes, byte for byte.
@Suite("Sharded postings")
struct ShardedPostingsTests {
    /// Postings of `documents` documents over a small vocabulary, each document holding a
    /// different mix of terms (some in no document of a run, some in every document).
    static func postings(_ documents: Range<Int>, shardCount: Int) -> ShardedPostings {
        var postings = ShardedPostings(shardCount: shardCount)
        let vocabulary = ["agreement", "ab", "abc", "网络", "网络安全", "campus", "z", "2023", "students", "agree"]
        for document in documents {
            for (number, term) in vocabulary.enumerated() where (document * 7 + number * 3) % (number + 2) != 1 {
                var bytes = Array(term.utf8)
                bytes.withUnsafeMutableBufferPointer { buffer in
                    let term = UnsafeBufferPointer(buffer)
                    postings.append(term, shard: SearchIndexLayout.shard(ofUTF8: term, count: shardCount), document: document,
                                    weight: 100 + (document * 13 + number) % 50)
                }
            }
        }
        return postings
    }

    @Test(arguments: [[0..<40], [0..<1, 1..<40], [0..<13, 13..<14, 14..<27, 27..<40], [0..<20, 20..<20, 20..<40]])
    func shardsJoinedFromRunsEqualOneRunsShards(_ runs: [Range<Int>]) {
        let whole = Self.postings(0..<40, shardCount: 4)
        let parts = runs.map { Self.postings($0, shardCount: 4) }
        for shard in 0..<4 {
            #expect(ShardedPostings.shardBytes(parts, shard: shard) == ShardedPostings.shardBytes([whole], shard: shard), "shard \(shard)")
        }
    }

    @Test func aListsTextContinuesAnotherListsDocuments() {
        var first = PostingList()
        first.append(document: 3, weight: 120)
        first.append(document: 10, weight: 7)
        var second = PostingList()
        second.append(document: 12, weight: 9)
        second.append(document: 1000, weight: 220)
        var appended = first
        appended.append(document: 12, weight: 9)
        appended.append(document: 1000, weight: 220)
        let joined = [UInt8](unsafeUninitializedCapacity: first.textCapacity + second.textCapacity) { buffer, initialized in
            let middle = first.writeText(into: buffer, at: 0, after: 0)
            initialized = second.writeText(into: buffer, at: middle, after: first.lastDocument)
        }
        #expect(joined == appended.text)
        #expect(String(decoding: joined, as: UTF8.self) == ShardText.text([3, 120, 7, 7, 2, 9, 988, 220]))
    }

    /// Digits worked out by hand: five bits each, lowest first, 32 added where another follows.
    @Test func numbersAreSpelledAsBase64VLQDigits() {
        let spelled = [(0, "A"), (1, "B"), (25, "Z"), (26, "a"), (31, "f"), (32, "gB"), (1_000, "of"), (1_023, "/f"), (1_024, "ggB")]
        for (number, digits) in spelled {
            var list = PostingList()
            list.append(document: 0, weight: number)
            #expect(String(decoding: list.text, as: UTF8.self) == "A" + digits, "\(number)")
            #expect(ShardText.digits(number) == digits, "the tests' own speller, \(number)")
        }
    }

    @Test func aListsTextSpellsEveryNumber() {
        let postings = [(0, 0), (5, 9), (6, 10), (100, 99), (101, 100), (1_000, 999), (16_384, 1_000), (3_000_000, 123_456_789), (3_000_001, Int(Int32.max))]
        var list = PostingList()
        var previous = 0
        var expected: [String] = []
        for (document, weight) in postings {
            list.append(document: document, weight: weight)
            expected += [ShardText.digits(document - previous), ShardText.digits(weight)]
            previous = document
        }
        #expect(String(decoding: list.text, as: UTF8.self) == expected.joined())
        #expect(PostingList().text.isEmpty)
    }

    /// Small numbers are spelled from a table and large ones digit by digit; postings are
    /// stored two words at a time below 2^49 and byte by byte above: every path, every border.
    @Test func everyNumberIsSpelledAndReadsBack() {
        let borders = [(1 << 49) - 1, 1 << 49, 1 << 56, 1 << 62]
        var list = PostingList()
        var expected: [String] = []
        var postings: [SearchIndex.Posting] = []
        var document = 0
        for (index, number) in (Array(0...20_000) + borders).enumerated() {
            // The difference walks every number too, one posting behind the weight.
            let difference = index == 0 ? 0 : expected.count / 2 % 300 + (number > 20_000 ? number : 0)
            document += difference
            list.append(document: document, weight: number)
            expected += [ShardText.digits(difference), ShardText.digits(number)]
            postings.append(SearchIndex.Posting(document: document, weight: number))
        }
        #expect(String(decoding: list.text, as: UTF8.self) == expected.joined())
        #expect(ShardText.numbers(String(decoding: list.text, as: UTF8.self)).count == expected.count)
        #expect(list.postings == postings)
        #expect(list.count == postings.count)
    }

    @Test func blocksCoverTheDocumentsInOrder() {
        func corpus(_ documents: Int) -> SearchCorpus {
            SearchCorpus(language: "en", pages: Array(0..<documents), lengths: [], fields: [], referenceLength: 16)
        }
        let length = SearchIndexBuilder.blockLength
        #expect(SearchIndexBuilder.blocks(corpus(2 * length + 3)) == [0..<length, length..<(2 * length), (2 * length)..<(2 * length + 3)])
        #expect(SearchIndexBuilder.blocks(corpus(length)) == [0..<length])
        #expect(SearchIndexBuilder.blocks(corpus(0)).isEmpty)
        // Runs of whole blocks, as even as can be, covering every document once.
        #expect(SearchIndexBuilder.runs(corpus(5 * length + 3), parts: 4) == [0..<length, length..<(3 * length), (3 * length)..<(4 * length), (4 * length)..<(5 * length + 3)])
        #expect(SearchIndexBuilder.runs(corpus(length + 1), parts: 4) == [0..<length, length..<(length + 1)])
        #expect(SearchIndexBuilder.runs(corpus(0), parts: 4).isEmpty)
    }
}
