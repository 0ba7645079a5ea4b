/// What a key means in the town indicator model.
public enum KeyKind: Equatable, Sendable {
    case villageFigure(village: String, year: Int, field: String)
    case projectField(project: String, field: String)
    case townFigure(year: Int, indicator: String)
    case target(year: Int, indicator: String)
    case lock(village: String, year: Int)
    case presence(village: String)
    case indicator(year: Int, indicator: String)
}
