import Testing
import ZeroMQ

@Suite struct PubSubTests {
    @Test func prefixFilterDeliversOnlyMatchingKeys() throws {
        let context = try ZMQContext()
        let publisher = try context.socket(.pub)
        let endpoint = try bindLoopback(publisher)
        let subscriber = try context.socket(.sub)
        try subscriber.subscribe("/village/luli/")
        try subscriber.subscribe("HUGZ")
        try subscriber.connect(endpoint)

        // A subscription takes a moment to reach the publisher: send HUGZ until one arrives.
        var joined = false
        for _ in 0..<100 where !joined {
            try publisher.send([bytes("HUGZ"), [0, 0, 0, 0, 0, 0, 0, 0]])
            joined = try subscriber.receive(timeoutMilliseconds: 20) != nil
        }
        try #require(joined, "subscription never reached the publisher")
        while try subscriber.receive(mode: .dontWait) != nil {}

        try publisher.send([bytes("/village/zhangzhai/2023/collective_income"), bytes("1")])
        try publisher.send([bytes("/village/luli/2023/collective_income"), bytes("2")])
        try publisher.send([bytes("/village/luliX/2023/collective_income"), bytes("3")])

        let first = try expectMessage(on: subscriber)
        #expect(first.frames == [bytes("/village/luli/2023/collective_income"), bytes("2")])
        #expect(try subscriber.receive(timeoutMilliseconds: 100) == nil)

        try subscriber.unsubscribe(bytes("/village/luli/"))
        try subscriber.subscribe("/village/zhangzhai/")
        var delivered: ReceivedMessage?
        for _ in 0..<100 where delivered == nil {
            try publisher.send([bytes("/village/zhangzhai/2023/operating_income"), bytes("4")])
            delivered = try subscriber.receive(timeoutMilliseconds: 20)
        }
        #expect(delivered?.frames.first == bytes("/village/zhangzhai/2023/operating_income"))
    }
}
