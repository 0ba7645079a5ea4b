#if canImport(Glibc)
    import Glibc
#endif

#if LIBFUZZER
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// Under `Scripts/fuzz` (built with `-sanitize=fuzzer -DLIBFUZZER`): hand control to libFuzzer.
    @main
    struct FuzzMain {
        static func main() {
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, townsyncFuzzTestOneInput))
        }
    }
#else
    /// In an ordinary build: replay the files named on the command line (a corpus or a crash
    /// input) through the fuzz target, so a finding can be reproduced without libFuzzer.
    @main
    struct FuzzMain {
        static func main() {
            let paths = CommandLine.arguments.dropFirst()
            if paths.isEmpty {
                print("usage: [FUZZ_TARGET=wire|csv] townsync-fuzz FILE...   (replays inputs; Scripts/fuzz runs libFuzzer)")
                return
            }
            for path in paths {
                guard let file = fopen(path, "rb") else {
                    print("townsync-fuzz: cannot open \(path)")
                    exit(1)
                }
                var bytes: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let count = fread(&chunk, 1, chunk.count, file)
                    if count <= 0 { break }
                    bytes += chunk[0..<count]
                }
                fclose(file)
                FuzzTarget.selected.run(bytes)
            }
            print("townsync-fuzz (\(FuzzTarget.selected.rawValue)): \(paths.count) input(s) replayed without a crash")
        }
    }
#endif
