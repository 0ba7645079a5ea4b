/// Who is writing: established by CURVE/ZAP (`User-Id`) or, without keys, by the declared origin.
public enum Principal: Hashable, Sendable, CustomStringConvertible {
    case admin
    case reader
    /// The daemon itself (expiries, derived indicators).
    case daemon
    case village(String)
    /// Anything else: may write nothing.
    case other(String)

    public init(_ text: String) {
        switch text {
        case "admin": self = .admin
        case "reader": self = .reader
        case "townd": self = .daemon
        default:
            // On the bytes: every submit is parsed here, and `hasPrefix`/`count` on a String walk
            // its characters (1.4% of the socket loop's time).
            let utf8 = text.utf8
            if utf8.count > 8, utf8.starts(with: "village:".utf8) {
                self = .village(String(decoding: utf8.dropFirst(8), as: UTF8.self))
            } else {
                self = .other(text)
            }
        }
    }

    public var description: String {
        switch self {
        case .admin: return "admin"
        case .reader: return "reader"
        case .daemon: return "townd"
        case .village(let id): return "village:\(id)"
        case .other(let text): return text
        }
    }

    /// The village id for a village principal.
    public var villageID: String? {
        if case .village(let id) = self { return id }
        return nil
    }
}
