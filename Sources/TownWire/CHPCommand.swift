/// The CHP command names that travel in the key frame.
public enum CHPCommand {
    public static let icanhaz = "ICANHAZ?"
    public static let kthxbai = "KTHXBAI"
    public static let hugz = "HUGZ"
}
