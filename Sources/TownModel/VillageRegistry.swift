import Foundation
import TownCollections

/// The villages the daemon accepts figures for. The default is Sankui town's 13 villages, in the
/// order the 2023 work summary names them; a JSON file (`[{"id": ..., "name_zh": ...}]`) replaces it.
public struct VillageRegistry: Sendable, Equatable {
    public let villages: [Village]
    /// id -> position in `villages`: a hash index of 4-byte positions (a dictionary kept a second
    /// copy of each id beside its position, 20 MB for 500,000 villages).
    private let index: PositionIndex

    public init(_ villages: [Village]) throws(ModelError) {
        var index = PositionIndex()
        index.reserve(count: villages.count, existing: 0) { _ in 0 }
        for (position, village) in villages.enumerated() {
            guard KeySchema.isValidID(village.id) else { throw .catalog("village id '\(village.id)' is not [a-z0-9_-]{1,64}") }
            let probe = index.find(hash: ByteHash.of(village.id)) { villages[Int($0)].id == village.id }
            guard probe.position == nil else { throw .catalog("village '\(village.id)' is listed twice") }
            index.set(bucket: probe.bucket, to: Int32(position))
        }
        self.villages = villages
        self.index = index
    }

    public static func == (lhs: VillageRegistry, rhs: VillageRegistry) -> Bool { lhs.villages == rhs.villages }

    /// The village's position in `villages`.
    public func position(of id: String) -> Int? {
        index.find(hash: ByteHash.of(id)) { villages[Int($0)].id == id }.position.map(Int.init)
    }

    public subscript(id: String) -> Village? { position(of: id).map { villages[$0] } }

    public func contains(_ id: String) -> Bool { position(of: id) != nil }

    /// The Chinese name, or the id when the village is unknown.
    public func name(_ id: String) -> String { self[id]?.nameZh ?? id }

    public static let sankui: VillageRegistry = try! VillageRegistry([
        Village(id: "luli", nameZh: "卢梨村"),
        Village(id: "zhangzhai", nameZh: "张宅村"),
        Village(id: "xiawuyang", nameZh: "下武垟村"),
        Village(id: "liuzhai", nameZh: "刘宅村"),
        Village(id: "dongyangdi", nameZh: "东垟底村"),
        Village(id: "anqian", nameZh: "庵前村"),
        Village(id: "shanshui", nameZh: "山水村"),
        Village(id: "xiuxibian", nameZh: "秀溪边村"),
        Village(id: "quchitan", nameZh: "曲尺潭村"),
        Village(id: "jianzhou", nameZh: "戬州村"),
        Village(id: "shangwuyang", nameZh: "上武垟村"),
        Village(id: "xuewai", nameZh: "薛外村"),
        Village(id: "xuenei", nameZh: "薛内村"),
    ])

    /// Reads a registry from a JSON file.
    public static func load(path: String) throws(ModelError) -> VillageRegistry {
        guard let data = FileManager.default.contents(atPath: path) else { throw .catalog("\(path) cannot be read") }
        do {
            if let villages = RegistryJSONReader.villages(in: [UInt8](data)) { return try VillageRegistry(villages) }
            return try VillageRegistry(JSONDecoder().decode([Village].self, from: data))
        } catch let error as ModelError {
            throw error
        } catch {
            throw .catalog("\(path): \(error)")
        }
    }
}
