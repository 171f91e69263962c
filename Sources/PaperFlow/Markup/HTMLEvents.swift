import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Receives the events of an HTML parse without a tree (``HTMLEvents/parse(_:elementStartsOnly:handler:)``), in
/// document order.
///
/// libxml2 builds its tree from exactly these events, so a handler can tell what the tree would hold: an element per
/// start tag (closed by a later ``endElement()``, every element is closed at the end of a complete parse), text
/// arriving in pieces that the tree joins into one text node until another node comes between them.
/// `line` is the line libxml2 notes for the node the tree would make (what ``MarkupNode/line`` gives).
protocol HTMLEventHandler {
    /// An element starts; names are lower case. Return false to stop the parse (no more events come).
    mutating func startElement(_ name: UnsafePointer<xmlChar>, attributes: HTMLAttributes, line: Int) -> Bool
    /// The innermost open element ends.
    mutating func endElement()
    /// Text, entities decoded (the tree's text nodes).
    mutating func characters(_ text: UnsafeBufferPointer<UInt8>, line: Int)
    /// The content of a `script` or `style` element (the tree's CDATA nodes).
    mutating func cdata(_ text: UnsafeBufferPointer<UInt8>)
    /// A comment or a processing instruction (a node of the tree without text).
    mutating func otherNode(line: Int)
}

/// The attributes of a start tag as libxml2 hands them to SAX: names lower case, values with entities decoded.
struct HTMLAttributes {
    /// libxml2's NULL-terminated array of name/value pairs; nil when the tag has no attributes.
    let pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The value of attribute `name` (lower case ASCII), nil when absent; an attribute written without a value is
    /// empty, as ``MarkupNode/attribute(_:)`` gives it. Valid only during the event.
    func value(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let pairs else { return nil }
        var index = 0
        while let attributeName = pairs[index] {
            if strcmp(UnsafeRawPointer(attributeName).assumingMemoryBound(to: CChar.self),
                      UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0 {
                guard let value = pairs[index + 1] else { return UnsafeBufferPointer(start: nil, count: 0) }
                return UnsafeBufferPointer(start: value, count: strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self)))
            }
            index += 2
        }
        return nil
    }

    /// Whether the `class` attribute lists `name`, as ``MarkupNode/hasClass(_:)`` tells; `name` is ASCII.
    func hasClass(_ name: String) -> Bool {
        guard let classes = value("class") else { return false }
        var isPlainASCII = true
        for byte in classes where byte >= 0x80 || byte == UInt8(ascii: "\r") {
            isPlainASCII = false
        }
        guard isPlainASCII else {
            return MarkupNode.classList(String(decoding: classes, as: UTF8.self), contains: name)
        }
        // In ASCII without carriage returns every character is one byte, so the split is the same on bytes.
        let separators: (UInt8) -> Bool = { $0 == ASCIIByte.space || $0 == ASCIIByte.tab || $0 == ASCIIByte.lineFeed }
        return classes.split(whereSeparator: separators).contains { $0.elementsEqual(name.utf8) }
    }
}

/// libxml2's recovering HTML parser driven by SAX callbacks, without building a tree.
///
/// The bytes are prepared and parsed as ``MarkupDocument/html(_:)`` does (same options, encoding, invalid UTF-8
/// marker), so the events are those from which that tree is built. What the tree adds is the caller's to check:
/// libxml2 stops a tree deeper than 256 elements, caps node lines at 65,535, and places an element that starts after
/// the root element has ended by what the tree already holds.
enum HTMLEvents {
    /// The depth past which libxml2 stops building a tree (`xmlParserMaxDepth`): a tree parse halts at the element
    /// that would open below this many open elements.
    static let treeDepthLimit = 256

