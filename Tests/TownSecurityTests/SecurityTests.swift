import Foundation
import Logging
import Testing
@testable import TownDaemon
import TownAdmin
import TownClient
import TownMerge
import TownTesting
import TownWire
import ZeroMQ

/// CURVE on every socket, ZAP identities, per-village authorization, revocation.
@Suite struct SecurityTests {
    let directory = Executables.temporaryDirectory()
    let port = PortAllocator.basePort()
    let keys: KeyDirectory

    init() throws {
        keys = KeyDirectory(path: directory + "/keys")
        try keys.initialize()
    }

    func issue(_ principal: String) throws -> ClientSecurity {
        let pair = try keys.issue(principal: principal, prefix: directory + "/" + principal.replacingOccurrences(of: ":", with: "-"))
        return ClientSecurity(serverPublicKey: try KeyFile.read(keys.serverPublicPath), keyPair: pair)
    }

    func daemon(bindsZAPHandler: Bool = true) throws -> Daemon {
        var configuration = DaemonConfiguration()
        configuration.dataDirectory = directory + "/town"
        configuration.basePort = port
        configuration.keysDirectory = keys.path
        return try Daemon(configuration: configuration, logger: Logger(label: "security-test"), bindsZAPHandler: bindsZAPHandler)
    }

    func submit(_ security: ClientSecurity?, origin: String, _ key: String, _ value: String, timeout: Int = 3000) throws -> SubmitReply? {
        let client = try SubmitClient(context: try ZMQContext(), endpoint: "tcp://127.0.0.1:\(port + 3)", security: security)
        var clock = HybridLogicalClock(origin: origin)
        let request = SubmitRequest(key: key, uuid: (0..<16).map { _ in .random(in: 0...255) }, stamp: try clock.now(), body: Array(value.utf8))
        return try client.submit([request], timeoutMilliseconds: timeout)[request.uuid]
    }

