/// One figure of one year for every village of the registry, by the village's position: a dense
/// column of amounts and presence flags (9 bytes a village; a dictionary keyed by village id took
/// about 48 bytes an entry at 500,000 villages).
struct VillageColumn: Sendable, Equatable {
    private var amounts: [Int64]
    private var present: [Bool]

    init(villageCount: Int) {
        amounts = [Int64](repeating: 0, count: villageCount)
        present = [Bool](repeating: false, count: villageCount)
    }

    /// The village's amount, or nil when it has not reported this figure.
    subscript(position: Int) -> Int64? {
        get { present[position] ? amounts[position] : nil }
        set {
            present[position] = newValue != nil
            amounts[position] = newValue ?? 0
        }
    }

    /// Every reported amount with its village's position.
    func forEachAmount(_ body: (Int, Int64) -> Void) {
        for position in present.indices where present[position] { body(position, amounts[position]) }
    }

    static func == (lhs: VillageColumn, rhs: VillageColumn) -> Bool {
        lhs.present == rhs.present && lhs.present.indices.allSatisfy { !lhs.present[$0] || lhs.amounts[$0] == rhs.amounts[$0] }
    }
}
