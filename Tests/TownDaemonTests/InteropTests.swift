import Foundation
import Testing

/// A CHP client written independently in Python (pyzmq) from the spec talks to townd.
@Suite struct InteropTests {
    static let pythonHasZMQ: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import zmq"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            print("InteropTests: skipped: python3 with pyzmq is not available (Scripts/bootstrap installs it)")
        }
        return process.terminationStatus == 0
    }()

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Interop/chp_client.py").path
    }

    @Test(.enabled(if: pythonHasZMQ, "python3 with pyzmq is required"))
    func pyzmqClientSnapshotsSubscribesAndSets() throws {
        let town = try TestDaemon()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, String(town.configuration.basePort)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("interop: all checks passed"), "\(text)")
    }
}
