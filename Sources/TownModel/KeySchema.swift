/// The key schema of DESIGN.md: which keys exist and what values they take.
public struct KeySchema: Sendable {
    public let catalog: Catalog
    public let villages: VillageRegistry

    public static let villageFields: Set<String> = ["collective_income", "operating_income"]
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

    /// What the key means, or why it has no place in the schema.
    public func classify(_ key: String) throws(SchemaProblem) -> KeyKind {
        let parts = key.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { Substring($0) }
        guard parts.count >= 3, parts[0].isEmpty else { throw SchemaProblem(.unknownKey, "'\(key)' is not in the key schema") }
        let segments = parts.dropFirst().map(String.init)
        func unknown() -> SchemaProblem { SchemaProblem(.unknownKey, "'\(key)' is not in the key schema") }
        switch (segments[0], segments.count) {
        case ("village", 4):
            guard Self.villageFields.contains(segments[3]) else {
                throw SchemaProblem(.unknownKey, "'\(segments[3])' is not a village figure (collective_income, operating_income)")
            }
            return .villageFigure(village: try village(segments[1]), year: try year(segments[2]), field: segments[3])
        case ("project", 3):
            guard Self.isValidID(segments[1]) else { throw SchemaProblem(.unknownKey, "project id '\(segments[1])' is not [a-z0-9_-]{1,64}") }
            guard Self.projectFields.contains(segments[2]) else {
                throw SchemaProblem(.unknownKey, "'\(segments[2])' is not a project field")
            }
            return .projectField(project: segments[1], field: segments[2])
        case ("town", 3):
            let id = segments[2]
            guard catalog.indicator(id)?.compute == .town else {
                throw SchemaProblem(.unknownKey, "'\(id)' is not a figure the town enters (see the catalog)")
            }
            return .townFigure(year: try year(segments[1]), indicator: id)
        case ("target", 3):
            guard catalog.indicator(segments[2]) != nil else {
                throw SchemaProblem(.unknownKey, "'\(segments[2])' is not an indicator of the catalog")
            }
            return .target(year: try year(segments[1]), indicator: segments[2])
        case ("lock", 3):
            return .lock(village: try village(segments[1]), year: try year(segments[2]))
        case ("agent", 3) where segments[2] == "presence":
            return .presence(village: try village(segments[1]))
        case ("indicator", 3):
            guard catalog.indicator(segments[2]) != nil else { throw unknown() }
            return .indicator(year: try year(segments[1]), indicator: segments[2])
        default:
            throw unknown()
        }
    }

    /// Checks a write: the key's shape, and the value unless it is a delete (empty body).
    public func validate(key: String, body: [UInt8]) throws(SchemaProblem) -> KeyKind {
        let kind = try classify(key)
        guard !body.isEmpty else { return kind }
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

    private func village(_ id: String) throws(SchemaProblem) -> String {
        guard villages.contains(id) else { throw SchemaProblem(.invalidValue, "'\(id)' is not a village of the registry") }
        return id
    }

    private func year(_ text: String) throws(SchemaProblem) -> Int {
        guard text.count == 4, let year = Int(text), text.allSatisfy(\.isASCII) else {
            throw SchemaProblem(.unknownKey, "'\(text)' is not a year")
        }
        guard catalog.accepts(year: year) else {
            throw SchemaProblem(.invalidValue, "year \(year) is outside \(catalog.firstYear)...\(catalog.lastYear)")
        }
        return year
    }

    static func describe(_ unit: IndicatorUnit) -> String {
        unit.decimals == 0 ? "a whole number >= 0" : "a number >= 0 with at most \(unit.decimals) decimals"
    }
}
