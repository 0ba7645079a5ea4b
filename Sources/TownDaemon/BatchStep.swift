import TownMerge
import TownModel
import TownStore

/// The working state of one batch inside the engine.
struct BatchStep {
    var view: BatchView
    var sequence: UInt64
    let now: UInt64
    /// The store's records of this batch's uuids that no pending batch has.
    var storedSeen: [WriteUUID: SeenWrite] = [:]
    /// The uuids this batch saw for the first time, in order (their history rows keep them seen).
    var newSeen: [WriteUUID] = []
    var history: [HistoryEntry] = []
    var output = EngineOutput()
    /// The model's state as this batch changes it (nil without a model).
    var model: ModelState?
    /// Indicators this batch's changes touched, and rule subjects to re-check (villages apart:
    /// most writes are village figures, checked from the aggregates).
    var touchedIndicators: Set<IndicatorRef> = []
    var touchedSubjects: Set<String> = []
    var touchedVillages: Set<VillageYear> = []
    /// The (field, year) pairs of village figures changed in this batch: the indicators they touch
    /// are the same for every village, so they are listed once per pair.
    var touchedVillageFields: Set<VillageField> = []

    init(view: BatchView, sequence: UInt64, now: UInt64) {
        self.view = view
        self.sequence = sequence
        self.now = now
    }

    /// Makes room for a batch of `writes` (about one change, outcome, reply and event each), so
    /// the batch's arrays, dictionaries and sets do not grow step by step as it is decided.
    mutating func reserveCapacity(writes: Int) {
        view.reserveCapacity(writes)
        newSeen.reserveCapacity(writes)
        history.reserveCapacity(writes)
        output.replies.reserveCapacity(writes)
        output.publishes.reserveCapacity(writes)
        output.events.reserveCapacity(writes)
        touchedVillages.reserveCapacity(writes)
    }

    /// Sets a key's value for the rest of the batch; `previous` is its value before this write.
    mutating func store(_ value: StoredValue, replacing previous: StoredValue?, at position: Int?) {
        view.set(value, replacing: previous, at: position)
    }
}
