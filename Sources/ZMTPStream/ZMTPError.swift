/// What went wrong on a ``ZMTPDealer`` connection, in words.
public struct ZMTPError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
