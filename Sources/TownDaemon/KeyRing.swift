import Foundation
import TownClient
import ZeroMQ

/// The CURVE keys of a town: the server's pair and the authorized clients, from a keys directory:
///
/// - `server.secret` (mode 0600) and `server.public`: one Z85 key each;
/// - `clients`: one client per line, `<public key> <principal>`; a line starting with `#` is a
///   comment (a key may itself hold `#`); principals are
///   `admin`, `reader` or `village:<vid>`.
///
/// `townctl keys` writes these files; townd reads them at start and again on SIGHUP.
public struct KeyRing: Sendable, Equatable {
    public let serverKeyPair: CurveKeyPair
    /// client public key (Z85) -> principal
    public let clients: [String: String]
    /// Files whose permissions let others read them (warned about at start).
    public let looseFiles: [String]

    public static func load(directory: String) throws(DaemonError) -> KeyRing {
        let secretPath = directory + "/server.secret"
        let secret: String
        do {
            secret = try KeyFile.read(secretPath)
        } catch {
            throw .security("\(error) (create the keys with `townctl keys init --keys-dir \(directory)`)")
        }
        let pair: CurveKeyPair
        do { pair = try CurveKeyPair.fromSecretKey(secret) } catch { throw .security("\(secretPath): \(error)") }
        let clients = try loadClients(directory + "/clients")
        // The secret must be private; the clients list (public keys) must not be writable by others.
        let loose = [secretPath].filter { isLoose($0, mask: 0o077) } + [directory + "/clients"].filter { isLoose($0, mask: 0o022) }
        return KeyRing(serverKeyPair: pair, clients: clients, looseFiles: loose)
    }

    static func loadClients(_ path: String) throws(DaemonError) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        guard let text = String(data: data, encoding: .utf8) else { throw .security("\(path) is not UTF-8") }
        var clients: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // Z85 keys may hold '#': only a line that starts with it is a comment.
            let fields = raw.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if fields.isEmpty || fields[0].hasPrefix("#") { continue }
            guard fields.count == 2, (try? Z85.decodeKey(fields[0])) != nil else {
                throw .security("\(path):\(index + 1): expected '<40-character public key> <principal>'")
            }
            let principal = Principal(fields[1])
            if case .other = principal { throw .security("\(path):\(index + 1): '\(fields[1])' is not admin, reader or village:<vid>") }
            if case .daemon = principal { throw .security("\(path):\(index + 1): 'townd' cannot be a client") }
            clients[fields[0]] = fields[1]
        }
        return clients
    }

    /// Whether a file's mode has any of the `mask` bits.
    static func isLoose(_ path: String, mask: mode_t) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & mask) != 0
    }

    /// The principal of a client key, if it is authorized.
    public func principal(forKey key: String) -> String? { clients[key] }
}
