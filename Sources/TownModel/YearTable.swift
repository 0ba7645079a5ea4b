/// Values by year, in an array from the earliest year set to the latest: the running aggregates
/// look years up for every village figure written (the year before and after too), and a
/// dictionary keyed by year hashed each time (with the field's name hashed before it, the
/// aggregates were 5% of townd's socket loop). Years come from keys the catalog accepts, so the
/// array spans its years at most.
struct YearTable<Value: Sendable>: Sendable {
    /// The year of `slots[0]`.
    private var base = 0
    private var slots: [Value?] = []

    /// The value of `year`, nil when none was set (setting nil leaves an empty slot).
    subscript(year: Int) -> Value? {
        get {
            let index = year &- base
            return index >= 0 && index < slots.count ? slots[index] : nil
        }
        set {
            let index = year &- base
            if index >= 0 && index < slots.count {
                slots[index] = newValue
            } else if newValue != nil {
                slots[slot(for: year)] = newValue
            }
        }
    }

    /// Changes the value of `year` in place (set to `initial` first when there is none); returns
    /// what `change` returns.
    mutating func modify<Result>(
        _ year: Int, default initial: @autoclosure () -> Value, _ change: (inout Value) -> Result
    ) -> Result {
        let index = slot(for: year)
        if slots[index] == nil { slots[index] = initial() }
        return change(&slots[index]!)
    }

    /// The index of `year`'s slot, the array grown to reach it.
    private mutating func slot(for year: Int) -> Int {
        if slots.isEmpty {
            base = year
            slots = [nil]
        } else if year < base {
            slots.insert(contentsOf: repeatElement(nil, count: base - year), at: 0)
            base = year
        } else if year - base >= slots.count {
            slots.append(contentsOf: repeatElement(nil, count: year - base - slots.count + 1))
        }
        return year - base
    }

    /// Every year that has a value, with it, earliest first.
    var entries: [(year: Int, value: Value)] {
        slots.indices.compactMap { index in slots[index].map { (base + index, $0) } }
    }
}

extension YearTable: Equatable where Value: Equatable {
    /// Equal when the same years have equal values (however far the arrays reach).
    static func == (lhs: YearTable, rhs: YearTable) -> Bool {
        let left = lhs.entries
        let right = rhs.entries
        return left.count == right.count && zip(left, right).allSatisfy { $0.year == $1.year && $0.value == $1.value }
    }
}
