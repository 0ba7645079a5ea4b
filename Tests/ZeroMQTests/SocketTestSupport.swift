import Testing
import ZeroMQ

/// Receives a message or records a failure after `milliseconds` (bounded: tests never hang).
func expectMessage(
    on socket: Socket, within milliseconds: Int = 3000, sourceLocation: SourceLocation = #_sourceLocation
) throws -> ReceivedMessage {
    let message = try socket.receive(timeoutMilliseconds: milliseconds)
    return try #require(message, "no message within \(milliseconds) ms", sourceLocation: sourceLocation)
}

/// Binds to a free loopback port and returns the endpoint a peer should connect to.
func bindLoopback(_ socket: Socket) throws -> String {
    try socket.bind("tcp://127.0.0.1:*")
    return try socket.lastEndpoint()
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
