import Foundation
import Testing
import TownTesting

/// The benchmark's ingest against a real townd, briefly, through each load client: every write
/// it counts was answered `status=applied`, so a client that cannot talk to townd counts none.
@Suite struct BenchSmokeTests {
    @Test(arguments: ["zmtp", "libzmq"])
    func ingestThroughEachLoadClientCountsAppliedWrites(client: String) throws {
        let directory = Executables.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (status, output) = try Executables.run(
            "townsync-bench",
            [
                "--only", "ingest", "--townd-only", "--seconds", "1", "--connections", "2", "--window", "4",
                "--keys", "100", "--json", "--load-client", client, "--dir", directory,
            ], seconds: 60)
        #expect(status == 0, "\(output)")
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("{") }, "no JSON in \(output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let rate = try #require(object["acked_writes_per_s"] as? Double)
        #expect(rate > 100, "\(line)")
        #expect((object["notes"] as? [String])?.first?.contains("2 connections x 4 in flight") == true)
    }

    @Test func aScenarioThatCannotRunSaysWhyInItsResult() throws {
        // A copy of the bench with no townd beside it.
        let directory = Executables.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bench = directory + "/townsync-bench"
        try FileManager.default.copyItem(atPath: Executables.path("townsync-bench"), toPath: bench)
        let (status, output) = try Executables.run(bench, ["--only", "quarter,fanout", "--subscribers", "1", "--seconds", "1", "--json"], seconds: 60)
        #expect(status == 0, "\(output)")
        let objects = try output.split(separator: "\n").filter { $0.hasPrefix("{") }.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["scenario"] as? String } == ["ingest_quarter_window", "fanout_1"])
        for object in objects {
            let note = (object["notes"] as? [String])?.first ?? ""
            #expect(note.hasPrefix("no figures: no townd at \(directory)/townd"), "\(note)")
        }
    }

    @Test func anUnknownLoadClientIsRefusedWithTheChoices() throws {
        let (status, output) = try Executables.run("townsync-bench", ["--load-client", "carrier-pigeon"], seconds: 30)
        #expect(status != 0)
        #expect(output.contains("--load-client takes zmtp or libzmq"))
    }
}
