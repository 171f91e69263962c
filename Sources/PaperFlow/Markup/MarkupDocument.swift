import CLibXML2

/// A problem libxml2 reported while parsing.
public struct MarkupError: Error, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var description: String { "line \(line): \(message)" }
}

/// A parsed HTML or XML document (a libxml2 tree). Nodes are valid while the document lives.
///
/// Parsing never touches the network, loads no DTD or external entity, substitutes no entities
/// beyond the predefined ones, and keeps libxml2's default limits (no `XML_PARSE_HUGE`).
/// Use one document per thread.
public final class MarkupDocument: @unchecked Sendable {
    private let pointer: xmlDocPtr
    /// Where each line of the parsed bytes starts.
    let lineStarts: LineStarts
    /// Whether the parser read the whole document without a fatal error.
    public let isWellFormed: Bool
    /// The last error libxml2 reported, if any.
    public let lastError: MarkupError?

    /// The version of the libxml2 library in use.
    public static let libxml2Version = String(cString: paperflow_libxml2_version())

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    private init(pointer: xmlDocPtr, bytes: [UInt8], isWellFormed: Bool, lastError: MarkupError?) {
        self.pointer = pointer
        self.isWellFormed = isWellFormed
        self.lastError = lastError
        lineStarts = LineStarts(bytes)
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// The options of every HTML parse (the tree here and the SAX events of ``HTMLEvents``): recovering, silent, no network.
    static let htmlOptions = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// Makes sure libxml2 is initialised (once per process) before a parse.
    static func initializeParser() {
        _ = initialized
    }

    /// Parses HTML with libxml2's recovering HTML parser; a declared `<meta charset>` is honoured.
    public static func html(_ bytes: [UInt8]) throws(MarkupError) -> MarkupDocument {
        _ = initialized
        let prepared = MarkupInput.prepare(bytes)
        guard let context = htmlNewParserCtxt() else { throw MarkupError(message: "out of memory", line: 0) }
        defer { htmlFreeParserCtxt(context) }
        let document = prepared.bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, prepared.encoding, htmlOptions)
            }
        }
        return try finish(document, context: context, bytes: prepared.bytes)
    }

    /// Parses XML with namespaces; the XML declaration's encoding is honoured. A document cut off
    /// is still returned (recovery), with `isWellFormed` false.
    public static func xml(_ bytes: [UInt8]) throws(MarkupError) -> MarkupDocument {
        _ = initialized
        let prepared = MarkupInput.prepare(bytes)
        guard let context = xmlNewParserCtxt() else { throw MarkupError(message: "out of memory", line: 0) }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)
        let document = prepared.bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, prepared.encoding, options)
            }
        }
        return try finish(document, context: context, bytes: prepared.bytes)
    }

    private static func finish(_ document: xmlDocPtr?, context: xmlParserCtxtPtr, bytes: [UInt8]) throws(MarkupError) -> MarkupDocument {
        let error = lastError(of: context)
        guard let document else {
            throw error ?? MarkupError(message: "libxml2 returned no document", line: 0)
        }
        return MarkupDocument(pointer: document, bytes: bytes, isWellFormed: context.pointee.wellFormed != 0, lastError: error)
    }

    /// The last error libxml2 reported while `context` parsed, if any.
    static func lastError(of context: xmlParserCtxtPtr) -> MarkupError? {
        guard let error = xmlCtxtGetLastError(context), error.pointee.code != 0 else { return nil }
        let message = error.pointee.message.map { String(cString: $0) } ?? "parse error \(error.pointee.code)"
        return MarkupError(message: message.trimmingTrailingNewlines(), line: Int(error.pointee.line))
    }

    /// The root element, if the document has one.
    public var root: MarkupNode? {
        xmlDocGetRootElement(pointer).map(MarkupNode.init)
    }

    /// The byte offset (in the parsed bytes) of the start of `line`.
    public func byteOffset(ofLine line: Int) -> Int {
        lineStarts.byteOffset(ofLine: line)
    }

    /// The byte offset of the start of the line where `node` begins.
    public func byteOffset(of node: MarkupNode) -> Int {
        byteOffset(ofLine: node.line)
    }
}

private extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
