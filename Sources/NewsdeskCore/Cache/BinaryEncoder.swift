import Foundation

/// A compact binary form for `Codable` values, used by `BuildCacheStore`.
///
/// JSON cost the cache more than the build it saved: Foundation's encoder and decoder build a
/// tree of boxed values for the whole document, which at 50,000 items peaked near a gigabyte
/// and made a no-change rebuild spend most of its time decoding. This encoder writes straight
/// into one buffer: a value is `0, length, bytes`; a container is `1`, a 4-byte entry count
/// (filled in as entries are added), then its entries, each an optional key (`length + 1,
/// UTF-8`, or `0` for none) and a node; a nil is `2`. Lengths are LEB128. Numbers are
/// 8 bytes little-endian, booleans one byte, strings their UTF-8 bytes. Synthesized `Codable`
/// conformances work unchanged, so a field added to `Item` or `FrontMatter` is stored without
/// anyone touching this file.
enum BinaryCoding {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let writer = BinaryWriter()
        try writer.node(of: value)
        try writer.finish()
        return writer.bytes
    }

    /// Encodes `value` into `descriptor` from the file's current offset `start`, keeping only
    /// about a megabyte in memory; returns the number of bytes written.
    static func encode<T: Encodable>(_ value: T, toFile descriptor: Int32, at start: Int) throws -> Int {
        let writer = BinaryWriter(file: BinaryWriter.File(descriptor: descriptor, start: start))
        try writer.node(of: value)
        try writer.finish()
        return writer.flushed
    }
}

/// The output buffer shared by an encoder and all its containers. Entries must be written in
/// order, each value finished before the next begins, as synthesized conformances do.
///
/// Writing to a file, the buffer is flushed every megabyte; a container's entry count is kept
/// in memory while it is open and written into place (in the buffer or, with `pwrite`, in
/// the file) when it is complete.
final class BinaryWriter {
    struct File {
        var descriptor: Int32
        var start: Int
    }

    /// Bytes not yet flushed.
    private(set) var bytes: [UInt8] = []
    /// Bytes already in the file, before `bytes`.
    private(set) var flushed = 0
    private let file: File?
    /// Entry counts of containers still open, by their count's offset.
    private var openCounts: [Int: UInt32] = [:]

    init(file: File? = nil) { self.file = file }

    var position: Int { flushed + bytes.count }

    func value(_ payload: [UInt8]) {
        bytes.append(0)
        appendLength(payload.count)
        bytes.append(contentsOf: payload)
    }

    func null() { bytes.append(2) }

    /// Starts a container and returns the offset of its entry count.
    func openContainer() -> Int {
        bytes.append(1)
        let slot = position
        bytes.append(contentsOf: [0, 0, 0, 0])
        openCounts[slot] = 0
        return slot
    }

    /// Counts one more entry in the container at `slot` and writes the entry's key.
    func entry(in slot: Int, key: String?) {
        openCounts[slot, default: 0] += 1
        if let key {
            appendLength(key.utf8.count + 1)
            bytes.append(contentsOf: key.utf8)
        } else {
            appendLength(0)
        }
    }

    /// Writes any encodable value as exactly one node.
    func node<T: Encodable>(of value: T) throws {
        let encoder = BinaryStreamEncoder(writer: self)
        try value.encode(to: encoder)
        if let slot = encoder.containerSlot {
            try close(slot)
        } else if !encoder.wroteNode {
            try close(openContainer())
        }
        if file != nil, bytes.count >= 1 << 20 { try flush() }
    }

    /// Writes the final entry count of a complete container into place.
    private func close(_ slot: Int) throws {
        let count = openCounts.removeValue(forKey: slot) ?? 0
        let encoded = (0..<4).map { UInt8(truncatingIfNeeded: count >> (8 * UInt32($0))) }
        if slot >= flushed {
            bytes.replaceSubrange((slot - flushed)..<(slot - flushed + 4), with: encoded)
        } else if let file {
            try Self.check(encoded.withUnsafeBytes { pwrite(file.descriptor, $0.baseAddress, 4, off_t(file.start + slot)) } == 4)
        }
    }

    /// Closes what nested-container calls left open, then writes the rest out.
    func finish() throws {
        for slot in openCounts.keys.sorted() { try close(slot) }
        try flush()
    }

