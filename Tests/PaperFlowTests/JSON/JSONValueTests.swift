import Testing
@testable import PaperFlow

@Suite("JSON values")
struct JSONValueTests {
    @Test func namesTypes() {
        let values: [JSONValue] = [
            .null, .bool(false), .number(JSONNumber(3)), .number(JSONNumber(literal: "3.0") ?? JSONNumber(0)),
            .string("s"), .array([]), .object(JSONObject([])),
        ]
        #expect(values.map(\.typeName) == ["null", "boolean", "integer", "number", "string", "array", "object"])
    }

    @Test func accessorsAnswerOnlyForTheirType() {
        let text = JSONValue.string("7")
        #expect(text.stringValue == "7")
        #expect(text.intValue == nil)
        #expect(JSONValue.bool(true).boolValue == true)
        #expect(JSONValue.null.boolValue == nil)
        #expect(JSONValue.number(JSONNumber(7)).intValue == 7)
        #expect(JSONValue.number(JSONNumber(7)).doubleValue == 7)
        #expect(JSONValue.number(JSONNumber(7)).stringValue == nil)
        #expect(JSONValue.array([.null]).arrayValue == [.null])
        #expect(JSONValue.array([]).objectValue == nil)
    }

    @Test func buildsNumbersFromSwiftValues() {
        #expect(JSONNumber(-42).literal == "-42")
        #expect(JSONNumber(Int.min).int == Int.min)
        #expect(JSONNumber(0.25)?.literal == "0.25")
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(-Double.infinity) == nil)
    }

    @Test func validatesNumberLiterals() {
        #expect(JSONNumber(literal: "-1.5e+10")?.double == -1.5e10)
        #expect(JSONNumber(literal: "1e5")?.int == nil)
        #expect(JSONNumber(literal: " 1") == nil)
        #expect(JSONNumber(literal: "01") == nil)
        #expect(JSONNumber(literal: "+1") == nil)
        #expect(JSONNumber(literal: "NaN") == nil)
        #expect(JSONNumber(literal: "\"1\"") == nil)
    }

    @Test func subscriptReturnsTheFirstMemberWithTheKey() {
        let object = JSONObject([
            .init(key: "a", value: .string("first")),
            .init(key: "a", value: .string("second")),
        ])
        #expect(object["a"] == .string("first"))
    }
}
