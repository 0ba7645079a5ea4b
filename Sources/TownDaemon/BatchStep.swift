import TownMerge
import TownModel
import TownStore

/// The working state of one batch inside the engine.
struct BatchStep {
    var view: BatchView
    var sequence: UInt64
    let now: UInt64
    var seen: [[UInt8]: SeenWrite] = [:]
    var newSeen: [[UInt8]: SeenWrite] = [:]
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

    /// A uuid seen before, in the store or earlier in this batch.
    func seenWrite(_ uuid: [UInt8]) -> SeenWrite? { newSeen[uuid] ?? seen[uuid] }

    /// Records a uuid seen for the first time; the caller has checked ``seenWrite(_:)`` is nil.
    mutating func remember(_ write: SeenWrite) {
        newSeen[write.uuid] = write
    }

    /// Sets a key's value for the rest of the batch; `previous` is its value before this write.
    mutating func store(_ value: StoredValue, replacing previous: StoredValue?) {
        view.set(value, replacing: previous)
    }
}
