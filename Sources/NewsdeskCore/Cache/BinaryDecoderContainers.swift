/// The containers of `BinaryTreeDecoder`.
struct BinaryKeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let values: BinaryValues
    let node: BinaryParsedNode
    var codingPath: [any CodingKey] = []
    /// Synthesized decoders read keys in the order they were written; start looking there.
    private let cursor = Cursor()

    final class Cursor { var next = 0 }

    init(values: BinaryValues, node: BinaryParsedNode) {
        self.values = values
        self.node = node
    }

    var allKeys: [Key] { node.entries.compactMap { values.key($0.key).flatMap(Key.init(stringValue:)) } }

    private func find(_ key: Key) -> BinaryParsedNode? {
        let entries = node.entries
        let name = key.stringValue
        for step in 0..<entries.count {
            let index = (cursor.next + step) % entries.count
            if values.keyEquals(entries[index].key, name) {
                cursor.next = index + 1
                return entries[index].node
            }
        }
        return nil
    }

    private func entry(_ key: Key) throws -> BinaryParsedNode {
        guard let node = find(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath, debugDescription: "not in the build cache"))
        }
        return node
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { try entry(key).kind == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try values.bool(entry(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try values.string(entry(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { Double(bitPattern: try values.word(entry(key))) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: try values.word(entry(key)))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try values.integer(entry(key), as: type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try values.integer(entry(key), as: type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try values.integer(entry(key), as: type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try values.integer(entry(key), as: type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try values.integer(entry(key), as: type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try values.integer(entry(key), as: type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try values.integer(entry(key), as: type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try values.integer(entry(key), as: type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try values.integer(entry(key), as: type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try values.word(entry(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: BinaryTreeDecoder(bytes: values.bytes, node: try entry(key)))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try BinaryTreeDecoder(bytes: values.bytes, node: try entry(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try BinaryTreeDecoder(bytes: values.bytes, node: try entry(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        guard let node = node.entries.first(where: { values.keyEquals($0.key, "super") })?.node else {
            throw BinaryReader.corrupt("no super")
        }
        return BinaryTreeDecoder(bytes: values.bytes, node: node)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { BinaryTreeDecoder(bytes: values.bytes, node: try entry(key)) }
}

struct BinaryUnkeyedReader: UnkeyedDecodingContainer {
    let values: BinaryValues
    let node: BinaryParsedNode
    var codingPath: [any CodingKey] = []
    var currentIndex = 0

    init(values: BinaryValues, node: BinaryParsedNode) {
        self.values = values
        self.node = node
    }

    var count: Int? { node.entries.count }
    var isAtEnd: Bool { currentIndex >= node.entries.count }

    private mutating func next() throws -> BinaryParsedNode {
        guard !isAtEnd else { throw BinaryReader.corrupt("list too short") }
        defer { currentIndex += 1 }
        return node.entries[currentIndex].node
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, node.entries[currentIndex].node.kind == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: BinaryTreeDecoder(bytes: values.bytes, node: try next()))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try BinaryTreeDecoder(bytes: values.bytes, node: try next()).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try BinaryTreeDecoder(bytes: values.bytes, node: try next()).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { BinaryTreeDecoder(bytes: values.bytes, node: try next()) }
}

struct BinarySingleReader: SingleValueDecodingContainer {
    let values: BinaryValues
    let node: BinaryParsedNode
    var codingPath: [any CodingKey] = []

    func decodeNil() -> Bool { node.kind == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try values.bool(node) }
    func decode(_ type: String.Type) throws -> String { try values.string(node) }
    func decode(_ type: Double.Type) throws -> Double { Double(bitPattern: try values.word(node)) }
    func decode(_ type: Float.Type) throws -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: try values.word(node))) }
    func decode(_ type: Int.Type) throws -> Int { try values.integer(node, as: type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try values.integer(node, as: type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try values.integer(node, as: type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try values.integer(node, as: type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try values.integer(node, as: type) }
    func decode(_ type: UInt.Type) throws -> UInt { try values.integer(node, as: type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try values.integer(node, as: type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try values.integer(node, as: type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try values.integer(node, as: type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try values.word(node) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: BinaryTreeDecoder(bytes: values.bytes, node: node)) }
}
