/// `arxiv-list-html`: arXiv listing pages `/list/<cat>/recent` and `/list/<cat>/new`, current and legacy layouts
/// (markup.md §3.1). A file may hold several HTML documents one after another, with stray text between them: each
/// document is parsed on its own, and `index` counts entries through the whole file.
///
/// Entries are the `dt`/`dd` pairs of `dl#articles` (on a page without such a `dl`: of the `dl`s whose `dt`s link an
/// abstract, as legacy pages may have). Headings are read in document order: a day (`/recent`: `Thu, 21 May 2026
/// (showing …)`; `/new`: `Showing new listings for Monday, 3 July 2023`; legacy `New submissions for Fri, 22 Nov 24`)
/// and a `/new` section (new, cross-list, replacement). The day is the listing date of the new and cross-listed entries
/// after it; replacements (their section, or a `dt` marked `(replaced)`) have none.
public enum ArxivListHTML: InputFormat {
    public static let name = "arxiv-list-html"

    /// An HTML document with arXiv's listing markers: `dl#articles` with `list-title` entries, or `div#dlpage` on arxiv.org.
    public static func recognizes(_ head: ArraySlice<UInt8>) -> Bool {
        guard ByteSearch.containsIgnoringCase("<html", in: head)
                || ByteSearch.containsIgnoringCase("<!doctype html", in: head) else { return false }
        let articles = ByteSearch.contains("id='articles'", in: head) || ByteSearch.contains("id=\"articles\"", in: head)
        let page = ByteSearch.contains("id='dlpage'", in: head) || ByteSearch.contains("id=\"dlpage\"", in: head)
        return (articles && ByteSearch.contains("list-title", in: head))
            || (page && ByteSearch.containsIgnoringCase("arxiv.org", in: head))
    }

    public static func extract(_ input: LoadedInput) -> Extraction {
        var reader = Reader(input: input)
        for range in documentRanges(input.bytes) {
            reader.read(range)
        }
        if reader.extraction.records.isEmpty && reader.extraction.rejects.isEmpty {
            reader.extraction.rejects.append(Reject(.layoutChanged, at: Location(path: input.path), "no HTML document in the file"))
        }
        return reader.extraction
    }

    /// The byte ranges of the documents in `bytes`: a new document starts at a `<!DOCTYPE` once the current one has begun,
    /// or at a second `<html` tag. Stray text before the first document belongs to it, text after a document to it.
    static func documentRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var starts = [0]
        var sawDoctype = false
        var sawHTML = false
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            let rest = bytes[open...]
            if startsWith(rest, "<!doctype") {
                if sawDoctype || sawHTML { starts.append(open) }
                sawDoctype = true
                sawHTML = false
            } else if startsWith(rest, "<html"), open + 5 < bytes.count, isTagNameEnd(bytes[open + 5]) {
                if sawHTML { starts.append(open) }
                sawHTML = true
            }
            index = open + 1
        }
        starts.append(bytes.count)
        return (0..<(starts.count - 1)).map { starts[$0]..<starts[$0 + 1] }.filter { !$0.isEmpty }
    }

    /// Whether `bytes` start with the lowercase ASCII `prefix`, ignoring ASCII case.
    private static func startsWith(_ bytes: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { expected in
            var index = bytes.startIndex
            for byte in expected {
                if ASCIIByte.lowercased(bytes[index]) != byte { return false }
                index += 1
            }
            return true
        }
    }

    private static func isTagNameEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || ASCIIByte.isWhitespace(byte)
    }
}

extension ArxivListHTML {
    /// A `/new` page section.
    enum Section: Equatable {
        case new, crossList, replacement
    }

    /// What an `h3` says: a day, or the start of a section (legacy headings also name the day).
    enum Heading: Equatable {
        case day(PartialDate)
        case section(Section, PartialDate?)
    }

    /// Reads a listing heading; nil for any other `h3`.
    static func heading(_ raw: String) -> Heading? {
        let text = String(raw.split(whereSeparator: \.isWhitespace).joined(separator: " ").trimmingUnicodeWhitespace)
        let lower = text.lowercased()
        let showing = "showing new listings for "
        if lower.hasPrefix(showing) {
            return DateText.parse(String(text.dropFirst(showing.count))).map(Heading.day)
        }
        let sections: [(String, Section)] = [
            ("new submissions", .new), ("cross submissions", .crossList), ("cross-lists", .crossList),
            ("replacement submissions", .replacement), ("replacements", .replacement),
        ]
        if let (prefix, section) = sections.first(where: { lower.hasPrefix($0.0) }) {
            let rest = text.dropFirst(prefix.count)
            guard let range = rest.range(of: " for ") else { return .section(section, nil) }
            return .section(section, DateText.parse(String(rest[range.upperBound...])))
        }
        let day = text.firstIndex(of: "(").map { text[..<$0] } ?? Substring(text)
        return DateText.parse(String(day)).map(Heading.day)
    }
}

