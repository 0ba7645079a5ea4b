import Foundation
import Logging

/// The JSON Lines event log: one whole line per `write(2)`, appended on a background queue so the
/// socket loop never waits on the disk, and rotated by size (`events.jsonl.1` ... `.N`).
public final class EventLog: @unchecked Sendable {
    public let path: String
    public let maximumBytes: Int
    public let keep: Int
    private let queue = DispatchQueue(label: "townd.event-log")
    private var descriptor: Int32 = -1
    private var size = 0
    /// The written lines handed to the disk a step at a time (never synced); nil where the
    /// system cannot (the log is a pipe or a terminal).
    private var writeback: FileWriteback? = FileWriteback(size: 0)
    private let logger: Logger

    /// Opens (creating) the log; fails with a clear error when the file cannot be written.
    public init(path: String, maximumBytes: Int = 64 << 20, keep: Int = 8, logger: Logger) throws {
        self.path = path
        self.maximumBytes = maximumBytes
        self.keep = max(1, keep)
        self.logger = logger
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try open()
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    private func open() throws {
        let fd = Foundation.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw DaemonError.eventLog("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        fstat(fd, &info)
        descriptor = fd
        size = Int(info.st_size)
        writeback = FileWriteback(size: size)
    }

    /// Queues one record for appending.
    public func append(_ record: EventRecord) {
        let line = record.json() + [UInt8(ascii: "\n")]
        queue.async { self.write(line) }
    }

    /// Queues whole lines (each a JSON object and its newline) for appending, in one `write(2)`.
    public func append(lines: [UInt8]) {
        guard !lines.isEmpty else { return }
        queue.async { self.write(lines) }
    }

    /// Waits until every queued record is written.
    public func flush() { queue.sync {} }

    private func write(_ line: [UInt8]) {
        if size + line.count > maximumBytes && size > 0 { rotate() }
        guard descriptor >= 0 else { return }
        let written = line.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        if written == line.count {
            size += written
            if let step = writeback?.wrote(upTo: size), !FileWriteback.perform(step, on: descriptor) {
                let error = errno
                writeback = nil
                logger.notice("event log written back by the kernel alone", metadata: ["path": "\(path)", "errno": "\(error)"])
            }
        } else {
            logger.error("event log write failed", metadata: ["path": "\(path)", "errno": "\(errno)"])
        }
    }

    private func rotate() {
        close(descriptor)
        descriptor = -1
        let manager = FileManager.default
        try? manager.removeItem(atPath: "\(path).\(keep)")
        for index in stride(from: keep - 1, through: 1, by: -1) where manager.fileExists(atPath: "\(path).\(index)") {
            try? manager.moveItem(atPath: "\(path).\(index)", toPath: "\(path).\(index + 1)")
        }
        try? manager.moveItem(atPath: path, toPath: "\(path).1")
        do {
            try open()
        } catch {
            logger.error("event log could not be reopened after rotation", metadata: ["error": "\(error)"])
        }
    }
}
