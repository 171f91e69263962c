/// Readers shared by the arXiv formats (`arxiv-list-html`, `arxiv-atom`): identifiers with their version,
/// trimmed text, and byte markers for sniffing.
enum ArxivFields {
    /// An arXiv id without its version (`2604.16299`, `hep-th/9901001`), and the version when one is written.
    struct Identifier: Equatable, Sendable {
        var id: String
        var version: Int?
    }

    /// The identifier in `text`: a bare id (`2605.21482`, `2604.16299v1`, `hep-th/9901001v2`, `arXiv:2605.21482`)
    /// or a URL or path holding `/abs/<id>`.
    ///
    /// Nil when what is there is not a new-style (`YYMM.NNNN[N]`) or old-style (`archive[.XX]/YYMMNNN`) id.
    static func identifier(_ text: String) -> Identifier? {
        guard ASCIIByte.isASCII(text) else { return characterIdentifier(text) }
        var text = text
        return text.withUTF8(asciiIdentifier)
    }

    /// ``identifier(_:)`` read character by character.
    static func characterIdentifier(_ text: String) -> Identifier? {
        var candidate = text.trimmingUnicodeWhitespace
        if let abs = candidate.range(of: "/abs/") {
            candidate = candidate[abs.upperBound...]
            if let end = candidate.firstIndex(where: { $0 == "?" || $0 == "#" }) { candidate = candidate[..<end] }
            while candidate.hasSuffix("/") { candidate = candidate.dropLast() }
        } else if candidate.lowercased().hasPrefix("arxiv:") {
            candidate = candidate.dropFirst("arxiv:".count)
        }
        var version: Int?
        if let v = candidate.lastIndex(of: "v") {
            let digits = candidate[candidate.index(after: v)...]
            if !digits.isEmpty, digits.count <= 4, digits.allSatisfy(isDigit), let number = Int(digits) {
                version = number
                candidate = candidate[..<v]
            }
        }
        guard isNewStyle(candidate) || isOldStyle(candidate) else { return nil }
        return Identifier(id: String(candidate), version: version)
    }

    /// ``identifier(_:)`` for ASCII text, on bytes. Every character is one byte there but a CR LF pair, which can be
    /// no part of an id, a version, or the separators looked for.
    static func asciiIdentifier(_ text: UnsafeBufferPointer<UInt8>) -> Identifier? {
        var start = 0
        var end = text.count
        while start < end && ASCIIByte.isWhitespace(text[start]) { start += 1 }
        while end > start && ASCIIByte.isWhitespace(text[end - 1]) { end -= 1 }
        if let abs = ByteSearch.firstIndex(of: Array("/abs/".utf8), in: UnsafeBufferPointer(rebasing: text[start..<end])).map({ start + $0 }) {
            start = abs + 5
            if let cut = (start..<end).first(where: { text[$0] == UInt8(ascii: "?") || text[$0] == UInt8(ascii: "#") }) {
                end = cut
            }
            while end > start && text[end - 1] == UInt8(ascii: "/") { end -= 1 }
        } else if end - start >= 6, zip(text[start..<(start + 6)], "arxiv:".utf8).allSatisfy({ ASCIIByte.lowercased($0) == $1 }) {
            start += 6
        }
        var version: Int?
        if let v = (start..<end).last(where: { text[$0] == UInt8(ascii: "v") }) {
            let digits = text[(v + 1)..<end]
            if !digits.isEmpty, digits.count <= 4, digits.allSatisfy(ASCIIByte.isDigit) {
                version = digits.reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
                end = v
            }
        }
        let id = text[start..<end]
        guard isNewStyle(id) || isOldStyle(id) else { return nil }
        return Identifier(id: String(decoding: id, as: UTF8.self), version: version)
    }

    /// ``isNewStyle(_:)`` on the bytes of an ASCII id.
    private static func isNewStyle(_ id: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let parts = id.split(separator: ASCIIByte.period, omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count == 4 && (4...5).contains(parts[1].count)
            && parts.allSatisfy { $0.allSatisfy(ASCIIByte.isDigit) }
    }

    /// ``isOldStyle(_:)`` on the bytes of an ASCII id.
    private static func isOldStyle(_ id: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let parts = id.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 7, parts[1].allSatisfy(ASCIIByte.isDigit) else { return false }
        let archive = parts[0].split(separator: ASCIIByte.period, omittingEmptySubsequences: false)
        guard (1...2).contains(archive.count), let name = archive.first, let first = name.first, ASCIIByte.isLetter(first),
              name.allSatisfy({ ASCIIByte.isLetter($0) || $0 == ASCIIByte.minus }) else { return false }
        return archive.count == 1 || (!archive[1].isEmpty && archive[1].allSatisfy(ASCIIByte.isLetter))
    }

    /// `2605.21482`, `0704.0001`: four digits, a period, four or five digits.
    private static func isNewStyle(_ id: Substring) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count == 4 && (4...5).contains(parts[1].count)
            && parts.allSatisfy { $0.allSatisfy(isDigit) }
    }

    /// `hep-th/9901001`, `math.AG/0101001`: an archive name (letters and hyphens, optionally `.` and a subject class),
    /// a slash, seven digits.
    private static func isOldStyle(_ id: Substring) -> Bool {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 7, parts[1].allSatisfy(isDigit) else { return false }
        let archive = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(archive.count), let name = archive.first, let first = name.first, isLetter(first),
              name.allSatisfy({ isLetter($0) || $0 == "-" }) else { return false }
        return archive.count == 1 || (!archive[1].isEmpty && archive[1].allSatisfy(isLetter))
    }

    private static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    private static func isLetter(_ character: Character) -> Bool {
        character.isASCII && character.isLetter
    }

    /// `text` trimmed, or nil when nothing is left.
    static func nonEmpty(_ text: String?) -> String? {
        guard let text else { return nil }
        let value = String(text.trimmingUnicodeWhitespace)
        return value.isEmpty ? nil : value
    }

    /// Whether libxml2 stopped reading before the end of `bytes` (its depth limit, say): its last error lies before the
    /// last line with content, and no node of the tree starts after that error's line.
    ///
    /// libxml2 keeps node lines only up to 65,535; past that the answer is false.
    static func parserStopped(_ document: MarkupDocument, root: MarkupNode, bytes: ArraySlice<UInt8>) -> Bool {
        guard document.lastError != nil else { return false }
        var last = root
        while let child = last.childNodes.last {
            last = child
        }
        return parserStopped(lastError: document.lastError, lastNodeLine: last.line, bytes: bytes)
    }

    /// ``parserStopped(_:root:bytes:)`` from libxml2's last error and the line of the document's last node (the last
    /// node in document order below the root element, as libxml2 records its line).
    static func parserStopped(lastError: MarkupError?, lastNodeLine: Int, bytes: ArraySlice<UInt8>) -> Bool {
        guard let error = lastError else { return false }
        return lastNodeLine < 65_535 && lastNodeLine <= error.line && error.line < lastContentLine(bytes)
    }

    /// The 1-based line of the last byte of `bytes` that is not whitespace.
    static func lastContentLine(_ bytes: ArraySlice<UInt8>) -> Int {
        guard let last = bytes.lastIndex(where: { !ASCIIByte.isWhitespace($0) }) else { return 1 }
        return bytes[..<last].reduce(1) { $1 == ASCIIByte.lineFeed ? $0 + 1 : $0 }
    }
}
