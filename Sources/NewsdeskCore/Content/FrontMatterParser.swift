import Foundation
import Yams

/// Reads the YAML block of a Markdown file into a `FrontMatter`, reporting every problem at the
/// line and column where the editor can fix it.
public struct FrontMatterParser: Sendable {
    public enum Requirement: Sendable {
        /// News items need a title and a date.
        case item
        /// Section and home `_index.md` files need neither.
        case index
    }

    public var timeZone: TimeZone
    public var languageCodes: [String]

    public init(timeZone: TimeZone, languageCodes: [String]) {
        self.timeZone = timeZone
        self.languageCodes = languageCodes
    }

    public func parse(_ split: FrontMatterSplit, path: String, requirement: Requirement) -> (FrontMatter, [Diagnostic]) {
        let (fields, diagnostics) = parseFields(split, path: path, requirement: requirement)
        return (FrontMatter(fields), diagnostics)
    }

    private func parseFields(_ split: FrontMatterSplit, path: String, requirement: Requirement) -> (FrontMatter.Fields, [Diagnostic]) {
        var frontMatter = FrontMatter.Fields()
        guard split.hasFrontMatter else {
            if requirement == .item {
                return (frontMatter, [.error("the file has no front matter", path: path, line: 1, column: 1,
                                             hint: "start the file with a '---' line, then title: and date: lines, then another '---' line")])
            }
            return (frontMatter, [])
        }
        let lineOffset = split.openingLine
        let root: Node?
        switch YAMLDocument.compose(String(split.yaml), path: path, lineOffset: lineOffset) {
        case .success(let node): root = node
        case .failure(let problem): return (frontMatter, [problem])
        }
        var reader = YAMLFieldReader(path: path, lineOffset: lineOffset)
        if let root {
            guard let mapping = root.mapping else {
                reader.error("front matter must be 'field: value' lines, not a \(YAMLFieldReader.kindName(root))", at: root,
                             hint: "for example: title: \"Our University Signed …\"")
                return (frontMatter, reader.diagnostics)
            }
            for (keyNode, value) in mapping {
                guard let key = keyNode.scalar?.string else {
                    reader.error("a front-matter field name must be plain text", at: keyNode)
                    continue
                }
                if let line = reader.line(of: keyNode) { frontMatter.lines[key] = line }
                read(key: key, value: value, keyNode: keyNode, into: &frontMatter, reader: &reader)
            }
        }
        if let updated = frontMatter.lastModified, let date = frontMatter.date, updated < date {
            reader.appendDiagnostic(.error("'\(frontMatter.lines["lastmod"] != nil ? "lastmod" : "updated")' is earlier than 'date'",
                                           path: path, line: frontMatter.lines["lastmod"] ?? frontMatter.lines["updated"], column: 1,
                                           hint: "an update comes after publication: give the date and time of the last change"))
        }
        let misspelled = misspelledKeys(frontMatter)
        if requirement == .item {
            let closingLine = split.bodyFirstLine - 1
            for (required, example) in [("title", "add a line such as: title: \"HUST Holds the 5th VSIP Conference\""), ("date", Self.dateHint)]
            where !frontMatter.lines.keys.contains(required) && misspelled[required] == nil {
                reader.appendDiagnostic(.error("the required field '\(required)' is missing", path: path, line: closingLine, column: 1,
                                               hint: example))
            }
        }
        for (known, typo) in misspelled.sorted(by: { $0.value.line < $1.value.line }) {
            let required = requirement == .item && (known == "title" || known == "date")
            let message = required ? "the required field '\(known)' is missing: '\(typo.key)' looks like a misspelling of it"
                : "unknown field '\(typo.key)': did you mean '\(known)'?"
            let hint = "rename '\(typo.key):' to '\(known):'" + (required ? "" : " (a field newsdesk does not know only reaches templates as page.params)")
            reader.appendDiagnostic(Diagnostic(path: path, line: typo.line, column: 1, severity: required ? .error : .warning,
                                               message: message, hint: hint))
        }
        return (frontMatter, reader.diagnostics)
    }

    /// The fields newsdesk reads; any other key is a template parameter.
    static let knownKeys = ["title", "date", "slug", "summary", "description", "author", "tags", "image", "image_alt",
                            "image_caption", "draft", "aliases", "lang", "translation_key", "lastmod", "updated"]

