#if canImport(Glibc)
    import Glibc

    /// glibc's `pthread_setname_np` (a GNU extension the Glibc module does not export).
    @_silgen_name("pthread_setname_np")
    private func glibcSetThreadName(_ thread: pthread_t, _ name: UnsafePointer<CChar>) -> Int32
#endif

/// Names the calling thread, so `top -H` and `/proc/<pid>/task/*/comm` show what each of townd's
/// threads is (and the bench can tell their CPU apart).
///
/// Foundation's `Thread.name` setter on Linux names the thread only once its `start()` has stored
/// the new thread's handle, which it does after the thread is created: a thread that names itself
/// first thing can run before that, and its name is then silently dropped (one full bench run
/// found townd's commit thread still called `townd-sockets`, the name it inherited). A name set
/// before `start()` is always dropped. This asks the C library directly, from the thread itself.
public enum ThreadName {
    /// At most 15 bytes are kept (the kernel's limit), cut between characters.
    public static func setCurrent(_ name: String) {
        #if canImport(Glibc)
            _ = glibcSetThreadName(pthread_self(), fitted(name))
        #endif
    }

    /// The longest start of `name`, whole characters only, that fits in 15 bytes of UTF-8.
    static func fitted(_ name: String) -> String {
        var fitted = ""
        for character in name {
            guard fitted.utf8.count + character.utf8.count <= 15 else { break }
            fitted.append(character)
        }
        return fitted
    }
}