extension ArxivListHTML {
    /// Reads the documents of one file in order, carrying the entry index from one to the next.
    struct Reader {
        let input: LoadedInput
        var extraction = Extraction()
        var nextIndex = 0

        init(input: LoadedInput) {
            self.input = input
        }

        mutating func read(_ range: Range<Int>) {
            let document: MarkupDocument
            do {
                document = try MarkupDocument.html(Array(input.bytes[range]))
            } catch {
                extraction.rejects.append(Reject(
                    .layoutChanged, at: Location(path: input.path, position: .byte(range.lowerBound)),
                    "an HTML document that cannot be parsed: \(error)"))
                return
            }
            guard let root = document.root else {
                extraction.rejects.append(Reject(
                    .layoutChanged, at: Location(path: input.path, position: .byte(range.lowerBound)), "an empty HTML document"))
                return
            }
            var walk = DocumentWalk(reader: self, document: document, range: range)
            walk.run(root)
            self = walk.reader
        }
    }

    /// One document's walk in document order: headings set the day and section, `dt`/`dd` pairs become entries.
    struct DocumentWalk {
        var reader: Reader
        let document: MarkupDocument
        let range: Range<Int>
        /// Whether the document has a `dl#articles`; without one, `dl`s whose `dt`s link an abstract are read.
        var hasArticles = false
        var day: PartialDate?
        var section: Section?
        var entries = 0
        var listingLists = 0
        /// The last `dl` that is a listing, to tell whether the document goes on after it.
        var lastList: MarkupNode?
        /// A `dt` whose `dd` has not come yet.
        var pendingTerm: Term?
        /// The last complete entry, kept back until something follows it (a document cut inside it loses it).
        var held: Outcome?
        /// Nodes visited since the last `dt` or `dd`: zero at the end means the document ends inside an entry.
        var nodesSinceEntry = 0

        init(reader: Reader, document: MarkupDocument, range: Range<Int>) {
            self.reader = reader
            self.document = document
            self.range = range
        }

        /// What a `dt` says about its entry.
        struct Term {
            var index: Int
            var location: Location
            var identifier: ArxivFields.Identifier?
            var listingDate: PartialDate?
        }

        /// An entry read: a record, or a reject that still took its index.
        enum Outcome {
            case record(PaperRecord)
            case reject(Reject)
        }

        mutating func run(_ root: MarkupNode) {
            hasArticles = root.firstElement { $0.name == "dl" && $0.attribute("id") == "articles" } != nil
            root.walk { node in
                nodesSinceEntry += 1
                guard node.isElement else { return true }
                switch node.name {
                case "h3":
                    readHeading(node)
                    return false
                case "dl" where node.attribute("id") == "articles":
                    listingLists += 1
                    lastList = node
                    return true
                case "dt" where isListed(node) && (hasArticles || linksAnAbstract(node)):
                    beginEntry(node)
                    return false
                case "dd" where isListed(node) && (hasArticles || pendingTerm != nil):
                    completeEntry(node)
                    return false
                default:
                    return true
                }
            }
            finish(root)
        }

        private func isListed(_ node: MarkupNode) -> Bool {
            guard let parent = node.parent, parent.name == "dl" else { return false }
            return !hasArticles || parent.attribute("id") == "articles"
        }

        private func linksAnAbstract(_ term: MarkupNode) -> Bool {
            ArxivListHTML.abstractLink(in: term) != nil
        }

        private mutating func readHeading(_ node: MarkupNode) {
            switch ArxivListHTML.heading(node.text) {
            case .day(let date):
                day = date
                section = nil
            case .section(let newSection, let date):
                section = newSection
                if let date { day = date }
            case nil:
                break
            }
        }

        private mutating func beginEntry(_ term: MarkupNode) {
            commitPendingTerm()
            commitHeld()
            nodesSinceEntry = 0
            entries += 1
            if !hasArticles, let parent = term.parent { lastList = parent }
            let replaced = section == .replacement || ArxivListHTML.fieldText(term).contains("(replaced)")
            pendingTerm = Term(
                index: takeIndex(), location: location(of: term),
                identifier: ArxivListHTML.abstractLink(in: term).flatMap(ArxivListHTML.identifier),
                listingDate: replaced ? nil : day)
        }

