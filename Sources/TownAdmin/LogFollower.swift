import Foundation

/// Reads a JSON Lines log from the start and, when following, keeps reading as it grows; like
/// `tail -F` it notices rotation (a new file at the path, or the file shrinking) and reopens.
public final class LogFollower {
    public let path: String
    private var handle: FileHandle?
    private var inode: UInt64 = 0
    private var offset: UInt64 = 0
    private var partial: [UInt8] = []

    public init(path: String) throws {
        self.path = path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw AdminError.input("cannot read the event log \(path)")
        }
        try open()
    }

    private func open() throws {
        handle = FileHandle(forReadingAtPath: path)
        offset = 0
        partial = []
        inode = Self.inode(path) ?? 0
    }

    static func inode(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    static func size(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_size) : nil
    }

    /// Whole lines written since the last call (the last unfinished line is kept for later).
    public func readLines() throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        if let handle {
            let data = handle.readDataToEndOfFile()
            offset += UInt64(data.count)
            partial += data
            while let newline = partial.firstIndex(of: 0x0A) {
                lines.append(Array(partial[..<newline]))
                partial.removeSubrange(...newline)
            }
        }
        // Rotated (a new file at the path) or truncated: start over on the new file.
        let currentInode = Self.inode(path)
        if currentInode != nil && (currentInode != inode || (Self.size(path) ?? 0) < offset) {
            try open()
            lines += try readLines()
        }
        return lines
    }
}
