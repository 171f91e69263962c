import Testing
@testable import PaperFlow

@Suite("JSON writer")
struct JSONWriterTests {
    private func escaped(_ text: String) -> String {
        var out: [UInt8] = []
        JSONWriter.appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func decimal(_ value: Int) -> String {
        var out: [UInt8] = []
        JSONWriter.appendInt(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        #expect(escaped("") == #""""#)
        #expect(escaped(#"say "hi" \o/"#) == #""say \"hi\" \\o/""#)
        #expect(escaped("\u{8}\u{C}\n\r\t") == #""\b\f\n\r\t""#)
        #expect(escaped("\u{0}\u{1}\u{B}\u{1F}") == #""\u0000\u0001\u000b\u001f""#)
    }

    @Test func escapesEveryControlByteExactly() {
        let named: [UInt8: String] = [0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"]
        let hexDigits = Array("0123456789abcdef")
        for byte in UInt8(0)..<0x20 {
            let expected = named[byte] ?? "\\u00" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0xF)])
            #expect(escaped(String(Character(Unicode.Scalar(byte)))) == "\"" + expected + "\"")
        }
    }

    @Test func writesSlashDelAndNonASCIIRaw() {
        var out: [UInt8] = []
        JSONWriter.appendString("/\u{7F}é\u{2028}😀", to: &out)
        #expect(out == [0x22, 0x2F, 0x7F, 0xC3, 0xA9, 0xE2, 0x80, 0xA8, 0xF0, 0x9F, 0x98, 0x80, 0x22])
    }

    @Test func appendsToExistingBytes() {
        var out = Array("x=".utf8)
        JSONWriter.appendString(String(repeating: "abc", count: 100) + "\n", to: &out)
        #expect(out == Array(("x=\"" + String(repeating: "abc", count: 100) + "\\n\"").utf8))
    }

    @Test func writesIntegersInDecimal() {
        #expect(decimal(0) == "0")
        #expect(decimal(7) == "7")
        #expect(decimal(-7) == "-7")
        #expect(decimal(10) == "10")
        #expect(decimal(-1_234_567_890) == "-1234567890")
        #expect(decimal(Int.max) == "9223372036854775807")
        #expect(decimal(Int.min) == "-9223372036854775808")
    }

    private var nested: JSONValue {
        .object(JSONObject([
            .init(key: "id", value: .string("arxiv:2310.00726")),
            .init(key: "version", value: .number(JSONNumber(3))),
            .init(key: "score", value: .number(JSONNumber(checkedLiteral: "1.50"))),
            .init(key: "authors", value: .array([.string("A \"B\""), .string("C")])),
            .init(key: "empty", value: .array([])),
            .init(key: "labels", value: .object(JSONObject([
                .init(key: "safety", value: .bool(false)),
                .init(key: "domain", value: .null),
                .init(key: "none", value: .object(JSONObject([]))),
            ]))),
        ]))
    }

    @Test func serializesCompactly() {
        let expected = #"{"id":"arxiv:2310.00726","version":3,"score":1.50,"authors":["A \"B\"","C"],"empty":[],"#
            + #""labels":{"safety":false,"domain":null,"none":{}}}"#
        #expect(JSONWriter.serialize(nested, pretty: false) == Array(expected.utf8))
    }

    @Test func serializesPretty() {
        let expected = """
            {
              "id": "arxiv:2310.00726",
              "version": 3,
              "score": 1.50,
              "authors": [
                "A \\"B\\"",
                "C"
              ],
              "empty": [],
              "labels": {
                "safety": false,
                "domain": null,
                "none": {}
              }
            }
            """
        #expect(String(decoding: JSONWriter.serialize(nested, pretty: true), as: UTF8.self) == expected)
        #expect(JSONWriter.serialize(.array([]), pretty: true) == Array("[]".utf8))
        #expect(JSONWriter.serialize(.string("x"), pretty: true) == Array("\"x\"".utf8))
    }

    @Test func appendsSeveralValuesToOneBuffer() {
        var out: [UInt8] = []
        JSONWriter.append(.array([.null]), pretty: false, to: &out)
        out.append(UInt8(ascii: "\n"))
        JSONWriter.append(.bool(true), pretty: false, to: &out)
        #expect(out == Array("[null]\ntrue".utf8))
    }

    @Test func roundTripsAVariedValue() throws {
        let value = JSONValue.array([
            nested,
            .string("control \u{0}\u{1F} quote \" backslash \\ slash / del \u{7F} é 中 😀 \u{2028}"),
            .number(JSONNumber(Int.min)),
            .number(JSONNumber(checkedLiteral: "-0.0e-0")),
            .number(JSONNumber(checkedLiteral: "123456789012345678901234567890")),
            .array([.array([.array([])]), .object(JSONObject([.init(key: "", value: .string(""))]))]),
        ])
        for pretty in [false, true] {
            #expect(try JSONValue.parse(JSONWriter.serialize(value, pretty: pretty)) == value)
        }
    }

    @Test func roundTripsGeneratedValues() throws {
        var generator = ValueGenerator(seed: 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<300 {
            let value = generator.value(depth: 0)
            let compact = JSONWriter.serialize(value, pretty: false)
            #expect(try JSONValue.parse(compact) == value)
            #expect(try JSONValue.parse(JSONWriter.serialize(value, pretty: true)) == value)
            #expect(JSONWriter.serialize(try JSONValue.parse(compact), pretty: false) == compact)
        }
    }
}

/// A deterministic source of varied JSON values (xorshift), for round-trip tests.
private struct ValueGenerator {
    private var state: UInt64
    private let alphabet: [String] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1B}", "\u{7F}", "é", "中", "😀", "\u{2029}"]

    init(seed: UInt64) {
        state = seed
    }

    private mutating func next(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }

    private mutating func text() -> String {
        (0..<next(8)).map { _ in alphabet[next(alphabet.count)] }.joined()
    }

    mutating func value(depth: Int) -> JSONValue {
        switch next(depth < 4 ? 8 : 6) {
        case 0: return .null
        case 1: return .bool(next(2) == 0)
        case 2: return .number(JSONNumber(next(2_000_001) - 1_000_000))
        case 3: return .number(JSONNumber(Double(next(1_000_000)) / 64 - 7_000) ?? JSONNumber(0))
        case 4, 5: return .string(text())
        case 6: return .array((0..<next(5)).map { _ in value(depth: depth + 1) })
        default:
            let members = (0..<next(5)).map { index in
                JSONObject.Member(key: "\(index)" + text(), value: value(depth: depth + 1))
            }
            return .object(JSONObject(members))
        }
    }
}
