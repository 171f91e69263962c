import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Finds the first HTML element of a name whose attribute has a given value and reads another of its attributes, with
/// libxml2's HTML parser driven by a SAX handler (no tree); the parse stops at that element.
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
        MarkupDocument.initializeParser()
        let prepared = MarkupInput.prepare(bytes)
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        let handler = UnsafeMutablePointer<htmlSAXHandler>.allocate(capacity: 1)
        handler.initialize(to: htmlSAXHandler())
        defer {
            handler.deinitialize(count: 1)
            handler.deallocate()
        }
        handler.pointee.startElement = { context, name, attributes in
            // The context is the parser context (libxml2's default user data); the scan hangs on its `_private`.
            guard let context, let name, let attributes else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let box = parser.pointee._private else { return }
            Unmanaged<Scan>.fromOpaque(box).takeUnretainedValue().visit(name: name, attributes: attributes)
        }
        let treeHandler = context.pointee.sax
        context.pointee.sax = handler
        defer { context.pointee.sax = treeHandler }

        var value: Value?
        let line: Int? = withoutActuallyEscaping(read) { read in
            let scan = Scan(parser: context, element: name, key: key, keyValue: keyValue, attribute: attribute) { bytes in
                value = read(bytes)
            }
            context.pointee._private = Unmanaged.passUnretained(scan).toOpaque()
            defer { context.pointee._private = nil }
            withExtendedLifetime(scan) {
                let document = prepared.bytes.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { chars in
                        htmlCtxtReadMemory(
                            context, chars.baseAddress, Int32(chars.count), nil, prepared.encoding,
                            MarkupDocument.htmlOptions)
                    }
                }
                if let document { xmlFreeDoc(document) }
            }
            return scan.line
        }
        guard let line, let value else { return nil }
        return Match(line: line, byteOffset: LineStarts(prepared.bytes).byteOffset(ofLine: line), value: value)
    }

    /// The state of one scan, reached from the parser context's `_private` pointer.
    private final class Scan {
        let parser: htmlParserCtxtPtr
        let element: [CChar]
        let key: [CChar]
        let keyValue: [CChar]
        let attribute: [CChar]
        let read: (UnsafeBufferPointer<UInt8>?) -> Void
        /// The element's line, once found.
        var line: Int?

        init(parser: htmlParserCtxtPtr, element: String, key: String, keyValue: String, attribute: String,
             read: @escaping (UnsafeBufferPointer<UInt8>?) -> Void) {
            self.parser = parser
            self.element = Array(element.utf8CString)
            self.key = Array(key.utf8CString)
            self.keyValue = Array(keyValue.utf8CString)
            self.attribute = Array(attribute.utf8CString)
            self.read = read
        }

        /// One start tag: when it is the element wanted, reads the attribute, notes the line and stops the parser.
        func visit(name: UnsafePointer<xmlChar>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>) {
            guard line == nil, Self.equal(name, element) else { return }
            var wanted: UnsafePointer<xmlChar>?
            var matches = false
            var index = 0
            while let attributeName = attributes[index] {
                let attributeValue = attributes[index + 1]
                if Self.equal(attributeName, key) {
                    matches = attributeValue.map { Self.equal($0, keyValue) } ?? false
                } else if Self.equal(attributeName, attribute) {
                    wanted = attributeValue
                }
                index += 2
            }
            guard matches else { return }
            line = Int(parser.pointee.input?.pointee.line ?? 0)
            if let wanted {
                read(UnsafeBufferPointer(start: wanted, count: strlen(UnsafeRawPointer(wanted).assumingMemoryBound(to: CChar.self))))
            } else {
                read(nil)
            }
            xmlStopParser(parser)
        }

        private static func equal(_ text: UnsafePointer<xmlChar>, _ expected: [CChar]) -> Bool {
            expected.withUnsafeBufferPointer { expected in
                guard let expected = expected.baseAddress else { return false }
                return strcmp(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self), expected) == 0
            }
        }
    }
}
