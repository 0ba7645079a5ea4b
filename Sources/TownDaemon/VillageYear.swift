import TownModel

/// A village (by its position in the registry) and a year: what the village figure rule is about,
/// without building the subject's text for every write.
struct VillageYear: Hashable, Sendable {
    let position: Int32
    let year: Int32

    init(position: Int, year: Int) {
        self.position = Int32(position)
        self.year = Int32(truncatingIfNeeded: year)
    }

    /// Parses a village rule subject, `/village/<vid>/<year>/`; nil for any other subject.
    init?(subject: String, registry: VillageRegistry) {
        let parts = subject.split(separator: "/")
        guard parts.count == 3, parts[0] == "village", let position = registry.position(of: String(parts[1])),
            let year = Int(parts[2])
        else { return nil }
        self.init(position: position, year: year)
    }

    /// The rule subject's text.
    func subject(registry: VillageRegistry) -> String {
        "/village/\(registry.villages[Int(position)].id)/\(year)/"
    }
}
