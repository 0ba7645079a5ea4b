import Foundation
import TownModel

/// Reads a village's figures from a CSV file (see docs/AGENT.md for the columns). All or nothing:
/// every bad row is reported with its line number, and nothing is imported when any row is bad.
public struct CSVImport: Sendable {
    public let village: String
    public let schema: KeySchema

    static let incomeColumns: [String: String] = [
        "year": "year", "年度": "year", "年份": "year",
        "collective_income": "collective_income", "集体经济收入": "collective_income", "村级集体经济收入": "collective_income",
        "operating_income": "operating_income", "经营性收入": "operating_income",
    ]
    static let projectColumns: [String: String] = [
        "project": "project", "项目": "project", "项目编号": "project",
        "status": "status", "状态": "status",
        "investment_completed": "investment_completed", "完成投资": "investment_completed",
        "progress": "progress", "进度": "progress",
    ]

    public init(village: String, schema: KeySchema) {
        self.village = village
        self.schema = schema
    }

    /// The figures the file holds, as (key, value), or every problem found.
    public func figures(fromFileBytes bytes: [UInt8]) throws(AgentError) -> [(key: String, value: String)] {
        let (text, _) = try TextDecoding.decode(bytes)
        let records = try CSVReader.records(text)
        guard let header = records.first else { throw .input("the file is empty") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let table: [String: String]
        if names.contains(where: { Self.projectColumns[$0] == "project" }) {
            table = Self.projectColumns
        } else if names.contains(where: { Self.incomeColumns[$0] == "year" }) {
            table = Self.incomeColumns
        } else {
            throw .input("line 1: the header needs a 'year' column (income) or a 'project' column (projects); got \(header.fields)")
        }
        var columns: [String] = []
        for name in names {
            guard let column = table[name] else { throw .input("line 1: unknown column '\(name)'") }
            guard !columns.contains(column) else { throw .input("line 1: column '\(name)' appears twice") }
            columns.append(column)
        }
        var figures: [(key: String, value: String)] = []
        var problems: [String] = []
        for record in records.dropFirst() {
            do {
                figures += try row(record.fields, columns: columns, line: record.line)
            } catch {
                problems.append(error.description)
            }
        }
        guard problems.isEmpty else {
            throw .input("nothing imported; fix these rows and import again:\n" + problems.joined(separator: "\n"))
        }
        guard !figures.isEmpty else { throw .input("the file holds no figures") }
        return figures
    }

    private func row(_ fields: [String], columns: [String], line: Int) throws(AgentError) -> [(key: String, value: String)] {
        guard fields.count == columns.count else {
            throw .input("line \(line): \(fields.count) fields, the header has \(columns.count)")
        }
        var cells: [String: String] = [:]
        for (column, field) in zip(columns, fields) { cells[column] = field.trimmingCharacters(in: .whitespaces) }
        var figures: [(key: String, value: String)] = []
        if let yearText = cells["year"] {
            guard let year = Int(yearText), schema.catalog.accepts(year: year) else {
                throw .input("line \(line): year '\(yearText)' is not a year in \(schema.catalog.firstYear)...\(schema.catalog.lastYear)")
            }
            for field in ["collective_income", "operating_income"] {
                guard let cell = cells[field], !cell.isEmpty else { continue }
                let amount: Int64
                do { amount = try AmountParser.yuan(cell) } catch { throw .input("line \(line): \(field): \(error)") }
                figures.append(("/village/\(village)/\(year)/\(field)", String(amount)))
            }
        } else if let project = cells["project"] {
            if let status = cells["status"], !status.isEmpty { figures.append(("/project/\(project)/status", status)) }
            if let cell = cells["investment_completed"], !cell.isEmpty {
                let amount: Int64
                do { amount = try AmountParser.yuan(cell) } catch { throw .input("line \(line): investment_completed: \(error)") }
                figures.append(("/project/\(project)/investment_completed", String(amount)))
            }
            if var progress = cells["progress"], !progress.isEmpty {
                if progress.hasSuffix("%") { progress.removeLast() }
                figures.append(("/project/\(project)/progress", progress))
            }
        }
        guard !figures.isEmpty else { throw .input("line \(line): no figure in this row") }
        for figure in figures {
            do {
                _ = try schema.validate(key: figure.key, body: Array(figure.value.utf8))
            } catch {
                throw .input("line \(line): \(error.detail)")
            }
        }
        return figures
    }
}
