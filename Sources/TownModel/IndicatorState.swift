/// The running aggregates behind the derived indicators, updated by each change in O(1) per
/// affected indicator (no rescan of the villages or the store).
///
/// Feed it every applied change of a model key with ``apply(_:old:new:)``; it returns the
/// indicators whose value may have changed; ``value(of:)`` computes one from the aggregates.
public struct IndicatorState: Sendable, Equatable {
    public let schema: KeySchema
    /// By village field (``villageFieldIndex(_:)``): year -> yuan by village position in the registry
    var villageValues = [YearTable<VillageColumn>](repeating: YearTable(), count: 2)
    /// By village field: year -> sum over villages
    var villageSums = [YearTable<Int64>](repeating: YearTable(), count: 2)
    /// By village field: year -> (sum of this year, sum of last year) over villages that reported both
    var pairSums = [YearTable<PairSum>](repeating: YearTable(), count: 2)
    /// indicator id -> year -> villages at or above the threshold
    var counts: [String: [Int: Int]] = [:]
    /// field -> project -> yuan, and field -> sum
    var projectValues: [String: [String: Int64]] = [:]
    var projectSums: [String: Int64] = [:]
    /// indicator id -> year -> value (town figures and target overrides)
    var townValues: [String: [Int: FixedDecimal]] = [:]
    var targetValues: [String: [Int: FixedDecimal]] = [:]

    public init(schema: KeySchema) { self.schema = schema }

    public static func == (lhs: IndicatorState, rhs: IndicatorState) -> Bool {
        lhs.villageValues == rhs.villageValues && lhs.villageSums == rhs.villageSums
            && lhs.counts == rhs.counts && lhs.projectValues == rhs.projectValues && lhs.projectSums == rhs.projectSums
            && lhs.townValues == rhs.townValues && lhs.targetValues == rhs.targetValues && lhs.pairSums == rhs.pairSums
    }

    /// Builds the state from scratch from every live model value (key -> text).
    public static func recompute(schema: KeySchema, values: [String: String]) -> IndicatorState {
        var state = IndicatorState(schema: schema)
        for (key, text) in values {
            if let kind = try? schema.classify(key) { _ = state.update(kind, old: nil, new: text) }
        }
        return state
    }

    /// Applies one change of a key (nil: absent or deleted) and returns the indicators it touches.
    @discardableResult
    public mutating func apply(_ kind: KeyKind, old: String?, new: String?) -> Set<IndicatorRef> {
        guard update(kind, old: old, new: new) else { return [] }
        return touchedIndicators(kind)
    }

    /// Applies one change of a key to the aggregates only; false when nothing they hold changed.
    /// (Start-up feeds every stored value through here and needs no list of touched indicators.)
    public mutating func update(_ kind: KeyKind, old: String?, new: String?) -> Bool {
        let catalog = schema.catalog
        switch kind {
        case .villageFigure(let village, let year, let field):
            let before = old.flatMap { Int64($0) }
            let after = new.flatMap { Int64($0) }
            guard before != after else { return false }
            updateVillage(field: field, year: year, village: village, before: before, after: after)
            return true
        case .projectField(let project, let field):
            let before = old.flatMap { Int64($0) }
            let after = new.flatMap { Int64($0) }
            guard before != after, field == "investment_completed" || field == "investment_planned" else { return false }
            projectValues[field, default: [:]][project] = after
            projectSums[field, default: 0] += (after ?? 0) - (before ?? 0)
            return true
        case .townFigure(let year, let id):
            let decimals = catalog.indicator(id)!.unit.decimals
            townValues[id, default: [:]][year] = new.flatMap { FixedDecimal(parsing: $0, decimals: decimals) }
            return true
        case .target(let year, let id):
            let decimals = catalog.indicator(id)!.unit.decimals
            targetValues[id, default: [:]][year] = new.flatMap { FixedDecimal(parsing: $0, decimals: decimals) }
            return true
        case .lock, .presence, .indicator:
            return false
        }
    }

    /// The indicators a change of a key of this kind can move (within the catalog's years).
    public func touchedIndicators(_ kind: KeyKind) -> Set<IndicatorRef> {
        let catalog = schema.catalog
        var touched: Set<IndicatorRef> = []
        switch kind {
        case .villageFigure(_, let year, let field):
            for indicator in catalog.indicators where indicator.compute.villageField == field {
                touched.insert(IndicatorRef(year: year, id: indicator.id))
                if case .growthVillages = indicator.compute { touched.insert(IndicatorRef(year: year + 1, id: indicator.id)) }
            }
        case .projectField(_, let field):
            for indicator in catalog.indicators where indicator.compute == .sumProjects(field: field) {
                touched.insert(IndicatorRef(year: catalog.projectYear, id: indicator.id))
            }
        case .townFigure(let year, let id):
            touched.insert(IndicatorRef(year: year, id: id))
            for indicator in catalog.indicators {
                if indicator.compute == .ratioToTarget(figure: id) { touched.insert(IndicatorRef(year: year, id: indicator.id)) }
                if indicator.compute == .growthTown(figure: id) {
                    touched.insert(IndicatorRef(year: year, id: indicator.id))
                    touched.insert(IndicatorRef(year: year + 1, id: indicator.id))
                }
            }
        case .target(let year, let id):
            for indicator in catalog.indicators where indicator.compute == .ratioToTarget(figure: id) {
                touched.insert(IndicatorRef(year: year, id: indicator.id))
            }
        case .lock, .presence, .indicator:
            return []
        }
        return touched.filter { catalog.accepts(year: $0.year) }
    }

