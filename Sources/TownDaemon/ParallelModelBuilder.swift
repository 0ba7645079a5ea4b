import Dispatch
import TownModel

/// Builds the model on a queue of its own while start-up reads the rows: the rows are handed
/// over in chunks, so classifying keys and updating aggregates (about half of start-up) runs on
/// the second core beside reading rows and filling the value table.
final class ParallelModelBuilder: @unchecked Sendable {
    // Touched only on `queue` (and by `finish()` after the queue has drained).
    private var builder: ModelStateBuilder
    private let queue = DispatchQueue(label: "townd-model-build")
    private var chunk: [(key: String, body: [UInt8])] = []
    private static let chunkSize = 8_192

    init(schema: KeySchema) {
        builder = ModelStateBuilder(schema: schema)
        chunk.reserveCapacity(Self.chunkSize)
    }

    /// Feeds one live value (called from the loading thread only).
    func add(key: String, body: [UInt8]) {
        chunk.append((key, body))
        if chunk.count == Self.chunkSize { handOver() }
    }

    /// Waits for every chunk to be applied and returns the model.
    func finish() -> ModelState {
        handOver()
        return queue.sync { builder.finish() }
    }

    private func handOver() {
        guard !chunk.isEmpty else { return }
        let rows = chunk
        chunk = []
        chunk.reserveCapacity(Self.chunkSize)
        queue.async { [self] in
            for row in rows { builder.add(key: row.key, body: row.body) }
        }
    }
}
