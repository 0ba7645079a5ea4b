/// A point in time a bounded wait must not pass.
struct Deadline {
    let end: ContinuousClock.Instant

    init(milliseconds: Int) { end = ContinuousClock.now.advanced(by: .milliseconds(milliseconds)) }

    /// Milliseconds left (0 when past).
    var remainingMilliseconds: Int {
        let left = ContinuousClock.now.duration(to: end)
        guard left > .zero else { return 0 }
        let parts = left.components
        return Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000) + 1
    }

    var hasPassed: Bool { ContinuousClock.now >= end }
}
