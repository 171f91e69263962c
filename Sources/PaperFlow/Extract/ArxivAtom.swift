/// `arxiv-atom`: responses of the arXiv API (`export.arxiv.org/api/query`), Atom with arXiv extensions, in the
/// current and the legacy serialization (markup.md §3.2).
///
/// Elements are matched by namespace and local name, in any order. One record per `entry`: `id`
/// (`http://arxiv.org/abs/2604.16299v1`) gives the arXiv id and version, `published` the publication date (the UTC
/// day of the instant), `arxiv:primary_category` and then every `category` the categories. An API error feed (an
/// entry whose id is `http://arxiv.org/api/errors#…`) is one `source-error` reject and no records. A feed cut off
/// keeps its complete entries and adds a `truncated` reject; the entry the cut falls in is not read.
public enum ArxivAtom: InputFormat {
    public static let name = "arxiv-atom"

    static let atomNamespace = "http://www.w3.org/2005/Atom"
    static let arxivNamespace = "http://arxiv.org/schemas/atom"

    /// An XML document whose root is an Atom `feed` and that names the arXiv API or its Atom extension.
    ///
    /// The root is read from the bytes when they show it plainly (``XMLRootSniff``); otherwise the head is parsed.
    public static func recognizes(_ head: ArraySlice<UInt8>) -> Bool {
        guard ByteSearch.contains(atomNamespace, in: head),
              ByteSearch.contains("arxiv.org/api", in: head) || ByteSearch.contains(arxivNamespace, in: head)
        else { return false }
        switch XMLRootSniff(head) {
        case .element(let localName, let namespace):
            return localName == "feed" && namespace == atomNamespace
        case .unclear:
            guard let document = try? MarkupDocument.xml(Array(head)), let root = document.root else { return false }
            return root.name == "feed" && root.namespaceURI == atomNamespace
        }
    }

    public static func extract(_ input: LoadedInput) -> Extraction {
        var extraction = Extraction()
        let document: MarkupDocument
        do {
            document = try MarkupDocument.xml(input.bytes)
        } catch {
            extraction.rejects.append(Reject(.layoutChanged, at: Location(path: input.path), "the feed cannot be parsed: \(error)"))
            return extraction
        }
        guard let root = document.root, root.name == "feed", root.namespaceURI == atomNamespace else {
            extraction.rejects.append(Reject(.layoutChanged, at: Location(path: input.path), "the root element is not an Atom feed"))
            return extraction
        }
        let nodes = root.childNodes
        let entryPositions = nodes.indices.filter { isAtom(nodes[$0], "entry") }
        for position in entryPositions {
            if let message = apiError(nodes[position]) {
                extraction.rejects.append(Reject(
                    .sourceError, at: location(of: nodes[position], in: document, input),
                    "the arXiv API answered with an error: \"\(message)\""))
                return extraction
            }
        }
        var cutEntry: MarkupNode?
        for (index, position) in entryPositions.enumerated() {
            let entry = nodes[position]
            if !document.isWellFormed && position == nodes.count - 1 {
                cutEntry = entry
                break
            }
            switch read(entry, index: index, location: location(of: entry, in: document, input)) {
            case .success(let record): extraction.records.append(record)
            case .failure(let reject): extraction.rejects.append(reject.reject)
            }
        }
        if let truncation = truncation(document, root: root, cutEntry: cutEntry, input: input, kept: extraction.records.count) {
            extraction.rejects.append(truncation)
        } else if !document.isWellFormed {
            extraction.counters.add("atom_errors_recovered")
        }
        if entryPositions.isEmpty && extraction.rejects.isEmpty {
            extraction.rejects.append(Reject(.layoutChanged, at: Location(path: input.path), "the feed holds no entry"))
        }
        return extraction
    }

    struct RejectedEntry: Error {
        let reject: Reject
    }

    /// One `entry` as a record, or a `missing-title` reject.
    static func read(_ entry: MarkupNode, index: Int, location: Location) -> Result<PaperRecord, RejectedEntry> {
        var fields = EntryFields()
        var child = entry.firstChildElement
        while let element = child {
            fields.take(element)
            child = element.nextElement
        }
        guard let title = fields.title.flatMap(ArxivFields.nonEmpty) else {
            return .failure(RejectedEntry(reject: Reject(.missingTitle, at: location, "an Atom entry without a title")))
        }
        var record = PaperRecord(title: title, source: SourceRef(path: location.path, format: name, index: index),
                                 rank: .arxivAtom, location: location)
        if let identifier = fields.id.flatMap(ArxivFields.identifier) {
            record.arxivID = identifier.id
            record.arxivVersion = identifier.version
        }
        record.abstract = ArxivFields.nonEmpty(fields.summary)
        record.authors = fields.authors.compactMap(ArxivFields.nonEmpty)
        record.publishedDate = fields.published.flatMap(DateText.parse)
        var categories: [String] = []
        for term in ([fields.primaryCategory] + fields.categories).compactMap({ $0.flatMap(ArxivFields.nonEmpty) })
        where !categories.contains(term) {
            categories.append(term)
        }
        record.arxivCategories = categories
        record.arxivComment = ArxivFields.nonEmpty(fields.comment)
        record.doi = ArxivFields.nonEmpty(fields.doi)
        record.journalRef = ArxivFields.nonEmpty(fields.journalRef)
        return .success(record)
    }

