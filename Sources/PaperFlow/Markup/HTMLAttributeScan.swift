import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Finds the first HTML element of a name whose attribute has a given value and reads another of its attributes, with
/// libxml2's HTML parser driven by SAX events (``HTMLEvents``, element starts only, no tree); the parse stops at
/// that element.
///
/// The bytes are prepared and parsed as ``MarkupDocument/html(_:)`` does (same options, encoding, invalid UTF-8
/// marker), so the element, its attribute values (entities decoded) and its line are those the tree gives.
enum HTMLAttributeScan {
    /// The element found.
    struct Match<Value> {
        /// The line libxml2 reports for the element (what `MarkupNode.line` gives below line 65535).
        var line: Int
        /// The byte offset, in the parsed bytes, of the start of that line (as `MarkupDocument.byteOffset(ofLine:)`).
        var byteOffset: Int
        /// What `read` made of the wanted attribute.
        var value: Value
    }

    /// The first element `name` whose attribute `key` is exactly `keyValue`, in document order; nil when there is none.
    ///
    /// `read` gets the wanted attribute's decoded bytes (nil when the element lacks it); they are valid only during the
    /// call. Names are lower case ASCII (libxml2 lower-cases HTML element and attribute names).
    static func firstElement<Value>(
        named name: String, where key: String, is keyValue: String, reading attribute: String,
        in bytes: [UInt8], _ read: (UnsafeBufferPointer<UInt8>?) -> Value
    ) -> Match<Value>? {
        withoutActuallyEscaping(read) { read in
            let parse = HTMLEvents.parse(bytes, elementStartsOnly: true) { lineStarts in
                Scan(element: name, key: key, keyValue: keyValue, attribute: attribute, lineStarts: lineStarts, read: read)
            }
            guard let scan = parse?.handler, let found = scan.found else { return nil }
            return Match(line: found.line, byteOffset: scan.lineStarts.byteOffset(ofLine: found.line), value: found.value)
        }
    }

    /// The state of one scan: what it looks for, and what it found.
    private struct Scan<Value>: HTMLEventHandler {
        let element: [CChar]
        let key: [CChar]
        let keyValue: [CChar]
        let attribute: [CChar]
        let lineStarts: LineStarts
        /// Reads the wanted attribute while its bytes are valid (during the event).
        let read: (UnsafeBufferPointer<UInt8>?) -> Value
        /// The element's line and what `read` made of its wanted attribute, once found.
        var found: (line: Int, value: Value)?

        init(element: String, key: String, keyValue: String, attribute: String, lineStarts: LineStarts,
             read: @escaping (UnsafeBufferPointer<UInt8>?) -> Value) {
            self.element = Array(element.utf8CString)
            self.key = Array(key.utf8CString)
            self.keyValue = Array(keyValue.utf8CString)
            self.attribute = Array(attribute.utf8CString)
            self.lineStarts = lineStarts
            self.read = read
        }

        /// One start tag: when it is the element wanted, keeps its line and reads the attribute, and stops the parser.
        mutating func startElement(_ name: UnsafePointer<xmlChar>, attributes: HTMLAttributes, line: Int) -> Bool {
            guard Self.equal(name, element), let pairs = attributes.pairs else { return true }
            var wanted: UnsafePointer<xmlChar>?
            var matches = false
            var index = 0
            while let attributeName = pairs[index] {
                let attributeValue = pairs[index + 1]
                if Self.equal(attributeName, key) {
                    matches = attributeValue.map { Self.equal($0, keyValue) } ?? false
                } else if Self.equal(attributeName, attribute) {
                    wanted = attributeValue
                }
                index += 2
            }
            guard matches else { return true }
            found = (line, read(wanted.map { value in
                UnsafeBufferPointer(start: value, count: strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self)))
            }))
            return false
        }

        func endElement() {}
        func characters(_ text: UnsafeBufferPointer<UInt8>, line: Int) {}
        func cdata(_ text: UnsafeBufferPointer<UInt8>) {}
        func otherNode(line: Int) {}

        private static func equal(_ text: UnsafePointer<xmlChar>, _ expected: [CChar]) -> Bool {
            expected.withUnsafeBufferPointer { expected in
                guard let expected = expected.baseAddress else { return false }
                return strcmp(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self), expected) == 0
            }
        }
    }
}
