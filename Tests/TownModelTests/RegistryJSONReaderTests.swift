import Foundation
import Testing
import TownTesting

@testable import TownModel

/// The fast registry reader either gives exactly what JSONDecoder gives, or declines (nil) so
/// JSONDecoder decides; it never gives something else.
@Suite struct RegistryJSONReaderTests {
    static let awkwardNames = [
        "卢梨村", "a\"b", "back\\slash", "tab\there", "line\nbreak", "😀 village", "\u{1}", "/slash", "", "é\u{301}",
    ]

    static func decoded(_ bytes: [UInt8]) -> [Village]? {
        try? JSONDecoder().decode([Village].self, from: Data(bytes))
    }

    @Test(arguments: 0..<40) func agreesWithJSONDecoderOnEncodedRegistries(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let count = Int.random(in: 0...30, using: &random)
        let villages = (0..<count).map { index in
            Village(
                id: "v\(index)",
                nameZh: Self.awkwardNames.randomElement(using: &random)! + String(Int.random(in: 0...999, using: &random)))
        }
        let encoder = JSONEncoder()
        if seed % 2 == 0 { encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes] }
        let bytes = [UInt8](try encoder.encode(villages))
        let fast = try #require(RegistryJSONReader.villages(in: bytes), "seed \(seed): \(String(decoding: bytes, as: UTF8.self))")
        #expect(fast == villages)
        #expect(fast == Self.decoded(bytes))
    }

    @Test func escapesAndExtraMembers() throws {
        let text = #"[ {"id":"luli","name_zh":"\u5362\u68a8\u6751","note":"x"} ,{"name_zh":"\ud83d\ude00\/\b\f\r","id":"b"} ]"#
        let fast = try #require(RegistryJSONReader.villages(in: Array(text.utf8)))
        #expect(fast == [Village(id: "luli", nameZh: "卢梨村"), Village(id: "b", nameZh: "😀/\u{8}\u{C}\r")])
        #expect(fast == Self.decoded(Array(text.utf8)))
    }

    @Test(arguments: [
        #"[{"id":"a"}]"#,  // no name: JSONDecoder's error
        #"[{"id":"a","name_zh":"x","id":"b"}]"#,  // a field twice
        #"[{"id":"a","name_zh":1}]"#,  // a number
        #"[{"id":"a","name_zh":"x"},]"#,  // trailing comma
        #"[{"id":"a","name_zh":"x"}] x"#,  // text after the array
        #"[{"id":"a","name_zh":"\ud800"}]"#,  // a lone surrogate
        #"[{"id":"a","name_zh":"\q"}]"#,  // an unknown escape
        "[{\"id\":\"a\",\"name_zh\":\"\u{1}\"}]",  // a raw control character
        #"{"id":"a","name_zh":"x"}"#,  // not an array
        "",
    ])
    func declinesAnythingElse(text: String) {
        #expect(RegistryJSONReader.villages(in: Array(text.utf8)) == nil)
    }

    @Test func invalidUTF8IsDeclined() {
        #expect(RegistryJSONReader.villages(in: Array(#"[{"id":"a","name_zh":""#.utf8) + [0xFF] + Array(#""}]"#.utf8)) == nil)
    }
}