        private mutating func completeEntry(_ description: MarkupNode) {
            commitHeld()
            nodesSinceEntry = 0
            let term = pendingTerm ?? Term(
                index: takeIndex(), location: location(of: description), identifier: nil,
                listingDate: section == .replacement ? nil : day)
            if pendingTerm == nil { entries += 1 }
            pendingTerm = nil
            held = outcome(term, description)
        }

        private mutating func takeIndex() -> Int {
            defer { reader.nextIndex += 1 }
            return reader.nextIndex
        }

        private func outcome(_ term: Term, _ description: MarkupNode) -> Outcome {
            let parts = DescriptionParts(description)
            guard let title = parts.title.flatMap({ ArxivListHTML.fieldValue($0, label: "Title:") }) else {
                return .reject(Reject(.missingTitle, at: term.location, "a listing entry without a title"))
            }
            var record = PaperRecord(
                title: title, source: SourceRef(path: reader.input.path, format: ArxivListHTML.name, index: term.index),
                rank: .arxivListing, location: term.location)
            record.arxivID = term.identifier?.id
            record.arxivVersion = term.identifier?.version
            record.listingDate = term.listingDate
            record.referenceDay = reader.input.snapshotDay
            if let authors = parts.authors {
                record.authors = ArxivListHTML.authorNames(ArxivListHTML.labelled(authors, label: "Authors:"))
            }
            record.arxivComment = parts.comments.flatMap { ArxivListHTML.fieldValue($0, label: "Comments:") }
            record.journalRef = parts.journalRef.flatMap { ArxivListHTML.fieldValue($0, label: "Journal-ref:") }
            if let subjects = parts.subjects {
                record.arxivCategories = ArxivListHTML.categories(subjects)
            }
            record.abstract = parts.paragraph.flatMap { ArxivListHTML.fieldValue($0, label: "Abstract:") }
            return .record(record)
        }

        private mutating func commitHeld() {
            switch held {
            case .record(let record): reader.extraction.records.append(record)
            case .reject(let reject): reader.extraction.rejects.append(reject)
            case nil: break
            }
            held = nil
        }

        /// A `dt` without its `dd`: the entry has no title.
        private mutating func commitPendingTerm() {
            guard let term = pendingTerm else { return }
            reader.extraction.rejects.append(Reject(.missingTitle, at: term.location, "a listing entry without its description"))
            pendingTerm = nil
        }

        /// Ends the document: keeps the last entry unless the document is cut inside it, reports a cut or a page
        /// without a listing.
        private mutating func finish(_ root: MarkupNode) {
            let start = Location(path: reader.input.path, position: .byte(range.lowerBound))
            if entries == 0 {
                let detail = listingLists == 0
                    ? "an arXiv listing page without a dl#articles list of entries"
                    : "the listing holds no entries"
                reader.extraction.rejects.append(Reject(.layoutChanged, at: start, detail))
                return
            }
            let stopped = ArxivFields.parserStopped(document, root: root, bytes: reader.input.bytes[range])
            guard !listingEnds(parserStopped: stopped) else {
                commitPendingTerm()
                commitHeld()
                return
            }
            let why = stopped ? document.lastError.map { " (libxml2 stopped at \($0))" } ?? "" : ""
            if nodesSinceEntry == 0, let cut = pendingTerm?.location ?? heldLocation {
                held = nil
                pendingTerm = nil
                reader.extraction.rejects.append(Reject(
                    .truncated, at: cut, "the document stops inside this entry\(why); the entries before it are kept"))
            } else {
                commitPendingTerm()
                commitHeld()
                reader.extraction.rejects.append(Reject(
                    .truncated, at: Location(path: reader.input.path, position: .byte(range.upperBound)),
                    "the document stops inside its listing\(why); its entries are kept"))
            }
        }

        private var heldLocation: Location? {
            switch held {
            case .record(let record): return record.location
            case .reject(let reject): return reject.location
            case nil: return nil
            }
        }

        /// Whether the document goes on after its last listing: an element follows it, or (when libxml2 read the whole
        /// document) `</html>` comes after it.
        private func listingEnds(parserStopped: Bool) -> Bool {
            guard let list = lastList else { return !parserStopped }
            var node = list
            while true {
                if node.nextElement != nil { return true }
                guard let parent = node.parent else { break }
                node = parent
            }
            guard !parserStopped else { return false }
            let listStart = min(range.upperBound, range.lowerBound + document.byteOffset(of: list))
            return ByteSearch.containsIgnoringCase("</html", in: reader.input.bytes[listStart..<range.upperBound])
        }

        private func location(of node: MarkupNode) -> Location {
            Location(path: reader.input.path, position: .byte(range.lowerBound + document.byteOffset(of: node)))
        }
    }
}

