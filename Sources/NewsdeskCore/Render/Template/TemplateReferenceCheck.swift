/// Checks the `{{> partial}}` and `{{< parent}}` names of a theme's templates before any page
/// is rendered: a missing one would silently print nothing, and a template that includes
/// itself (directly or through others) would never finish.
struct TemplateReferenceCheck {
    /// Template name → its file and the names it references.
    var references: [String: (path: String, references: [TemplateReference])]
    var templateNames: Set<String>

    func problems() -> [Diagnostic] {
        missing() + cycles()
    }

    private func missing() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for name in references.keys.sorted() {
            let (path, named) = references[name]!
            for reference in named where !templateNames.contains(reference.name) {
                let nearest = NearestNames.nearest(to: reference.name, among: templateNames.sorted())
                diagnostics.append(.error("the partial '\(reference.name)' does not exist" + (nearest.map { ": did you mean '\($0)'?" } ?? ""),
                                          path: path, line: reference.line, column: reference.column,
                                          hint: nearest.map { "write {{> \($0)}}, or create templates/\(reference.name).mustache" }
                                              ?? "create templates/\(reference.name).mustache or fix the name"))
            }
        }
        return diagnostics
    }

    /// One diagnostic per cycle, at the reference that closes it in the first template (by name)
    /// that takes part in it.
    private func cycles() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported: Set<String> = []
        for start in references.keys.sorted() where !reported.contains(start) {
            guard let cycle = cycle(from: start) else { continue }
            reported.formUnion(cycle)
            let (path, named) = references[start]!
            let closing = named.first { cycle.dropFirst().first == $0.name } ?? named[0]
            diagnostics.append(.error("the templates include each other: \((cycle + [start]).joined(separator: " → "))",
                                      path: path, line: closing.line, column: closing.column,
                                      hint: "a partial or parent cannot include itself; remove one of these {{> }} or {{< }} tags"))
        }
        return diagnostics
    }

    /// The path from `start` back to itself, if following references ever returns there.
    private func cycle(from start: String) -> [String]? {
        var visited: Set<String> = []
        func walk(_ name: String, _ path: [String]) -> [String]? {
            for reference in references[name]?.references ?? [] {
                if reference.name == start { return path }
                guard visited.insert(reference.name).inserted else { continue }
                if let found = walk(reference.name, path + [reference.name]) { return found }
            }
            return nil
        }
        return walk(start, [start])
    }
}
