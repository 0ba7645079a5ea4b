import Foundation
import Logging
import Testing
import TownDaemon

@Suite struct EventLogTests {
    @Test func linesAreWholeJSONAndRotateBySize() throws {
        let directory = TestDaemon.makeTemporaryDirectory()
        let path = directory + "/events.jsonl"
        let log = try EventLog(path: path, maximumBytes: 4096, keep: 3, logger: Logger(label: "test"))
        for index in 0..<400 {
            var event = EventRecord(kind: "submit.applied", at: 1_706_000_000_000 + UInt64(index))
            event.set("key", "/village/luli/2023/collective_income")
            event.set("village_name", "卢梨村 \"quoted\" \n newline")
            event.set("sequence", number: Int64(index))
            log.append(event)
        }
        log.flush()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["events.jsonl", "events.jsonl.1", "events.jsonl.2", "events.jsonl.3"])
        var sequences: [Int] = []
        for name in ["events.jsonl.3", "events.jsonl.2", "events.jsonl.1", "events.jsonl"] {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            #expect(text.utf8.count <= 4096)
            for line in text.split(separator: "\n") {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["village_name"] as? String == "卢梨村 \"quoted\" \n newline")
                sequences.append(object["sequence"] as! Int)
            }
        }
        // The newest lines survive, in order, none cut in half.
        #expect(sequences == Array(sequences.first!...399))
    }

    @Test func everyStringSurvivesTheJSONWriter() throws {
        let samples = ["plain", "卢梨村 \"quoted\" \\ back", "tab\tcr\rnl\n", "nul\u{0}del\u{7F}c1\u{85}end",
                       "js\u{2028}line\u{2029}sep", "emoji 🏔️", "", "\u{1F}"]
        for sample in samples {
            var writer = JSONObjectWriter()
            writer.add("s", sample)
            let bytes = writer.finish()
            #expect(!bytes.contains(0x0A) && !bytes.contains(0x00))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
            #expect(object["s"] == sample, "\(sample.debugDescription)")
            // Line and paragraph separators and C1 controls go out escaped, never raw.
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x2029 || (0x80...0x9F).contains($0.value) })
        }
    }

    @Test func timestampsAreRFC3339WithMilliseconds() {
        #expect(EventRecord.rfc3339(milliseconds: 1_706_057_400_123) == "2024-01-24T00:50:00.123Z")
        #expect(EventRecord.rfc3339(milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(EventRecord.rfc3339(milliseconds: 951_782_400_007) == "2000-02-29T00:00:00.007Z")
        #expect(EventRecord.rfc3339(milliseconds: 4_102_444_799_999) == "2099-12-31T23:59:59.999Z")
        let json = String(decoding: EventRecord(kind: "daemon.started", at: 0).json(), as: UTF8.self)
        #expect(json == #"{"ts":"1970-01-01T00:00:00.000Z","kind":"daemon.started"}"#)
    }
}
