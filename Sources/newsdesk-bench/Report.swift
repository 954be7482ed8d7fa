import Foundation

/// The benchmark's table and its verdict on the targets of issue 6.
enum Report {
    static func printHeader() {
        print(pad("items", 7) + pad("tool", 10) + pad("build", 11) + pad("wall s", 9) + pad("cpu s", 9) + pad("peak MB", 9)
              + pad("pages/s", 9) + "notes")
    }

    /// - Parameter newsdesk: for a Hugo row, Newsdesk's clean build of the same corpus.
    static func printRow(_ result: BenchResult, comparedWith newsdesk: BenchResult?) {
        let m = result.measurement
        let pagesPerSecond = result.pages > 0 ? String(Int(Double(result.pages) / m.wallSeconds)) : "-"
        var note = result.note
        if result.tool == "hugo", let newsdesk {
            note = String(format: "newsdesk/hugo: wall %.2f×, cpu %.2f×, memory %.2f×",
                          newsdesk.measurement.wallSeconds / m.wallSeconds, newsdesk.measurement.cpuSeconds / m.cpuSeconds,
                          newsdesk.measurement.peakMegabytes / m.peakMegabytes)
        }
        print(pad(String(result.items), 7) + pad(result.tool, 10) + pad(result.build.rawValue, 11)
              + pad(String(format: "%.3f", m.wallSeconds), 9) + pad(String(format: "%.2f", m.cpuSeconds), 9)
              + pad(String(format: "%.0f", m.peakMegabytes), 9) + pad(pagesPerSecond, 9) + note)
        fflush(nil)
    }

    static func printTargets(_ results: [BenchResult]) {
        print("\n== targets (issue 6)")
        func clean(_ tool: String, _ storage: String, _ items: Int) -> BenchResult? {
            results.first { $0.tool == tool && $0.storage == storage && $0.items == items && $0.build == .clean }
        }
        for storage in ["tmpfs", "disk"] {
            for items in Set(results.filter { $0.storage == storage }.map(\.items)).sorted() {
                guard let ours = clean("newsdesk", storage, items) else { continue }
                if let theirs = clean("hugo", storage, items) {
                    let wall = ours.measurement.wallSeconds / theirs.measurement.wallSeconds
                    let memory = ours.measurement.peakMegabytes / theirs.measurement.peakMegabytes
                    let verdict = storage == "tmpfs" && items == 10_000 ? (wall <= 0.3 && memory <= 0.25 ? "PASS" : "FAIL") + " " : ""
                    print(String(format: "%@%@ %d items: wall %.2f× Hugo (target ≤ 0.30×), peak memory %.2f× Hugo (target ≤ 0.25×)",
                                 verdict, storage, items, wall, memory))
                }
                if let unchanged = results.first(where: { $0.tool == "newsdesk" && $0.storage == storage && $0.items == items && $0.build == .noChange }) {
                    let share = unchanged.measurement.wallSeconds / ours.measurement.wallSeconds
                    print(String(format: "%@ %@ %d items: no-change rebuild %.1f%% of the clean build (target ≤ 10%%)",
                                 share <= 0.1 ? "PASS" : "FAIL", storage, items, share * 100))
                }
                if let without = results.first(where: { $0.tool == "newsdesk" && $0.storage == storage && $0.items == items && $0.build == .cleanWithoutSearch }) {
                    let wall = without.pairedSearchShare ?? ours.measurement.wallSeconds / without.measurement.wallSeconds - 1
                    let memory = ours.measurement.peakMegabytes - without.measurement.peakMegabytes
                    let cpu = without.pairedSearchCPUShare.map { String(format: "; CPU time %+.1f%%", $0 * 100) } ?? ""
                    print(String(format: "%@ %@ %d items: the search index adds %.1f%% wall time (median of the paired builds; target ≤ 15%%%@) and %.0f MB peak memory (target ≤ 50 MB)",
                                 wall <= 0.15 && memory <= 50 ? "PASS" : "FAIL", storage, items, wall * 100, cpu, memory))
                }
                if let edit = results.first(where: { $0.tool == "newsdesk" && $0.storage == storage && $0.items == items && $0.build == .oneEdit }) {
                    print("\(edit.editCheckPassed == true ? "PASS" : "FAIL") \(storage) \(items) items: one-item edit rewrote only changed files (\(edit.note))")
                }
            }
            let cleanBuilds = results.filter { $0.tool == "newsdesk" && $0.storage == storage && $0.build == .clean }.sorted { $0.items < $1.items }
            if cleanBuilds.count > 1 {
                let perItem = cleanBuilds.map { String(format: "%d items %.0f µs", $0.items, $0.measurement.wallSeconds / Double($0.items) * 1e6) }
                print("     \(storage) wall time per item: \(perItem.joined(separator: ", "))")
            }
        }
        if let memory = results.first(where: { $0.storage == "memory" }) {
            print(String(format: "%@ %d items: peak memory %.0f MB (target < 1024 MB)",
                         memory.measurement.peakBytes < 1 << 30 ? "PASS" : "FAIL", memory.items, memory.measurement.peakMegabytes))
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
