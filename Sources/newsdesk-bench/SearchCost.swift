import Foundation

/// What the search client downloads for a query, computed the way `search.js` fetches: the
/// manifest, the term shard of each query term, and the result chunks of the first page of
/// ten results (ranked by the summed weight × inverse document frequency, newer first).
///
/// The bench does not link Newsdesk's library, so its queries are written as the terms the
/// tokenizer makes of them (stems; Chinese as overlapping character pairs).
enum SearchCost {
    static let queries: [(text: String, terms: [String])] = [
        ("cybersecurity agreement", ["cybersecurity", "agreement"]),
        ("robotics workshop", ["robotic", "workshop"]),
        ("machine learning", ["machin", "learn"]),
        ("合作协议", ["合作", "作协", "协议"]),
        ("2023 合作", ["2023", "合作"]),
    ]

    struct Manifest: Decodable {
        var documents: Int
        var shards: Int
        var chunk: Int
        var key: Int
    }

    /// Bytes downloaded per query, and the number of results, for the index in `folder`.
    static func measure(folder: URL) throws -> [(query: String, bytes: Int, results: Int)] {
        let manifestData = try Data(contentsOf: folder.appendingPathComponent("index.json"))
        let manifest = try JSONDecoder().decode(Manifest.self, from: manifestData)
        return try queries.map { query in
            var bytes = manifestData.count
            var shardsRead = Set<Int>()
            var scores: [Int: Double]?
            for term in query.terms {
                let shard = shardNumber(term, manifest: manifest)
                let data = try Data(contentsOf: folder.appendingPathComponent("terms/\(shard).txt"))
                if shardsRead.insert(shard).inserted { bytes += data.count }
                let found = postings(of: term, in: data, documents: manifest.documents)
                scores = scores.map { previous in previous.filter { found[$0.key] != nil }.reduce(into: [:]) { $0[$1.key] = $1.value + found[$1.key]! } } ?? found
            }
            let ranked = (scores ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }
            let chunks = Set(ranked.prefix(10).map { $0.key / manifest.chunk })
            for chunk in chunks {
                bytes += (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("docs/\(chunk).json").path)[.size] as? Int) ?? 0
            }
            return (query.text, bytes, ranked.count)
        }
    }

    static func shardNumber(_ term: String, manifest: Manifest) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        for byte in String(String.UnicodeScalarView(term.unicodeScalars.prefix(manifest.key))).utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return Int(hash % UInt32(manifest.shards))
    }

    static func postings(of term: String, in shard: Data, documents: Int) -> [Int: Double] {
        let prefix = term + "\t"
        guard let line = String(decoding: shard, as: UTF8.self).split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return [:] }
        let numbers = line.dropFirst(prefix.count).split(separator: ",").compactMap { Int($0) }
        let frequency = Double(numbers.count / 2)
        let idf = log(1 + (Double(documents) - frequency + 0.5) / (frequency + 0.5))
        var result: [Int: Double] = [:]
        var document = 0
        for index in stride(from: 0, to: numbers.count - 1, by: 2) {
            document += numbers[index]
            result[document] = idf * Double(numbers[index + 1]) / 100
        }
        return result
    }

    /// Total size of the files below `folder`.
    static func size(of folder: URL) -> Int {
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey]) else { return 0 }
        return files.compactMap { ($0 as? URL).flatMap { try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize } }.reduce(0, +)
    }
}
