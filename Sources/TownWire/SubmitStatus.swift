/// The outcome of a submit, as the reply's `status` property says it.
public enum SubmitStatus: String, Sendable, CaseIterable {
    case applied, duplicate, superseded, rejected
}
