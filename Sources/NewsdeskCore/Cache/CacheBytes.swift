import Foundation

/// A value the build cache stores: written field by field in a fixed order and read back in
/// the same order.
///
/// The format has no keys, tags or nesting markers, so reading a cache is a straight walk
/// through one buffer, with no key to find for each field. The price is that a new field must be added to its
/// conformance in `CacheRecords.swift`; `CacheRecordsTests` fails until it is.
protocol CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage)
    func store(in writer: inout CacheWriter)
}

/// Appends stored values to a buffer and, when it writes to a file, hands the buffer to the
/// file a megabyte at a time so memory does not grow with the archive.
///
/// Numbers are LEB128 varints (signed ones zigzagged), hashes 8 bytes little-endian, strings a
/// length and their UTF-8 bytes, optionals a 0/1 byte, collections a count and their elements.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []
    /// Bytes already handed to the file, before `bytes`.
    private(set) var flushed = 0
    private let descriptor: Int32?
    /// Checksum of everything written so far (see `BuildCacheStore`).
    private(set) var checksum = StableHasher.WideFingerprint(count: 0)
    /// The first failed write; later writes are skipped and `finish` reports it.
    private var failure: Int32?
    private static let flushSize = 1 << 20

    /// Writes into memory only.
    init() { descriptor = nil }

    /// Writes to `descriptor` from its current offset.
    init(descriptor: Int32) {
        self.descriptor = descriptor
        bytes.reserveCapacity(Self.flushSize + 4096)
    }

    var count: Int { flushed + bytes.count }

    mutating func write(_ byte: UInt8) { bytes.append(byte) }

    mutating func write(_ flag: Bool) { bytes.append(flag ? 1 : 0) }

    mutating func write(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(varint number: UInt64) { LEB128.append(number, to: &bytes) }

    mutating func write(_ number: Int) {
        let signed = Int64(number)
        write(varint: UInt64(bitPattern: (signed << 1) ^ (signed >> 63)))
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(varint: UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A length and the bytes as they are (not necessarily UTF-8).
    mutating func write(bytes data: [UInt8]) {
        write(varint: UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    mutating func write(_ value: some CacheStorable) { value.store(in: &self) }

    mutating func write<Value: CacheStorable>(_ value: Value?) {
        guard let value else { return write(false) }
        write(true)
        value.store(in: &self)
    }

    mutating func write<Element: CacheStorable>(_ elements: [Element]) {
        write(varint: UInt64(elements.count))
        for element in elements {
            element.store(in: &self)
            flushIfFull()
        }
    }

    mutating func write<Value: CacheStorable>(_ entries: [String: Value]) {
        write(entries: entries, count: entries.count)
    }

    /// `count` entries read back as a `[String: Value]`, from any sequence of them (a part of
    /// a dictionary, say).
    mutating func write<Value: CacheStorable>(entries: some Sequence<(key: String, value: Value)>, count: Int) {
        write(varint: UInt64(count))
        for (key, value) in entries {
            write(key)
            value.store(in: &self)
            flushIfFull()
        }
    }

    private mutating func flushIfFull() {
        if descriptor != nil, bytes.count >= Self.flushSize { flush(keepingTail: true) }
    }

    /// Hands what is buffered to the file and throws the first write error, if any.
    mutating func finish() throws {
        if descriptor != nil { flush(keepingTail: false) }
        if let failure { throw CocoaError(.fileWriteUnknown, userInfo: [NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)]) }
    }

    /// The checksum takes whole blocks of 32 bytes until the end, so a flush in the middle keeps
    /// the last few bytes of an odd-sized buffer for the next one.
    private mutating func flush(keepingTail: Bool) {
        guard let descriptor else { return }
        let length = keepingTail ? bytes.count & ~31 : bytes.count
        bytes.withUnsafeBytes { buffer in
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[..<length])
            checksum.add(chunk)
            var offset = 0
            while failure == nil, offset < length {
                let written = Glibc.write(descriptor, chunk.baseAddress! + offset, length - offset)
                if written < 0, errno != EINTR { failure = errno }
                offset += max(written, 0)
            }
        }
        flushed += length
        bytes.removeFirst(length)
    }
}

/// Reads what `CacheWriter` wrote. Every read is bounds-checked, so damaged bytes throw
/// instead of crashing (the store's checksum catches most damage before this runs).
struct CacheReader {
    struct Damage: Error, CustomStringConvertible {
        var what: String
        var description: String { "damaged build cache: \(what)" }
    }

    private let buffer: UnsafeRawBufferPointer
    private(set) var offset = 0

    /// `buffer` must outlive the reader: use it inside `withUnsafeBytes`.
    init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    var isAtEnd: Bool { offset == buffer.count }

    private mutating func take(_ count: Int, _ what: String) throws(Damage) -> Int {
        guard count >= 0, count <= buffer.count - offset else { throw Damage(what: what) }
        defer { offset += count }
        return offset
    }

    mutating func byte() throws(Damage) -> UInt8 { buffer[try take(1, "byte")] }

    /// The offset of the next `count` bytes, which the caller reads in place.
    mutating func skip(_ count: Int) throws(Damage) -> Int { try take(count, "bytes") }

    /// The byte just before `offset` (which `skip` returned or passed), for checks in place.
    func lastByte(before offset: Int) -> UInt8 { buffer[offset - 1] }

    mutating func bool() throws(Damage) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Damage(what: "flag")
        }
    }

    mutating func word() throws(Damage) -> UInt64 {
        UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: try take(8, "number"), as: UInt64.self))
    }

    mutating func varint() throws(Damage) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 64 else { throw Damage(what: "number") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func integer() throws(Damage) -> Int {
        let zigzag = try varint()
        return Int(truncatingIfNeeded: Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
    }

    /// A count of elements, each at least one byte long: damage cannot ask for a huge array.
    mutating func count() throws(Damage) -> Int {
        let count = try varint()
        guard count <= UInt64(buffer.count - offset) else { throw Damage(what: "count") }
        return Int(count)
    }

    mutating func string() throws(Damage) -> String {
        let length = try count()
        let start = try take(length, "text")
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[start..<(start + length)]), as: UTF8.self)
    }

    mutating func bytes() throws(Damage) -> [UInt8] {
        let length = try count()
        let start = try take(length, "bytes")
        return Array(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + length)]))
    }

    mutating func value<Value: CacheStorable>(_ type: Value.Type = Value.self) throws(Damage) -> Value {
        try Value(from: &self)
    }

    mutating func optional<Value: CacheStorable>(_ type: Value.Type = Value.self) throws(Damage) -> Value? {
        try bool() ? try Value(from: &self) : nil
    }

    mutating func array<Element: CacheStorable>(of type: Element.Type = Element.self) throws(Damage) -> [Element] {
        let count = try count()
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try Element(from: &self)) }
        return elements
    }

    mutating func dictionary<Value: CacheStorable>(of type: Value.Type = Value.self) throws(Damage) -> [String: Value] {
        let count = try count()
        var entries: [String: Value] = [:]
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let key = try string()
            entries[key] = try Value(from: &self)
        }
        return entries
    }
}

extension String: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) { self = try reader.string() }
    func store(in writer: inout CacheWriter) { writer.write(self) }
}

extension UInt64: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) { self = try reader.word() }
    func store(in writer: inout CacheWriter) { writer.write(self) }
}

extension Int: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) { self = try reader.integer() }
    func store(in writer: inout CacheWriter) { writer.write(self) }
}
