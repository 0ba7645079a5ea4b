import TownModel
import TownStore

extension WriteEngine {
    /// Feeds one applied change to the model: indicator aggregates and rule subjects to re-check.
    func observe(key: String, kind: KeyKind?, previous: StoredValue?, current: StoredValue, step: inout BatchStep) {
        guard let schema = step.model?.schema, let kind = kind ?? (try? schema.classify(key)) else { return }
        let old = previous.flatMap { $0.isTombstone ? nil : $0.version.text }
        let new = current.isTombstone ? nil : current.version.text
        // Mutated in place: a copy of the model per write would cost a copy of every aggregate.
        let changed = step.model?.indicators.update(kind, old: old, new: new) ?? false
        if case .villageFigure(let village, let year, let field) = kind {
            guard changed else { return }
            if step.touchedVillageFields.insert(VillageField(field: field, year: year)).inserted,
                let touched = step.model?.indicators.touchedIndicators(kind)
            {
                step.touchedIndicators.formUnion(touched)
            }
            if let position = schema.villages.position(of: village) {
                step.touchedVillages.insert(VillageYear(position: position, year: year))
            }
            return
        }
        if changed, let touched = step.model?.indicators.touchedIndicators(kind) { step.touchedIndicators.formUnion(touched) }
        // Rules read fields the aggregates do not (a project's status, progress).
        if let subject = ValidationRules.subject(of: kind) { step.touchedSubjects.insert(subject) }
    }

    /// After a batch's writes: writes every touched indicator whose value changed (through the same
    /// path as any write, stamped by the daemon) and reports rule violations that appeared or cleared.
    func deriveFromModel(step: inout BatchStep) {
        guard step.model != nil else { return }
        let touched = step.touchedIndicators.sorted()
        step.touchedIndicators = []
        step.touchedVillageFields = []
        for ref in touched {
            let value = step.model?.indicators.value(of: ref)
            guard value != step.view.liveText(ref.key) else { continue }
            if value == nil && step.view.current(ref.key) == nil { continue }
            decide(
                IncomingWrite(key: ref.key, body: Array((value ?? "").utf8), principal: .daemon, channel: .derived),
                step: &step)
        }
        checkRules(step: &step)
    }

    private func checkRules(step: inout BatchStep) {
        guard let schema = step.model?.schema else { return }
        // A village whose figures keep the rule now and did before needs no more look.
        for village in step.touchedVillages {
            guard let model = step.model else { break }
            let year = Int(village.year)
            let position = Int(village.position)
            let operating = model.indicators.villageAmount(field: KeySchema.operatingIncome, year: year, position: position)
            let collective = model.indicators.villageAmount(field: KeySchema.collectiveIncome, year: year, position: position)
            let brokenNow = operating.map { operating in collective.map { operating > $0 } ?? false } ?? false
            if brokenNow || model.villagesInViolation.contains(village) {
                step.touchedSubjects.insert(village.subject(registry: schema.villages))
            }
        }
        step.touchedVillages = []
        let rules = ValidationRules(schema: schema)
        for subject in step.touchedSubjects.sorted() {
            let now = Set(rules.violations(subject: subject, text: { step.view.liveText($0) }))
            let before = step.model?.violations[subject] ?? []
            for violation in now.subtracting(before).sorted(by: { $0.rule < $1.rule }) {
                step.output.events.append(.record(EventFactory.violation(violation, kind: "validation.violation", now: step.now)))
            }
            for violation in before.subtracting(now).sorted(by: { $0.rule < $1.rule }) {
                step.output.events.append(.record(EventFactory.violation(violation, kind: "validation.resolved", now: step.now)))
            }
            step.model?.setViolations(now, subject: subject)
        }
        step.touchedSubjects = []
    }

    /// Brings every stored indicator in line with the model (at start: a new catalog, or a store
    /// written before the model existed). Returns what to publish.
    public func reconcileIndicators() -> EngineOutput {
        guard let model else { return EngineOutput() }
        let catalog = model.schema.catalog
        let expected = model.indicators.values(years: catalog.firstYear...catalog.lastYear)
        var writes: [IncomingWrite] = []
        for (ref, value) in expected.sorted(by: { $0.key < $1.key }) where values[ref.key].map({ $0.isTombstone ? nil : $0.version.text }) ?? nil != value {
            // Zero sums for years nobody reported are not worth a key.
            if values[ref.key] == nil && (value == "0") { continue }
            writes.append(IncomingWrite(key: ref.key, body: Array(value.utf8), principal: .daemon, channel: .derived))
        }
        for key in indicatorKeys.sorted() {
            guard let value = values[key], !value.isTombstone else { continue }
            let ref = (try? model.schema.classify(key)).flatMap { kind -> IndicatorRef? in
                if case .indicator(let year, let id) = kind { return IndicatorRef(year: year, id: id) }
                return nil
            }
            if ref.map({ expected[$0] == nil }) ?? true {
                writes.append(IncomingWrite(key: key, body: [], principal: .daemon, channel: .derived))
            }
        }
        return handle(writes)
    }
}
