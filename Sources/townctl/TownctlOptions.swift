import ArgumentParser
import TownWire
import Foundation
import TownAdmin
import TownClient

/// Options shared by every townctl command.
struct TownctlOptions: ParsableArguments {
    @Option(help: "townd's host. Default: 127.0.0.1.")
    var host = "127.0.0.1"
    @Option(help: "townd's base port. Default: 5556.")
    var basePort = 5556
    @Option(help: "How long to wait for townd, in ms. Default: 3000.")
    var timeoutMs = 3000
    @Option(help: "townd's data directory (for history and the event log). Default: /var/lib/townd.")
    var dataDir = "/var/lib/townd"
    @Option(help: "The town's CURVE public key file (turns CURVE on).")
    var serverKey: String?
    @Option(help: "This admin's CURVE secret key file.")
    var secretKey: String?
    @Option(help: "Colour: auto (only on a terminal, not with NO_COLOR), always, never.")
    var color: Terminal.ColorMode = .auto

    func session() throws -> AdminSession {
        let security: ClientSecurity?
        do {
            security = try KeyFile.clientSecurity(serverKeyPath: serverKey, secretKeyPath: secretKey)
        } catch {
            throw AdminError.input("\(error)")
        }
        return try AdminSession(host: host, basePort: basePort, security: security, timeoutMilliseconds: timeoutMs)
    }

    var terminal: Terminal { Terminal(mode: color) }
}

extension Terminal.ColorMode: ExpressibleByArgument {}

/// Runs a command body, turning `AdminError` into a message on stderr and its exit status.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as AdminError {
        FileHandle.standardError.write(Data("townctl: \(error)\n".utf8))
        throw ExitCode(error.exitCode)
    }
}

/// Prints the outcome of writes; throws `rejected` when townd refused one.
func report(_ replies: [TownWire.SubmitReply], terminal: Terminal) throws {
    var refused = false
    for reply in replies {
        let status: String
        switch reply.status {
        case .applied: status = terminal.green("applied")
        case .duplicate: status = "duplicate"
        case .superseded: status = terminal.yellow("superseded")
        case .rejected: status = terminal.red("rejected")
        }
        var line = "\(status)  \(reply.key)"
        if let reason = reply.reason { line += "  (\(reason.rawValue))" }
        if let detail = reply.detail { line += "  \(detail)" }
        if reply.status == .applied { line += terminal.dim("  sequence \(reply.sequence)") }
        print(line)
        if reply.status == .rejected || reply.status == .superseded { refused = true }
    }
    if refused { throw AdminError.rejected("townd did not take every write (see above)") }
}
