import Foundation

/// The indicator catalog: what the town tracks, how each figure is computed, and the targets.
///
/// JSON format (see `docs/MODEL.md`):
/// `{"first_year": 2015, "last_year": 2035, "project_year": 2023, "indicators": [...],
///   "targets": {"2024": {"fixed_asset_investment": "145200000"}}}`.
public struct Catalog: Codable, Equatable, Sendable {
    /// Years accepted in keys.
    public var firstYear: Int
    public var lastYear: Int
    /// The year under which project sums are published.
    public var projectYear: Int
    public var indicators: [IndicatorDefinition]
    /// Targets by year (as text) and indicator id; a `/target/<year>/<id>` key overrides.
    public var targets: [String: [String: String]]

    enum CodingKeys: String, CodingKey {
        case indicators, targets
        case firstYear = "first_year"
        case lastYear = "last_year"
        case projectYear = "project_year"
    }

    /// The indicator with this id.
    public func indicator(_ id: String) -> IndicatorDefinition? { indicators.first { $0.id == id } }

    /// The catalog's target for an indicator in a year.
    public func target(_ id: String, year: Int) -> String? { targets[String(year)]?[id] }

    /// Whether a year is within the catalog's range.
    public func accepts(year: Int) -> Bool { (firstYear...lastYear).contains(year) }

    /// Checks ids, references between indicators and target values.
    public func validate() throws(ModelError) {
        guard firstYear <= lastYear else { throw .catalog("first_year is after last_year") }
        var seen: Set<String> = []
        for indicator in indicators {
            guard KeySchema.isValidID(indicator.id) else { throw .catalog("indicator id '\(indicator.id)' is invalid") }
            guard seen.insert(indicator.id).inserted else { throw .catalog("indicator '\(indicator.id)' is listed twice") }
        }
        for indicator in indicators {
            switch indicator.compute {
            case .ratioToTarget(let figure), .growthTown(let figure):
                guard self.indicator(figure)?.compute == .town else {
                    throw .catalog("\(indicator.id) refers to '\(figure)', which is not a town figure")
                }
            case .sumVillages(let field), .growthVillages(let field), .countVillagesAtLeast(let field, _):
                guard KeySchema.villageFields.contains(field) else {
                    throw .catalog("\(indicator.id): '\(field)' is not a village field")
                }
            case .sumProjects(let field):
                guard field == "investment_completed" || field == "investment_planned" else {
                    throw .catalog("\(indicator.id): projects can only sum investment_completed or investment_planned")
                }
            case .town: break
            }
        }
        for (year, values) in targets {
            guard let number = Int(year), accepts(year: number) else { throw .catalog("target year '\(year)' is out of range") }
            for (id, value) in values {
                guard let definition = indicator(id) else { throw .catalog("target for unknown indicator '\(id)'") }
                guard FixedDecimal(parsing: value, decimals: definition.unit.decimals) != nil else {
                    throw .catalog("target \(year)/\(id) '\(value)' is not a valid \(definition.unit.rawValue) value")
                }
            }
        }
    }

    /// Reads and validates a catalog file.
    public static func load(path: String) throws(ModelError) -> Catalog {
        guard let data = FileManager.default.contents(atPath: path) else { throw .catalog("\(path) cannot be read") }
        return try decode(data, source: path)
    }

    static func decode(_ data: Data, source: String) throws(ModelError) -> Catalog {
        let catalog: Catalog
        do {
            catalog = try JSONDecoder().decode(Catalog.self, from: data)
        } catch {
            throw .catalog("\(source): \(error)")
        }
        try catalog.validate()
        return catalog
    }

    /// The default catalog, built from the Sankui 2023 work summary (`../shared/seed/FACTS.md`).
    public static let sankui: Catalog = try! decode(Data(DefaultCatalog.json.utf8), source: "built-in catalog")
}
