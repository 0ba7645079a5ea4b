/// Damages multipart messages the ways a hostile or broken peer would: flipped and inserted
/// bytes, truncated, dropped, duplicated, emptied and oversized frames, shuffled frame order.
public enum WireMutator {
    public static func mutate(_ frames: [[UInt8]], using random: inout SeededGenerator) -> [[UInt8]] {
        var frames = frames
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            mutateOnce(&frames, using: &random)
        }
        return frames
    }

    private static func mutateOnce(_ frames: inout [[UInt8]], using random: inout SeededGenerator) {
        let index = frames.isEmpty ? 0 : Int.random(in: 0..<frames.count, using: &random)
        switch Int.random(in: 0..<9, using: &random) {
        case 0 where !frames.isEmpty && !frames[index].isEmpty:
            let at = Int.random(in: 0..<frames[index].count, using: &random)
            frames[index][at] = UInt8.random(in: 0...255, using: &random)
        case 1 where !frames.isEmpty:
            let at = Int.random(in: 0...frames[index].count, using: &random)
            frames[index].insert(random.pick([0x00, 0x0A, 0x3D, 0x2F, 0xFF, 0xC3]), at: at)
        case 2 where !frames.isEmpty:
            frames[index] = Array(frames[index].prefix(Int.random(in: 0...frames[index].count, using: &random)))
        case 3 where !frames.isEmpty:
            frames.remove(at: index)
        case 4 where !frames.isEmpty:
            frames.insert(frames[index], at: index)
        case 5 where !frames.isEmpty:
            frames[index] = []
        case 6 where !frames.isEmpty:
            frames[index] += [UInt8](repeating: UInt8.random(in: 0...255, using: &random), count: random.pick([1, 8, 255, 70_000]))
        case 7:
            frames.shuffle(using: &random)
        default:
            frames.append((0..<Int.random(in: 0...20, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
    }
}
