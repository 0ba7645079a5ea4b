/// What a load sends: the workload's submits, connection c writing its own keys, request n
/// carrying the figure `value(n)` (fan-out sends its send time instead).
struct LoadRequests: Sendable {
    let workload: Workload
    let connections: Int
    var keepingTheRule = true
    let value: @Sendable (_ n: Int) -> UInt64

    /// Request `n` of a connection as frames (the libzmq clients send these).
    func frames(connection: Int, n: Int) -> [[UInt8]] {
        workload.submit(
            connection: connection, connections: connections, n: n,
            uuid: PipelinedLoad.uuid(request: n, connection: connection), value: value(n),
            keepingTheRule: keepingTheRule)
    }

    /// The same request framed for the wire straight into `bytes` (the ZMTP client).
    func append(connection: Int, n: Int, to bytes: inout [UInt8]) {
        workload.appendSubmit(
            connection: connection, connections: connections, n: n, value: value(n), keepingTheRule: keepingTheRule,
            to: &bytes)
    }
}