extension ArxivListHTML {
    /// The abstract link of a `dt`: `a[title=Abstract]`, else the first link to `/abs/`.
    static func abstractLink(in term: MarkupNode) -> MarkupNode? {
        term.firstElement { $0.name == "a" && $0.attribute("title") == "Abstract" }
            ?? term.firstElement { $0.name == "a" && ($0.attribute("href")?.contains("/abs/") ?? false) }
    }

    /// The arXiv id of an abstract link: its `id` attribute, its `/abs/` href, or its text (`arXiv:2605.21482`).
    static func identifier(_ link: MarkupNode) -> ArxivFields.Identifier? {
        link.attribute("id").flatMap(ArxivFields.identifier)
            ?? link.attribute("href").flatMap(ArxivFields.identifier)
            ?? ArxivFields.identifier(link.text)
    }

    /// The fields of an entry's `dd`, found in one walk: the first element of each `list-*` class, and the first `p`
    /// (the abstract, on `/new` pages).
    struct DescriptionParts {
        enum Field: Hashable {
            case title, authors, comments, journalRef, subjects
        }

        static let fields: [String: Field] = [
            "list-title": .title, "list-authors": .authors, "list-comments": .comments,
            "list-journal-ref": .journalRef, "list-subjects": .subjects,
        ]

        private var byField: [Field: MarkupNode] = [:]
        private(set) var paragraph: MarkupNode?

        init(_ description: MarkupNode) {
            var byField: [Field: MarkupNode] = [:]
            var paragraph: MarkupNode?
            description.walk { node in
                guard node.isElement else { return false }
                if node.name == "p" {
                    if paragraph == nil { paragraph = node }
                    return false
                }
                guard let classes = node.attribute("class") else { return true }
                for name in classes.utf8.split(whereSeparator: ASCIIByte.isWhitespace) {
                    guard let field = Self.fields[String(decoding: name, as: UTF8.self)] else { continue }
                    if byField[field] == nil { byField[field] = node }
                    return false
                }
                return true
            }
            self.byField = byField
            self.paragraph = paragraph
        }

        var title: MarkupNode? { byField[.title] }
        var authors: MarkupNode? { byField[.authors] }
        var comments: MarkupNode? { byField[.comments] }
        var journalRef: MarkupNode? { byField[.journalRef] }
        var subjects: MarkupNode? { byField[.subjects] }
    }

    /// The trimmed text of a field without its descriptor, nil when empty.
    static func fieldValue(_ node: MarkupNode, label: String) -> String? {
        ArxivFields.nonEmpty(labelled(node, label: label))
    }

    /// The text of a field without its `span.descriptor` (or a leading `label` written as plain text), trimmed.
    static func labelled(_ node: MarkupNode, label: String) -> String {
        let text = String(fieldText(node).trimmingUnicodeWhitespace)
        return text.hasPrefix(label) ? String(text.dropFirst(label.count).trimmingUnicodeWhitespace) : text
    }

    /// The text below `node` in document order, without `.descriptor` elements; a `br` is a line break.
    static func fieldText(_ node: MarkupNode) -> String {
        var text = ""
        node.walk { child in
            if child.isText {
                text += child.text
                return false
            }
            guard child.isElement else { return false }
            if child.name == "br" {
                text += "\n"
                return false
            }
            return !child.hasClass("descriptor")
        }
        return text
    }

    /// Author names from the text of `div.list-authors`: split at commas outside parentheses, so that an affiliation
    /// `(BrightMind AI, Texas Tech University)` stays with its author; `(author list is unavailable)` is no author.
    static func authorNames(_ text: String) -> [String] {
        guard text != "(author list is unavailable)" else { return [] }
        var names: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case "," where depth == 0:
                names.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        names.append(current)
        return names.compactMap(ArxivFields.nonEmpty)
    }

    /// The category codes of `div.list-subjects`: the primary subject's first, then each `Name (code)` in order.
    static func categories(_ subjects: MarkupNode) -> [String] {
        var codes: [String] = []
        if let primary = subjects.firstElement(where: { $0.hasClass("primary-subject") }),
           let code = parenthesized(primary.text.utf8[...]) {
            codes.append(code)
        }
        let text = fieldText(subjects)
        for subject in text.utf8.split(separator: UInt8(ascii: ";")) {
            if let code = parenthesized(subject), !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    /// The text inside the last parentheses of `text`: `Artificial Intelligence (cs.AI)` → `cs.AI`.
    static func parenthesized(_ text: Substring.UTF8View) -> String? {
        guard let open = text.lastIndex(of: UInt8(ascii: "(")),
              let close = text[open...].firstIndex(of: UInt8(ascii: ")")) else { return nil }
        return ArxivFields.nonEmpty(String(Substring(text[text.index(after: open)..<close])))
    }
}
