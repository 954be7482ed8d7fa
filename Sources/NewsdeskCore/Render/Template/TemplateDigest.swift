extension TemplateData {
    /// A digest of every value templates can read here, nested ones included, built from the
    /// digests of the parts (a Merkle tree): a `.shared` value stands for its value by the
    /// digest it carries, so a page's signature is the same whether a part is shared or made
    /// for the page alone, and a part shown on many pages is walked once per build.
    ///
    /// An object's fields are combined by addition of their own digests: a dictionary's order
    /// differs from process to process, and a sum does not depend on it (keys are unique, so
    /// no two fields cancel out). A list's are combined in order.
    var digest: UInt64 {
        var hasher = StableHasher()
        switch self {
        case .null:
            hasher.combine(0 as UInt8)
        case .bool(let value):
            hasher.combine(1 as UInt8)
            hasher.combine(value)
        case .int(let value):
            hasher.combine(2 as UInt8)
            hasher.combine(value)
        case .string(let text):
            hasher.combine(3 as UInt8)
            hasher.combine(text)
        case .html(let bytes):
            hasher.combine(4 as UInt8)
            hasher.combine(StableHasher.fingerprint(bytes))
        case .list(let values):
            hasher.combine(5 as UInt8)
            hasher.combine(values.count)
            for value in values { hasher.combine(value.digest) }
        case .object(let fields):
            hasher.combine(6 as UInt8)
            hasher.combine(fields.count)
            var sum: UInt64 = 0
            for (key, value) in fields {
                var field = StableHasher()
                field.combine(key)
                field.combine(value.digest)
                sum &+= field.value
            }
            hasher.combine(sum)
        case .json(let json):
            hasher.combine(7 as UInt8)
            hasher.combine(json.digest)
        case .shared(let shared):
            return shared.digest
        }
        return hasher.value
    }
}

extension JSONValue {
    /// A digest of the JSON this writes: every value, and each object's members in order.
    var digest: UInt64 {
        var hasher = StableHasher()
        switch self {
        case .string(let text):
            hasher.combine(0 as UInt8)
            hasher.combine(text)
        case .int(let number):
            hasher.combine(1 as UInt8)
            hasher.combine(number)
        case .bool(let flag):
            hasher.combine(2 as UInt8)
            hasher.combine(flag)
        case .null:
            hasher.combine(3 as UInt8)
        case .array(let values):
            hasher.combine(4 as UInt8)
            hasher.combine(values.count)
            for value in values { hasher.combine(value.digest) }
        case .object(let members):
            hasher.combine(5 as UInt8)
            hasher.combine(members.count)
            for (key, value) in members {
                hasher.combine(key)
                hasher.combine(value.digest)
            }
        }
        return hasher.value
    }
}
