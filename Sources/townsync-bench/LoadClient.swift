/// How the load generator speaks to townd (and to the echo ceiling): the same connections,
/// windows and frames either way.
enum LoadClient: String, CaseIterable {
    /// ``ZMTPDealer`` connections polled from one thread (the default: the least CPU taken from
    /// townd on the shared cores).
    case zmtp
    /// One libzmq DEALER and one thread a connection, through the project's ZeroMQ module.
    case libzmq
}
