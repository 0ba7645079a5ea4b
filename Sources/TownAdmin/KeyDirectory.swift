import Foundation
import ZeroMQ

/// Writes and edits a townd keys directory (`server.secret`, `server.public`, `clients`).
/// Secret key files are mode 0600; every file is written whole to a temporary file, synced and
/// renamed, so a crash never leaves half a key.
public struct KeyDirectory: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public var serverSecretPath: String { path + "/server.secret" }
    public var serverPublicPath: String { path + "/server.public" }
    public var clientsPath: String { path + "/clients" }

    /// Creates the server's key pair (refuses to replace one unless `force`).
    @discardableResult
    public func initialize(force: Bool = false) throws -> CurveKeyPair {
        if FileManager.default.fileExists(atPath: serverSecretPath) && !force {
            throw AdminError.input("\(serverSecretPath) exists; the server key is kept (use --force to replace it, and re-key every client)")
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let pair = try CurveKeyPair.generate()
        try Self.writeAtomically(serverSecretPath, "# townd CURVE secret key: keep private\n\(pair.secretKey)\n", mode: 0o600)
        try Self.writeAtomically(serverPublicPath, "# townd CURVE public key: give to every client\n\(pair.publicKey)\n", mode: 0o644)
        if !FileManager.default.fileExists(atPath: clientsPath) {
            try Self.writeAtomically(clientsPath, "# <client public key> <principal: admin | reader | village:<vid>>\n", mode: 0o640)
        }
        return pair
    }

    /// The authorized clients, in file order: (public key, principal).
    public func clients() throws -> [(key: String, principal: String)] {
        guard let text = try? String(contentsOfFile: clientsPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = Self.fields(line)
            return fields.count == 2 ? (fields[0], fields[1]) : nil
        }
    }

    /// Issues a key pair for a principal: writes `<prefix>.secret` (0600) and `<prefix>.public`,
    /// and authorizes the public key.
    public func issue(principal: String, prefix: String) throws -> CurveKeyPair {
        guard principal == "admin" || principal == "reader" || (principal.hasPrefix("village:") && principal.count > 8) else {
            throw AdminError.input("'\(principal)' is not admin, reader or village:<vid>")
        }
        guard FileManager.default.fileExists(atPath: serverPublicPath) else {
            throw AdminError.input("no server key in \(path): run `townctl keys init --keys-dir \(path)` first")
        }
        let pair = try CurveKeyPair.generate()
        let directory = (prefix as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        try Self.writeAtomically(prefix + ".secret", "# CURVE secret key of \(principal): keep private\n\(pair.secretKey)\n", mode: 0o600)
        try Self.writeAtomically(prefix + ".public", "# CURVE public key of \(principal)\n\(pair.publicKey)\n", mode: 0o644)
        let existing = (try? String(contentsOfFile: clientsPath, encoding: .utf8)) ?? ""
        try Self.writeAtomically(clientsPath, existing + (existing.hasSuffix("\n") || existing.isEmpty ? "" : "\n") + "\(pair.publicKey) \(principal)\n", mode: 0o640)
        return pair
    }

    /// Removes every key of a principal (or one key); returns how many were removed.
    public func revoke(_ principalOrKey: String) throws -> Int {
        let text = (try? String(contentsOfFile: clientsPath, encoding: .utf8)) ?? ""
        var removed = 0
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let fields = Self.fields(line)
            if fields.count == 2 && (fields[0] == principalOrKey || fields[1] == principalOrKey) {
                removed += 1
                return false
            }
            return true
        }
        guard removed > 0 else { throw AdminError.notFound("no key of '\(principalOrKey)' in \(clientsPath)") }
        try Self.writeAtomically(clientsPath, kept.joined(separator: "\n"), mode: 0o640)
        return removed
    }

    /// A clients line's fields; a line starting with `#` is a comment (Z85 keys may hold `#`).
    static func fields(_ line: Substring) -> [String] {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        return fields.first?.hasPrefix("#") == true ? [] : fields
    }

    /// Writes a whole file: temporary file with `mode`, fsync, rename over the target.
    static func writeAtomically(_ path: String, _ text: String, mode: mode_t) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw AdminError.input("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        fchmod(fd, mode)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw AdminError.input("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
