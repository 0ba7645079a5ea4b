import Testing
import TownWire

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