    /// Unknown keys one slip away from a known field the file does not set (`titel:` → title),
    /// by the field they probably meant.
    private func misspelledKeys(_ frontMatter: FrontMatter.Fields) -> [String: (key: String, line: Int)] {
        let unset = Self.knownKeys.filter { frontMatter.lines[$0] == nil }
        var result: [String: (key: String, line: Int)] = [:]
        for key in frontMatter.paramOrder {
            guard let known = NearestNames.nearest(to: key, among: unset, maximumEdits: 2), result[known] == nil,
                  let line = frontMatter.lines[key] else { continue }
            result[known] = (key, line)
        }
        return result
    }

    static let dateHint = "dates look like 2023-11-23 or 2023-11-23T09:30:00+08:00"

    private func read(key: String, value: Node, keyNode: Node, into fm: inout FrontMatter.Fields, reader: inout YAMLFieldReader) {
        switch key {
        case "title":
            let title = reader.string(value, key: key)?.trimmingSpacesAndNewlines()
            if let title, !title.isEmpty {
                fm.title = title
            } else if value.scalar != nil {
                reader.error("'title' is empty", at: value, hint: "write the headline after title:")
            }
        case "date":
            fm.date = readDate(value, key: key, reader: &reader)
        case "lastmod", "updated":
            if fm.lastModified != nil {
                reader.error("both 'lastmod' and 'updated' are set", at: keyNode, hint: "keep one of them: they mean the same")
            }
            fm.lastModified = readDate(value, key: key, reader: &reader)
        case "slug":
            guard let slug = reader.string(value, key: key)?.trimmingSpaces() else { return }
            if let problem = Slug.problem(with: slug) {
                reader.error("'slug' \(problem)", at: value, hint: "a slug is one URL segment such as vsip-2023-conference")
            } else {
                fm.slug = slug
            }
        case "summary": fm.summary = reader.text(value, key: key)
        case "description": fm.description = reader.text(value, key: key)
        case "author": fm.author = reader.text(value, key: key)
        case "tags": fm.tags = readTags(value, reader: &reader)
        case "image": fm.image = reader.text(value, key: key)
        case "image_alt": fm.imageAlt = reader.text(value, key: key)
        case "image_caption": fm.imageCaption = reader.text(value, key: key)
        case "draft": fm.draft = reader.bool(value, key: key) ?? false
        case "aliases": fm.aliases = reader.stringList(value, key: key) ?? []
        case "lang":
            guard let lang = reader.string(value, key: key) else { return }
            if languageCodes.contains(lang) {
                fm.lang = lang
            } else {
                reader.error("'lang' is '\(lang)', which site.yml does not declare", at: value,
                             hint: "use one of: \(languageCodes.joined(separator: ", ")), or add it under languages: in site.yml")
            }
        case "translation_key": fm.translationKey = reader.string(value, key: key)
        default:
            if fm.params[key] == nil { fm.paramOrder.append(key) }
            fm.params[key] = reader.templateValue(value)
        }
    }

    /// `date:`, `lastmod:` or `updated:`; nil, with the problem reported, when it is not a date.
    private func readDate(_ value: Node, key: String, reader: inout YAMLFieldReader) -> NewsDate? {
        guard let text = reader.string(value, key: key), !text.trimmingSpaces().isEmpty else {
            if value.scalar != nil { reader.error("'\(key)' is empty", at: value, hint: Self.dateHint) }
            return nil
        }
        do {
            return try NewsDate.parse(text, timeZone: timeZone)
        } catch .impossible(let why) {
            reader.error("the date '\(text)' is impossible: \(why)", at: value, hint: Self.dateHint)
        } catch {
            if let fix = DateForms.hint(for: text) {
                reader.error("'\(text)' is a date in a form newsdesk does not read", at: value, hint: fix)
            } else {
                reader.error("'\(text)' is not a date", at: value, hint: Self.dateHint)
            }
        }
        return nil
    }

    /// `tags: a, b, c` is one text with commas in YAML; the editor meant three tags.
    private func readTags(_ value: Node, reader: inout YAMLFieldReader) -> [String] {
        guard let scalar = value.scalar, scalar.style == .plain, scalar.string.contains(",") else {
            return reader.stringList(value, key: "tags") ?? []
        }
        let tags = scalar.string.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        reader.warning("'tags' is one text with commas; it is read as \(tags.count) tags", at: value,
                       hint: "write tags: [\(tags.joined(separator: ", "))]")
        return tags
    }
}

