/// The root element of an XML document as the bytes of its head show it, read without a parser when the prolog and
/// the root's start tag are plain: a UTF-8 XML declaration, comments, processing instructions, whitespace, then a
/// start tag whose names are ASCII and whose attribute values hold no entity reference and no tab or line break.
///
/// Anything else (a DOCTYPE, another encoding, text before the root, a tag cut by the end of the head, an unbound
/// prefix) is `unclear`: then only libxml2 can tell what it makes of the bytes.
enum XMLRootSniff: Equatable {
    /// The root's local name and namespace URI (nil: none).
    case element(localName: String, namespace: String?)
    case unclear

    /// What `head` shows of its root element.
    init(_ head: ArraySlice<UInt8>) {
        var reader = Reader(bytes: head)
        self = reader.root() ?? .unclear
    }

    /// A cursor over the head; each step returns nil when the bytes are not plain.
    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var position: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        mutating func root() -> XMLRootSniff? {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position += 3 }
            if startsWith("<?xml"), position + 5 < bytes.endIndex, isWhitespace(bytes[position + 5]) {
                guard let declaration = skip(past: "?>"), declaresUTF8OrNothing(declaration) else { return nil }
            }
            while true {
                skipWhitespace()
                if startsWith("<!--") {
                    position += 4
                    guard let comment = skip(past: "-->"), !contains("--", in: comment) else { return nil }
                } else if startsWith("<?") {
                    position += 2
                    guard let target = name(), target.lowercased() != "xml", skip(past: "?>") != nil else { return nil }
                } else if startsWith("<"), !startsWith("<!") {
                    position += 1
                    return startTag()
                } else {
                    return nil
                }
            }
        }

        /// The root's start tag after its `<`: its name, then its attributes up to `>` or `/>`.
        private mutating func startTag() -> XMLRootSniff? {
            guard let qualifiedName = name() else { return nil }
            var declarations: [String: String] = [:]
            var names: Set<String> = []
            var attributePrefixes: [String] = []
            while true {
                let hadWhitespace = skipWhitespace()
                if startsWith(">") || startsWith("/>") { break }
                guard hadWhitespace, let attribute = name(), names.insert(attribute).inserted else { return nil }
                skipWhitespace()
                guard startsWith("=") else { return nil }
                position += 1
                skipWhitespace()
                guard let value = quotedValue() else { return nil }
                if attribute == "xmlns" {
                    declarations[""] = value
                } else if attribute.hasPrefix("xmlns:") {
                    let prefix = String(attribute.dropFirst(6))
                    guard prefix != "xml", prefix != "xmlns", !value.isEmpty else { return nil }
                    declarations[prefix] = value
                } else if let colon = attribute.firstIndex(of: ":") {
                    attributePrefixes.append(String(attribute[..<colon]))
                }
            }
            // A prefixed attribute whose prefix is not bound here is an error libxml2 recovers from its own way.
            guard attributePrefixes.allSatisfy({ $0 == "xml" || declarations[$0] != nil }) else { return nil }
            let parts = qualifiedName.split(separator: ":", omittingEmptySubsequences: false)
            switch parts.count {
            case 1:
                let namespace = declarations[""].flatMap { $0.isEmpty ? nil : $0 }
                return .element(localName: qualifiedName, namespace: namespace)
            case 2:
                guard let namespace = declarations[String(parts[0])] else { return nil }
                return .element(localName: String(parts[1]), namespace: namespace)
            default:
                return nil
            }
        }

        /// An ASCII XML name (letters, digits, `_`, `-`, `.`, at most one `:` between two parts), nil for anything
        /// else.
        private mutating func name() -> String? {
            let start = position
            while position < bytes.endIndex, isNameByte(bytes[position]) { position += 1 }
            let name = bytes[start..<position]
            guard let first = name.first, ASCIIByte.isLetter(first) || first == UInt8(ascii: "_"),
                  position < bytes.endIndex, bytes[position] < 0x80 else { return nil }
            let parts = name.split(separator: ASCIIByte.colon, omittingEmptySubsequences: false)
            guard parts.count <= 2, parts.allSatisfy({ part in
                part.first.map { ASCIIByte.isLetter($0) || $0 == UInt8(ascii: "_") } ?? false
            }) else { return nil }
            return String(decoding: name, as: UTF8.self)
        }

        /// A quoted attribute value that libxml2 keeps as written: no `<`, `&`, tab or line break in it.
        private mutating func quotedValue() -> String? {
            guard position < bytes.endIndex, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                return nil
            }
            let quote = bytes[position]
            position += 1
            let start = position
            while position < bytes.endIndex, bytes[position] != quote {
                let byte = bytes[position]
                guard byte != UInt8(ascii: "<"), byte != ASCIIByte.ampersand, byte == ASCIIByte.space || !isWhitespace(byte) else {
                    return nil
                }
                position += 1
            }
            guard position < bytes.endIndex else { return nil }
            defer { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        /// Whether an XML declaration names no encoding or UTF-8.
        private func declaresUTF8OrNothing(_ declaration: ArraySlice<UInt8>) -> Bool {
            guard let key = ByteSearch.firstIndex(of: Array("encoding".utf8), in: declaration) else { return true }
            let rest = declaration[(key + 8)...].drop { isWhitespace($0) || $0 == UInt8(ascii: "=") }
            guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return false }
            let value = rest.dropFirst().prefix { $0 != quote }
            return value.map(ASCIIByte.lowercased).elementsEqual("utf-8".utf8)
        }

        /// Moves past the next `terminator`; returns the bytes before it, nil when the head has none.
        private mutating func skip(past terminator: String) -> ArraySlice<UInt8>? {
            let pattern = Array(terminator.utf8)
            guard let found = ByteSearch.firstIndex(of: pattern, in: bytes[position...]) else { return nil }
            defer { position = found + pattern.count }
            return bytes[position..<found]
        }

        @discardableResult
        private mutating func skipWhitespace() -> Bool {
            let start = position
            while position < bytes.endIndex, isWhitespace(bytes[position]) { position += 1 }
            return position > start
        }

        private func startsWith(_ text: String) -> Bool {
            bytes[position...].starts(with: text.utf8)
        }

        private func contains(_ text: String, in slice: ArraySlice<UInt8>) -> Bool {
            ByteSearch.firstIndex(of: Array(text.utf8), in: slice) != nil
        }

        /// XML's whitespace: space, tab, line feed, carriage return.
        private func isWhitespace(_ byte: UInt8) -> Bool {
            byte == ASCIIByte.space || byte == ASCIIByte.tab || byte == ASCIIByte.lineFeed || byte == UInt8(ascii: "\r")
        }

        private func isNameByte(_ byte: UInt8) -> Bool {
            ASCIIByte.isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == ASCIIByte.minus
                || byte == ASCIIByte.period || byte == ASCIIByte.colon
        }
    }
}
