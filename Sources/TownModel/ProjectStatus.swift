/// A project's state, as `/project/<pid>/status` holds it.
public enum ProjectStatus: String, CaseIterable, Sendable {
    case planned, underConstruction = "under_construction", mainStructureDone = "main_structure_done", completed
    case inUse = "in_use", suspended

    /// Whether the work is finished (progress 100 is expected).
    public var isFinished: Bool { self == .completed || self == .inUse }
}
