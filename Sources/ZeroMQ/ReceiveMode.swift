/// How a send or receive waits.
public enum ReceiveMode: Sendable {
    /// Wait until a message arrives (or the context shuts down).
    case blocking
    /// Return at once; nil when nothing is waiting.
    case dontWait
}
