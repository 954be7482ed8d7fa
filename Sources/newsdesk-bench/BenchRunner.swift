import Foundation

/// One measured build, as the report prints it.
struct BenchResult {
    enum Build: String {
        case clean = "clean"
        case noChange = "no change"
        case oneEdit = "one edit"
        /// A clean build with `search: { enabled: false }`: what the search index costs.
        case cleanWithoutSearch = "no search"
    }

    var storage: String
    var items: Int
    var tool: String
    var build: Build
    var measurement: Measurement
    /// HTML pages in the output.
    var pages: Int
    var note: String
    var editCheckPassed: Bool?
    /// For `cleanWithoutSearch`: the median, over the pairs (the repetitions, and at least
    /// `BenchRunner.minimumSharePairs` up to 10,000 items), of what the index added to the wall
    /// time of the search build that ran right beside the build without it. The
    /// machine's speed drifts more between repetitions than the index's share, so each pair is
    /// compared on its own rather than the fastest of one kind with the fastest of the other.
    var pairedSearchShare: Double?
    /// The same for CPU time, which the machine's drift moves far less than wall time.
    var pairedSearchCPUShare: Double?
}

/// Generates corpora (once per size and generator version), builds them and records results.
struct BenchRunner {
    /// Bump when the generator's output changes, so stale corpora are regenerated.
    static let generatorVersion = "newsdesk-bench corpus 1"

    let newsdesk: String
    let hugo: String?
    let repository: URL
    let repetitions: Int
    private(set) var results: [BenchResult] = []

    init(newsdesk: String, hugo: String?, repository: URL, repetitions: Int) {
        self.newsdesk = newsdesk
        self.hugo = hugo
        self.repository = repository
        self.repetitions = repetitions
    }

    /// The clean builds of Newsdesk and Hugo take turns, so that a change in the shared
    /// machine's speed during the run weighs on both alike; the fastest of each counts.
    mutating func measure(items: Int, storage: String, root: URL) throws {
        let site = try corpus(items: items, root: root)
        let output = site.appendingPathComponent("output")
        let hugoOutput = site.appendingPathComponent("hugo-output")
        var clean: Measurement?
        var hugoClean: Measurement?
        var withoutSearch: Measurement?
        var searchShares: [Double] = []
        var searchCPUShares: [Double] = []
        // The share's own pairs first, when the repetitions are fewer than the share needs on
        // a corpus whose builds take seconds: they count for the share only, so that Newsdesk's
        // clean build has as many tries as Hugo's.
        let sharePairs = items <= Self.sharePairsLimit ? max(0, Self.minimumSharePairs - repetitions) : 0
        for pair in 0..<sharePairs {
            let (with, without) = try cleanPair(site, output: output, searchFirst: pair % 2 == 0)
            searchShares.append(with.wallSeconds / without.wallSeconds - 1)
            searchCPUShares.append(with.cpuSeconds / without.cpuSeconds - 1)
        }
        for repetition in 0..<repetitions {
            // The last pair ends with the search build, whose output and cache the rebuilds
            // below start from.
            let (with, without) = try cleanPair(site, output: output, searchFirst: (repetitions - 1 - repetition) % 2 == 1)
            withoutSearch = fastest(withoutSearch, without)
            clean = fastest(clean, with)
            searchShares.append(with.wallSeconds / without.wallSeconds - 1)
            searchCPUShares.append(with.cpuSeconds / without.cpuSeconds - 1)
            if let hugo {
                try remove(hugoOutput)
                let measurement = try MeasuredProcess.run(hugo, ["--source", site.appendingPathComponent("hugo").path,
                                                                 "--contentDir", site.appendingPathComponent("content").path,
                                                                 "--destination", hugoOutput.path, "--quiet"],
                                                          logFile: site.appendingPathComponent("hugo.log").path)
                guard measurement.status == 0 else { throw BenchError("hugo failed:\n\(measurement.output)") }
                hugoClean = fastest(hugoClean, measurement)
            }
        }
        guard let clean else { throw BenchError("no clean build ran") }
        let pages = OutputSnapshot(directory: output.path).htmlCount
        record(BenchResult(storage: storage, items: items, tool: "newsdesk", build: .clean, measurement: clean, pages: pages,
                           note: Self.summaryLine(clean.output)))
        let unchanged = try best { try buildWithNewsdesk(site, clean: false) }
        record(BenchResult(storage: storage, items: items, tool: "newsdesk", build: .noChange, measurement: unchanged, pages: pages,
                           note: Self.summaryLine(unchanged.output)))
        try measureOneEdit(site: site, items: items, storage: storage, pages: pages)
        if let withoutSearch {
            let index = output.appendingPathComponent("search/en")
            let shares = searchShares.sorted()
            record(BenchResult(storage: storage, items: items, tool: "newsdesk", build: .cleanWithoutSearch, measurement: withoutSearch,
                               pages: pages, note: String(format: "index %.1f MB (bytes per query: Benchmarks/search-bench.py); adds %@ in the pairs",
                                                          Double(Self.size(of: index)) / 1_048_576,
                                                          shares.map { String(format: "%.1f%%", $0 * 100) }.joined(separator: ", ")),
                               pairedSearchShare: Self.median(shares), pairedSearchCPUShare: Self.median(searchCPUShares)))
        }
        if let hugoClean {
            record(BenchResult(storage: storage, items: items, tool: "hugo", build: .clean, measurement: hugoClean,
                               pages: OutputSnapshot(directory: hugoOutput.path).htmlCount, note: ""))
            try remove(hugoOutput)
        }
    }

