/// A village figure's field and year (the indicators a village figure touches depend on these
/// alone).
struct VillageField: Hashable, Sendable {
    let field: String
    let year: Int
}
