import ArgumentParser
import TownAgent
import TownClient
import ZeroMQ

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Deliver the outbox once and exit.",
        discussion: """
            Sends every waiting entry at once and waits for the town's answers. Exit status: 0 when \
            the outbox is empty, 1 when entries are still waiting (the town did not answer), 2 when \
            the town refused some entries (see `village-agent status`).
            Example: village-agent sync --village luli
            """
    )
    @OptionGroup var options: AgentOptions

    func run() throws {
        let settings = try options.resolved()
        let store = try options.openStore(settings)
        let pending = try store.outbox(state: .pending)
        guard !pending.isEmpty else {
            print("nothing to deliver")
            return
        }
        let context = try ZMQContext()
        let client = try SubmitClient(context: context, endpoint: settings.endpoint(3), security: try options.security(settings))
        print("delivering \(pending.count) entries to \(settings.endpoint(3)) ...")
        let report = try OutboxFlusher(store: store, client: client, timeoutMilliseconds: settings.timeoutMilliseconds).flush()
        print("applied \(report.applied), already there \(report.duplicates), superseded \(report.superseded.count), refused \(report.failed.count), waiting \(report.left)")
        for line in report.detailLines { print("  " + line) }
        if report.left < pending.count {
            // The town answered: refresh the mirror so `status` shows what it now holds.
            do {
                let follower = try MirrorFollower(
                    store: store, village: settings.village, context: context, configuration: settings,
                    security: try options.security(settings))
                try follower.resnapshot()
            } catch {
                print("note: could not refresh the town's figures: \(error)")
            }
        }
        if report.left > 0 {
            print("the town did not answer within \(settings.timeoutMilliseconds) ms; \(report.left) entries wait for the next sync")
            throw ExitCode(1)
        }
        if !report.failed.isEmpty { throw ExitCode(2) }
    }
}
