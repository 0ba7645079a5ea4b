/// One indicator in one year: `/indicator/<year>/<id>`.
public struct IndicatorRef: Hashable, Sendable, Comparable {
    public var year: Int
    public var id: String

    public init(year: Int, id: String) {
        self.year = year
        self.id = id
    }

    public var key: String { "/indicator/\(year)/\(id)" }

    public static func < (lhs: IndicatorRef, rhs: IndicatorRef) -> Bool { (lhs.year, lhs.id) < (rhs.year, rhs.id) }
}
