/// A cross-field rule that the current figures break. Reported, never rejected: the figures may
/// be right and the rule may need a person's look.
public struct Violation: Hashable, Sendable {
    /// The rule's id, e.g. `operating_above_collective`.
    public var rule: String
    /// What the rule is about: `/village/<vid>/<year>/` or `/project/<pid>/`.
    public var subject: String
    public var village: String?
    /// A sentence for people.
    public var detail: String

    public init(rule: String, subject: String, village: String?, detail: String) {
        self.rule = rule
        self.subject = subject
        self.village = village
        self.detail = detail
    }
}
