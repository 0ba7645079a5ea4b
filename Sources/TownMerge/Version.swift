/// One value of a key as a register holds it: the body, its stamp and the write's uuid.
///
/// An empty body is a tombstone (CHP: an empty body deletes). Versions are totally ordered by
/// (stamp, body bytes, uuid bytes); merge keeps the greatest, which makes it a semilattice.
public struct Version: Hashable, Sendable, CustomStringConvertible {
    public var stamp: Stamp
    /// The value's UTF-8 bytes; empty for a tombstone.
    public var body: [UInt8]
    /// The write's uuid, kept without a heap array (see ``UUIDStorage``).
    var uuidStorage: UUIDStorage

    /// The write's 16-byte uuid (idempotency key); empty when the write carried none.
    public var uuid: [UInt8] {
        get { uuidStorage.bytes }
        set { uuidStorage = UUIDStorage(newValue) }
    }

    /// Calls `body` with the uuid's bytes, without building an array.
    public func withUUIDBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try uuidStorage.withBytes(body)
    }

    public init(stamp: Stamp, body: [UInt8], uuid: [UInt8] = []) {
        self.stamp = stamp
        self.body = body
        self.uuidStorage = UUIDStorage(uuid)
    }

    /// A version whose uuid is read from bytes kept elsewhere (no array is built for it).
    public init(stamp: Stamp, body: [UInt8], uuidBytes: UnsafeRawBufferPointer) {
        self.stamp = stamp
        self.body = body
        self.uuidStorage = UUIDStorage(bytes: uuidBytes)
    }

    /// A tombstone: the key was deleted at `stamp`.
    public var isTombstone: Bool { body.isEmpty }

    /// The body as text (bodies are UTF-8 by the key schema).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The total order merge uses: stamp, then body bytes, then uuid bytes.
    public func precedes(_ other: Version) -> Bool {
        if stamp != other.stamp { return stamp < other.stamp }
        if body != other.body { return body.lexicographicallyPrecedes(other.body) }
        return uuidStorage.precedes(other.uuidStorage)
    }

    public var description: String {
        isTombstone ? "<deleted> at \(stamp)" : "'\(text)' at \(stamp)"
    }
}
