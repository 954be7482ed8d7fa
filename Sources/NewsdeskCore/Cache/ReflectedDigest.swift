import Foundation

/// A digest of any value taken from its stored properties by reflection (`Mirror`): every
/// property counts, those added later too, without anyone listing them. A few microseconds a
/// property, so it is for values made once per build, such as the parts of the site graph
/// that every article's context may read (`ContextReadKey`).
///
/// The same value gives the same digest in every process: dictionaries and sets are summed
/// entry by entry, never walked in their hash order, and Foundation values that reflect as
/// opaque storage are taken by what identifies them (a time zone's identifier, a URL's text).
enum ReflectedDigest {
    static func of(_ value: Any) -> UInt64 {
        var hasher = StableHasher()
        combine(value, into: &hasher)
        return hasher.value
    }

    private static func combine(_ value: Any, into hasher: inout StableHasher) {
        if combineScalar(value, into: &hasher) { return }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first {
                hasher.combine(20 as UInt8)
                combine(wrapped.value, into: &hasher)
            } else {
                hasher.combine(21 as UInt8)
            }
        case .dictionary, .set:
            hasher.combine(22 as UInt8)
            hasher.combine(mirror.children.count)
            var sum: UInt64 = 0
            for element in mirror.children { sum &+= of(element.value) }
            hasher.combine(sum)
        case .collection, .tuple:
            hasher.combine(23 as UInt8)
            hasher.combine(mirror.children.count)
            for element in mirror.children { combine(element.value, into: &hasher) }
        case .enum:
            hasher.combine(24 as UInt8)
            // A case with a payload reflects as one child named after the case.
            if let payload = mirror.children.first {
                hasher.combine(payload.label ?? "")
                combine(payload.value, into: &hasher)
            } else {
                hasher.combine(String(describing: value))
            }
        default:
            // Structs and classes (a class's inherited properties too); anything else (a
            // closure, an opaque type) reflects as its type and its description.
            hasher.combine(25 as UInt8)
            hasher.combine(String(reflecting: type(of: value)))
            var current: Mirror? = mirror
            var fields = 0
            while let level = current {
                for child in level.children {
                    hasher.combine(child.label ?? "")
                    combine(child.value, into: &hasher)
                    fields += 1
                }
                current = level.superclassMirror
            }
            if fields == 0, mirror.displayStyle == nil { hasher.combine(String(reflecting: value)) }
        }
    }

    /// The values reflection would walk slowly or see as opaque storage.
    private static func combineScalar(_ value: Any, into hasher: inout StableHasher) -> Bool {
        switch value {
        case let text as String: hasher.combine(1 as UInt8); hasher.combine(text)
        case let number as Int: hasher.combine(2 as UInt8); hasher.combine(number)
        case let number as UInt64: hasher.combine(3 as UInt8); hasher.combine(number)
        case let flag as Bool: hasher.combine(4 as UInt8); hasher.combine(flag)
        case let number as Double: hasher.combine(5 as UInt8); hasher.combine(number.bitPattern)
        case let numbers as [Int]:
            hasher.combine(6 as UInt8)
            hasher.combine(numbers.count)
            for number in numbers { hasher.combine(number) }
        case let bytes as [UInt8]: hasher.combine(7 as UInt8); hasher.combine(StableHasher.fingerprint(bytes))
        case let zone as TimeZone: hasher.combine(8 as UInt8); hasher.combine(zone.identifier)
        case let url as URL: hasher.combine(9 as UInt8); hasher.combine(url.absoluteString)
        case let date as Date: hasher.combine(10 as UInt8); hasher.combine(date.timeIntervalSince1970.bitPattern)
        case let data as Data: hasher.combine(11 as UInt8); hasher.combine(StableHasher.fingerprint([UInt8](data)))
        case let character as Character: hasher.combine(12 as UInt8); hasher.combine(String(character))
        case let text as Substring: hasher.combine(1 as UInt8); hasher.combine(String(text))
        case let number as Int64: hasher.combine(2 as UInt8); hasher.combine(Int(number))
        case let number as Int32: hasher.combine(2 as UInt8); hasher.combine(Int(number))
        case let number as UInt32: hasher.combine(3 as UInt8); hasher.combine(UInt64(number))
        case let number as UInt8: hasher.combine(3 as UInt8); hasher.combine(UInt64(number))
        default: return false
        }
        return true
    }
}