    /// Pairs a search build's share is the median of, at the least, on corpora of up to
    /// `sharePairsLimit` items (the target is the 10,000-item corpus): one pair here
    /// can be off by 20 points either way, the median of seven by a few.
    static let minimumSharePairs = 7
    static let sharePairsLimit = 10_000

    /// A clean build with the search index and one without, in the order given. The pairs take
    /// turns at which build runs first, and each build starts from the same state (no output,
    /// no cache, the removals settled): a build that always ran right after the other, or right
    /// after a 13,000-file tree was deleted, would carry what that left behind.
    private func cleanPair(_ site: URL, output: URL, searchFirst: Bool) throws -> (with: Measurement, without: Measurement) {
        var without: Measurement?
        var with: Measurement?
        for search in searchFirst ? [true, false] : [false, true] {
            try remove(output)
            try remove(site.appendingPathComponent(".newsdesk-cache"))
            Thread.sleep(forTimeInterval: 0.2)
            if search { with = try buildWithNewsdesk(site, clean: true) } else { without = try buildWithoutSearch(site) }
        }
        guard let with, let without else { throw BenchError("a pair of clean builds did not run") }
        return (with, without)
    }

    /// The middle value of `values` (the mean of the two middle ones when their count is even).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private func fastest(_ current: Measurement?, _ next: Measurement) -> Measurement {
        guard let current, current.wallSeconds <= next.wallSeconds else { return next }
        return current
    }

    /// Changes one item's title, which its page, its neighbours, listings and tag pages show;
    /// then checks that exactly the files whose bytes changed were rewritten.
    private mutating func measureOneEdit(site: URL, items: Int, storage: String, pages: Int) throws {
        let item = GeneratedItem(index: items / 2, total: items)
        let file = site.appendingPathComponent("content/\(item.relativePath)")
        let original = try Data(contentsOf: file)
        let edited = String(decoding: original, as: UTF8.self)
            .replacingOccurrences(of: "title: \"\(item.title)\"", with: "title: \"\(item.title) (updated)\"")
        let outputPath = site.appendingPathComponent("output").path
        let before = OutputSnapshot(directory: outputPath)
        // The clean builds before this wrote gigabytes; on disk, the kernel would still be
        // writing them back during the edit, which would then measure the disk, not the build.
        sync()
        try Data(edited.utf8).write(to: file)
        defer { try? original.write(to: file) }
        let measurement = try buildWithNewsdesk(site, clean: false)
        let comparison = before.compare(to: OutputSnapshot(directory: outputPath))
        let passed = comparison.needlesslyRewritten.isEmpty && comparison.silentlyChanged.isEmpty && !comparison.changedBytes.isEmpty
        var note = "\(comparison.rewritten.count) rewritten (\(comparison.changedBytes.count) changed bytes), \(comparison.untouched) untouched"
        if !comparison.needlesslyRewritten.isEmpty { note += "; SAME BYTES REWRITTEN: \(comparison.needlesslyRewritten.prefix(3))" }
        if !comparison.silentlyChanged.isEmpty { note += "; CHANGED WITHOUT NEW MTIME: \(comparison.silentlyChanged.prefix(3))" }
        record(BenchResult(storage: storage, items: items, tool: "newsdesk", build: .oneEdit, measurement: measurement, pages: pages,
                           note: note, editCheckPassed: passed))
    }

    mutating func memoryCheck(items: Int, root: URL) throws {
        let site = try corpus(items: items, root: root)
        try remove(site.appendingPathComponent("output"))
        try remove(site.appendingPathComponent(".newsdesk-cache"))
        let measurement = try buildWithNewsdesk(site, clean: true)
        record(BenchResult(storage: "memory", items: items, tool: "newsdesk", build: .clean, measurement: measurement,
                           pages: 0, note: Self.summaryLine(measurement.output)))
        try remove(site.appendingPathComponent("output"))
    }

    private mutating func record(_ result: BenchResult) {
        results.append(result)
        let newsdeskClean = results.first { $0.tool == "newsdesk" && $0.build == .clean && $0.items == result.items && $0.storage == result.storage }
        Report.printRow(result, comparedWith: result.tool == "hugo" ? newsdeskClean : nil)
    }

    private func buildWithNewsdesk(_ site: URL, clean: Bool) throws -> Measurement {
        let arguments = ["build", "--site", site.path] + (clean ? ["--clean"] : [])
        let measurement = try MeasuredProcess.run(newsdesk, arguments, logFile: site.appendingPathComponent("newsdesk.log").path)
        guard measurement.status == 0 else { throw BenchError("newsdesk build failed (\(measurement.status)):\n\(measurement.output.suffix(3000))") }
        return measurement
    }

    /// A clean build into a folder of its own with the search index turned off in `site.yml`,
    /// which is then put back as it was. The caller starts it as it starts the search build it
    /// is paired with: without `.newsdesk-cache/` (with the image store kept, it would skip the
    /// photos' encoding and libvips, which the pair would then count as the index's cost) and
    /// with the removals settled.
    private func buildWithoutSearch(_ site: URL) throws -> Measurement {
        let config = site.appendingPathComponent("content/site.yml")
        let original = try Data(contentsOf: config)
        let output = site.appendingPathComponent("output-without-search")
        try remove(output)
        try Data((String(decoding: original, as: UTF8.self) + "search:\n  enabled: false\n").utf8).write(to: config)
        defer {
            try? original.write(to: config)
            try? remove(output)
        }
        let measurement = try MeasuredProcess.run(newsdesk, ["build", "--site", site.path, "--clean", "--output", output.path],
                                                  logFile: site.appendingPathComponent("newsdesk.log").path)
        guard measurement.status == 0 else { throw BenchError("newsdesk build without search failed:\n\(measurement.output.suffix(3000))") }
        return measurement
    }

    private func best(_ run: () throws -> Measurement) throws -> Measurement {
        var best = try run()
        for _ in 1..<repetitions { best = fastest(best, try run()) }
        return best
    }

    /// The generated site for `items`, written unless an identical one is already there: the
    /// same generator, size and theme (the corpus holds a copy of the repository's theme, which
    /// would otherwise stay as it was when the corpus was first generated).
    private func corpus(items: Int, root: URL) throws -> URL {
        let site = root.appendingPathComponent("site-\(items)")
        let stamp = site.appendingPathComponent("corpus.stamp")
        let theme = Self.digest(ofFolder: repository.appendingPathComponent("themes/default"))
        let expected = "\(Self.generatorVersion), \(items) items, theme \(String(theme, radix: 16))\n"
        if (try? String(contentsOf: stamp, encoding: .utf8)) == expected { return site }
        try remove(site)
        let started = DispatchTime.now()
        try CorpusGenerator(items: items).write(siteRoot: site, themeSource: repository.appendingPathComponent("themes/default"))
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Benchmarks/hugo"), to: site.appendingPathComponent("hugo"))
        try expected.write(to: stamp, atomically: true, encoding: .utf8)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        print(String(format: "   (generated %d items in %.1f s at %@)", items, seconds, site.path))
        // An editor's files are older than the 100 ms newsdesk waits before trusting a file's
        // stamp; files written a moment ago would make the first rebuild read them again.
        Thread.sleep(forTimeInterval: 0.2)
        return site
    }

    /// FNV-1a over the relative path and bytes of every file below `folder`, in path order.
    static func digest(ofFolder folder: URL) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func add(_ bytes: some Sequence<UInt8>) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        let paths = (FileManager.default.subpaths(atPath: folder.path) ?? []).sorted()
        for path in paths {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else { continue }
            add(path.utf8)
            add([0])
            add(data)
        }
        return hash
    }

    /// Total size of the files below `folder`.
    static func size(of folder: URL) -> Int {
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey]) else { return 0 }
        return files.compactMap { ($0 as? URL).flatMap { try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize } }.reduce(0, +)
    }

    private func remove(_ url: URL) throws {
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }

    /// The `Built …` line newsdesk prints.
    static func summaryLine(_ output: String) -> String {
        output.split(separator: "\n").last { $0.hasPrefix("Built ") }.map(String.init) ?? ""
    }
}
