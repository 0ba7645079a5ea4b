/// One indicator of the catalog.
public struct IndicatorDefinition: Codable, Equatable, Sendable {
    public var id: String
    public var nameZh: String
    public var nameEn: String
    public var unit: IndicatorUnit
    public var compute: Computation

    public init(id: String, nameZh: String, nameEn: String, unit: IndicatorUnit, compute: Computation) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.unit = unit
        self.compute = compute
    }

    enum CodingKeys: String, CodingKey {
        case id, unit, compute
        case nameZh = "name_zh"
        case nameEn = "name_en"
    }
}
