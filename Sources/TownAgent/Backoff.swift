/// Capped exponential back-off with jitter: after n failures wait
/// `min(cap, initial * 2^n)` scaled by a random factor in [0.5, 1.0].
public struct Backoff: Sendable {
    public let initialMilliseconds: Int
    public let maximumMilliseconds: Int
    public private(set) var failures = 0

    public init(initialMilliseconds: Int, maximumMilliseconds: Int) {
        self.initialMilliseconds = initialMilliseconds
        self.maximumMilliseconds = maximumMilliseconds
    }

    /// Records a failure and returns how long to wait before the next try.
    public mutating func failed<R: RandomNumberGenerator>(using random: inout R) -> Int {
        let exponent = min(failures, 20)
        failures += 1
        let ceiling = min(maximumMilliseconds, initialMilliseconds << exponent)
        return Int(Double(ceiling) * Double.random(in: 0.5...1.0, using: &random))
    }

    public mutating func failed() -> Int {
        var random = SystemRandomNumberGenerator()
        return failed(using: &random)
    }

    public mutating func succeeded() { failures = 0 }
}
