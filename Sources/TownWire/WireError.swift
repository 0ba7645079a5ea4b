/// Why a message was refused by the codec. Every malformed input maps to one of these; the
/// decoder never traps on bytes from outside.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongFrameCount(expected: Int, got: Int)
    case sequenceLength(Int)
    case uuidLength(Int)
    case missingUUID
    case propertiesNotUTF8
    case propertyLineMalformed(String)
    case propertyNameInvalid(String)
    case propertyValueInvalid(name: String, value: String)
    case duplicateProperty(String)
    case missingProperty(String)
    case emptyKey
    case keyNotUTF8
    case keyNotAbsolute(String)
    case keyTooLong(Int)
    case keyControlCharacter(String)
    case bodyTooLarge(size: Int, limit: Int)
    case unexpectedCommand(String)
    case nonZeroSequence(UInt64)
    case subtreeInvalid(String)
    case eventKindInvalid
    case eventNotJSONObject
    /// A frame-stream (ZMTP framing) error: bad flags or a frame larger than the stream allows.
    case frameStreamInvalid(String)

    public var description: String {
        switch self {
        case .wrongFrameCount(let expected, let got): return "expected \(expected) frames, got \(got)"
        case .sequenceLength(let n): return "sequence frame must be 8 bytes, got \(n)"
        case .uuidLength(let n): return "uuid frame must be 16 bytes or empty, got \(n)"
        case .missingUUID: return "a 16-byte uuid is required"
        case .propertiesNotUTF8: return "properties are not UTF-8"
        case .propertyLineMalformed(let line): return "property line '\(line)' is not name=value"
        case .propertyNameInvalid(let name): return "property name '\(name)' is invalid"
        case .propertyValueInvalid(let name, let value): return "property \(name)='\(value)' is invalid"
        case .duplicateProperty(let name): return "property '\(name)' appears twice"
        case .missingProperty(let name): return "property '\(name)' is required"
        case .emptyKey: return "key is empty"
        case .keyNotUTF8: return "key is not UTF-8"
        case .keyNotAbsolute(let key): return "key '\(key)' does not start with '/'"
        case .keyTooLong(let n): return "key is \(n) bytes, at most \(KVMessage.maximumKeyBytes) allowed"
        case .keyControlCharacter(let key): return "key '\(key.debugDescription)' holds a control character"
        case .bodyTooLarge(let size, let limit): return "body is \(size) bytes, at most \(limit) allowed"
        case .unexpectedCommand(let command): return "unexpected command '\(command)'"
        case .nonZeroSequence(let n): return "a request's sequence must be 0, got \(n)"
        case .subtreeInvalid(let subtree): return "subtree '\(subtree)' must be empty or /segments/"
        case .eventKindInvalid: return "event kind must be non-empty UTF-8 without control characters"
        case .eventNotJSONObject: return "event body must be a UTF-8 JSON object"
        case .frameStreamInvalid(let reason): return "frame stream: \(reason)"
        }
    }
}
