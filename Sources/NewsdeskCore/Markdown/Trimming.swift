/// Trimming without a round trip through NSString: Foundation's `trimmingCharacters(in:)`
/// converts to UTF-16 and back, which showed up in profiles of every link and heading.
/// Same sets as Foundation's `.whitespaces` and `.whitespacesAndNewlines`.
extension StringProtocol {
    func trimmingSpaces() -> String { trimming { Self.isSpace($0) } }

    func trimmingSpacesAndNewlines() -> String { trimming { Self.isSpace($0) || Self.isNewline($0) } }

    /// The kept scalars are sliced out in one copy (none when nothing is trimmed, the common
    /// case for links and headings): appending them one by one to a new scalar view cost more
    /// than finding them.
    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let end = scalars.index(after: scalars.lastIndex(where: { !isTrimmed($0) })!)
        // Both ends are scalar boundaries, which is all a Substring needs.
        return String(self[first..<end])
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == " " || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
    }

    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        (0x0A...0x0D).contains(scalar.value) || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