    func events(_ daemon: Daemon) throws -> [[String: Any]] {
        daemon.eventLog.flush()
        return try String(contentsOfFile: directory + "/town/events.jsonl", encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    @Test func withoutAZAPHandlerTowndRefusesToStart() throws {
        _ = try issue("admin")
        let error = #expect(throws: DaemonError.self) { try daemon(bindsZAPHandler: false) }
        #expect(error?.description.contains("no ZAP handler") == true, "\(String(describing: error))")
    }

    @Test func principalsComeFromKeysAndTheTableIsEnforced() throws {
        let luli = try issue("village:luli")
        let zhangzhai = try issue("village:zhangzhai")
        let admin = try issue("admin")
        let reader = try issue("reader")
        let town = try daemon()
        defer { town.stop() }

        // Unknown keys are refused at the handshake and logged with the peer address.
        let stranger = ClientSecurity(serverPublicKey: luli.serverPublicKey, keyPair: try CurveKeyPair.generate())
        #expect(try submit(stranger, origin: "admin", "/town/2023/hq_return_enterprises", "4", timeout: 700) == nil)
        let denied = try events(town).filter { $0["kind"] as? String == "auth.denied" && $0["key"] as? String == stranger.keyPair.publicKey }
        #expect(denied.first?["peer"] as? String == "127.0.0.1")
        // Plaintext clients get nothing either.
        #expect(try submit(nil, origin: "admin", "/town/2023/hq_return_enterprises", "4", timeout: 700) == nil)

        #expect(try submit(luli, origin: "village:luli", "/village/luli/2023/collective_income", "1800000")?.status == .applied)
        let other = try submit(luli, origin: "village:luli", "/village/zhangzhai/2023/collective_income", "1")
        #expect(other?.status == .rejected && other?.reason == .unauthorized)
        let lying = try submit(luli, origin: "village:zhangzhai", "/village/zhangzhai/2023/collective_income", "1")
        #expect(lying?.reason == .unauthorized && lying?.detail?.contains("not the authenticated") == true)
        let asAdmin = try submit(reader, origin: "reader", "/town/2023/hq_return_enterprises", "4")
        #expect(asAdmin?.reason == .unauthorized)
        #expect(try submit(admin, origin: "admin", "/project/hall-xuenei/village", "xuenei")?.status == .applied)
        #expect(try submit(admin, origin: "admin", "/village/luli/2023/operating_income", "1380000")?.status == .applied)
        let wrongVillage = try submit(zhangzhai, origin: "village:zhangzhai", "/project/hall-xuenei/progress", "50")
        #expect(wrongVillage?.reason == .unauthorized && wrongVillage?.detail?.contains("belongs to xuenei") == true)

        // A reader's collector writes are dropped and logged.
        let publisher = try ZMQContext().socket(.pub)
        try publisher.setCurveClient(serverKey: reader.serverPublicKey, keyPair: reader.keyPair)
        try publisher.connect("tcp://127.0.0.1:\(port + 2)")
        Thread.sleep(forTimeInterval: 0.5)
        try publisher.send(KVMessage(key: "/town/2023/hq_return_enterprises", body: Array("9".utf8)).encode())
        Thread.sleep(forTimeInterval: 0.5)
        let readerRejected = try events(town).contains {
            $0["kind"] as? String == "submit.rejected" && $0["principal"] as? String == "reader" && $0["channel"] as? String == "collector"
        }
        #expect(readerRejected)
        // The reader can still read.
        let snapshot = try SnapshotClient(context: try ZMQContext(), endpoint: "tcp://127.0.0.1:\(port)", security: reader).fetch()
        #expect(snapshot.text("/village/luli/2023/collective_income") == "1800000")
        #expect(snapshot.values["/town/2023/hq_return_enterprises"] == nil)
    }

    @Test func aRevokedKeyIsRefusedAfterReload() throws {
        let luli = try issue("village:luli")
        let town = try daemon()
        defer { town.stop() }
        #expect(try submit(luli, origin: "village:luli", "/village/luli/2023/collective_income", "1")?.status == .applied)
        #expect(try keys.revoke("village:luli") == 1)
        town.reloadKeys()
        Thread.sleep(forTimeInterval: 0.3)
        // New connections are refused at the handshake...
        #expect(try submit(luli, origin: "village:luli", "/village/luli/2023/collective_income", "2", timeout: 700) == nil)
        #expect(try events(town).contains { $0["kind"] as? String == "keys.reloaded" })
    }

    @Test func sighupReloadsTheKeysOfTheRealDaemon() throws {
        let luli = try issue("village:luli")
        let townd = try Executables.start(
            "townd", ["--data-dir", directory + "/town", "--base-port", String(port), "--keys-dir", keys.path],
            outputPath: directory + "/townd.log")
        defer { _ = Executables.stop(townd) }
        var applied = false
        let deadline = Date().addingTimeInterval(15)
        while !applied && Date() < deadline {
            applied = try submit(luli, origin: "village:luli", "/village/luli/2023/collective_income", "1", timeout: 500)?.status == .applied
        }
        #expect(applied)
        _ = try keys.revoke("village:luli")
        kill(townd.processIdentifier, SIGHUP)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try submit(luli, origin: "village:luli", "/village/luli/2023/collective_income", "2", timeout: 700) == nil)
        #expect(townd.isRunning)
        let log = try String(contentsOfFile: directory + "/town/events.jsonl", encoding: .utf8)
        #expect(log.contains("\"kind\":\"keys.reloaded\""))
    }

    @Test func anOpenConnectionLosesItsRightsWhenItsKeyIsRevoked() throws {
        let luli = try issue("village:luli")
        let town = try daemon()
        defer { town.stop() }
        let client = try SubmitClient(context: try ZMQContext(), endpoint: "tcp://127.0.0.1:\(port + 3)", security: luli)
        var clock = HybridLogicalClock(origin: "village:luli")
        func send(_ value: String) throws -> SubmitReply {
            try client.submit(SubmitRequest(key: "/village/luli/2023/collective_income", uuid: (0..<16).map { _ in .random(in: 0...255) }, stamp: try clock.now(), body: Array(value.utf8)))
        }
        #expect(try send("1").status == .applied)
        _ = try keys.revoke("village:luli")
        town.reloadKeys()
        Thread.sleep(forTimeInterval: 0.3)
        let after = try send("2")
        #expect(after.status == .rejected && after.reason == .unauthorized)
    }

    @Test func figuresAreNotPlaintextOnTheWire() throws {
        let luli = try issue("village:luli")
        let town = try daemon()
        defer { town.stop() }
        let proxy = try CapturingProxy(targetPort: port + 3)
        defer { proxy.stop() }
        let client = try SubmitClient(context: try ZMQContext(), endpoint: "tcp://127.0.0.1:\(proxy.port)", security: luli)
        var clock = HybridLogicalClock(origin: "village:luli")
        let figure = "2150000"
        let reply = try client.submit(SubmitRequest(key: "/village/luli/2023/collective_income", uuid: (0..<16).map { _ in .random(in: 0...255) }, stamp: try clock.now(), body: Array(figure.utf8)))
        #expect(reply.status == .applied)
        let captured = proxy.bytes
        #expect(captured.count > 200)
        #expect(!captured.contains(subsequence: Array(figure.utf8)))
        #expect(!captured.contains(subsequence: Array("/village/luli".utf8)))
        #expect(captured.contains(subsequence: Array("CURVE".utf8)))  // the handshake names its mechanism
    }

    @Test func keyFilesAreWrittenPrivately() throws {
        _ = try issue("village:luli")
        var info = stat()
        stat(keys.serverSecretPath, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        stat(directory + "/village-luli.secret", &info)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try keys.clients().map(\.principal) == ["village:luli"])
        #expect(throws: AdminError.self) { try keys.initialize() }
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard subsequence.count <= count else { return false }
        return (0...(count - subsequence.count)).contains { self[$0..<($0 + subsequence.count)].elementsEqual(subsequence) }
    }
}
