import Testing
import ZeroMQ

@Suite struct MultipartTests {
    @Test(arguments: ["inproc", "tcp"])
    func fiveFramesWithEmptyAndMegabyteFrames(transport: String) throws {
        let context = try ZMQContext()
        let pull = try context.socket(.pull)
        let endpoint: String
        if transport == "inproc" {
            endpoint = "inproc://multipart"
            try pull.bind(endpoint)
        } else {
            endpoint = try bindLoopback(pull)
        }
        let push = try context.socket(.push)
        try push.connect(endpoint)

        let megabyte = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let frames: [[UInt8]] = [bytes("/village/luli/2023/note"), [0, 0, 0, 0, 0, 0, 0, 1], [], bytes("a=b\n"), megabyte]
        try push.send(frames)
        try push.send([[], [], [], [], []])

        let received = try expectMessage(on: pull)
        #expect(received.frames.count == 5)
        #expect(received.frames[2].isEmpty)
        #expect(received.frames[4].count == 1 << 20)
        #expect(received.frames == frames)

        let empties = try expectMessage(on: pull)
        #expect(empties.frames == [[], [], [], [], []])
    }

    @Test func frameByFrameReceiveReportsMore() throws {
        let context = try ZMQContext()
        let pull = try context.socket(.pull)
        try pull.bind("inproc://frames")
        let push = try context.socket(.push)
        try push.connect("inproc://frames")
        try push.send([bytes("one"), bytes("two")])

        var frame = Frame()
        #expect(try pull.receive(into: &frame))
        let firstBytes = frame.bytes
        let firstMore = frame.hasMore
        #expect(firstBytes == bytes("one"))
        #expect(firstMore)
        var second = Frame()
        #expect(try pull.receive(into: &second))
        let secondBytes = second.bytes
        let secondMore = second.hasMore
        let secondCount = second.count
        #expect(secondBytes == bytes("two"))
        #expect(!secondMore)
        #expect(secondCount == 3)
    }
}
