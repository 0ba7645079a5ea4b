/// The property names TownSync reads and writes.
public enum PropertyName {
    public static let stamp = "stamp"
    public static let origin = "origin"
    public static let ttl = "ttl"
    public static let status = "status"
    public static let reason = "reason"
    public static let detail = "detail"
    public static let clock = "clock"
}