    /// One village figure as the aggregates hold it (nil: not reported, or not an integer).
    public func villageAmount(field: String, year: Int, position: Int) -> Int64? {
        guard let index = Self.villageFieldIndex(field) else { return nil }
        return villageValues[index][year]?[position]
    }

    /// Where a village field's aggregates are kept (nil: not a village field): the two fields are
    /// told apart by a comparison, not a hash of the name.
    static func villageFieldIndex(_ field: String) -> Int? {
        if field == KeySchema.collectiveIncome { return 0 }
        if field == KeySchema.operatingIncome { return 1 }
        return nil
    }

    /// Every (village, year) whose operating income is above its collective income, with both
    /// figures: the one cross-field rule on village figures, read straight from the aggregates.
    public func villagesWithOperatingAboveCollective() -> [(village: String, year: Int, operating: Int64, collective: Int64)] {
        var found: [(village: String, year: Int, operating: Int64, collective: Int64)] = []
        let collective = villageValues[Self.villageFieldIndex(KeySchema.collectiveIncome)!]
        for (year, villages) in villageValues[Self.villageFieldIndex(KeySchema.operatingIncome)!].entries {
            guard let collectiveOfYear = collective[year] else { continue }
            villages.forEachAmount { position, operating in
                if let total = collectiveOfYear[position], operating > total {
                    found.append((schema.villages.villages[position].id, year, operating, total))
                }
            }
        }
        return found
    }

    private mutating func updateVillage(field: String, year: Int, village: String, before: Int64?, after: Int64?) {
        // classify admits only villages of the registry.
        guard let village = schema.villages.position(of: village), let index = Self.villageFieldIndex(field) else { return }
        let previousYear = villageValues[index][year - 1]?[village]
        let nextYear = villageValues[index][year + 1]?[village]
        let villageCount = schema.villages.villages.count
        villageValues[index].modify(year, default: VillageColumn(villageCount: villageCount)) { $0[village] = after }
        villageSums[index].modify(year, default: 0) { $0 += (after ?? 0) - (before ?? 0) }
        func shift(_ pairYear: Int, _ current: Int64, _ previous: Int64, _ sign: Int64) {
            pairSums[index].modify(pairYear, default: PairSum()) { pair in
                pair.current += sign * current
                pair.previous += sign * previous
            }
        }
        if let previousYear {
            if let before { shift(year, before, previousYear, -1) }
            if let after { shift(year, after, previousYear, 1) }
        }
        if let nextYear {
            if let before { shift(year + 1, nextYear, before, -1) }
            if let after { shift(year + 1, nextYear, after, 1) }
        }
        for indicator in schema.catalog.indicators {
            guard case .countVillagesAtLeast(let countedField, let threshold) = indicator.compute, countedField == field
            else { continue }
            let change = ((after ?? -1) >= threshold ? 1 : 0) - ((before ?? -1) >= threshold ? 1 : 0)
            if change != 0 { counts[indicator.id, default: [:]][year, default: 0] += change }
        }
    }

    /// The indicator's value as published text, or nil when it cannot be computed (no previous
    /// year for a growth, no target for a ratio, no town figure).
    public func value(of ref: IndicatorRef) -> String? {
        guard let indicator = schema.catalog.indicator(ref.id) else { return nil }
        switch indicator.compute {
        case .town:
            return townValues[ref.id]?[ref.year].map(\.text)
        case .sumVillages(let field):
            return String(Self.villageFieldIndex(field).flatMap { villageSums[$0][ref.year] } ?? 0)
        case .growthVillages(let field):
            guard let pair = Self.villageFieldIndex(field).flatMap({ pairSums[$0][ref.year] }), pair.previous > 0 else { return nil }
            return FixedDecimal.growth(from: pair.previous, to: pair.current)?.text
        case .countVillagesAtLeast:
            return String(counts[ref.id]?[ref.year] ?? 0)
        case .sumProjects(let field):
            return ref.year == schema.catalog.projectYear ? String(projectSums[field] ?? 0) : nil
        case .ratioToTarget(let figure):
            guard let value = townValues[figure]?[ref.year], let target = target(figure, year: ref.year),
                target.units > 0
            else { return nil }
            return FixedDecimal.percent(value.units, over: target.units)?.text
        case .growthTown(let figure):
            guard let current = townValues[figure]?[ref.year], let previous = townValues[figure]?[ref.year - 1],
                previous.units > 0
            else { return nil }
            return FixedDecimal.growth(from: previous.units, to: current.units)?.text
        }
    }

    /// The target in force: the `/target/` key when set, else the catalog's.
    public func target(_ id: String, year: Int) -> FixedDecimal? {
        if let value = targetValues[id]?[year] { return value }
        guard let text = schema.catalog.target(id, year: year), let unit = schema.catalog.indicator(id)?.unit else { return nil }
        return FixedDecimal(parsing: text, decimals: unit.decimals)
    }

    /// Every indicator value for the given years (for comparisons and exports).
    public func values(years: ClosedRange<Int>) -> [IndicatorRef: String] {
        var result: [IndicatorRef: String] = [:]
        for year in years {
            for indicator in schema.catalog.indicators {
                let ref = IndicatorRef(year: year, id: indicator.id)
                if let value = value(of: ref) { result[ref] = value }
            }
        }
        return result
    }
}
