import Testing
import TownTesting
@testable import TownWire

/// The decoders find control characters by their UTF-8 bytes; these tests hold that to the
/// definition (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) over every scalar up to U+07FF
/// and a sample beyond, in keys and in property values.
@Suite struct ControlCharacterTests {
    static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.generalCategory == .control }

    static var scalars: [Unicode.Scalar] {
        (0..<0x800).compactMap(Unicode.Scalar.init) + [0xFEFF, 0x2028, 0x4E09, 0x1F600].compactMap(Unicode.Scalar.init)
    }

    @Test func keysWithAnyScalar() {
        for scalar in Self.scalars where scalar != "\n" {
            let key = "/village/" + String(Character(scalar)) + "x"
            let result = Result { () throws(WireError) in try KeyValidator.validate(Array(key.utf8)) }
            if Self.isControl(scalar) {
                #expect(result.failureValue == .keyControlCharacter(key), "U+\(String(scalar.value, radix: 16))")
            } else {
                #expect(result.successValue == key, "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func propertyValuesWithAnyScalar() {
        for scalar in Self.scalars where scalar != "\n" {
            let value = "a" + String(Character(scalar)) + "b"
            let result = Result { () throws(WireError) in try Properties.decode(Array("detail=\(value)\n".utf8)) }
            if Self.isControl(scalar) {
                #expect(result.failureValue == .propertyValueInvalid(name: "detail", value: value))
            } else {
                #expect(result.successValue?["detail"] == value, "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func propertyNamesWithAnyScalar() {
        for scalar in Self.scalars where scalar != "\n" && scalar != "=" {
            let name = "n" + String(Character(scalar))
            let result = Result { () throws(WireError) in try Properties.decode(Array("\(name)=1".utf8)) }
            if Self.isControl(scalar) {
                #expect(result.failureValue == .propertyNameInvalid(name))
            } else {
                #expect(result.successValue?[name] == "1", "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func commandKeysOnlyWhereAllowed() throws {
        #expect(try KeyValidator.validate(Array("KTHXBAI".utf8), commandKeys: ["KTHXBAI"]) == "KTHXBAI")
        #expect(throws: WireError.keyNotAbsolute("KTHXBAI")) { try KeyValidator.validate(Array("KTHXBAI".utf8)) }
        #expect(throws: WireError.keyNotUTF8) { try KeyValidator.validate([0x2F, 0xC3]) }
    }
}

extension Result {
    var successValue: Success? { if case .success(let value) = self { value } else { nil } }
    var failureValue: Failure? { if case .failure(let error) = self { error } else { nil } }
}

/// The word-at-a-time control check agrees with the byte-by-byte definition on random byte strings
/// made of the bytes that matter (controls, 0xC2 and its continuations, boundaries, plain text),
/// at every length up to 40 and from slices that start anywhere, so controls fall on every
/// position of a word and 0xC2 0x80 straddles words.
@Suite struct ControlCheckFastPathTests {
    static func reference(_ bytes: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(bytes)
        for (index, byte) in bytes.enumerated() {
            if byte < 0x20 || byte == 0x7F { return true }
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { return true }
        }
        return false
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func theFastPathAgreesWithTheDefinition(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let alphabet: [UInt8] = [0x00, 0x09, 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0x9F, 0xA0, 0xC2, 0xC3, 0xE4, 0xFF]
            + Array("abcdefgh/=.0123456789".utf8)
        var found = 0
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 41)
            // Mostly plain text, so that clean words and late controls both occur.
            let bytes = (0..<length).map { _ -> UInt8 in
                generator.next() % 6 == 0 ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : UInt8(ascii: "k")
            }
            let start = length == 0 ? 0 : Int(generator.next() % UInt64(length + 1))
            let slice = bytes[start...]
            let expected = Self.reference(slice)
            if expected { found += 1 }
            #expect(UTF8Bytes.containsControl(slice) == expected, "\(Array(slice))")
        }
        #expect(found > 500 && found < 4_500)  // both answers well represented
    }

    @Test func aControlOrC1PairAtEveryPositionOfTwoWords() {
        for length in 1...17 {
            for position in 0..<length {
                for control in [[UInt8(0x01)], [0x7F], [0xC2, 0x85]] where position + control.count <= length {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes.replaceSubrange(position..<(position + control.count), with: control)
                    #expect(UTF8Bytes.containsControl(bytes[...]), "\(bytes)")
                }
                var latin = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                if position + 2 <= length {
                    latin.replaceSubrange(position..<(position + 2), with: [0xC2, 0xB0])  // °, not a control
                    #expect(!UTF8Bytes.containsControl(latin[...]), "\(latin)")
                }
            }
        }
    }
}
