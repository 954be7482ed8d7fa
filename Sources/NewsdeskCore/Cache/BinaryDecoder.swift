/// Reads what `BinaryCoding.encode` wrote. Every read is bounds-checked: damaged bytes throw a
/// `DecodingError`, never crash (the store's checksum catches most damage before this runs).
extension BinaryCoding {
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        var reader = BinaryReader(bytes: bytes)
        let root = try reader.node(depth: 0)
        guard reader.offset == bytes.count else { throw BinaryReader.corrupt("trailing bytes") }
        return try T(from: BinaryTreeDecoder(bytes: bytes, node: root))
    }
}

/// A parsed node: a value (a range of the input), a container of entries, or nil.
final class BinaryParsedNode {
    enum Kind { case value, container, null }
    let kind: Kind
    let range: Range<Int>
    var entries: [(key: Range<Int>?, node: BinaryParsedNode)] = []

    init(kind: Kind, range: Range<Int> = 0..<0) {
        self.kind = kind
        self.range = range
    }
}

struct BinaryReader {
    let bytes: [UInt8]
    var offset = 0

    static func corrupt(_ what: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "damaged build cache: \(what)"))
    }

    mutating func length() throws -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 63 else { throw Self.corrupt("length") }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        guard result <= UInt64(bytes.count - offset) else { throw Self.corrupt("length past the end") }
        return Int(result)
    }

    /// Nesting is bounded so that damaged input cannot exhaust the stack.
    mutating func node(depth: Int) throws -> BinaryParsedNode {
        guard offset < bytes.count, depth < 64 else { throw Self.corrupt("node") }
        let tag = bytes[offset]
        offset += 1
        switch tag {
        case 0:
            let count = try length()
            defer { offset += count }
            return BinaryParsedNode(kind: .value, range: offset..<(offset + count))
        case 1:
            guard offset + 4 <= bytes.count else { throw Self.corrupt("count") }
            let count = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
            offset += 4
            guard count <= bytes.count - offset else { throw Self.corrupt("count past the end") }
            let container = BinaryParsedNode(kind: .container)
            container.entries.reserveCapacity(count)
            for _ in 0..<count {
                let keyLength = try length()
                var key: Range<Int>?
                if keyLength > 0 {
                    key = offset..<(offset + keyLength - 1)
                    offset += keyLength - 1
                }
                container.entries.append((key, try node(depth: depth + 1)))
            }
            return container
        case 2:
            return BinaryParsedNode(kind: .null)
        default:
            throw Self.corrupt("tag \(tag)")
        }
    }
}

/// Primitive values out of a value node.
struct BinaryValues {
    let bytes: [UInt8]

    func value(_ node: BinaryParsedNode) throws -> ArraySlice<UInt8> {
        guard node.kind == .value else { throw BinaryReader.corrupt("expected a value") }
        return bytes[node.range]
    }

    func string(_ node: BinaryParsedNode) throws -> String { String(decoding: try value(node), as: UTF8.self) }

    func bool(_ node: BinaryParsedNode) throws -> Bool {
        let slice = try value(node)
        guard slice.count == 1 else { throw BinaryReader.corrupt("boolean") }
        return slice.first == 1
    }

    func word(_ node: BinaryParsedNode) throws -> UInt64 {
        let slice = try value(node)
        guard slice.count == 8 else { throw BinaryReader.corrupt("number") }
        return slice.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    func integer<T: FixedWidthInteger>(_ node: BinaryParsedNode, as type: T.Type) throws -> T {
        let word = try word(node)
        let value: T? = T.isSigned ? T(exactly: Int64(bitPattern: word)) : T(exactly: word)
        guard let value else { throw BinaryReader.corrupt("number out of range") }
        return value
    }

    func key(_ range: Range<Int>?) -> String? { range.map { String(decoding: bytes[$0], as: UTF8.self) } }

    func keyEquals(_ range: Range<Int>?, _ name: String) -> Bool {
        guard let range else { return false }
        return bytes[range].elementsEqual(name.utf8)
    }
}

final class BinaryTreeDecoder: Decoder {
    let values: BinaryValues
    let node: BinaryParsedNode
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(bytes: [UInt8], node: BinaryParsedNode) {
        values = BinaryValues(bytes: bytes)
        self.node = node
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard node.kind == .container else { throw BinaryReader.corrupt("expected a keyed container") }
        return KeyedDecodingContainer(BinaryKeyedReader<Key>(values: values, node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard node.kind == .container else { throw BinaryReader.corrupt("expected a list") }
        return BinaryUnkeyedReader(values: values, node: node)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { BinarySingleReader(values: values, node: node) }
}
