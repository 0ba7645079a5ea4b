/// How an indicator's value for a year is obtained.
public enum Computation: Equatable, Sendable {
    /// Entered by the town itself as `/town/<year>/<id>`.
    case town
    /// Sum of `/village/*/<year>/<field>` over the registry's villages.
    case sumVillages(field: String)
    /// Growth of that sum against the previous year, over the villages that reported both years.
    case growthVillages(field: String)
    /// How many villages reported `field` at or above `threshold` for the year.
    case countVillagesAtLeast(field: String, threshold: Int64)
    /// Sum of `/project/*/<field>` over all registered projects (published for the catalog's
    /// project year: the key schema gives projects no year).
    case sumProjects(field: String)
    /// A town figure over its target for the same year, in percent.
    case ratioToTarget(figure: String)
    /// Growth of a town figure against the previous year, in percent.
    case growthTown(figure: String)

    /// The village fields it reads, if any.
    var villageField: String? {
        switch self {
        case .sumVillages(let field), .growthVillages(let field), .countVillagesAtLeast(let field, _): return field
        default: return nil
        }
    }
}

extension Computation: Codable {
    enum CodingKeys: String, CodingKey { case kind, field, threshold, figure }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "town": self = .town
        case "sum_villages": self = .sumVillages(field: try container.decode(String.self, forKey: .field))
        case "growth_villages": self = .growthVillages(field: try container.decode(String.self, forKey: .field))
        case "count_villages_at_least":
            self = .countVillagesAtLeast(
                field: try container.decode(String.self, forKey: .field),
                threshold: try container.decode(Int64.self, forKey: .threshold))
        case "sum_projects": self = .sumProjects(field: try container.decode(String.self, forKey: .field))
        case "ratio_to_target": self = .ratioToTarget(figure: try container.decode(String.self, forKey: .figure))
        case "growth_town": self = .growthTown(figure: try container.decode(String.self, forKey: .figure))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown computation kind '\(kind)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .town: try container.encode("town", forKey: .kind)
        case .sumVillages(let field):
            try container.encode("sum_villages", forKey: .kind)
            try container.encode(field, forKey: .field)
        case .growthVillages(let field):
            try container.encode("growth_villages", forKey: .kind)
            try container.encode(field, forKey: .field)
        case .countVillagesAtLeast(let field, let threshold):
            try container.encode("count_villages_at_least", forKey: .kind)
            try container.encode(field, forKey: .field)
            try container.encode(threshold, forKey: .threshold)
        case .sumProjects(let field):
            try container.encode("sum_projects", forKey: .kind)
            try container.encode(field, forKey: .field)
        case .ratioToTarget(let figure):
            try container.encode("ratio_to_target", forKey: .kind)
            try container.encode(figure, forKey: .figure)
        case .growthTown(let figure):
            try container.encode("growth_town", forKey: .kind)
            try container.encode(figure, forKey: .figure)
        }
    }
}
