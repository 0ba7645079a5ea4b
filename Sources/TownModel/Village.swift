/// A village of the town: its id in keys and its Chinese name.
public struct Village: Codable, Hashable, Sendable {
    public var id: String
    public var nameZh: String

    public init(id: String, nameZh: String) {
        self.id = id
        self.nameZh = nameZh
    }

    enum CodingKeys: String, CodingKey {
        case id
        case nameZh = "name_zh"
    }
}
