/// A write's stamp: hybrid-logical time plus the writer's id.
///
/// Ordered lexicographically by wall milliseconds, counter, then origin compared by its UTF-8
/// bytes, so two different writers can never produce equal stamps.
public struct Stamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var time: LogicalTime
    /// Who wrote: `village:<vid>`, `admin`, `townd`, ...
    public var origin: String

    /// Longest origin accepted, in UTF-8 bytes.
    public static let maximumOriginLength = 128

    /// A stamp from already-validated parts (programmer input: not checked).
    public init(time: LogicalTime, origin: String) {
        self.time = time
        self.origin = origin
    }

    public init(wallMilliseconds: UInt64, counter: UInt32, origin: String) {
        self.init(time: LogicalTime(wallMilliseconds: wallMilliseconds, counter: counter), origin: origin)
    }

    /// Parses the wire form: `text` is `<wall_ms>.<counter>`, `origin` the writer's id.
    public init(parsing text: some StringProtocol, origin: String) throws(StampParseError) {
        try Self.validate(origin: origin)
        self.init(time: try LogicalTime(parsing: text), origin: origin)
    }

    /// Checks an origin: 1 to 128 bytes of UTF-8 without control characters or spaces.
    public static func validate(origin: String) throws(StampParseError) {
        let bytes = origin.utf8
        guard !bytes.isEmpty else { throw .invalidOrigin(origin, reason: "empty") }
        guard bytes.count <= maximumOriginLength else {
            throw .invalidOrigin(origin, reason: "longer than \(maximumOriginLength) bytes")
        }
        let bad = origin.unicodeScalars.contains { $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) }
        guard !bad else { throw .invalidOrigin(origin, reason: "holds spaces or control characters") }
    }

    public var wallMilliseconds: UInt64 { time.wallMilliseconds }
    public var counter: UInt32 { time.counter }

    /// The wire text `<wall_ms>.<counter>` (the origin travels in its own property).
    public var text: String { time.description }

    public static func < (lhs: Stamp, rhs: Stamp) -> Bool {
        if lhs.time != rhs.time { return lhs.time < rhs.time }
        return lhs.origin.utf8.lexicographicallyPrecedes(rhs.origin.utf8)
    }

    public static func == (lhs: Stamp, rhs: Stamp) -> Bool {
        lhs.time == rhs.time && lhs.origin.utf8.elementsEqual(rhs.origin.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(time)
        for byte in origin.utf8 { hasher.combine(byte) }
    }

    public var description: String { "\(text)@\(origin)" }
}
