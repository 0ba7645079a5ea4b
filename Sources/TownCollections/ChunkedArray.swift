/// An array kept in chunks of 16,384 elements, each an array of its own: a copy of the whole
/// shares every chunk, and a change after the copy copies only the chunk it touches. townd hands
/// its value table to the snapshot thread as such a copy; with one flat array the socket loop's
/// next write copied all of it (a million 56-byte records: 128–320 ms with every write waiting).
public struct ChunkedArray<Element: Sendable>: Sendable, RandomAccessCollection, MutableCollection {
    public static var chunkShift: Int { 14 }
    private static var chunkMask: Int { (1 << chunkShift) - 1 }

    private var chunks: [[Element]] = []
    public private(set) var count = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Element {
        get { chunks[position >> Self.chunkShift][position & Self.chunkMask] }
        set { chunks[position >> Self.chunkShift][position & Self.chunkMask] = newValue }
    }

    public mutating func append(_ element: Element) {
        if count & Self.chunkMask == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(1 << Self.chunkShift)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    public mutating func removeLast() {
        precondition(count > 0, "removeLast of an empty ChunkedArray")
        chunks[chunks.count - 1].removeLast()
        if chunks[chunks.count - 1].isEmpty { chunks.removeLast() }
        count -= 1
    }

    /// Room for `capacity` elements in the list of chunks (each chunk reserves its own on creation).
    public mutating func reserveCapacity(_ capacity: Int) {
        chunks.reserveCapacity((capacity + Self.chunkMask) >> Self.chunkShift)
    }
}
