import ArgumentParser
import Foundation
import TownAdmin

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Manage CURVE keys: the server pair, client pairs, who holds which principal.",
        discussion: """
            Examples:
              townctl keys init --keys-dir /etc/townd/keys
              townctl keys add village:luli --keys-dir /etc/townd/keys --out /root/luli
              townctl keys list --keys-dir /etc/townd/keys
              townctl keys revoke village:luli --keys-dir /etc/townd/keys && systemctl reload townd
            """,
        subcommands: [KeysInit.self, KeysAdd.self, KeysList.self, KeysRevoke.self])
}

struct KeysOptions: ParsableArguments {
    @Option(help: "townd's keys directory. Default: /etc/townd/keys.") var keysDir = "/etc/townd/keys"
}

struct KeysInit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the server's key pair.")
    @OptionGroup var keys: KeysOptions
    @Flag(help: "Replace an existing server key (every client must then get the new public key).") var force = false

    func run() throws {
        try runReportingErrors {
            let pair = try KeyDirectory(path: keys.keysDir).initialize(force: force)
            print("server key pair written to \(keys.keysDir) (server.secret is mode 0600)")
            print("server public key: \(pair.publicKey)")
            print("give \(keys.keysDir)/server.public to every village office and admin")
        }
    }
}

struct KeysAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Issue a key pair to a principal (admin, reader or village:<vid>) and authorize it.")
    @OptionGroup var keys: KeysOptions
    @Argument(help: "admin, reader or village:<vid>.") var principal: String
    @Option(help: "Where to write PREFIX.secret and PREFIX.public. Default: KEYS_DIR/issued/<principal>.") var out: String?

    func run() throws {
        try runReportingErrors {
            let directory = KeyDirectory(path: keys.keysDir)
            let prefix = out ?? keys.keysDir + "/issued/" + principal.replacingOccurrences(of: ":", with: "-")
            let pair = try directory.issue(principal: principal, prefix: prefix)
            print("issued \(principal): public key \(pair.publicKey)")
            print("  secret key file: \(prefix).secret (mode 0600; hand it over privately, then delete this copy)")
            print("  the town's public key: \(directory.serverPublicPath)")
            print("townd accepts the key after `systemctl reload townd` (SIGHUP)")
        }
    }
}

struct KeysList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Who holds which principal.")
    @OptionGroup var keys: KeysOptions

    func run() throws {
        try runReportingErrors {
            let clients = try KeyDirectory(path: keys.keysDir).clients()
            guard !clients.isEmpty else { throw AdminError.notFound("no client keys in \(keys.keysDir)/clients") }
            print(Terminal.table(header: ["principal", "public key"], rows: clients.map { [$0.principal, $0.key] }))
        }
    }
}

struct KeysRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Remove a principal's keys (or one key); takes effect when townd reloads (SIGHUP).")
    @OptionGroup var keys: KeysOptions
    @Argument(help: "A principal (village:luli) or a public key.") var target: String

    func run() throws {
        try runReportingErrors {
            let removed = try KeyDirectory(path: keys.keysDir).revoke(target)
            print("revoked \(removed) key(s) of \(target); now run `systemctl reload townd` (or kill -HUP the townd process)")
        }
    }
}
