/// `ICANHAZ?`: a client asks the snapshot socket for a subtree (two frames).
public struct SnapshotRequest: Equatable, Sendable {
    /// Empty for the whole map, or `/segment/.../` (a slash, segments, a final slash).
    public var subtree: String

    public init(subtree: String = "") { self.subtree = subtree }

    public func encode() -> [[UInt8]] { [Array(CHPCommand.icanhaz.utf8), Array(subtree.utf8)] }

    public static func decode(_ frames: [[UInt8]]) throws(WireError) -> SnapshotRequest {
        guard frames.count == 2 else { throw .wrongFrameCount(expected: 2, got: frames.count) }
        guard frames[0] == Array(CHPCommand.icanhaz.utf8) else {
            throw .unexpectedCommand(String(decoding: frames[0].prefix(32), as: UTF8.self))
        }
        return SnapshotRequest(subtree: try Subtree.validate(frames[1]))
    }
}