    private func flush() throws {
        guard let file else { return }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                pwrite(file.descriptor, $0.baseAddress! + offset, bytes.count - offset, off_t(file.start + flushed + offset))
            }
            try Self.check(written > 0 || (written < 0 && errno == EINTR))
            offset += max(written, 0)
        }
        flushed += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    private static func check(_ succeeded: Bool) throws {
        guard succeeded else { throw EncodingError.invalidValue((), .init(codingPath: [], debugDescription: String(cString: strerror(errno)))) }
    }

    /// Unsigned LEB128: small lengths take one byte.
    func appendLength(_ length: Int) {
        var rest = UInt64(length)
        repeat {
            let low = UInt8(rest & 0x7F)
            rest >>= 7
            bytes.append(rest == 0 ? low : low | 0x80)
        } while rest != 0
    }
}

/// Bytes of the primitive values every container stores the same way.
enum BinaryPrimitive {
    static func encode(_ value: Bool) -> [UInt8] { [value ? 1 : 0] }
    static func encode(_ value: String) -> [UInt8] { Array(value.utf8) }
    static func encode(_ value: Double) -> [UInt8] { bytes(of: value.bitPattern) }
    static func encode(_ value: Float) -> [UInt8] { bytes(of: UInt64(value.bitPattern)) }
    static func encode<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        bytes(of: T.isSigned ? UInt64(bitPattern: Int64(value)) : UInt64(value))
    }

    static func bytes(of number: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: number >> (8 * $0)) }
    }
}

/// Encodes one value: the first container or single value it asks for becomes its node.
final class BinaryStreamEncoder: Encoder {
    let writer: BinaryWriter
    private(set) var wroteNode = false
    private(set) var containerSlot: Int?
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(writer: BinaryWriter) { self.writer = writer }

    private func slot() -> Int {
        if let containerSlot { return containerSlot }
        let slot = writer.openContainer()
        containerSlot = slot
        wroteNode = true
        return slot
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(BinaryKeyedWriter<Key>(writer: writer, slot: slot()))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { BinaryUnkeyedWriter(writer: writer, slot: slot()) }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        wroteNode = true
        return BinarySingleWriter(writer: writer)
    }
}

struct BinaryKeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: BinaryWriter
    let slot: Int
    var codingPath: [any CodingKey] = []

    private func add(_ bytes: [UInt8], _ key: Key) {
        writer.entry(in: slot, key: key.stringValue)
        writer.value(bytes)
    }

    mutating func encodeNil(forKey key: Key) throws {
        writer.entry(in: slot, key: key.stringValue)
        writer.null()
    }

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
        writer.entry(in: slot, key: key.stringValue)
        try writer.node(of: value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        writer.entry(in: slot, key: key.stringValue)
        return KeyedEncodingContainer(BinaryKeyedWriter<NestedKey>(writer: writer, slot: writer.openContainer()))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.entry(in: slot, key: key.stringValue)
        return BinaryUnkeyedWriter(writer: writer, slot: writer.openContainer())
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        writer.entry(in: slot, key: name)
        return BinaryStreamEncoder(writer: writer)
    }
}

struct BinaryUnkeyedWriter: UnkeyedEncodingContainer {
    let writer: BinaryWriter
    let slot: Int
    var codingPath: [any CodingKey] = []
    private(set) var count = 0

    init(writer: BinaryWriter, slot: Int) {
        self.writer = writer
        self.slot = slot
    }

    private mutating func next() {
        writer.entry(in: slot, key: nil)
        count += 1
    }

    mutating func encodeNil() throws { next(); writer.null() }

    mutating func encode<T: Encodable>(_ value: T) throws {
        next()
        try writer.node(of: value)
    }

    mutating func encode(_ value: String) throws { next(); writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Bool) throws { next(); writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Int) throws { next(); writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: UInt64) throws { next(); writer.value(BinaryPrimitive.encode(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        next()
        return KeyedEncodingContainer(BinaryKeyedWriter<NestedKey>(writer: writer, slot: writer.openContainer()))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        next()
        return BinaryUnkeyedWriter(writer: writer, slot: writer.openContainer())
    }

    mutating func superEncoder() -> any Encoder {
        next()
        return BinaryStreamEncoder(writer: writer)
    }
}

struct BinarySingleWriter: SingleValueEncodingContainer {
    let writer: BinaryWriter
    var codingPath: [any CodingKey] = []

    mutating func encodeNil() throws { writer.null() }
    mutating func encode(_ value: Bool) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: String) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Double) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Float) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Int) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Int8) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Int16) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Int32) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: Int64) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: UInt) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: UInt8) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: UInt16) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: UInt32) throws { writer.value(BinaryPrimitive.encode(value)) }
    mutating func encode(_ value: UInt64) throws { writer.value(BinaryPrimitive.encode(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws { try writer.node(of: value) }
}
