import Testing

@testable import TownDaemon

/// glibc takes the fast-bin width townd sets as it starts (a width glibc refuses would leave the
/// socket loop and ZeroMQ's I/O thread waiting on each other's malloc lock again).
@Suite struct MallocFastBinsTests {
    @Test func glibcTakesTheWidth() {
        #if canImport(Glibc)
            #expect(MallocFastBins.widen())
        #endif
    }
}
