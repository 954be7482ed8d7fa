/// A free-form front-matter or configuration value on its way to a template.
///
/// Kept as a `Sendable` value so parsed items can cross tasks; turned into the `TemplateData`
/// that templates read (`templateData`) when a page's context is built.
public enum TemplateValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case string(String)
    case list([TemplateValue])
    case map([(String, TemplateValue)])

    public static func == (lhs: TemplateValue, rhs: TemplateValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)): return a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .list(let values): hasher.combine(values)
        case .map(let pairs):
            for (key, value) in pairs { hasher.combine(key); hasher.combine(value) }
        }
    }
}
