#if canImport(Glibc)
    /// glibc's `mallopt` (declared in <malloc.h>, which the Glibc module does not export).
    @_silgen_name("mallopt")
    private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// Widens glibc's fast bins to blocks of up to 160 bytes (its default is 128; 160 is the most it
/// allows), process-wide.
///
/// libzmq copies every outgoing frame longer than 33 bytes into a block it allocates on the
/// sending thread (townd's socket loop) and frees on its I/O thread once the frame is on the wire.
/// glibc frees a block of another thread's arena under that arena's lock, unless the block is
/// fast-bin sized (those go back without it), so the I/O thread and the socket loop took turns on
/// one lock and waited for each other in the kernel: a reply's properties frame with libzmq's
/// header is a block of about 144 bytes. At 57,000 writes/s this took the I/O thread's `futex`
/// calls from 28,900 to none and the socket loop's from 19,800 to 1,700 in 3 s.
enum MallocFastBins {
    /// The largest block glibc then keeps in fast bins.
    static let maximumBlockBytes: Int32 = 160

    /// Returns whether glibc took the setting (false off glibc).
    @discardableResult
    static func widen() -> Bool {
        #if canImport(Glibc)
            // M_MXFAST
            return glibcMallopt(1, maximumBlockBytes) == 1
        #else
            return false
        #endif
    }
}
