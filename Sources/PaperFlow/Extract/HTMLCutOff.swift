/// Tells whether and where an HTML document was cut off (a partial download or save), or not read to its end.
///
/// libxml2's recovering HTML parser closes open elements silently at the end of input, and gives up
/// on nesting deeper than 256 elements or skips what a broken tag swallows, so the tree alone cannot
/// show a loss. These checks look at the bytes with fixed strings (no patterns over markup) and
/// compare them with the tree.
enum HTMLCutOff {
    /// How far from the end the `</html>` end tag may sit (browser-saved pages can append a little after it).
    static let tailLength = 4096

    /// Whether the document lacks both its `</html>` and `</body>` end tags near the end of `bytes`.
    static func isCutOff(_ bytes: [UInt8]) -> Bool {
        let tail = bytes.suffix(tailLength)
        return !ByteSearch.containsIgnoringCase("</html", in: tail) && !ByteSearch.containsIgnoringCase("</body", in: tail)
    }

    /// Whether libxml2 stopped reading before the end of the input (nesting deeper than its limit).
    static func parserStopped(_ document: MarkupDocument) -> Bool {
        document.lastError?.message.hasPrefix("Excessive depth") == true
    }

    /// Whether no element follows `node` in document order, i.e. the end of what was read fell inside it.
    static func endsInside(_ node: MarkupNode) -> Bool {
        var current: MarkupNode? = node
        while let element = current {
            if element.nextElement != nil { return false }
            current = element.parent
        }
        return true
    }

    /// How many start tags (`<name` then whitespace, `>` or `/`) and end tags (`</name`) of the element `name`
    /// (lower case ASCII) the bytes hold, ignoring case.
    static func tagCounts(_ name: String, in bytes: [UInt8]) -> (starts: Int, ends: Int) {
        let letters = Array(name.utf8)
        var starts = 0
        var ends = 0
        var index = 0
        while let open = ByteSearch.firstIndex(of: UInt8(ascii: "<"), in: bytes[index...]) {
            var cursor = open + 1
            let isEnd = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "/")
            if isEnd { cursor += 1 }
            let matches = cursor + letters.count <= bytes.count
                && zip(bytes[cursor..<(cursor + letters.count)], letters).allSatisfy { ASCIIByte.lowercased($0) == $1 }
            if matches {
                let after = cursor + letters.count
                let delimited = after == bytes.count || ASCIIByte.isWhitespace(bytes[after])
                    || bytes[after] == UInt8(ascii: ">") || bytes[after] == UInt8(ascii: "/")
                if delimited {
                    if isEnd { ends += 1 } else { starts += 1 }
                }
            }
            index = open + 1
        }
        return (starts, ends)
    }
}
