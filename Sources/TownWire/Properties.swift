/// A kvmsg's properties: `name=value\n` lines, UTF-8, order kept, names unique.
///
/// A value may hold `=`; neither names nor values may hold a newline, and names are non-empty
/// and hold no `=` or control characters.
public struct Properties: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    public private(set) var entries: [(name: String, value: String)] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { self[name] = value }
    }

    public static func == (lhs: Properties, rhs: Properties) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.name == $1.name && $0.value == $1.value }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// A property's value; setting nil removes it, setting a new name appends it. Control
    /// characters in a value set here (say, a bad key echoed in a `detail`) become spaces, so the
    /// encoded form always parses.
    public subscript(name: String) -> String? {
        get { entries.first { $0.name == name }?.value }
        set {
            precondition(Self.isValidName(name), "invalid property name \(name.debugDescription)")
            let newValue = newValue.map(Self.sanitized)
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }

    /// The wire form: each property as `name=value\n`.
    public func encode() -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries {
            bytes.append(contentsOf: entry.name.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(contentsOf: entry.value.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// Parses the wire form strictly. A missing final newline is accepted (some CHP clients
    /// omit it); blank lines are not. One pass over the bytes (every snapshot and update goes
    /// through here): lines and `=` are found by byte, and control characters by their UTF-8 form.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> Properties {
        var properties = Properties()
        guard !bytes.isEmpty else { return properties }
        // A submit carries two or three properties: room for them at once.
        properties.entries.reserveCapacity(4)
        if !UTF8Bytes.isASCII(bytes[...]) {
            guard String(validating: bytes, as: UTF8.self) != nil else { throw .propertiesNotUTF8 }
        }
        let newline = UInt8(ascii: "\n")
        let equalsSign = UInt8(ascii: "=")
        let end = bytes[bytes.count - 1] == newline ? bytes.count - 1 : bytes.count
        var lineStart = 0
        while true {
            var lineEnd = lineStart
            while lineEnd < end && bytes[lineEnd] != newline { lineEnd += 1 }
            var equals = lineStart
            while equals < lineEnd && bytes[equals] != equalsSign { equals += 1 }
            guard equals < lineEnd else {
                throw .propertyLineMalformed(String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self))
            }
            let nameBytes = bytes[lineStart..<equals]
            let valueBytes = bytes[(equals + 1)..<lineEnd]
            let name = String(decoding: nameBytes, as: UTF8.self)
            guard !nameBytes.isEmpty, !UTF8Bytes.containsControl(nameBytes) else { throw .propertyNameInvalid(name) }
            let value = String(decoding: valueBytes, as: UTF8.self)
            guard !UTF8Bytes.containsControl(valueBytes) else { throw .propertyValueInvalid(name: name, value: value) }
            guard !properties.entries.contains(where: { $0.name == name }) else { throw .duplicateProperty(name) }
            properties.entries.append((name, value))
            if lineEnd >= end { break }
            lineStart = lineEnd + 1
        }
        return properties
    }

    static func sanitized(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: isControl) else { return value }
        return String(String.UnicodeScalarView(value.unicodeScalars.map { isControl($0) ? " " : $0 }))
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { isControl($0) || $0 == "=" }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        // The Unicode control characters (category Cc) are exactly these ranges; a table lookup
        // per scalar showed in profiles.
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }
}
