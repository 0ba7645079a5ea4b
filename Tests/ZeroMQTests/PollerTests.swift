import Testing
import ZeroMQ

@Suite struct PollerTests {
    @Test func timesOutWhenNothingArrives() throws {
        let context = try ZMQContext()
        let a = try context.socket(.pull)
        try a.bind("inproc://poll-a")
        let poller = Poller()
        poller.add(a)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try poller.poll(timeoutMilliseconds: 50) == 0)
        #expect(clock.now - started >= .milliseconds(40))
        #expect(!poller.isReadable(0))
        #expect(try a.receive(timeoutMilliseconds: 10) == nil)
    }

    @Test func reportsWhichSocketIsReadable() throws {
        let context = try ZMQContext()
        let a = try context.socket(.pull)
        try a.bind("inproc://poll-1")
        let b = try context.socket(.pull)
        try b.bind("inproc://poll-2")
        let pushB = try context.socket(.push)
        try pushB.connect("inproc://poll-2")
        try pushB.send([bytes("hello")])

        let poller = Poller()
        let ia = poller.add(a)
        let ib = poller.add(b)
        #expect(try poller.poll(timeoutMilliseconds: 2000) == 1)
        #expect(!poller.isReadable(ia))
        #expect(poller.isReadable(ib))
        #expect(try b.receive(mode: .dontWait)?.frames == [bytes("hello")])
    }

    @Test func writableEventsAreReported() throws {
        let context = try ZMQContext()
        let pull = try context.socket(.pull)
        try pull.bind("inproc://poll-w")
        let push = try context.socket(.push)
        try push.connect("inproc://poll-w")
        let poller = Poller()
        poller.add(push, events: .writable)
        #expect(try poller.poll(timeoutMilliseconds: 1000) == 1)
        #expect(poller.events(at: 0).contains(.writable))
        #expect(try push.pendingEvents().contains(.writable))
    }
}
