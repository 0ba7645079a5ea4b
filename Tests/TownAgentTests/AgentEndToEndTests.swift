import Foundation
import Testing
import TownAgent
import TownClient
import TownMerge
import TownStore
import TownTesting
import TownWire
import ZeroMQ

/// The real `townd` and `village-agent` executables over loopback.
@Suite(.serialized) struct AgentEndToEndTests {
    let directory = Executables.temporaryDirectory()
    let port = PortAllocator.basePort()

    func agent(_ command: [String], state: String, village: String = "luli", extra: [String] = []) throws -> (status: Int32, output: String) {
        try Executables.run("village-agent", command + ["--village", village, "--state-dir", state, "--base-port", String(port), "--timeout-ms", "3000"] + extra)
    }

    func startTownd() throws -> Process {
        let process = try Executables.start(
            "townd", ["--data-dir", directory + "/town", "--base-port", String(port)], outputPath: directory + "/townd.log")
        let context = try ZMQContext()
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let client = try? SnapshotClient(context: context, endpoint: "tcp://127.0.0.1:\(port)"),
                (try? client.fetch(timeoutMilliseconds: 300)) != nil
            {
                return process
            }
        }
        throw AgentError.unreachable("townd did not start: \((try? String(contentsOfFile: directory + "/townd.log", encoding: .utf8)) ?? "")")
    }

    func snapshot() throws -> Snapshot {
        try SnapshotClient(context: try ZMQContext(), endpoint: "tcp://127.0.0.1:\(port)").fetch()
    }

    func admin(_ key: String, _ value: String) throws -> SubmitReply {
        var clock = HybridLogicalClock(origin: "admin")
        let client = try SubmitClient(context: try ZMQContext(), endpoint: "tcp://127.0.0.1:\(port + 3)")
        return try client.submit(SubmitRequest(key: key, uuid: AgentStore.newUUID(), stamp: try clock.now(), body: Array(value.utf8)))
    }

    @Test func figuresEnteredOfflineAreDeliveredOnceWhenTheTownComesUp() throws {
        let state = directory + "/luli"
        #expect(try agent(["report", "income"], state: state, extra: ["--year", "2023", "--collective", "215万", "--operating", "820,000"]).status == 0)
        #expect(try agent(["report", "project", "luli-museum"], state: state, extra: ["--status", "in_use", "--completed", "350万", "--progress", "100"]).status == 0)
        let offline = try agent(["sync"], state: state)
        #expect(offline.status == 1, "\(offline.output)")
        #expect(offline.output.contains("5 entries wait"))

        let townd = try startTownd()
        defer { _ = Executables.stop(townd) }
        #expect(try admin("/project/luli-museum/village", "luli").status == .applied)
        let runner = try Executables.start(
            "village-agent", ["run", "--village", "luli", "--state-dir", state, "--base-port", String(port)],
            outputPath: directory + "/agent.log")
        var delivered = false
        let deadline = Date().addingTimeInterval(20)
        while !delivered && Date() < deadline {
            let values = try snapshot()
            delivered = values.text("/project/luli-museum/progress") == "100" && values.text("/village/luli/2023/collective_income") == "2150000"
            if !delivered { Thread.sleep(forTimeInterval: 0.2) }
        }
        #expect(Executables.stop(runner) == 0, "\((try? String(contentsOfFile: directory + "/agent.log", encoding: .utf8)) ?? "")")
        #expect(delivered, "\((try? String(contentsOfFile: directory + "/agent.log", encoding: .utf8)) ?? "")")
        let values = try snapshot()
        #expect(values.text("/village/luli/2023/operating_income") == "820000")
        #expect(values.text("/project/luli-museum/investment_completed") == "3500000")
        #expect(values.text("/project/luli-museum/status") == "in_use")
        #expect(values.text("/agent/luli/presence")?.hasPrefix("village-agent") == true)
        // Each figure was applied exactly once.
        let store = try Store(path: directory + "/town/townd.sqlite")
        for key in ["/village/luli/2023/collective_income", "/village/luli/2023/operating_income", "/project/luli-museum/progress"] {
            #expect(try store.history(forKey: key).filter { $0.status == "applied" }.count == 1)
        }
        let status = try agent(["status"], state: state)
        #expect(status.output.contains("0 waiting, 0 refused"), "\(status.output)")
        #expect(status.output.contains("2150000 by village:luli"))
    }

    @Test func twoOfficesEditTheSameFigureAndTheNewestWins() throws {
        let townd = try startTownd()
        defer { _ = Executables.stop(townd) }
        let first = directory + "/pc1"
        let second = directory + "/pc2"
        #expect(try agent(["report", "income"], state: first, extra: ["--year", "2023", "--collective", "2100000"]).status == 0)
        Thread.sleep(forTimeInterval: 0.01)
        #expect(try agent(["report", "income"], state: second, extra: ["--year", "2023", "--collective", "2150000"]).status == 0)
        // The newer entry arrives first; the older one arrives later and loses.
        #expect(try agent(["sync"], state: second).status == 0)
        let late = try agent(["sync"], state: first)
        #expect(late.status == 0)
        #expect(late.output.contains("superseded  /village/luli/2023/collective_income: the town holds 2150000"), "\(late.output)")
        #expect(try snapshot().text("/village/luli/2023/collective_income") == "2150000")
        let mirrors = try [first, second].map {
            try AgentStore(path: $0 + "/agent.sqlite", origin: "village:luli").mirror(prefix: "/village/luli/").first
        }
        #expect(mirrors[0] == mirrors[1])
        #expect(mirrors[0]?.value == "2150000")
        let status = try agent(["status"], state: first)
        #expect(status.output.contains("yours 2100000, town's 2150000"), "\(status.output)")
    }

    @Test func killingTheAgentMidFlushLosesNothingAndAppliesNothingTwice() throws {
        let townd = try startTownd()
        defer { _ = Executables.stop(townd) }
        let state = directory + "/crash"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let store = try AgentStore(path: state + "/agent.sqlite", origin: "village:luli")
        var figures: [(key: String, value: String, ttl: UInt32?)] = []
        for index in 0..<1000 {
            let year = 2015 + index % 21
            let field = index % 42 < 21 ? "collective_income" : "operating_income"
            figures.append(("/village/luli/\(year)/\(field)", String(100_000 + index), nil))
        }
        let entries = try store.enqueue(figures)
        let sync = try Executables.start(
            "village-agent", ["sync", "--village", "luli", "--state-dir", state, "--base-port", String(port)],
            outputPath: directory + "/sync1.log")
        Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.25))
        _ = Executables.stop(sync, signal: SIGKILL)
        let left = try store.outbox(state: .pending).count
        let again = try agent(["sync"], state: state)
        #expect(again.status == 0, "\(again.output)")
        #expect(try store.outbox().isEmpty)
        let history = try Store(path: directory + "/town/townd.sqlite")
        var applied = 0
        for key in Set(figures.map(\.key)) {
            applied += try history.history(forKey: key).filter { $0.status == "applied" && $0.channel == "submit" }.count
        }
        #expect(applied == 1000, "left after the kill: \(left)")
        let values = try snapshot()
        for entry in entries.suffix(42) { #expect(values.text(entry.key) == entry.value) }
    }

    @Test func twentyKillsOfTheAgentMidFlushLoseNothingAndApplyNothingTwice() throws {
        let townd = try startTownd()
        defer { _ = Executables.stop(townd) }
        let state = directory + "/crash-loop"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let store = try AgentStore(path: state + "/agent.sqlite", origin: "village:luli")
        var figures: [(key: String, value: String, ttl: UInt32?)] = []
        for index in 0..<2000 {
            figures.append(("/village/luli/\(2015 + index % 21)/\(index % 42 < 21 ? "collective_income" : "operating_income")", String(200_000 + index), nil))
        }
        let entries = try store.enqueue(figures)
        var random = SeededGenerator(seed: 77)
        var kills = 0
        for round in 0..<20 where try !store.outbox(state: .pending).isEmpty {
            let sync = try Executables.start(
                "village-agent", ["sync", "--village", "luli", "--state-dir", state, "--base-port", String(port)],
                outputPath: directory + "/sync-\(round).log")
            // From before the first send to the middle of the flush (start-up takes about 0.1 s).
            Thread.sleep(forTimeInterval: Double.random(in: 0.08...0.4, using: &random))
            _ = Executables.stop(sync, signal: SIGKILL)
            kills += 1
        }
        let last = try agent(["sync"], state: state)
        #expect(last.status == 0, "\(last.output)")
        let leftover = try store.outbox()
        #expect(leftover.isEmpty, "\(leftover.count) entries left")
        #expect(kills >= 2)
        let history = try Store(path: directory + "/town/townd.sqlite")
        var applied = 0
        for key in Set(figures.map(\.key)) {
            applied += try history.history(forKey: key).filter { $0.status == "applied" && $0.channel == "submit" }.count
        }
        #expect(applied == 2000, "after \(kills) kills")
        let values = try snapshot()
        for entry in entries.suffix(42) { #expect(values.text(entry.key) == entry.value) }
    }

    @Test func aCSVWithOneBadRowImportsNothingAndNamesTheRow() throws {
        let state = directory + "/csv"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let file = directory + "/figures.csv"
        try "year,collective_income,operating_income\n2022,1410647,1029267\n2023,180万,abc\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try agent(["import", file], state: state)
        #expect(result.status == 3)
        #expect(result.output.contains("line 3"), "\(result.output)")
        #expect(result.output.contains("nothing imported"))
        #expect(try AgentStore(path: state + "/agent.sqlite", origin: "village:luli").outbox().isEmpty)
        try "year,collective_income,operating_income\n2022,1410647,1029267\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try agent(["import", file], state: state).output.contains("imported 2 figures"))
    }
}