    /// The text of the elements of one entry that a record needs, first occurrence of each.
    struct EntryFields {
        var id: String?
        var title: String?
        var summary: String?
        var published: String?
        var authors: [String] = []
        var primaryCategory: String?
        var categories: [String?] = []
        var comment: String?
        var doi: String?
        var journalRef: String?

        /// Takes a child element of the entry (elements are matched by namespace and local name, in place).
        mutating func take(_ element: MarkupNode) {
            if element.isElement(in: ArxivAtom.atomNamespace) {
                if element.hasName("id") {
                    id = id ?? element.text
                } else if element.hasName("title") {
                    title = title ?? element.text
                } else if element.hasName("summary") {
                    summary = summary ?? element.text
                } else if element.hasName("published") {
                    published = published ?? element.text
                } else if element.hasName("author") {
                    if let name = ArxivAtom.firstAtomChild(of: element, named: "name") { authors.append(name.text) }
                } else if element.hasName("category") {
                    categories.append(element.attribute("term"))
                }
            } else if element.isElement(in: ArxivAtom.arxivNamespace) {
                if element.hasName("primary_category") {
                    primaryCategory = primaryCategory ?? element.attribute("term")
                } else if element.hasName("comment") {
                    comment = comment ?? element.text
                } else if element.hasName("doi") {
                    doi = doi ?? element.text
                } else if element.hasName("journal_ref") {
                    journalRef = journalRef ?? element.text
                }
            }
        }
    }

    static func isAtom(_ node: MarkupNode, _ localName: String) -> Bool {
        node.isElement(named: localName, in: atomNamespace)
    }

    /// The first child element of `node` that is the Atom element `localName`.
    static func firstAtomChild(of node: MarkupNode, named localName: String) -> MarkupNode? {
        var child = node.firstChildElement
        while let element = child {
            if isAtom(element, localName) { return element }
            child = element.nextElement
        }
        return nil
    }

    /// The error message of an API error entry (id `http://arxiv.org/api/errors#…`), nil for a paper entry.
    static func apiError(_ entry: MarkupNode) -> String? {
        guard let id = firstAtomChild(of: entry, named: "id"), ByteSearch.text(id.text, contains: "arxiv.org/api/errors") else {
            return nil
        }
        let summary = firstAtomChild(of: entry, named: "summary").map { String($0.text.trimmingUnicodeWhitespace) }
        return summary.flatMap { $0.isEmpty ? nil : $0 } ?? String(id.text.trimmingUnicodeWhitespace)
    }

    /// The `truncated` reject of a feed the parser could not read to its end, if it is one.
    ///
    /// The cut falls inside an entry when that entry is the feed's last node (a complete entry is followed at least by
    /// the line break before `</feed>`). Otherwise the feed is cut when libxml2's last error is on its last line, or when
    /// libxml2 stopped there (``ArxivFields/parserStopped(_:root:bytes:)``).
    static func truncation(_ document: MarkupDocument, root: MarkupNode, cutEntry: MarkupNode?, input: LoadedInput, kept: Int) -> Reject? {
        guard !document.isWellFormed else { return nil }
        let error = document.lastError.map { " (libxml2: \($0))" } ?? ""
        if let cutEntry {
            return Reject(.truncated, at: location(of: cutEntry, in: document, input),
                          "the feed stops inside this entry\(error); the \(kept) entries before it are kept")
        }
        guard let errorLine = document.lastError?.line,
              errorLine >= ArxivFields.lastContentLine(input.bytes[...])
                || ArxivFields.parserStopped(document, root: root, bytes: input.bytes[...]) else { return nil }
        return Reject(.truncated, at: Location(path: input.path, position: .byte(document.byteOffset(ofLine: errorLine))),
                      "the feed stops before its end\(error); the \(kept) entries before are kept")
    }

    static func location(of node: MarkupNode, in document: MarkupDocument, _ input: LoadedInput) -> Location {
        Location(path: input.path, position: .byte(document.byteOffset(of: node)))
    }
}
