import Foundation
import Testing
import TownConfig

@Suite struct ConfigFileTests {
    static let keys: Set<String> = ["data_dir", "base_port", "insecure", "bind"]

    @Test func parsesTheSupportedSubset() throws {
        let text = """
            # townd settings
            data_dir = "/var/lib/townd"   # where the database lives
            base-port = 5_556
            insecure = false
            bind = '127.0.0.1'
            """
        let file = try ConfigFile.parse(text, path: "townd.toml", allowedKeys: Self.keys)
        #expect(try file.string("data_dir") == "/var/lib/townd")
        #expect(try file.integer("base_port") == 5556)
        #expect(try file.boolean("insecure") == false)
        #expect(try file.string("bind") == "127.0.0.1")
        #expect(try ConfigFile.parse(#"bind = "a\"b\u4e09""#, path: "x", allowedKeys: Self.keys).string("bind") == "a\"b三")
    }

    @Test(arguments: [
        ("port = 1", 1, "unknown setting 'port'"),
        ("[server]", 1, "tables are not used"),
        ("\ndata_dir", 2, "expected key = value"),
        ("data_dir = \"open", 1, "string is not closed"),
        ("base_port = 12x", 1, "'12x' is not a string"),
        ("bind = \"a\"\nbind = \"b\"", 2, "set twice"),
        ("bind = \"a\" trailing", 1, "unexpected 'trailing'"),
    ])
    func errorsNameTheLine(text: String, line: Int, message: String) {
        let error = #expect(throws: ConfigFileError.self) { try ConfigFile.parse(text, path: "t.toml", allowedKeys: Self.keys) }
        #expect(error?.line == line)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func typeMismatchesAreErrors() throws {
        let file = try ConfigFile.parse("base_port = \"x\"", path: "t.toml", allowedKeys: Self.keys)
        #expect(throws: ConfigFileError(path: "t.toml", line: 1, message: "base_port must be an integer")) {
            try file.integer("base_port")
        }
    }
}

@Suite struct ConfigFileLocationTests {
    @Test func anExplicitFileMustExistAndAMissingDefaultMeansDefaults() throws {
        let keys: Set<String> = ["bind"]
        #expect(try ConfigFile.load(explicitPath: nil, defaultPath: "/nonexistent/townd.toml", allowedKeys: keys) == nil)
        #expect(throws: ConfigFileError.self) {
            try ConfigFile.load(explicitPath: "/nonexistent/townd.toml", defaultPath: "/nonexistent/x", allowedKeys: keys)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).toml").path
        try "bind = \"127.0.0.1\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ConfigFile.load(explicitPath: nil, defaultPath: path, allowedKeys: keys)?.string("bind") == "127.0.0.1")
    }
}
