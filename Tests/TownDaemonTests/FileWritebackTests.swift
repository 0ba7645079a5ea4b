import Foundation
import Testing

@testable import TownDaemon

/// The event log's writeback steps: every byte written after opening is handed to the disk once,
/// in order, with at most two steps outstanding; and the kernel takes the requests.
@Suite struct FileWritebackTests {
    @Test func stepsCoverEveryByteOnceAndWaitForTheOneBefore() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let opened = Int.random(in: 0..<100_000, using: &generator)
            var writeback = FileWriteback(size: opened, stepBytes: 8192)
            var size = opened
            var steps: [FileWriteback.Step] = []
            for _ in 0..<500 {
                size += Int.random(in: 1...3000, using: &generator)
                if let step = writeback.wrote(upTo: size) { steps.append(step) }
            }
            // Started ranges follow each other from where the file stood when opened.
            var next = opened
            for (index, step) in steps.enumerated() {
                #expect(step.start.lowerBound == next)
                #expect(step.start.count >= 8192)
                #expect(step.waitFor == (index == 0 ? nil : steps[index - 1].start))
                next = step.start.upperBound
            }
            // What is not started yet is less than a step.
            #expect(size - next < 8192)
            #expect(steps.count >= (size - opened) / (8192 + 3000) - 1)
        }
    }

    @Test func aStepIsDueOnlyOnceAWholeOneIsWritten() {
        var writeback = FileWriteback(size: 100, stepBytes: 4096)
        #expect(writeback.wrote(upTo: 4195) == nil)
        #expect(writeback.wrote(upTo: 4196) == FileWriteback.Step(waitFor: nil, start: 100..<4196))
        #expect(writeback.wrote(upTo: 8291) == nil)
        #expect(writeback.wrote(upTo: 9000) == FileWriteback.Step(waitFor: 100..<4196, start: 4196..<9000))
        // Steps are never smaller than a page.
        #expect(FileWriteback(size: 0, stepBytes: 1).stepBytes == 4096)
    }

    @Test func theKernelTakesStepsOnAFileAndRefusesThemOnAPipe() throws {
        #if canImport(Glibc)
            let path = TestDaemon.makeTemporaryDirectory() + "/log"
            let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            try #require(descriptor >= 0)
            defer { close(descriptor) }
            let bytes = [UInt8](repeating: 0x41, count: 3 * 4096)
            #expect(bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == bytes.count)
            var writeback = FileWriteback(size: 0, stepBytes: 4096)
            let steps = [writeback.wrote(upTo: 8192), writeback.wrote(upTo: 3 * 4096)]
            let first = try #require(steps[0])
            let second = try #require(steps[1])
            #expect(FileWriteback.perform(first, on: descriptor))
            #expect(FileWriteback.perform(second, on: descriptor))
            var pipe: [Int32] = [0, 0]
            try #require(Glibc.pipe(&pipe) == 0)
            defer { close(pipe[0]); close(pipe[1]) }
            #expect(!FileWriteback.perform(first, on: pipe[1]))
            #expect(errno == ESPIPE)
        #endif
    }
}
