/// The load generator's view of a submit reply: as cheap as the echo ceiling's (the uuid frame),
/// plus a check that the properties start with `status=applied`. Decoding every reply in full
/// would spend the clients' CPU, which shares the 2 cores with townd, and understate townd.
enum ReplyCheck {
    static let applied = Array("status=applied\n".utf8)

    @Sendable static func appliedUUID(_ frames: [[UInt8]]) -> [UInt8]? {
        guard frames.count == 5, frames[2].count == 16, frames[3].starts(with: applied) else { return nil }
        return frames[2]
    }
}
