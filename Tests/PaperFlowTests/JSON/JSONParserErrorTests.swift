import Testing
@testable import PaperFlow

@Suite("JSON parser: rejected documents")
struct JSONParserErrorTests {
    private func syntaxError(_ text: String) -> JSONSyntaxError? {
        syntaxError(Array(text.utf8))
    }

    private func syntaxError(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do {
            _ = try JSONValue.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func describesPositionAndMessage() {
        let text = "{\n  \"a\": 1,\n  \"title\": 1 \"b\": 2\n}"
        let error = syntaxError(text)
        #expect(error == JSONSyntaxError(line: 3, column: 14, message: "expected ',' or '}' after an object member"))
        #expect(error?.description == "line 3, column 14: expected ',' or '}' after an object member")
    }

    @Test func rejectsStructuralErrors() {
        #expect(syntaxError("[1 2]") == JSONSyntaxError(line: 1, column: 4, message: "expected ',' or ']' after an array element"))
        #expect(syntaxError("{\"a\" 1}") == JSONSyntaxError(line: 1, column: 6, message: "expected ':' after an object key"))
        #expect(syntaxError("{1: 2}") == JSONSyntaxError(line: 1, column: 2, message: "expected a string key"))
        #expect(syntaxError("[1") == JSONSyntaxError(line: 1, column: 3, message: "expected ',' or ']' after an array element"))
        #expect(syntaxError("1 2") == JSONSyntaxError(line: 1, column: 3, message: "unexpected '2' after the JSON value"))
        #expect(syntaxError("") == JSONSyntaxError(line: 1, column: 1, message: "expected a value, found end of input"))
        #expect(syntaxError(" \n  ") == JSONSyntaxError(line: 2, column: 3, message: "expected a value, found end of input"))
    }

    @Test func rejectsTrailingCommas() {
        #expect(syntaxError("[1, 2,]") == JSONSyntaxError(line: 1, column: 7, message: "trailing comma before ']'"))
        #expect(syntaxError("{\n  \"a\": 1,\n}") == JSONSyntaxError(line: 3, column: 1, message: "trailing comma before '}'"))
        #expect(syntaxError("[,]") == JSONSyntaxError(line: 1, column: 2, message: "expected a value, found ','"))
    }

    @Test func rejectsCommentsNaNAndBadLiterals() {
        #expect(syntaxError("// note\n1") == JSONSyntaxError(line: 1, column: 1, message: "expected a value, found '/'"))
        #expect(syntaxError("[1 /* c */]") == JSONSyntaxError(line: 1, column: 4, message: "expected ',' or ']' after an array element"))
        #expect(syntaxError("[NaN]") == JSONSyntaxError(line: 1, column: 2, message: "expected a value, found 'N'"))
        #expect(syntaxError("-Infinity") == JSONSyntaxError(line: 1, column: 2, message: "expected a digit after '-'"))
        #expect(syntaxError("[tru]") == JSONSyntaxError(line: 1, column: 2, message: "expected 'true'"))
        #expect(syntaxError("nul") == JSONSyntaxError(line: 1, column: 1, message: "expected 'null'"))
        #expect(syntaxError([0xEF, 0xBB, 0xBF, 0x31])?.message == "expected a value, found a UTF-8 byte order mark")
    }

    @Test func rejectsMalformedNumbers() {
        #expect(syntaxError("01") == JSONSyntaxError(line: 1, column: 1, message: "leading zeros are not allowed in a number"))
        #expect(syntaxError("[-01]") == JSONSyntaxError(line: 1, column: 2, message: "leading zeros are not allowed in a number"))
        #expect(syntaxError("1.") == JSONSyntaxError(line: 1, column: 3, message: "expected a digit after '.' in a number"))
        #expect(syntaxError("1e+") == JSONSyntaxError(line: 1, column: 4, message: "expected a digit in the exponent of a number"))
        #expect(syntaxError("+1") == JSONSyntaxError(line: 1, column: 1, message: "expected a value, found '+'"))
        #expect(syntaxError(".5") == JSONSyntaxError(line: 1, column: 1, message: "expected a value, found '.'"))
    }

    @Test func rejectsDuplicateKeysNamingTheKey() {
        #expect(syntaxError(#"{"a": 1, "b": 2, "a": 3}"#) == JSONSyntaxError(line: 1, column: 18, message: #"duplicate key "a" in an object"#))
        let many = (0..<30).map { "\"k\($0)\": 0" }.joined(separator: ",\n")
        #expect(syntaxError("{\(many),\n\"k7\": 1}") == JSONSyntaxError(line: 31, column: 1, message: #"duplicate key "k7" in an object"#))
        #expect(syntaxError(#"[{"a": 1}, {"a": 2}]"#) == nil)
    }

    @Test func rejectsBadStrings() {
        #expect(syntaxError("\"ab\ncd\"") == JSONSyntaxError(line: 1, column: 4, message: "unescaped control character 0x0A in a string"))
        #expect(syntaxError("\"tab\there\"")?.message == "unescaped control character 0x09 in a string")
        #expect(syntaxError(#"["abc"#) == JSONSyntaxError(line: 1, column: 2, message: "unterminated string"))
        #expect(syntaxError(#""ab\"#) == JSONSyntaxError(line: 1, column: 1, message: "unterminated string"))
        #expect(syntaxError(#""a\x""#) == JSONSyntaxError(line: 1, column: 3, message: #"invalid escape '\x' in a string"#))
        #expect(syntaxError(#""\u12G4""#) == JSONSyntaxError(line: 1, column: 2, message: #"expected 4 hex digits after '\u' in a string"#))
    }

    @Test func rejectsLoneSurrogates() {
        #expect(syntaxError(#""x\ud800""#) == JSONSyntaxError(line: 1, column: 3, message: #"lone surrogate \ud800 in a string"#))
        #expect(syntaxError(#""\uDC00""#) == JSONSyntaxError(line: 1, column: 2, message: #"lone surrogate \uDC00 in a string"#))
        #expect(syntaxError(#""\ud800\u0041""#)?.message == #"lone surrogate \ud800 in a string"#)
        #expect(syntaxError(#""\ud800\ud800""#)?.message == #"lone surrogate \ud800 in a string"#)
    }

    @Test(arguments: [
        [0xC3, 0x28],             // lead byte without continuation
        [0xC0, 0x80],             // overlong NUL
        [0xE0, 0x80, 0x80],       // overlong three-byte form
        [0xED, 0xA0, 0x80],       // encoded surrogate
        [0xF4, 0x90, 0x80, 0x80], // above U+10FFFF
        [0xF5, 0x80, 0x80, 0x80], // invalid lead byte
        [0x80],                   // stray continuation byte
        [0xE2, 0x82],             // cut-off sequence at the end of the string
    ] as [[UInt8]])
    func rejectsInvalidUTF8InStrings(sequence: [UInt8]) {
        let document = [UInt8(ascii: "\""), UInt8(ascii: "a")] + sequence + [UInt8(ascii: "\"")]
        #expect(syntaxError(document) == JSONSyntaxError(line: 1, column: 3, message: "invalid UTF-8 in a string"))
    }

    @Test func rejectsNonASCIIOutsideStrings() {
        #expect(syntaxError([0x5B, 0xC3, 0xA9, 0x5D]) == JSONSyntaxError(line: 1, column: 2, message: "expected a value, found byte 0xC3"))
    }

    @Test func rejectsNestingBeyondTheLimitWithoutCrashing() {
        let limit = JSONValue.maximumNestingDepth
        let justOver = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        let message = "nesting deeper than \(limit) arrays and objects"
        #expect(syntaxError(justOver) == JSONSyntaxError(line: 1, column: limit + 1, message: message))
        let hostile = [UInt8](repeating: UInt8(ascii: "["), count: 200_000)
        #expect(syntaxError(hostile) == JSONSyntaxError(line: 1, column: limit + 1, message: message))
        let mixed = Array(String(repeating: #"{"a":["#, count: 100_000).utf8)
        #expect(syntaxError(mixed)?.message == message)
    }
}
