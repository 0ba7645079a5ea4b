import ArgumentParser
import Foundation
import Synchronization
import TownAgent
import ZeroMQ

/// Set by SIGTERM/SIGINT; read by the run loop.
let stopRequested = Atomic<Bool>(false)

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run as a service: deliver whenever the town answers, keep presence, follow the town's values.",
        discussion: """
            Reconnects with capped exponential back-off and jitter while the link is down. Stop with \
            SIGTERM or Ctrl-C; entries not yet delivered stay in the outbox.
            Example: village-agent run --village luli
            """
    )
    @OptionGroup var options: AgentOptions

    func run() throws {
        let settings = try options.resolved()
        let store = try options.openStore(settings)
        signal(SIGTERM) { _ in stopRequested.store(true, ordering: .relaxed) }
        signal(SIGINT) { _ in stopRequested.store(true, ordering: .relaxed) }
        // A parent may have started us with these blocked (the mask is inherited): unblock them.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        let context = try ZMQContext()
        let runner = AgentRunner(
            configuration: settings, store: store, context: context, security: try options.security(settings),
            version: VillageAgentCommand.version,
            log: { line in
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            })
        try runner.run(shouldStop: { stopRequested.load(ordering: .relaxed) })
    }
}
