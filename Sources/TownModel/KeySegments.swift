/// A key's parts between slashes, at most `capacity` of them (the last keeps any further slashes),
/// found without building an array: every write's key is classified.
struct KeySegments {
    static let capacity = 6
    let key: Substring.UTF8View
    /// Where each part starts and (one past) where it ends, in `key`.
    private var starts = InlineArray<6, String.Index>(repeating: "".startIndex)
    private var ends = InlineArray<6, String.Index>(repeating: "".startIndex)
    private(set) var count = 0

    init(_ key: String) {
        self.key = key[...].utf8
        var start = self.key.startIndex
        var index = start
        while index < self.key.endIndex {
            if self.key[index] == UInt8(ascii: "/") && count < Self.capacity - 1 {
                starts[count] = start
                ends[count] = index
                count += 1
                start = self.key.index(after: index)
            }
            index = self.key.index(after: index)
        }
        starts[count] = start
        ends[count] = self.key.endIndex
        count += 1
    }

    /// The part at `index` (0-based; the key's leading slash makes part 0 empty).
    subscript(index: Int) -> Substring {
        Substring(key[starts[index]..<ends[index]])
    }
}
