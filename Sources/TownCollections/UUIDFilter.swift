/// A set of 16-byte uuids that answers "certainly not in it" or "perhaps in it": a Bloom filter,
/// with no false "not in it" ever, about 24 bits a uuid, and growing as uuids are added.
///
/// Each layer is a blocked Bloom filter: a uuid sets 12 bits in one 64-byte block (one cache line,
/// so a probe touches one line a layer). When the newest layer has taken its capacity, a layer of
/// twice the capacity is added; a probe asks every layer, so the false "perhaps" rate adds up over
/// the layers (about 0.0045% each when full, 1 in 22,000; layers come at doublings, so a filter
/// built for its contents has one or two, one grown from empty to two million uuids has five and
/// about 0.025%). At 12 bits a uuid (7 set) a full layer said a false "perhaps" for 0.4%, five
/// layers 2%: with batches of a hundred writes most batches then went to SQLite for nothing.
public struct UUIDFilter: Sendable {
    private struct Layer: Sendable {
        var words: [UInt64]
        let blocks: UInt64
        let capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            let blocks = max(1, (capacity * UUIDFilter.bitsPerUUID + 511) / 512)
            self.blocks = UInt64(blocks)
            words = [UInt64](repeating: 0, count: blocks * 8)
        }
    }

    static let bitsPerUUID = 24
    private static let bitsSetPerUUID = 12
    private var layers: [Layer]
    private let seed: UInt64

    /// A filter for about `capacity` uuids (it grows past it). `seed` varies the hashing (random
    /// per process by default, so no one can choose uuids that all land in the same blocks).
    public init(capacity: Int, seed: UInt64 = .random(in: 0 ... .max)) {
        layers = [Layer(capacity: max(capacity, 1024))]
        self.seed = seed
    }

    /// How many uuids were added (a uuid added twice counts twice).
    public var count: Int { layers.reduce(0) { $0 + $1.count } }

    /// The bytes its bits take.
    public var byteCount: Int { layers.reduce(0) { $0 + $1.words.count * 8 } }

    /// How many layers it has grown to.
    public var layerCount: Int { layers.count }

    /// A uuid as two integers: its first and last eight bytes, loaded in the machine's order.
    @inline(__always)
    public static func words(_ uuid: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
        guard uuid.count == 16 else { return nil }
        return (uuid.loadUnaligned(fromByteOffset: 0, as: UInt64.self), uuid.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    }

    public mutating func insert(_ first: UInt64, _ second: UInt64) {
        if layers[layers.count - 1].count >= layers[layers.count - 1].capacity {
            layers.append(Layer(capacity: layers[layers.count - 1].capacity * 2))
        }
        let (block, bits) = hash(first, second)
        let last = layers.count - 1
        let base = Int((block.multipliedFullWidth(by: layers[last].blocks).high)) * 8
        layers[last].words.withUnsafeMutableBufferPointer { words in
            for bit in Self.bitPositions(bits) {
                words[base + (bit >> 6)] |= 1 << UInt64(bit & 63)
            }
        }
        layers[last].count += 1
    }

    /// False only when the uuid was never added.
    public func mayContain(_ first: UInt64, _ second: UInt64) -> Bool {
        let (block, bits) = hash(first, second)
        for layer in layers {
            let base = Int((block.multipliedFullWidth(by: layer.blocks).high)) * 8
            let found = layer.words.withUnsafeBufferPointer { words in
                for bit in Self.bitPositions(bits) {
                    if words[base + (bit >> 6)] & (1 << UInt64(bit & 63)) == 0 { return false }
                }
                return true
            }
            if found { return true }
        }
        return false
    }

    /// The bits a uuid sets in its block: nine bits of the hash each, seven from its first word,
    /// the rest from a second word mixed from the whole first word (mixed from what was left of it
    /// after seven shifts, one bit, the last five positions took one of two values for every uuid).
    @inline(__always)
    private static func bitPositions(_ bits: UInt64) -> BitPositions { BitPositions(bits: bits) }

    private struct BitPositions: Sequence, IteratorProtocol {
        var bits: UInt64
        let first: UInt64
        var taken = 0

        init(bits: UInt64) {
            self.bits = bits
            first = bits
        }

        @inline(__always)
        mutating func next() -> Int? {
            guard taken < UUIDFilter.bitsSetPerUUID else { return nil }
            if taken == 7 { bits = UUIDFilter.mix(first ^ 0x2545_F491_4F6C_DD1D) }
            taken += 1
            defer { bits >>= 9 }
            return Int(bits & 511)
        }
    }

    /// The block (a 64-bit fraction of the block count) and the bits within it (nine bits each).
    @inline(__always)
    private func hash(_ first: UInt64, _ second: UInt64) -> (block: UInt64, bits: UInt64) {
        let block = Self.mix(first ^ seed ^ Self.mix(second))
        let bits = Self.mix(block ^ second ^ 0x9E37_79B9_7F4A_7C15)
        return (block, bits)
    }

    /// MurmurHash3's 64-bit finalizer: every input bit moves about half the output bits.
    @inline(__always)
    fileprivate static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}
