#if canImport(Glibc)
    import Glibc

    /// glibc's `sync_file_range` (a GNU extension the Glibc module does not export).
    @_silgen_name("sync_file_range")
    private func glibcSyncFileRange(_ descriptor: Int32, _ offset: Int64, _ count: Int64, _ flags: UInt32) -> Int32
#endif

/// Hands a file's written bytes to the disk a step at a time, so that they never pile up in the
/// page cache for the kernel to write back all at once.
///
/// A file written and never synced (the event log) stays dirty in memory until the kernel's
/// flusher finds it older than `vm.dirty_expire_centisecs` (30 s by default), and then goes out in
/// bursts of all that was written in the seconds since: at 54,000 writes/s about 17 MB a second of
/// events, some 100 MB every 5 s. A commit's `fdatasync` queued behind such a burst waited 18–136
/// ms (BENCHMARKS.md, "The half-load tail"). Each step starts the writeback of
/// what was written since the last one (`SYNC_FILE_RANGE_WRITE`, which does not wait) and waits
/// for the step before it, so at most two steps are dirty or in flight at once.
///
/// Nothing here makes the file durable (no metadata, no disk cache flush): the log is not synced.
struct FileWriteback {
    /// One step: wait until the earlier range is written, start writing the later one.
    struct Step: Equatable {
        let waitFor: Range<Int>?
        let start: Range<Int>
    }

    /// Bytes a step hands to the disk by default.
    static let defaultStepBytes = 1 << 20

    let stepBytes: Int
    /// Where the bytes not yet handed to the disk start.
    private var unstarted: Int
    /// The range the last step started, waited for by the next.
    private var started: Range<Int>?

    /// For a file whose first `size` bytes were there before (left to the kernel).
    init(size: Int, stepBytes: Int = Self.defaultStepBytes) {
        self.stepBytes = max(4096, stepBytes)
        unstarted = size
    }

    /// The file now holds `size` bytes: the step due, if a whole one has been written since the
    /// last.
    mutating func wrote(upTo size: Int) -> Step? {
        guard size - unstarted >= stepBytes else { return nil }
        let step = Step(waitFor: started, start: unstarted..<size)
        started = step.start
        unstarted = size
        return step
    }

    /// Asks the kernel for the step on an open file. False when it refuses (a pipe or a terminal
    /// cannot be written back by range: `ESPIPE`), and the caller should stop asking.
    static func perform(_ step: Step, on descriptor: Int32) -> Bool {
        #if canImport(Glibc)
            // SYNC_FILE_RANGE_WAIT_BEFORE 1, SYNC_FILE_RANGE_WRITE 2, SYNC_FILE_RANGE_WAIT_AFTER 4.
            if let earlier = step.waitFor, !syncRange(descriptor, earlier, flags: 1 | 2 | 4) { return false }
            return syncRange(descriptor, step.start, flags: 2)
        #else
            return true
        #endif
    }

    #if canImport(Glibc)
        private static func syncRange(_ descriptor: Int32, _ range: Range<Int>, flags: UInt32) -> Bool {
            glibcSyncFileRange(descriptor, Int64(range.lowerBound), Int64(range.count), flags) == 0
        }
    #endif
}
