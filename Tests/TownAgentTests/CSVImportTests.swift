import Foundation
import Testing
import TownAgent
import TownModel
import TownTesting

@Suite struct CSVImportTests {
    let importer = CSVImport(village: "luli", schema: KeySchema())

    @Test func readsIncomeRowsInEnglishOrChineseHeaders() throws {
        let english = "year,collective_income,operating_income\n2022,\"1,410,647\",1029267\n2023,180万,138万\n"
        let figures = try importer.figures(fromFileBytes: Array(english.utf8))
        #expect(figures.map(\.key) == [
            "/village/luli/2022/collective_income", "/village/luli/2022/operating_income",
            "/village/luli/2023/collective_income", "/village/luli/2023/operating_income",
        ])
        #expect(figures.map(\.value) == ["1410647", "1029267", "1800000", "1380000"])
        let chinese = "\u{FEFF}年度,集体经济收入,经营性收入\r\n2023,180万,\r\n"
        #expect(try importer.figures(fromFileBytes: Array(chinese.utf8)).map(\.value) == ["1800000"])
    }

    @Test func readsGB18030AsExcelWritesIt() throws {
        // "年度,集体经济收入,经营性收入\n2023,215万,82万\n" in GB18030.
        var bytes: [UInt8] = [0xC4, 0xEA, 0xB6, 0xC8, 0x2C, 0xBC, 0xAF, 0xCC, 0xE5, 0xBE, 0xAD, 0xBC, 0xC3, 0xCA, 0xD5, 0xC8, 0xEB, 0x2C,
                              0xBE, 0xAD, 0xD3, 0xAA, 0xD0, 0xD4, 0xCA, 0xD5, 0xC8, 0xEB, 0x0A]
        bytes += Array("2023,215".utf8) + [0xCD, 0xF2] + Array(",82".utf8) + [0xCD, 0xF2, 0x0A]
        let (text, encoding) = try TextDecoding.decode(bytes)
        #expect(encoding == "GB18030")
        #expect(text.hasPrefix("年度,集体经济收入,经营性收入"))
        #expect(try importer.figures(fromFileBytes: bytes).map(\.value) == ["2150000", "820000"])
    }

    @Test func oneBadRowImportsNothingAndEveryBadRowIsNamed() {
        let text = "year,collective_income,operating_income\n2022,100,50\n2023,-5,10\n2023,12.5,\n1999,1,1\n"
        let error = #expect(throws: AgentError.self) { try importer.figures(fromFileBytes: Array(text.utf8)) }
        let message = error?.description ?? ""
        #expect(message.contains("nothing imported"))
        #expect(message.contains("line 3"))
        #expect(message.contains("line 4"))
        #expect(message.contains("line 5"))
        #expect(!message.contains("line 2"))
    }

    @Test func projectRowsAndBadHeaders() throws {
        let text = "项目,状态,完成投资,进度\nhall-xuenei,in_use,350万,100%\n"
        let figures = try importer.figures(fromFileBytes: Array(text.utf8))
        #expect(figures.map(\.value) == ["in_use", "3500000", "100"])
        #expect(throws: AgentError.self) { try importer.figures(fromFileBytes: Array("name,value\nx,1\n".utf8)) }
        #expect(throws: AgentError.self) { try importer.figures(fromFileBytes: Array("project,status\np1,done\n".utf8)) }
        #expect(throws: AgentError.self) { try importer.figures(fromFileBytes: Array("year,collective_income\n2023,\"1\n".utf8)) }
    }
}

/// The CSV importer fed damaged files (seeded, bounded): it answers with figures or an
/// `AgentError`, never a crash, and what it accepts passes the key schema.
@Suite struct CSVFuzzTests {
    @Test(arguments: 0..<4)
    func mutatedFilesNeverCrashTheImporter(seed: UInt64) {
        var random = SeededGenerator(seed: 0xC5F + seed)
        let importer = CSVImport(village: "luli", schema: KeySchema())
        let seeds = [
            "year,collective_income,operating_income\n2022,1410647,1029267\n2023,180万,138万\n",
            "项目,状态,完成投资,进度\nhall-xuenei,in_use,350万,100%\n",
            "年度,集体经济收入,经营性收入\r\n2023,\"1,800,000\",\r\n",
        ].map { Array($0.utf8) }
        let alphabet: [UInt8] = Array(",\"\n\r0123456789万亿.%-ab年".utf8) + [0xFF, 0xC4, 0xEA, 0x00]
        var accepted = 0
        for _ in 0..<1500 {
            var bytes = random.pick(seeds)
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let at = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where at < bytes.count: bytes[at] = random.pick(alphabet)
                case 1: bytes.insert(random.pick(alphabet), at: at)
                default: if at < bytes.count { bytes.remove(at: at) }
                }
            }
            if let figures = try? importer.figures(fromFileBytes: bytes) {
                accepted += 1
                for figure in figures {
                    #expect((try? KeySchema().validate(key: figure.key, body: Array(figure.value.utf8))) != nil)
                }
            }
        }
        #expect(accepted > 0)
    }
}
