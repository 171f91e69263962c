import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// A node of a ``MarkupDocument``; valid while its document lives.
///
/// Traversals walk the tree iteratively, so deeply nested markup cannot exhaust the stack.
public struct MarkupNode {
    let pointer: xmlNodePtr

    init(_ pointer: xmlNodePtr) {
        self.pointer = pointer
    }

    /// Whether this is an element (not text, a comment, …).
    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// Whether this is a text or CDATA node.
    public var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// The element's local name (lower case in HTML documents).
    public var name: String {
        pointer.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The element's namespace URI, if any.
    public var namespaceURI: String? {
        pointer.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    /// Whether this is an element whose local name is `localName` and whose namespace URI is `namespace`: what
    /// comparing ``name`` and ``namespaceURI`` gives for ASCII names and URIs, compared in place without making strings.
    public func isElement(named localName: String, in namespace: String) -> Bool {
        guard pointer.pointee.type == XML_ELEMENT_NODE, let name = pointer.pointee.name,
              let href = pointer.pointee.ns?.pointee.href else { return false }
        return Self.equal(name, localName) && Self.equal(href, namespace)
    }

    /// Whether this is an element in the namespace `namespace` (ASCII), compared in place.
    public func isElement(in namespace: String) -> Bool {
        guard pointer.pointee.type == XML_ELEMENT_NODE, let href = pointer.pointee.ns?.pointee.href else { return false }
        return Self.equal(href, namespace)
    }

    /// Whether the local name is `localName` (ASCII), compared in place.
    public func hasName(_ localName: String) -> Bool {
        guard let name = pointer.pointee.name else { return false }
        return Self.equal(name, localName)
    }

    private static func equal(_ text: UnsafePointer<xmlChar>, _ expected: String) -> Bool {
        expected.withCString { strcmp(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self), $0) == 0 }
    }

    /// The 1-based line where the node starts.
    public var line: Int { Int(xmlGetLineNo(pointer)) }

    /// The value of the attribute `name` (entities already decoded), if present.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { paperflow_xmlFree(value) }
        return String(cString: value)
    }

    /// Whether the `class` attribute lists `name`.
    public func hasClass(_ name: String) -> Bool {
        guard let classes = attribute("class") else { return false }
        return Self.classList(classes, contains: name)
    }

    /// Whether the `class` attribute value `classes` lists `name` (classes split at spaces, tabs and line feeds).
    static func classList(_ classes: String, contains name: String) -> Bool {
        classes.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).contains { $0 == name }
    }

    /// All text below this node, concatenated in document order.
    public var text: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { paperflow_xmlFree(content) }
        return String(cString: content)
    }

    /// The text of the node's direct text children only.
    public var ownText: String {
        childNodes.filter(\.isText).map(\.text).joined()
    }

    /// The parent node, if any (nil for the root element's document node).
    public var parent: MarkupNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return MarkupNode(parent)
    }

    /// Every child node (elements, text, comments) in order.
    public var childNodes: [MarkupNode] {
        var nodes: [MarkupNode] = []
        var child = pointer.pointee.children
        while let current = child {
            nodes.append(MarkupNode(current))
            child = current.pointee.next
        }
        return nodes
    }

    /// The child elements in order.
    public var children: [MarkupNode] {
        childNodes.filter(\.isElement)
    }

    /// The first child element, if any.
    public var firstChildElement: MarkupNode? {
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { return MarkupNode(current) }
            child = current.pointee.next
        }
        return nil
    }

    /// The next sibling element, if any.
    public var nextElement: MarkupNode? {
        var sibling = pointer.pointee.next
        while let current = sibling {
            if current.pointee.type == XML_ELEMENT_NODE { return MarkupNode(current) }
            sibling = current.pointee.next
        }
        return nil
    }

    /// Calls `visit` for every descendant node (not this one) in document order, iteratively.
    /// Return false from `visit` to skip the node's subtree.
    public func walk(_ visit: (MarkupNode) -> Bool) {
        guard var current = pointer.pointee.children else { return }
        while true {
            let descend = visit(MarkupNode(current))
            if descend, let child = current.pointee.children {
                current = child
                continue
            }
            while current.pointee.next == nil {
                guard let up = current.pointee.parent, up != pointer else { return }
                current = up
            }
            guard let next = current.pointee.next else { return }
            current = next
        }
    }

    /// Descendant elements that satisfy `predicate`, in document order.
    public func elements(where predicate: (MarkupNode) -> Bool) -> [MarkupNode] {
        var found: [MarkupNode] = []
        walk { node in
            if node.isElement && predicate(node) { found.append(node) }
            return true
        }
        return found
    }

    /// The first descendant element that satisfies `predicate`.
    public func firstElement(where predicate: (MarkupNode) -> Bool) -> MarkupNode? {
        var found: MarkupNode?
        walk { node in
            if found != nil { return false }
            if node.isElement && predicate(node) { found = node }
            return found == nil
        }
        return found
    }

    /// Descendant elements named `name`, in document order.
    public func elements(named name: String) -> [MarkupNode] {
        elements { $0.name == name }
    }
}
