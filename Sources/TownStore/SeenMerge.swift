/// A merge of runs of seen uuids (``SeenBlock``s in `seen_block`) into one new run, a budget of
/// entries at a time, so that lookups probe a bounded number of runs (``DeferredSeen``): runs of
/// one size tier are merged `fanIn` at a time, each read a block at a time in order, a uuid in
/// several kept once, the output written as full blocks. Once every input is read (the output
/// is whole), the inputs' blocks are deleted, a budget at a time too.
struct SeenMerge {
    /// One input run, read a block at a time.
    struct Input {
        let run: Int64
        /// The entries of the block being read, and the offset of the next one.
        var block: [UInt8] = []
        var offset = 0
        /// The first uuid of the block read last (empty before the first).
        var after: [UInt8] = []
        var isDone = false
    }

    enum Phase: Equatable {
        case merging
        /// The output is whole: the inputs' blocks are being deleted.
        case deleting
        case finished
    }

    let output: Int64
    /// The size tier of the input runs.
    let tier: Int
    /// The input runs, oldest first.
    let runs: [Int64]
    /// How many entries the inputs hold, as the catalog says (the output holds at most as many).
    let plannedEntries: Int
    private(set) var inputs: [Input]
    private(set) var phase = Phase.merging
    /// Whether the output's catalog row (`writing` until the output is whole) is written.
    var isCataloged = false
    /// Entries written to the output.
    private(set) var written = 0
    /// The output block being filled, and the last uuid put in it.
    private var pending: [UInt8] = []
    private var lastEmitted: (UInt64, UInt64)?

    /// Deletes the blocks of `runs` (merged before, or left part-written by a crash), nothing merged.
    static func deleting(_ runs: [Int64]) -> SeenMerge {
        var merge = SeenMerge(output: 0, tier: -1, runs: runs.map { ($0, 0) })
        merge.phase = .deleting
        merge.isCataloged = true
        return merge
    }

    init(output: Int64, tier: Int = 0, runs: [(run: Int64, entries: Int)]) {
        self.output = output
        self.tier = tier
        self.runs = runs.map(\.run)
        plannedEntries = runs.reduce(0) { $0 + $1.entries }
        inputs = runs.map { Input(run: $0.run) }
        pending.reserveCapacity(SeenBlock.capacity * SeenBlock.entryBytes)
    }

    /// Writes up to `budget` entries of the output: `fetch(run, after)` gives the block of `run`
    /// whose first uuid follows `after` (nil: none), `write(first, entries)` stores an output
    /// block. When every input is read, the last block is written and the phase is `deleting`.
    /// Returns how many entries it wrote.
    @discardableResult
    mutating func merge(
        budget: Int, fetch: (Int64, [UInt8]) throws -> (first: [UInt8], entries: [UInt8])?,
        write: ([UInt8], [UInt8]) throws -> Void
    ) throws -> Int {
        guard phase == .merging else { return 0 }
        var emitted = 0
        while emitted < budget {
            var smallest: (index: Int, uuid: (UInt64, UInt64))?
            for index in inputs.indices where !inputs[index].isDone {
                if inputs[index].offset >= inputs[index].block.count {
                    try refill(index, fetch: fetch)
                    if inputs[index].isDone { continue }
                }
                let uuid = Self.uuid(in: inputs[index].block, at: inputs[index].offset)
                if smallest == nil || uuid < smallest!.uuid { smallest = (index, uuid) }
            }
            guard let (index, uuid) = smallest else {
                try flush(write)
                phase = .deleting
                return emitted
            }
            let start = inputs[index].offset
            inputs[index].offset += SeenBlock.entryBytes
            if let lastEmitted, lastEmitted == uuid { continue }
            lastEmitted = uuid
            pending.append(contentsOf: inputs[index].block[start..<start + SeenBlock.entryBytes])
            written += 1
            emitted += 1
            if pending.count == SeenBlock.capacity * SeenBlock.entryBytes { try flush(write) }
        }
        return emitted
    }

    /// The inputs' blocks are all deleted.
    mutating func finishDeleting() {
        if phase == .deleting { phase = .finished }
    }

    private mutating func refill(_ index: Int, fetch: (Int64, [UInt8]) throws -> (first: [UInt8], entries: [UInt8])?) throws {
        while inputs[index].offset >= inputs[index].block.count {
            guard let (first, entries) = try fetch(inputs[index].run, inputs[index].after) else {
                inputs[index].isDone = true
                inputs[index].block = []
                return
            }
            inputs[index].after = first
            // A damaged block's partial entry is not read.
            inputs[index].block = Array(entries.prefix(entries.count - entries.count % SeenBlock.entryBytes))
            inputs[index].offset = 0
        }
    }

    private mutating func flush(_ write: ([UInt8], [UInt8]) throws -> Void) throws {
        guard !pending.isEmpty else { return }
        try write(Array(pending[0..<16]), pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// The uuid at `offset` of `block` as two integers that order as its bytes do.
    static func uuid(in block: [UInt8], at offset: Int) -> (UInt64, UInt64) {
        block.withUnsafeBytes { bytes in
            (UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
             UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
        }
    }
}
