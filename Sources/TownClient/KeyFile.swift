import Foundation
import ZeroMQ

/// CURVE key files: one 40-character Z85 key on a line; `#` lines are comments.
public enum KeyFile {
    public static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw KeyFileError("cannot read key file \(path)")
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let key = lines.first(where: { !$0.isEmpty && !$0.hasPrefix("#") }) else {
            throw KeyFileError("\(path) holds no key")
        }
        guard (try? Z85.decodeKey(key)) != nil else {
            throw KeyFileError("\(path) does not hold a 40-character Z85 CURVE key")
        }
        return key
    }

    /// Client security from a server public key file and this client's secret key file; nil when
    /// neither is given (plaintext, loopback development).
    public static func clientSecurity(serverKeyPath: String?, secretKeyPath: String?) throws -> ClientSecurity? {
        switch (serverKeyPath, secretKeyPath) {
        case (nil, nil): return nil
        case (let server?, let secret?):
            return ClientSecurity(
                serverPublicKey: try read(server), keyPair: try CurveKeyPair.fromSecretKey(try read(secret)))
        default:
            throw KeyFileError("CURVE needs both the town's public key file and this client's secret key file")
        }
    }
}

/// A key file that cannot be used, with the reason.
public struct KeyFileError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
