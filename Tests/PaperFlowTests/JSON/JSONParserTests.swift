import Testing
@testable import PaperFlow

@Suite("JSON parser: accepted documents")
struct JSONParserTests {
    private func number(_ literal: String) -> JSONValue {
        .number(JSONNumber(checkedLiteral: literal))
    }

    @Test func parsesEveryValueKind() throws {
        let text = #" { "n": null, "t": true, "f": false, "i": -12, "d": 0.5e-3, "s": "x", "a": [1, [], {}], "o": {"k": "v"} } "#
        let expected = JSONValue.object(JSONObject([
            .init(key: "n", value: .null),
            .init(key: "t", value: .bool(true)),
            .init(key: "f", value: .bool(false)),
            .init(key: "i", value: number("-12")),
            .init(key: "d", value: number("0.5e-3")),
            .init(key: "s", value: .string("x")),
            .init(key: "a", value: .array([number("1"), .array([]), .object(JSONObject([]))])),
            .init(key: "o", value: .object(JSONObject([.init(key: "k", value: .string("v"))]))),
        ]))
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test func parsesScalarDocumentsWithSurroundingWhitespace() throws {
        #expect(try JSONValue.parse(" \t\r\n null \n") == .null)
        #expect(try JSONValue.parse("true") == .bool(true))
        #expect(try JSONValue.parse("\"\"") == .string(""))
        #expect(try JSONValue.parse("-0") == number("-0"))
    }

    @Test func keepsMemberOrderAndLooksUpByKey() throws {
        let value = try JSONValue.parse(#"{"zeta": 1, "alpha": 2, "mid": 3}"#)
        let object = try #require(value.objectValue)
        #expect(object.members.map(\.key) == ["zeta", "alpha", "mid"])
        #expect(object["alpha"]?.intValue == 2)
        #expect(object["missing"] == nil)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let text = #""\u00e9\u4E2D\ud83d\ude00 \"\\\/\b\f\n\r\t \u0000""#
        #expect(try JSONValue.parse(text) == .string("é中😀 \"\\/\u{8}\u{C}\n\r\t \u{0}"))
    }

    @Test func keepsRawUTF8() throws {
        #expect(try JSONValue.parse("\"Müller – 数据 🙂\"") == .string("Müller – 数据 🙂"))
    }

    @Test func acceptsAllThreeOverloads() throws {
        let bytes = Array(#"[1,"a"]"#.utf8)
        let expected = JSONValue.array([number("1"), .string("a")])
        #expect(try JSONValue.parse(bytes) == expected)
        let viaPointer = try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            try JSONValue.parse(buffer)
        }
        #expect(viaPointer == expected)
    }

    @Test func keepsNumberLiteralsAndConvertsThem() throws {
        let value = try JSONValue.parse("[1.50, 1E+2, 9223372036854775807, 9223372036854775808, -9223372036854775808, 1e400]")
        let elements = try #require(value.arrayValue)
        let literals = elements.compactMap { element -> String? in
            if case .number(let number) = element { number.literal } else { nil }
        }
        #expect(literals == ["1.50", "1E+2", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e400"])
        #expect(elements.map(\.intValue) == [nil, nil, Int.max, nil, Int.min, nil])
        #expect(elements.map(\.typeName) == ["number", "number", "integer", "integer", "integer", "number"])
        #expect(elements[0].doubleValue == 1.5)
        #expect(elements[1].doubleValue == 100)
        #expect(elements[5].doubleValue == nil)
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let depth = JSONValue.maximumNestingDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONValue.parse(text)
        var levels = 1
        while let inner = value.arrayValue?.first {
            value = inner
            levels += 1
        }
        #expect(levels == depth)
    }

    @Test func acceptsLargeObjectsWithDistinctKeys() throws {
        let members = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let object = try #require(try JSONValue.parse("{\(members)}").objectValue)
        #expect(object.members.count == 40)
        #expect(object["k39"]?.intValue == 39)
    }
}
