/// The CHP command names that travel in the key frame.
public enum CHPCommand {
    public static let icanhaz = "ICANHAZ?"
    public static let kthxbai = "KTHXBAI"
    public static let hugz = "HUGZ"

    /// The command sets decoders accept as keys, built once (not per message).
    static let hugzOnly: Set<String> = [hugz]
    static let kthxbaiOnly: Set<String> = [kthxbai]
}
