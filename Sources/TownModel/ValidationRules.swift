/// The cross-field rules (DHIS2 calls them validation rules):
///
/// - `operating_above_collective`: a village's operating income above its collective income;
/// - `completed_above_planned`: a project's completed investment above its planned investment;
/// - `progress_100_not_completed`: progress 100 while the status is neither completed nor in use.
public struct ValidationRules: Sendable {
    public let schema: KeySchema

    public init(schema: KeySchema) { self.schema = schema }

    /// The subject a key's rules are about, if any rule reads that key.
    public static func subject(of kind: KeyKind) -> String? {
        switch kind {
        case .villageFigure(let village, let year, _): return "/village/\(village)/\(year)/"
        case .projectField(let project, let field) where ["investment_completed", "investment_planned", "progress", "status"].contains(field):
            return "/project/\(project)/"
        default: return nil
        }
    }

    /// The violations of one subject, reading current values through `text`.
    public func violations(subject: String, text: (String) -> String?) -> [Violation] {
        let parts = subject.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { return [] }
        if parts[0] == "village", parts.count == 3 {
            guard let operating = text(subject + KeySchema.operatingIncome).flatMap({ Int64($0) }),
                let collective = text(subject + KeySchema.collectiveIncome).flatMap({ Int64($0) }), operating > collective
            else { return [] }
            return [operatingAboveCollective(village: parts[1], year: parts[2], operating: operating, collective: collective)]
        }
        guard parts[0] == "project" else { return [] }
        var found: [Violation] = []
        let village = text(subject + "village")
        if let completed = text(subject + "investment_completed").flatMap({ Int64($0) }),
            let planned = text(subject + "investment_planned").flatMap({ Int64($0) }), completed > planned
        {
            found.append(
                Violation(
                    rule: "completed_above_planned", subject: subject, village: village,
                    detail: "project \(parts[1]): completed investment \(completed) is above planned \(planned)"))
        }
        if text(subject + "progress") == "100" {
            let status = text(subject + "status")
            if !(status.flatMap(ProjectStatus.init(rawValue:))?.isFinished ?? false) {
                found.append(
                    Violation(
                        rule: "progress_100_not_completed", subject: subject, village: village,
                        detail: "project \(parts[1]): progress is 100 but status is \(status ?? "not set")"))
            }
        }
        return found
    }

    /// The `operating_above_collective` violation of one village and year.
    public func operatingAboveCollective(village: String, year: String, operating: Int64, collective: Int64) -> Violation {
        Violation(
            rule: "operating_above_collective", subject: "/village/\(village)/\(year)/", village: village,
            detail: "\(schema.villages.name(village)) \(year): operating income \(operating) is above collective income \(collective)")
    }

    /// Every violation in a whole map of values (key -> text), for listing.
    public func all(values: [String: String]) -> [Violation] {
        var subjects: Set<String> = []
        for key in values.keys {
            if let kind = try? schema.classify(key), let subject = Self.subject(of: kind) { subjects.insert(subject) }
        }
        return subjects.sorted().flatMap { violations(subject: $0, text: { values[$0] }) }
    }
}
