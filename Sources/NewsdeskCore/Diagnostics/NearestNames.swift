/// "Did you mean …": the known names closest to one an editor typed, by edit distance
/// (insertions, deletions, substitutions and swapped neighbours each count one), compared in
/// characters and without regard to case.
public enum NearestNames {
    /// The candidates within reach of `name`, nearest first (ties in the candidates' order).
    /// Reach grows with the name: one edit for short names, a third of the name for long ones,
    /// so that `titel` finds `title` but `tag` does not find `date`.
    /// - Parameter maximumEdits: a cap on the reach, for names that are often legitimately
    ///   near a known one (a template parameter `author_en` is not a misspelled `author`).
    public static func suggestions(for name: String, among candidates: [String], limit: Int = 3, maximumEdits: Int = .max) -> [String] {
        let typed = Array(name.lowercased())
        let reach = min(max(1, typed.count / 3), maximumEdits)
        let scored = candidates.enumerated().compactMap { index, candidate -> (distance: Int, index: Int, name: String)? in
            guard candidate != name else { return nil }
            let distance = editDistance(typed, Array(candidate.lowercased()))
            return distance <= reach ? (distance, index, candidate) : nil
        }
        var seen = Set<String>()
        return scored.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }
            .map(\.name).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    /// The nearest candidate, or nil when none is within reach.
    public static func nearest(to name: String, among candidates: [String], maximumEdits: Int = .max) -> String? {
        suggestions(for: name, among: candidates, limit: 1, maximumEdits: maximumEdits).first
    }

    /// "did you mean 'title'?" or "did you mean 'a', 'b' or 'c'?", or nil.
    public static func didYouMean(_ name: String, among candidates: [String]) -> String? {
        let found = suggestions(for: name, among: candidates)
        guard let last = found.last else { return nil }
        let quoted = found.dropLast().map { "'\($0)'" }
        return "did you mean " + (quoted.isEmpty ? "'\(last)'" : quoted.joined(separator: ", ") + " or '\(last)'") + "?"
    }

    /// Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one part).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
