/// What a template reads: the values `PageContextBuilder` gives a page, typed so that looking
/// a name up is one dictionary probe instead of the dynamic casts an `Any` needs.
///
/// Truthiness follows what Hugo, Jekyll and mustache.js users expect: `null`, `false`, `0`,
/// an empty string and an empty list hide a `{{#section}}` and show a `{{^inverted}}` one.
/// Front matter keeps the text an editor typed (`featured: 0` is the text "0"), so text that
/// is the number zero (`0`, `-0`, `0.0`) is false like the number: how a value was typed
/// never changes whether a section shows.
public enum TemplateData: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    /// Rendered Markdown as UTF-8 bytes: `{{{…}}}` prints them as they are, `{{…}}` escapes
    /// them like any text.
    case html([UInt8])
    /// JSON a page embeds (its JSON-LD), written as `JSONValue` writes it when printed: the
    /// tree is what a page's signature digests, so a kept page's JSON is never written.
    case json(JSONValue)
    case list([TemplateData])
    case object([String: TemplateData])
    /// A value made once per build and shown on many pages (a tag, an entry, the theme's
    /// words), carrying its digest: templates read it as the value itself, and a page's
    /// signature takes the digest instead of walking the value again (`TemplateDigest`).
    case shared(SharedTemplateData)

    /// `nil` becomes `.null`, so an absent optional hides its section.
    public init(_ string: String?) {
        self = string.map { .string($0) } ?? .null
    }

    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .string(let value): return !value.isEmpty && !Self.isZero(value)
        case .html(let bytes): return !bytes.isEmpty
        case .json: return true
        case .list(let values): return !values.isEmpty
        case .object: return true
        case .shared(let shared): return shared.value.isTruthy
        }
    }

    /// The value itself when it is `.shared`; any other value as it is.
    @inline(__always)
    public var unshared: TemplateData {
        if case .shared(let shared) = self { return shared.value }
        return self
    }

    /// `value` marked as shown on many pages, its digest computed now (`shared`).
    public static func sharing(_ value: TemplateData) -> TemplateData {
        .shared(SharedTemplateData(value))
    }

    /// Equal when templates read the same: a shared value equals the value it holds.
    public static func == (lhs: TemplateData, rhs: TemplateData) -> Bool {
        switch (lhs, rhs) {
        case (.shared(let a), .shared(let b)): return a === b || a.value == b.value
        case (.shared(let a), _): return a.value == rhs
        case (_, .shared(let b)): return lhs == b.value
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.html(let a), .html(let b)): return a == b
        case (.json(let a), .json(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }

    /// Whether `text` is a number equal to zero: an optional sign, then zeros with at most one
    /// decimal point. Most text fails at its first byte.
    static func isZero(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard let first = bytes.first, first == UInt8(ascii: "0") || first == UInt8(ascii: ".") else { return false }
        var points = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") { points += 1 } else if byte != UInt8(ascii: "0") { return false }
        }
        return points <= 1 && bytes.contains(UInt8(ascii: "0"))
    }

    /// A field of an object; every other value has none.
    @inline(__always)
    public subscript(_ name: String) -> TemplateData? {
        switch self {
        case .object(let fields): return fields[name]
        case .shared(let shared): return shared.value[name]
        default: return nil
        }
    }

    /// The text `{{name}}` prints: strings and numbers as they are, booleans as `true`/`false`.
    /// Lists and objects print nothing: their shape is not text a reader should see.
    var text: String {
        switch self {
        case .null, .list, .object: return ""
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .string(let value): return value
        case .html(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .json(let value): return String(decoding: value.bytes, as: UTF8.self)
        case .shared(let shared): return shared.value.text
        }
    }
}

/// A `.shared` value: immutable, so every page and task reads the one copy.
public final class SharedTemplateData: Sendable {
    /// Never itself `.shared`.
    public let value: TemplateData
    /// `value.digest`, computed once.
    let digest: UInt64

    init(_ value: TemplateData) {
        self.value = value.unshared
        digest = value.digest
    }
}

extension TemplateData: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: TemplateData...) { self = .list(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, TemplateData)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension TemplateValue {
    /// Front-matter params and theme words as templates read them; key order does not matter
    /// to a lookup, and the first of two equal keys wins as it does when the YAML is read.
    public var templateData: TemplateData {
        switch self {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .string(let value): return .string(value)
        case .list(let values): return .list(values.map(\.templateData))
        case .map(let pairs): return .object(Dictionary(pairs.map { ($0.0, $0.1.templateData) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
