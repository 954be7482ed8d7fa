import Foundation

/// `newsdesk list`: every published item with its source, URL, section, date and draft flag,
/// as text for people, JSON for scripts or CSV for spreadsheets.
public struct ItemListing: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, csv
    }

    public struct Row: Sendable, Codable, Equatable {
        public var source: String
        public var url: String
        public var section: String
        public var language: String
        public var date: String
        public var draft: Bool
        public var title: String
    }

    public let site: Site

    public init(site: Site) { self.site = site }

    /// In the order the sections list them, sections by language then name.
    public var rows: [Row] {
        site.sections.flatMap { section in
            section.pages.map { index in
                let page = site.pages[index]
                return Row(source: page.item.path, url: site.urls.absolute(page.sitePath), section: section.name,
                           language: page.item.language, date: page.item.date.rfc3339(in: site.config.timeZone),
                           draft: page.item.isDraft, title: page.item.title)
            }
        }
    }

    public func render(_ format: Format) -> String {
        let rows = rows
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(rows)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
        case .csv:
            let header = "source,url,section,language,date,draft,title\n"
            return header + rows.map { row in
                [row.source, row.url, row.section, row.language, row.date, row.draft ? "true" : "false", row.title]
                    .map(Self.csvField).joined(separator: ",") + "\n"
            }.joined()
        case .text:
            return rows.map { row in
                "\(row.date.prefix(10))  \(row.draft ? "draft " : "")\(row.source)  →  \(row.url)\n"
            }.joined()
        }
    }

    /// RFC 4180 quoting.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
