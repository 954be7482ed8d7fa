import Foundation
import Synchronization

/// Writes a deterministic news archive: the same `items` always give the same bytes, so runs on
/// different days and machines compare the same work.
///
/// Items are spread over sections and ten years, with the front matter editors write (title,
/// date with offset, slug, summary, author, tags, image) and ~6 KB bodies mixing headings,
/// lists, tables, footnotes, quotes, figures, links to other items and Chinese paragraphs.
struct CorpusGenerator {
    static let sections = ["news", "campus", "research", "international", "cooperation"]
    static let imageCount = 24

    let items: Int

    /// `content/` and `themes/` are written below `siteRoot`; the theme is copied from `themeSource`.
    func write(siteRoot: URL, themeSource: URL) throws {
        let manager = FileManager.default
        let content = siteRoot.appendingPathComponent("content")
        for section in Self.sections {
            try manager.createDirectory(at: content.appendingPathComponent(section), withIntermediateDirectories: true)
        }
        try write(siteConfig, to: content.appendingPathComponent("site.yml"))
        try write("---\ntitle: Benchmark University News\n---\nNews, research and cooperation from a generated archive.\n",
                  to: content.appendingPathComponent("_index.md"))
        for (number, section) in Self.sections.enumerated() {
            let index = "---\ntitle: \(section.prefix(1).uppercased() + section.dropFirst())\ndescription: Generated \(section) items\nweight: \(number)\n---\nAll \(section) items of the archive, newest first.\n"
            try write(index, to: content.appendingPathComponent("\(section)/_index.md"))
        }
        let images = content.appendingPathComponent("images")
        try manager.createDirectory(at: images, withIntermediateDirectories: true)
        for number in 0..<Self.imageCount {
            try Data(Self.tinyPNG).write(to: images.appendingPathComponent("photo-\(number).png"))
        }
        try writeItems(into: content)
        let themes = siteRoot.appendingPathComponent("themes")
        try manager.createDirectory(at: themes, withIntermediateDirectories: true)
        try manager.copyItem(at: themeSource, to: themes.appendingPathComponent("default"))
    }

    /// Items are generated on every core; each file depends only on its index.
    private func writeItems(into content: URL) throws {
        let failures = Mutex<[String]>([])
        let items = self.items
        DispatchQueue.concurrentPerform(iterations: max(1, ProcessInfo.processInfo.activeProcessorCount * 4)) { worker in
            let workers = max(1, ProcessInfo.processInfo.activeProcessorCount * 4)
            for index in stride(from: worker, to: items, by: workers) {
                let item = GeneratedItem(index: index, total: items)
                do {
                    try Data(item.text.utf8).write(to: content.appendingPathComponent(item.relativePath))
                } catch {
                    failures.withLock { $0.append("\(item.relativePath): \(error)") }
                }
            }
        }
        if let first = failures.withLock({ $0.first }) { throw BenchError("cannot write the corpus: \(first)") }
    }

    private func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    var siteConfig: String {
        """
        title: Benchmark University News
        description: A generated archive for make bench
        base_url: https://news.example.edu.cn/
        time_zone: Asia/Shanghai
        theme: default
        permalinks:
          default: /:section/:year/:slug/
        paginate: 20
        home_items_per_section: 5
        feeds:
          format: atom
          entries: 20

        """
    }

    /// A valid 1×1 PNG, so that image links resolve to real files.
    static let tinyPNG: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
        0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
        0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}
