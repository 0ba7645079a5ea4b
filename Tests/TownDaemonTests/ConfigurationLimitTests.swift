import Testing

@testable import TownDaemon

/// A body limit is a number an operator types: one the daemon cannot hold (values are kept in
/// memory, their length in 32 bits) is refused at start with a sentence, never met at run time.
@Suite struct ConfigurationLimitTests {
    @Test(arguments: [0, -1, DaemonConfiguration.largestBodyLimit + 1, 5_000_000_000])
    func anUnholdableBodyLimitIsRefused(limit: Int) {
        var configuration = DaemonConfiguration()
        configuration.maximumBodyBytes = limit
        #expect(throws: DaemonError.self) { try configuration.validate() }
    }

    @Test(arguments: [1, 64 * 1024, DaemonConfiguration.largestBodyLimit])
    func aHoldableBodyLimitIsAccepted(limit: Int) throws {
        var configuration = DaemonConfiguration()
        configuration.maximumBodyBytes = limit
        try configuration.validate()
    }
}
