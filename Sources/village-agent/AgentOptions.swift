import ArgumentParser
import Foundation
import TownAgent
import TownClient
import TownConfig
import TownModel
import ZeroMQ

/// Options every subcommand shares.
struct AgentOptions: ParsableArguments {
    @Option(help: "Config file. Default: /etc/village-agent/agent.toml if it exists.")
    var config: String?
    @Option(help: "This office's village id (e.g. luli).")
    var village: String?
    @Option(help: "The town daemon's host. Default: 127.0.0.1.")
    var host: String?
    @Option(help: "The town daemon's base port. Default: 5556.")
    var basePort: Int?
    @Option(help: "Where the agent keeps its state. Default: /var/lib/village-agent.")
    var stateDir: String?
    @Option(help: "The town's CURVE public key file (turns CURVE on).")
    var serverKey: String?
    @Option(help: "This office's CURVE secret key file.")
    var secretKey: String?
    @Option(help: "How long to wait for the town, in ms. Default: 5000.")
    var timeoutMs: Int?

    func resolved() throws -> AgentConfiguration {
        var settings = AgentConfiguration()
        do {
            if let file = try ConfigFile.load(
                explicitPath: config, defaultPath: "/etc/village-agent/agent.toml", allowedKeys: AgentConfiguration.fileKeys)
            {
                try settings.apply(file)
            }
        } catch {
            throw ValidationError("config: \(error)")
        }
        if let village { settings.village = village }
        if let host { settings.host = host }
        if let basePort { settings.basePort = basePort }
        if let stateDir { settings.stateDirectory = stateDir }
        if let serverKey { settings.serverPublicKeyPath = serverKey }
        if let secretKey { settings.secretKeyPath = secretKey }
        if let timeoutMs { settings.timeoutMilliseconds = timeoutMs }
        guard !settings.village.isEmpty else {
            throw ValidationError("which village is this office? give --village ID (or village = \"ID\" in the config)")
        }
        guard VillageRegistry.sankui.contains(settings.village) || KeySchema.isValidID(settings.village) else {
            throw ValidationError("'\(settings.village)' is not a village id")
        }
        return settings
    }

    func openStore(_ settings: AgentConfiguration) throws -> AgentStore {
        do {
            try FileManager.default.createDirectory(atPath: settings.stateDirectory, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create the state directory \(settings.stateDirectory): \(error.localizedDescription)")
        }
        return try AgentStore(path: settings.databasePath, origin: settings.origin)
    }

    func security(_ settings: AgentConfiguration) throws -> ClientSecurity? {
        try KeyFile.clientSecurity(serverKeyPath: settings.serverPublicKeyPath, secretKeyPath: settings.secretKeyPath)
    }
}
