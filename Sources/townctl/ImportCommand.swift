import ArgumentParser
import Foundation
import TownAdmin
import TownAgent

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write many keys as admin from a CSV file with the columns key,value (export's format works).",
        discussion: """
            UTF-8 or GB18030. Every row is checked first; one bad row imports nothing. The writes are \
            sent at once and each outcome is printed. Exit 2 when townd refused some.
            Example: townctl import town-2023.csv
            """)
    @OptionGroup var options: TownctlOptions
    @Argument(help: "The CSV file (header: key,value; other columns are ignored).") var file: String
    @Flag(help: "Print only the summary.") var quiet = false

    func run() throws {
        try runReportingErrors {
            guard let data = FileManager.default.contents(atPath: file) else { throw AdminError.input("cannot read \(file)") }
            let records: [(line: Int, fields: [String])]
            do {
                records = try CSVReader.records(try TextDecoding.decode([UInt8](data)).text)
            } catch {
                throw AdminError.input("\(file): \(error)")
            }
            guard let header = records.first?.fields.map({ $0.lowercased() }), let keyColumn = header.firstIndex(of: "key"),
                let valueColumn = header.firstIndex(of: "value")
            else { throw AdminError.input("\(file): line 1 must name the columns key and value") }
            var pairs: [(key: String, value: String)] = []
            var problems: [String] = []
            for record in records.dropFirst() {
                guard record.fields.count > max(keyColumn, valueColumn) else {
                    problems.append("line \(record.line): \(record.fields.count) fields")
                    continue
                }
                let key = record.fields[keyColumn]
                guard key.hasPrefix("/") else {
                    problems.append("line \(record.line): '\(key)' is not a key")
                    continue
                }
                pairs.append((key, record.fields[valueColumn]))
            }
            guard problems.isEmpty else { throw AdminError.input("nothing imported:\n" + problems.joined(separator: "\n")) }
            let replies = try options.session().write(pairs)
            let applied = replies.filter { $0.status == .applied || $0.status == .duplicate }.count
            if !quiet || applied != replies.count {
                for reply in replies where !quiet || (reply.status != .applied && reply.status != .duplicate) {
                    print("\(reply.status.rawValue)  \(reply.key)\(reply.detail.map { "  \($0)" } ?? "")")
                }
            }
            print("imported \(applied) of \(replies.count) values from \(file)")
            if applied != replies.count { throw AdminError.rejected("townd did not take every value (see above)") }
        }
    }
}