    /// Parses `bytes`, sending every event to the handler that `makeHandler` makes from where the lines of the parsed
    /// bytes start (the bytes libxml2 reads after ``MarkupInput/prepare(_:)``). Returns the handler as the events
    /// left it and libxml2's last error; nil when libxml2 cannot start a parse.
    ///
    /// With `elementStartsOnly`, libxml2 is given only the start-element callback: the handler gets nothing else, and
    /// the parser does not hand text over at all (a scan for one element goes faster).
    static func parse<Handler: HTMLEventHandler>(
        _ bytes: [UInt8], elementStartsOnly: Bool = false, handler makeHandler: (LineStarts) -> Handler
    ) -> (handler: Handler, lastError: MarkupError?)? {
        MarkupDocument.initializeParser()
        let prepared = MarkupInput.prepare(bytes)
        let box = TypedHandlerBox(makeHandler(LineStarts(prepared.bytes)))
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        let callbacks = UnsafeMutablePointer<htmlSAXHandler>.allocate(capacity: 1)
        callbacks.initialize(to: htmlSAXHandler())
        defer {
            callbacks.deinitialize(count: 1)
            callbacks.deallocate()
        }
        callbacks.pointee.startElement = { context, name, attributes in
            guard let context, let name else { return }
            HTMLEvents.withBox(context) { parser, box in
                if !box.startElement(name, attributes: HTMLAttributes(pairs: attributes), line: HTMLEvents.line(parser)) {
                    xmlStopParser(parser)
                }
            }
        }
        if !elementStartsOnly { installNodeCallbacks(callbacks) }
        let treeCallbacks = context.pointee.sax
        context.pointee.sax = callbacks
        defer { context.pointee.sax = treeCallbacks }
        context.pointee._private = Unmanaged<HandlerBox>.passUnretained(box).toOpaque()
        defer { context.pointee._private = nil }
        withExtendedLifetime(box) {
            let document = prepared.bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, prepared.encoding,
                                       MarkupDocument.htmlOptions)
                }
            }
            if let document { xmlFreeDoc(document) }
        }
        return (box.handler, MarkupDocument.lastError(of: context))
    }

    /// The callbacks of every event but element starts.
    private static func installNodeCallbacks(_ callbacks: UnsafeMutablePointer<htmlSAXHandler>) {
        callbacks.pointee.endElement = { context, _ in
            guard let context else { return }
            HTMLEvents.withBox(context) { _, box in box.endElement() }
        }
        callbacks.pointee.characters = { context, text, length in
            guard let context else { return }
            HTMLEvents.withBox(context) { parser, box in
                box.characters(UnsafeBufferPointer(start: text, count: Int(length)), line: HTMLEvents.line(parser))
            }
        }
        callbacks.pointee.cdataBlock = { context, text, length in
            guard let context else { return }
            HTMLEvents.withBox(context) { _, box in box.cdata(UnsafeBufferPointer(start: text, count: Int(length))) }
        }
        callbacks.pointee.comment = { context, _ in
            guard let context else { return }
            HTMLEvents.withBox(context) { parser, box in box.otherNode(line: HTMLEvents.line(parser)) }
        }
        callbacks.pointee.processingInstruction = { context, _, _ in
            guard let context else { return }
            HTMLEvents.withBox(context) { parser, box in box.otherNode(line: HTMLEvents.line(parser)) }
        }
    }

    /// The handler of a parse, reached from the parser context's `_private` pointer: the C callbacks, which cannot be
    /// generic, call these methods, which ``TypedHandlerBox`` overrides with direct calls on its handler.
    private class HandlerBox {
        func startElement(_ name: UnsafePointer<xmlChar>, attributes: HTMLAttributes, line: Int) -> Bool { false }
        func endElement() {}
        func characters(_ text: UnsafeBufferPointer<UInt8>, line: Int) {}
        func cdata(_ text: UnsafeBufferPointer<UInt8>) {}
        func otherNode(line: Int) {}
    }

    /// A ``HandlerBox`` holding a handler of a known type, so that no event goes through an existential.
    private final class TypedHandlerBox<Handler: HTMLEventHandler>: HandlerBox {
        var handler: Handler

        init(_ handler: Handler) {
            self.handler = handler
        }

        override func startElement(_ name: UnsafePointer<xmlChar>, attributes: HTMLAttributes, line: Int) -> Bool {
            handler.startElement(name, attributes: attributes, line: line)
        }

        override func endElement() { handler.endElement() }

        override func characters(_ text: UnsafeBufferPointer<UInt8>, line: Int) { handler.characters(text, line: line) }

        override func cdata(_ text: UnsafeBufferPointer<UInt8>) { handler.cdata(text) }

        override func otherNode(line: Int) { handler.otherNode(line: line) }
    }

    /// Runs `body` with the parser context (libxml2's default user data) and the handler's box hung on it, without
    /// retaining the box (the parse keeps it alive); nothing when no box is hung.
    private static func withBox(_ context: UnsafeMutableRawPointer, _ body: (htmlParserCtxtPtr, HandlerBox) -> Void) {
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let box = parser.pointee._private else { return }
        Unmanaged<HandlerBox>.fromOpaque(box)._withUnsafeGuaranteedRef { body(parser, $0) }
    }

    /// The line the parser is on, as the tree notes it for a node made now.
    private static func line(_ parser: htmlParserCtxtPtr) -> Int {
        Int(parser.pointee.input?.pointee.line ?? 0)
    }
}
