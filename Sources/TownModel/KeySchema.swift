/// The key schema of DESIGN.md: which keys exist and what values they take.
public struct KeySchema: Sendable {
    public let catalog: Catalog
    public let villages: VillageRegistry

    public static let collectiveIncome = "collective_income"
    public static let operatingIncome = "operating_income"
    public static let villageFields: Set<String> = [collectiveIncome, operatingIncome]
    public static let projectFields: Set<String> = [
        "name", "village", "category", "investment_planned", "status", "investment_completed", "progress",
    ]
    static let largestYuan: Int64 = 1_000_000_000_000_000

    public init(catalog: Catalog = .sankui, villages: VillageRegistry = .sankui) {
        self.catalog = catalog
        self.villages = villages
    }

    /// An id segment: 1 to 64 of `a-z`, `0-9`, `_`, `-`.
    public static func isValidID(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 || $0 == 45 }
    }

    /// What the key means, or why it has no place in the schema. Works on the key's UTF-8 bytes
    /// (start-up classifies every stored key) and allocates only the ids it returns.
    public func classify(_ key: String) throws(SchemaProblem) -> KeyKind {
        let parts = KeySegments(key)
        guard parts.count >= 3, parts[0].isEmpty else { throw SchemaProblem(.unknownKey, "'\(key)' is not in the key schema") }
        func segment(_ index: Int) -> Substring { parts[index + 1] }
        func unknown() -> SchemaProblem { SchemaProblem(.unknownKey, "'\(key)' is not in the key schema") }
        let first = segment(0)
        switch parts.count - 1 {
        case 4 where first == "village":
            let field: String
            switch segment(3) {
            case Self.collectiveIncome[...]: field = Self.collectiveIncome
            case Self.operatingIncome[...]: field = Self.operatingIncome
            default:
                throw SchemaProblem(.unknownKey, "'\(segment(3))' is not a village figure (collective_income, operating_income)")
            }
            return .villageFigure(village: try village(segment(1)), year: try year(segment(2)), field: field)
        case 3 where first == "project":
            let project = segment(1)
            guard Self.isValidID(project) else { throw SchemaProblem(.unknownKey, "project id '\(project)' is not [a-z0-9_-]{1,64}") }
            let field = String(segment(2))
            guard Self.projectFields.contains(field) else {
                throw SchemaProblem(.unknownKey, "'\(field)' is not a project field")
            }
            return .projectField(project: String(project), field: field)
        case 3 where first == "town":
            let id = String(segment(2))
            guard catalog.indicator(id)?.compute == .town else {
                throw SchemaProblem(.unknownKey, "'\(id)' is not a figure the town enters (see the catalog)")
            }
            return .townFigure(year: try year(segment(1)), indicator: id)
        case 3 where first == "target":
            let id = String(segment(2))
            guard catalog.indicator(id) != nil else {
                throw SchemaProblem(.unknownKey, "'\(id)' is not an indicator of the catalog")
            }
            return .target(year: try year(segment(1)), indicator: id)
        case 3 where first == "lock":
            return .lock(village: try village(segment(1)), year: try year(segment(2)))
        case 3 where first == "agent" && segment(2) == "presence":
            return .presence(village: try village(segment(1)))
        case 3 where first == "indicator":
            let id = String(segment(2))
            guard catalog.indicator(id) != nil else { throw unknown() }
            return .indicator(year: try year(segment(1)), indicator: id)
        default:
            throw unknown()
        }
    }

    /// Checks a write: the key's shape, and the value unless it is a delete (empty body).
    public func validate(key: String, body: [UInt8]) throws(SchemaProblem) -> KeyKind {
        let kind = try classify(key)
        guard !body.isEmpty else { return kind }
        // Most writes are village figures: a whole number of yuan is checked on its bytes.
        if case .villageFigure = kind, Self.isWholeYuan(body) { return kind }
        guard let text = String(validating: body, as: UTF8.self) else { throw SchemaProblem(.invalidValue, "value is not UTF-8") }
        switch kind {
        case .villageFigure(let vid, let year, let field):
            try yuan(text, what: "\(villages.name(vid)) \(year) \(field)")
        case .projectField(_, let field):
            try projectValue(field: field, text: text)
        case .townFigure(_, let id), .target(_, let id):
            let unit = catalog.indicator(id)!.unit
            guard let value = FixedDecimal(parsing: text, decimals: unit.decimals), value.units <= Self.largestYuan else {
                throw SchemaProblem(.invalidValue, "'\(text)' is not a valid \(unit.rawValue) value for \(id) (\(Self.describe(unit)))")
            }
        case .lock:
            guard text == "approved" else { throw SchemaProblem(.invalidValue, "a lock's value is 'approved' (delete the key to unlock)") }
        case .presence:
            try plainText(text, what: "presence")
        case .indicator:
            break
        }
        return kind
    }

    private func projectValue(field: String, text: String) throws(SchemaProblem) {
        switch field {
        case "name", "category": try plainText(text, what: "project \(field)")
        case "village":
            guard villages.contains(text) else { throw SchemaProblem(.invalidValue, "'\(text)' is not a village of the registry") }
        case "investment_planned", "investment_completed": try yuan(text, what: "project \(field)")
        case "status":
            guard ProjectStatus(rawValue: text) != nil else {
                throw SchemaProblem(
                    .invalidValue, "status '\(text)' is not one of \(ProjectStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        case "progress":
            guard let value = FixedDecimal(parsing: text, decimals: 0), value.units <= 100 else {
                throw SchemaProblem(.invalidValue, "progress '\(text)' is not a whole percent 0..100")
            }
        default: break
        }
    }

    /// What ``yuan(_:what:)`` accepts, read from bytes: 1 to 15 decimal digits without a
    /// leading zero (at most 999,999,999,999,999, below `largestYuan`).
    static func isWholeYuan(_ bytes: [UInt8]) -> Bool {
        !bytes.isEmpty && bytes.count <= 15 && (bytes.count == 1 || bytes[0] != UInt8(ascii: "0"))
            && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private func yuan(_ text: String, what: String) throws(SchemaProblem) {
        guard let value = FixedDecimal(parsing: text, decimals: 0), value.units <= Self.largestYuan else {
            throw SchemaProblem(.invalidValue, "\(what): '\(text)' is not a whole number of yuan >= 0")
        }
    }

    private func plainText(_ text: String, what: String) throws(SchemaProblem) {
        guard text.count <= 200, !text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            throw SchemaProblem(.invalidValue, "\(what) must be one line of at most 200 characters")
        }
    }

    private func village(_ segment: Substring) throws(SchemaProblem) -> String {
        let id = String(segment)
        guard villages.contains(id) else { throw SchemaProblem(.invalidValue, "'\(id)' is not a village of the registry") }
        return id
    }

    private func year(_ text: Substring) throws(SchemaProblem) -> Int {
        let digits = text.utf8
        guard digits.count == 4, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw SchemaProblem(.unknownKey, "'\(text)' is not a year")
        }
        let year = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        guard catalog.accepts(year: year) else {
            throw SchemaProblem(.invalidValue, "year \(year) is outside \(catalog.firstYear)...\(catalog.lastYear)")
        }
        return year
    }

    static func describe(_ unit: IndicatorUnit) -> String {
        unit.decimals == 0 ? "a whole number >= 0" : "a number >= 0 with at most \(unit.decimals) decimals"
    }
}
