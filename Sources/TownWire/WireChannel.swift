/// Which socket (and direction) frames came from, which fixes how they are decoded.
public enum WireChannel: String, Sendable, CaseIterable {
    /// Client to snapshot socket (P): `ICANHAZ?`.
    case snapshotRequest
    /// Snapshot socket to client: `KVSYNC`, `KTHXBAI`.
    case snapshotReply
    /// Publisher (P+1) to subscriber: `KVPUB`, `HUGZ`.
    case update
    /// Client to collector (P+2): `KVSET`.
    case collector
    /// Client to submit socket (P+3): stamped `KVSET`.
    case submitRequest
    /// Submit socket to client: the reply.
    case submitReply
    /// Events socket (P+4): `[kind, json]`.
    case event
}
