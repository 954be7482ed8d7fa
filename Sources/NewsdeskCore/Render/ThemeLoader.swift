import Foundation
import Yams

/// Loads `themes/<name>/` and its parents (`parent:` in `theme.yml`) through a `SiteSource`.
/// A designer edits these files; nothing is compiled in, so every problem is reported with
/// the template file and line.
public struct ThemeLoader: Sendable {
    public var source: any SiteSource

    public init(source: any SiteSource) { self.source = source }

    /// - Parameter line: where `site.yml` names the theme, for a theme that does not exist.
    public func load(_ name: String, namedOnLine line: Int? = nil) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let chain = themeChain(name, namedOnLine: line, diagnostics: &diagnostics)
        guard !chain.isEmpty else { return (nil, diagnostics) }

        var templateTexts: [String: (path: String, text: String)] = [:]
        var staticFiles: [String: String] = [:]
        var strings: [String: [String: TemplateValue]] = [:]
        // Parents first, so that each child overrides what it redefines.
        for themeName in chain.reversed() {
            let root = "themes/\(themeName)"
            let (files, walkProblems) = source.files(under: root)
            diagnostics += walkProblems
            for path in files {
                let relative = String(path.dropFirst(root.count + 1))
                if relative.hasPrefix("templates/"), relative.hasSuffix(".mustache") {
                    let name = String(relative.dropFirst("templates/".count).dropLast(".mustache".count))
                    guard let text = readText(path, diagnostics: &diagnostics) else { continue }
                    templateTexts[name] = (path, text)
                } else if relative.hasPrefix("static/") {
                    staticFiles[String(relative.dropFirst("static/".count))] = path
                } else if relative.hasPrefix("i18n/"), relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") {
                    let language = String(relative.dropFirst("i18n/".count).split(separator: ".").first ?? "")
                    let words = readStrings(path, diagnostics: &diagnostics)
                    strings[language, default: [:]].merge(words) { _, new in new }
                }
            }
        }

        var library = TemplateLibrary()
        var fingerprintInput = ""
        var references: [String: (path: String, references: [TemplateReference])] = [:]
        for name in templateTexts.keys.sorted() {
            let (path, text) = templateTexts[name]!
            fingerprintInput += "\(name)\n\(text)\n"
            switch TemplateParser.parse(text) {
            case .success(let template):
                library.register(template, named: name)
                references[name] = (path, template.references)
            case .failure(let error):
                diagnostics.append(.error("template syntax error: \(error.message)", path: path, line: error.line, column: error.column,
                                          hint: error.hint))
            }
        }
        diagnostics += TemplateReferenceCheck(references: references, templateNames: Set(templateTexts.keys)).problems()
        for required in Theme.requiredTemplates where templateTexts[required] == nil {
            // Reported at the file that is missing: that is the file to create.
            diagnostics.append(.error("the theme '\(name)' has no template '\(required)', which every theme needs",
                                      path: "themes/\(name)/templates/\(required).mustache",
                                      hint: "create this file, or name a parent theme that has it in themes/\(name)/theme.yml"))
        }
        for language in strings.keys.sorted() {
            for key in strings[language]!.keys.sorted() { fingerprintInput += "\(language).\(key)=\(strings[language]![key]!)\n" }
        }
        let theme = Theme(
            name: name, library: library, templateNames: Set(templateTexts.keys),
            staticFiles: staticFiles.keys.sorted().map { (staticFiles[$0]!, $0) },
            strings: strings, fingerprint: ContentHash.of(fingerprintInput),
            reservedIDs: ReservedIDs.footnotesAndIDs(in: templateTexts.values.map(\.text)))
        return (theme, diagnostics)
    }

    /// The theme and its ancestors, child first; stops at a cycle or a missing theme.
    private func themeChain(_ name: String, namedOnLine line: Int?, diagnostics: inout [Diagnostic]) -> [String] {
        var chain: [String] = []
        var current: (name: String, line: Int?)? = (name, line)
        while let (themeName, namedOn) = current {
            guard !chain.contains(themeName) else {
                diagnostics.append(.error("themes name each other as parent: \((chain + [themeName]).joined(separator: " → "))",
                                          path: "themes/\(chain.last!)/theme.yml", line: namedOn, hint: "remove one of the parent: lines"))
                break
            }
            let listed = Slug.problem(with: themeName) == nil ? source.files(under: "themes/\(themeName)") : (paths: [], diagnostics: [])
            guard !listed.paths.isEmpty else {
                // A theme folder that cannot be read, or links out of the site, says so itself.
                if listed.diagnostics.hasErrors {
                    diagnostics += listed.diagnostics
                    break
                }
                let referrer = chain.last.map { "themes/\($0)/theme.yml" } ?? (namedOn == nil ? "themes/\(themeName)" : SiteConfigParser.path)
                diagnostics.append(.error("the theme '\(themeName)' does not exist", path: referrer, line: namedOn,
                                          hint: "themes live in themes/<name>/ with a templates/ folder"))
                break
            }
            chain.append(themeName)
            current = parent(of: themeName, diagnostics: &diagnostics)
        }
        return chain
    }

    /// The `parent:` named in a theme's `theme.yml`, and its line.
    private func parent(of theme: String, diagnostics: inout [Diagnostic]) -> (name: String, line: Int?)? {
        let path = "themes/\(theme)/theme.yml"
        guard source.exists(path), let text = readText(path, diagnostics: &diagnostics) else { return nil }
        switch YAMLDocument.compose(text, path: path, lineOffset: 0) {
        case .success(let root):
            guard let parent = root?.mapping?["parent"]?.scalar else { return nil }
            return (parent.string, parent.mark.map { $0.line })
        case .failure(let problem):
            diagnostics.append(problem)
            return nil
        }
    }

    private func readStrings(_ path: String, diagnostics: inout [Diagnostic]) -> [String: TemplateValue] {
        guard let text = readText(path, diagnostics: &diagnostics) else { return [:] }
        switch YAMLDocument.compose(text, path: path, lineOffset: 0) {
        case .success(nil):
            return [:]
        case .success(let node?):
            guard case .map(let pairs) = YAMLFieldReader(path: path, lineOffset: 0).templateValue(node) else {
                diagnostics.append(.error("a words file must be 'key: text' lines", path: path, line: 1))
                return [:]
            }
            return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        case .failure(let problem):
            diagnostics.append(problem)
            return [:]
        }
    }

    private func readText(_ path: String, diagnostics: inout [Diagnostic]) -> String? {
        do {
            let bytes = try source.read(path)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                diagnostics.append(.error("the file is not UTF-8 text", path: path, hint: "save it as UTF-8"))
                return nil
            }
            return text
        } catch {
            diagnostics.append(.error("the file cannot be read: \(error)", path: path))
            return nil
        }
    }
}
