import Testing
@testable import NewsdeskCore

/// A document's title and label terms are merged with its body terms; `FieldTerms.mayHold`
/// spares most body terms the lookup, and must never turn a field term away.
@Suite("Field terms")
struct FieldTermsTests {
    @Test(arguments: 0..<8)
    func everyFieldTermPassesTheFilter(batch: Int) {
        var random = SeededGenerator(state: UInt64(batch) &* 0x9E37 &+ 5)
        var fields = FieldTerms()
        fields.add(DocumentTermsDifferentialTests.text(using: &random), title: 1, label: 0)
        for _ in 0..<3 { fields.add(DocumentTermsDifferentialTests.text(using: &random), title: 0, label: SearchRanking.labelBoost) }
        var terms = 0
        fields.terms.forEachTerm { number, term in
            terms += 1
            #expect(fields.mayHold(term), "term \(number): \(String(decoding: term, as: UTF8.self))")
            #expect(fields.terms.find(term) == number)
        }
        #expect(terms > 0)
    }

    @Test func mostOtherTermsAreTurnedAway() {
        var fields = FieldTerms()
        fields.add("HIT signs a cooperation agreement on cybersecurity talent with VSIP 2023", title: 1, label: 0)
        fields.add("cooperation international 网络安全 人才培养", title: 0, label: SearchRanking.labelBoost)
        let body = CountedTerms((0..<2_000).map { "word\($0) 词\(Character(UnicodeScalar(0x4E00 + $0)!))" }.joined(separator: " "))
        var passed = 0
        var total = 0
        body.forEachTerm { term, _ in
            total += 1
            if fields.mayHold(term) { passed += 1 }
        }
        // Two bits of 256 for each of about 20 field terms: a few percent pass by chance.
        #expect(total > 4_000)
        #expect(passed * 10 < total, "\(passed) of \(total) body terms passed")
    }
}
