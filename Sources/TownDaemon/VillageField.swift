/// A village figure's field and year (the indicators a village figure touches depend on these
/// alone).
struct VillageField: Hashable, Sendable {
    let field: String
    let year: Int

    /// The year and the field's length: the schema's two village fields differ in length, so this
    /// tells them apart without hashing the name (every village figure written is inserted into
    /// a batch's set of these). Equality still compares the names.
    func hash(into hasher: inout Hasher) {
        hasher.combine(year &* 64 &+ field.utf8.count)
    }
}
