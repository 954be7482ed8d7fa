/// A compact binary form for `Codable` values, used by `BuildCacheStore`.
///
/// JSON cost the cache more than the build it saved: Foundation's encoder and decoder build a
/// tree of boxed values for the whole document, which at 50,000 items peaked near a gigabyte
/// and made a no-change rebuild spend most of its time decoding. This format is a tree too,
/// but of bytes: a value is `0, length, bytes`; a container is `1, count` followed by its
/// entries, each an optional key (`length + 1, UTF-8`, or `0` for none) and a node; a nil is
/// `2`. Lengths are LEB128. Numbers are
/// 8 bytes little-endian, booleans one byte, strings their UTF-8 bytes. Synthesized `Codable`
/// conformances work unchanged, so a field added to `Item` or `FrontMatter` is stored without
/// anyone touching this file.
enum BinaryCoding {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = BinaryTreeEncoder()
        try value.encode(to: encoder)
        var bytes: [UInt8] = []
        (encoder.root ?? BinaryNode.container()).write(into: &bytes)
        return bytes
    }
}

/// The tree an encoder builds before it is written out.
final class BinaryNode {
    var value: [UInt8]?
    var isNil = false
    var entries: [(key: String?, node: BinaryNode)] = []

    static func null() -> BinaryNode {
        let node = BinaryNode()
        node.isNil = true
        return node
    }

    static func value(_ bytes: [UInt8]) -> BinaryNode {
        let node = BinaryNode()
        node.value = bytes
        return node
    }

    static func container() -> BinaryNode { BinaryNode() }

    func write(into bytes: inout [UInt8]) {
        if isNil { return bytes.append(2) }
        if let value {
            bytes.append(0)
            Self.appendLength(value.count, to: &bytes)
            bytes.append(contentsOf: value)
            return
        }
        bytes.append(1)
        Self.appendLength(entries.count, to: &bytes)
        for (key, node) in entries {
            if let key {
                Self.appendLength(key.utf8.count + 1, to: &bytes)
                bytes.append(contentsOf: key.utf8)
            } else {
                Self.appendLength(0, to: &bytes)
            }
            node.write(into: &bytes)
        }
    }

    /// Unsigned LEB128: small lengths take one byte.
    static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        var rest = UInt64(length)
        repeat {
            let low = UInt8(rest & 0x7F)
            rest >>= 7
            bytes.append(rest == 0 ? low : low | 0x80)
        } while rest != 0
    }

    static func bytes(of number: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: number >> (8 * $0)) }
    }
}

/// Bytes of the primitive values every container stores the same way.
enum BinaryPrimitive {
    static func encode(_ value: Bool) -> [UInt8] { [value ? 1 : 0] }
    static func encode(_ value: String) -> [UInt8] { Array(value.utf8) }
    static func encode(_ value: Double) -> [UInt8] { BinaryNode.bytes(of: value.bitPattern) }
    static func encode(_ value: Float) -> [UInt8] { BinaryNode.bytes(of: UInt64(value.bitPattern)) }
    static func encode<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        BinaryNode.bytes(of: T.isSigned ? UInt64(bitPattern: Int64(value)) : UInt64(value))
    }
}

final class BinaryTreeEncoder: Encoder {
    var root: BinaryNode?
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    private func containerNode() -> BinaryNode {
        if let root, root.value == nil, !root.isNil { return root }
        let node = BinaryNode.container()
        root = node
        return node
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(BinaryKeyedWriter<Key>(node: containerNode()))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { BinaryUnkeyedWriter(node: containerNode()) }

    func singleValueContainer() -> any SingleValueEncodingContainer { BinarySingleWriter(encoder: self) }

    /// The tree of any encodable value.
    static func node<T: Encodable>(of value: T) throws -> BinaryNode {
        let encoder = BinaryTreeEncoder()
        try value.encode(to: encoder)
        return encoder.root ?? .container()
    }
}

struct BinaryKeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: BinaryNode
    var codingPath: [any CodingKey] = []

    private func add(_ bytes: [UInt8], _ key: Key) { node.entries.append((key.stringValue, .value(bytes))) }

    // A nil is an absent key, which `decodeIfPresent` and `contains` read as nil.
    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: Bool, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { add(BinaryPrimitive.encode(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.entries.append((key.stringValue, try BinaryTreeEncoder.node(of: value)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = BinaryNode.container()
        node.entries.append((key.stringValue, child))
        return KeyedEncodingContainer(BinaryKeyedWriter<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = BinaryNode.container()
        node.entries.append((key.stringValue, child))
        return BinaryUnkeyedWriter(node: child)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let encoder = BinaryTreeEncoder()
        let child = BinaryNode.container()
        encoder.root = child
        node.entries.append((name, child))
        return encoder
    }
}

struct BinaryUnkeyedWriter: UnkeyedEncodingContainer {
    let node: BinaryNode
    var codingPath: [any CodingKey] = []
    var count: Int { node.entries.count }

    mutating func encodeNil() throws { node.entries.append((nil, .null())) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.entries.append((nil, try BinaryTreeEncoder.node(of: value)))
    }

    mutating func encode(_ value: String) throws { node.entries.append((nil, .value(BinaryPrimitive.encode(value)))) }
    mutating func encode(_ value: Bool) throws { node.entries.append((nil, .value(BinaryPrimitive.encode(value)))) }
    mutating func encode(_ value: Int) throws { node.entries.append((nil, .value(BinaryPrimitive.encode(value)))) }
    mutating func encode(_ value: UInt64) throws { node.entries.append((nil, .value(BinaryPrimitive.encode(value)))) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = BinaryNode.container()
        node.entries.append((nil, child))
        return KeyedEncodingContainer(BinaryKeyedWriter<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = BinaryNode.container()
        node.entries.append((nil, child))
        return BinaryUnkeyedWriter(node: child)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = BinaryTreeEncoder()
        let child = BinaryNode.container()
        encoder.root = child
        node.entries.append((nil, child))
        return encoder
    }
}

struct BinarySingleWriter: SingleValueEncodingContainer {
    let encoder: BinaryTreeEncoder
    var codingPath: [any CodingKey] = []

    private func set(_ bytes: [UInt8]) { encoder.root = .value(bytes) }

    mutating func encodeNil() throws { encoder.root = .null() }
    mutating func encode(_ value: Bool) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: String) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Double) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Float) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Int) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Int8) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Int16) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Int32) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Int64) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: UInt) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: UInt8) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: UInt16) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: UInt32) throws { set(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: UInt64) throws { set(BinaryPrimitive.encode(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.root = try BinaryTreeEncoder.node(of: value)
    }
}
