import ArgumentParser
import Foundation

/// `make bench`: builds generated archives with the release `newsdesk` and, when installed,
/// with Hugo, and prints what each build cost. Never part of `make test`: timings belong here,
/// not in unit tests.
@main
struct NewsdeskBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsdesk-bench",
        abstract: "Benchmarks newsdesk (and Hugo, when installed) on generated news archives.",
        subcommands: [Run.self, Generate.self],
        defaultSubcommand: Run.self
    )
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a generated site (content/ and themes/) into a folder.")

    @Option(help: "Number of news items.") var items = 1000
    @Option(help: "The folder to create.") var output: String
    @Option(help: "The Newsdesk repository, whose themes/default is copied.") var repository = "."

    func run() throws {
        let root = URL(fileURLWithPath: output)
        guard !FileManager.default.fileExists(atPath: root.path) else { throw BenchError("\(output) already exists") }
        try CorpusGenerator(items: items).write(siteRoot: root, themeSource: URL(fileURLWithPath: repository).appendingPathComponent("themes/default"))
        print("Wrote \(items) items to \(output)")
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate the corpora, build them and print the figures.")

    @Option(help: "Corpus sizes built on tmpfs, comma-separated.") var sizes = "1000,10000,50000"
    @Option(help: "Corpus sizes also built on disk, comma-separated (empty: none).") var diskSizes = "1000,10000,50000"
    @Option(help: "Items of the memory check (0: skip it).") var memoryCheck = 100_000
    @Option(help: "Each build runs this many times; the fastest counts (the machine is shared).") var `repeat` = 1
    @Option(help: "Working folder on tmpfs.") var tmpfs = "/dev/shm/newsdesk-bench"
    @Option(help: "Working folder on disk.") var disk = ".build/bench"
    @Option(help: "The newsdesk executable.") var newsdesk = ".build/release/newsdesk"
    @Option(help: "The Hugo executable (default: hugo on PATH).") var hugo: String?
    @Flag(help: "Do not build with Hugo.") var withoutHugo = false
    @Option(help: "The Newsdesk repository (themes/default, Benchmarks/hugo).") var repository = "."

    func run() throws {
        let repositoryURL = URL(fileURLWithPath: repository).standardizedFileURL
        guard FileManager.default.isExecutableFile(atPath: newsdesk) else {
            throw BenchError("\(newsdesk) is missing; run `swift build -c release` first (make bench does)")
        }
        let hugoPath = withoutHugo ? nil : (hugo ?? Self.findOnPath("hugo"))
        var bench = BenchRunner(newsdesk: URL(fileURLWithPath: newsdesk).standardizedFileURL.path, hugo: hugoPath,
                                repository: repositoryURL, repetitions: max(1, `repeat`))
        print("newsdesk-bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, best of \(bench.repetitions) run(s) per build"
              + (hugoPath.map { ", Hugo at \($0)" } ?? ", without Hugo"))
        for (label, root, list) in [("tmpfs", tmpfs, sizes), ("disk", disk, diskSizes)] {
            let counts = list.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !counts.isEmpty else { continue }
            let rootURL = URL(fileURLWithPath: root).standardizedFileURL
            print("\n== \(label): \(rootURL.path)")
            Report.printHeader()
            for count in counts { try bench.measure(items: count, storage: label, root: rootURL) }
        }
        if memoryCheck > 0 {
            print("\n== memory check: \(memoryCheck) items on tmpfs")
            Report.printHeader()
            try bench.memoryCheck(items: memoryCheck, root: URL(fileURLWithPath: tmpfs).standardizedFileURL)
        }
        Report.printTargets(bench.results)
    }

    static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
