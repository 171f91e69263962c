import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

extension ArxivListHTML {
    /// Reads one listing document from libxml2's HTML SAX events (``HTMLEvents``), without a tree, with the walk of
    /// ``ListingTree`` followed event by event: the same headings, entries, texts, lines and end of document.
    ///
    /// It gives up (nil, the tree decides) on what only the tree can tell: a document without `dl#articles` (its
    /// listing depends on what each `dt` holds), nesting past libxml2's tree depth limit, an element after the root
    /// element has ended, a namespace prefix in an element name, nodes on line 65,535 or later.
    struct ListingEvents: HTMLEventHandler {
        /// The records and rejects of the document `bytes` (at `range` in the file); nil when the tree must read it.
        static func read(_ bytes: [UInt8], range: Range<Int>, input: LoadedInput, firstIndex: Int) -> DocumentExtraction? {
            let parse = HTMLEvents.parse(bytes) { lineStarts in
                ListingEvents(ListingEntries(input: input, range: range, lineStarts: lineStarts, firstIndex: firstIndex))
            }
            guard let parse, !parse.handler.needsTree, parse.handler.sawArticles else { return nil }
            var reader = parse.handler
            return reader.finish(lastError: parse.lastError, bytes: input.bytes[range])
        }

        private var entries: ListingEntries
        /// Set when the events cannot stand for the tree.
        private var needsTree = false
        private var sawRoot = false
        /// Whether any `dl#articles` started (the tree walk reads only those lists' entries then).
        private var sawArticles = false
        /// The open elements, outermost first.
        private var open: [OpenElement] = []
        /// The line of the last node the tree would have made below the root (a CDATA node's line is 0).
        private var lastNodeLine = 0
        /// The `h3`, `dt` or `dd` being read: the walk does not go inside it.
        private var skipped: SkippedElement?
        /// The last `dl#articles` of the walk: its line and its level (depth counted from the root at 1).
        private var lastList: (line: Int, level: Int)?
        private var lastListIsOpen = false
        private var elementAfterLastList = false

        private init(_ entries: ListingEntries) {
            self.entries = entries
            open.reserveCapacity(64)
        }

        /// What the tree holds of an open element that later events depend on.
        private struct OpenElement {
            var isArticlesList: Bool
            var lastChild: ChildKind
        }

        /// The kind of an element's last child so far: text that arrives next joins a text child.
        private enum ChildKind {
            case none, text, cdata, other
        }

        mutating func startElement(_ name: UnsafePointer<xmlChar>, attributes: HTMLAttributes, line: Int) -> Bool {
            let depth = open.count
            guard line < 65_535, strchr(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), 0x3A) == nil,
                  depth <= HTMLEvents.treeDepthLimit, depth > 0 || !sawRoot else {
                needsTree = true
                return false
            }
            sawRoot = true
            let element = ListingElement(name)
            let isArticlesList = element == .dl && attributes.value("id").map { $0.elementsEqual("articles".utf8) } == true
            sawArticles = sawArticles || isArticlesList
            let parentIsArticlesList = open.last?.isArticlesList ?? false
            if depth > 0 { open[depth - 1].lastChild = .other }
            open.append(OpenElement(isArticlesList: isArticlesList, lastChild: .none))
            lastNodeLine = line
            if lastList != nil && !lastListIsOpen { elementAfterLastList = true }
            let level = depth + 1
            if skipped != nil {
                skipped?.startElement(element, attributes: attributes, level: level)
                return true
            }
            guard depth > 0 else { return true }
            entries.node()
            switch element {
            case .h3:
                skipped = SkippedElement(.heading, level: level, line: line)
            case .dl where isArticlesList:
                entries.list()
                lastList = (line, level)
                lastListIsOpen = true
                elementAfterLastList = false
            case .dt where parentIsArticlesList:
                skipped = SkippedElement(.term, level: level, line: line)
            case .dd where parentIsArticlesList:
                skipped = SkippedElement(.description, level: level, line: line)
            default:
                break
            }
            return true
        }

        mutating func endElement() {
            let level = open.count
            guard level > 0 else { return }
            open.removeLast()
            if lastListIsOpen, lastList?.level == level { lastListIsOpen = false }
            guard let element = skipped else { return }
            if element.level == level {
                deliver(element)
                skipped = nil
            } else {
                skipped?.endElement(level: level)
            }
        }

        mutating func characters(_ text: UnsafeBufferPointer<UInt8>, line: Int) {
            guard !open.isEmpty else { return }
            if addsNode(.text) {
                lastNodeLine = line
                if line >= 65_535 { needsTree = true }
            }
            skipped?.append(text)
        }

        mutating func cdata(_ text: UnsafeBufferPointer<UInt8>) {
            guard !open.isEmpty else { return }
            if addsNode(.cdata) { lastNodeLine = 0 }
            skipped?.append(text)
        }

        mutating func otherNode(line: Int) {
            guard !open.isEmpty else { return }
            _ = addsNode(.other)
            lastNodeLine = line
            if line >= 65_535 { needsTree = true }
        }

        /// Notes a child of `kind` in the innermost open element (there is one); false when it joins the text before
        /// it instead of making a node.
        private mutating func addsNode(_ kind: ChildKind) -> Bool {
            let parent = open.count - 1
            if kind != .other && open[parent].lastChild == kind { return false }
            open[parent].lastChild = kind
            if skipped == nil { entries.node() }
            return true
        }

        /// Hands what an `h3`, `dt` or `dd` held to the entries.
        private mutating func deliver(_ element: SkippedElement) {
            switch element.kind {
            case .heading: entries.heading(String(decoding: element.headingText, as: UTF8.self))
            case .term: entries.term(element.term.facts(line: element.line))
            case .description: entries.description(element.description.facts(line: element.line))
            }
        }

        /// Ends the document as the tree holds it: an element still open keeps what was read of it.
        private mutating func finish(lastError: MarkupError?, bytes: ArraySlice<UInt8>) -> DocumentExtraction {
            if let element = skipped {
                deliver(element)
                skipped = nil
            }
            let stopped = ArxivFields.parserStopped(lastError: lastError, lastNodeLine: lastNodeLine, bytes: bytes)
            let list = lastList.map { ListEnd(line: $0.line, isFollowedByElement: elementAfterLastList) }
            entries.finish(parserStopped: stopped, lastError: lastError, lastList: list)
            return entries.extraction
        }
    }
}

extension ArxivListHTML {
    /// The elements the listing walk tells apart.
    enum ListingElement {
        case h3, dl, dt, dd, a, p, br, other

        init(_ name: UnsafePointer<xmlChar>) {
            let first = name[0]
            guard first != 0, name[1] != 0 else {
                self = first == UInt8(ascii: "a") ? .a : first == UInt8(ascii: "p") ? .p : .other
                return
            }
            guard name[2] == 0 else {
                self = .other
                return
            }
            switch (first, name[1]) {
            case (UInt8(ascii: "h"), UInt8(ascii: "3")): self = .h3
            case (UInt8(ascii: "d"), UInt8(ascii: "l")): self = .dl
            case (UInt8(ascii: "d"), UInt8(ascii: "t")): self = .dt
            case (UInt8(ascii: "d"), UInt8(ascii: "d")): self = .dd
            case (UInt8(ascii: "b"), UInt8(ascii: "r")): self = .br
            default: self = .other
            }
        }
    }

    /// An `h3`, `dt` or `dd` of the walk, read from the events inside it.
    struct SkippedElement {
        enum Kind {
            case heading, term, description
        }

        let kind: Kind
        /// Its depth (the root at 1).
        let level: Int
        let line: Int
        /// A heading's whole text.
        var headingText: [UInt8] = []
        var term = TermReading()
        var description = DescriptionReading()

        init(_ kind: Kind, level: Int, line: Int) {
            self.kind = kind
            self.level = level
            self.line = line
        }

        mutating func startElement(_ element: ListingElement, attributes: HTMLAttributes, level: Int) {
            switch kind {
            case .heading: break
            case .term: term.startElement(element, attributes: attributes, level: level)
            case .description: description.startElement(element, attributes: attributes, level: level)
            }
        }

        /// The element at `level` inside it ended.
        mutating func endElement(level: Int) {
            switch kind {
            case .heading: break
            case .term: term.endElement(level: level)
            case .description: description.endElement(level: level)
            }
        }

        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            switch kind {
            case .heading: headingText.append(contentsOf: bytes)
            case .term: term.append(bytes)
            case .description: description.append(bytes)
            }
        }
    }

    /// The text of an element without its `.descriptor` elements, a `br` as a line break (``fieldText(_:)``).
    struct FieldTextReading {
        var bytes: [UInt8] = []
        /// The level of the `br` or `.descriptor` element being left out, while it is open.
        private var excludedLevel: Int?

        mutating func startElement(_ element: ListingElement, attributes: HTMLAttributes, level: Int) {
            guard excludedLevel == nil else { return }
            if element == .br {
                bytes.append(ASCIIByte.lineFeed)
                excludedLevel = level
            } else if attributes.hasClass("descriptor") {
                excludedLevel = level
            }
        }

        mutating func endElement(level: Int) {
            if let excluded = excludedLevel, level <= excluded { excludedLevel = nil }
        }

        mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
            if excludedLevel == nil { bytes.append(contentsOf: text) }
        }

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The whole text of an element (``MarkupNode/text``) while it is open.
    struct ElementTextReading {
        let level: Int
        var bytes: [UInt8] = []
        var isOpen = true

        init(level: Int) {
            self.level = level
        }

        mutating func endElement(level: Int) {
            if level <= self.level { isOpen = false }
        }

        mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
            if isOpen { bytes.append(contentsOf: text) }
        }

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// A `dt` read from its events: its field text and its candidate abstract links.
    struct TermReading {
        var text = FieldTextReading()
        /// The first `a[title=Abstract]`.
        var titledLink: LinkReading?
        /// The first `a` whose `href` holds `/abs/`.
        var absLink: LinkReading?

        struct LinkReading {
            var id: String?
            var href: String?
            var text: ElementTextReading

            init(_ attributes: HTMLAttributes, level: Int) {
                id = attributes.value("id").map { String(decoding: $0, as: UTF8.self) }
                href = attributes.value("href").map { String(decoding: $0, as: UTF8.self) }
                text = ElementTextReading(level: level)
            }

            var facts: LinkFacts { LinkFacts(id: id, href: href, text: text.text) }
        }

        mutating func startElement(_ element: ListingElement, attributes: HTMLAttributes, level: Int) {
            text.startElement(element, attributes: attributes, level: level)
            guard element == .a else { return }
            if titledLink == nil, attributes.value("title").map({ $0.elementsEqual("Abstract".utf8) }) == true {
                titledLink = LinkReading(attributes, level: level)
            }
            if absLink == nil, let href = attributes.value("href"), Self.linksAnAbstract(href) {
                absLink = LinkReading(attributes, level: level)
            }
        }

        mutating func endElement(level: Int) {
            text.endElement(level: level)
            titledLink?.text.endElement(level: level)
            absLink?.text.endElement(level: level)
        }

        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            text.append(bytes)
            titledLink?.text.append(bytes)
            absLink?.text.append(bytes)
        }

        func facts(line: Int) -> TermFacts {
            TermFacts(line: line, link: (titledLink ?? absLink)?.facts, text: text.text)
        }

        /// Whether an `href` holds `/abs/`, as the tree's `String.contains` tells.
        static func linksAnAbstract(_ href: UnsafeBufferPointer<UInt8>) -> Bool {
            guard href.allSatisfy({ $0 < 0x80 }) else {
                return String(decoding: href, as: UTF8.self).contains("/abs/")
            }
            let needle = Array("/abs/".utf8)
            guard href.count >= needle.count else { return false }
            return (0...(href.count - needle.count)).contains { start in
                (0..<needle.count).allSatisfy { href[start + $0] == needle[$0] }
            }
        }
    }

    /// A `dd` read from its events: the first element of each `list-*` class and the first `p`, whose insides are not
    /// searched for further fields (``descriptionFacts(_:)``).
    struct DescriptionReading {
        private var facts = DescriptionFacts(line: 0)
        /// The fields found, one bit per ``DescriptionField`` raw value.
        private var found: UInt8 = 0
        private var foundParagraph = false
        /// The field element or `p` being read, if any.
        private var region: Region?

        private struct Region {
            enum Kind {
                case paragraph, field(DescriptionField), ignored
            }

            let kind: Kind
            let level: Int
            var text = FieldTextReading()
            /// The first `.primary-subject` element inside `list-subjects`.
            var primarySubject: ElementTextReading?

            var isSubjects: Bool {
                if case .field(.subjects) = kind { return true }
                return false
            }
        }

        mutating func startElement(_ element: ListingElement, attributes: HTMLAttributes, level: Int) {
            if let current = region {
                region?.text.startElement(element, attributes: attributes, level: level)
                if current.isSubjects, current.primarySubject == nil, attributes.hasClass("primary-subject") {
                    region?.primarySubject = ElementTextReading(level: level)
                }
                return
            }
            if element == .p {
                region = Region(kind: foundParagraph ? .ignored : .paragraph, level: level)
                foundParagraph = true
                return
            }
            guard let classes = attributes.value("class") else { return }
            for name in classes.split(whereSeparator: ASCIIByte.isWhitespace) {
                guard let field = DescriptionField(className: name) else { continue }
                let bit: UInt8 = 1 << field.rawValue
                region = Region(kind: found & bit == 0 ? .field(field) : .ignored, level: level)
                found |= bit
                return
            }
        }

        mutating func endElement(level: Int) {
            guard let current = region else { return }
            if level == current.level {
                store(current)
                region = nil
                return
            }
            region?.text.endElement(level: level)
            region?.primarySubject?.endElement(level: level)
        }

        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            region?.text.append(bytes)
            region?.primarySubject?.append(bytes)
        }

        private mutating func store(_ region: Region) {
            switch region.kind {
            case .paragraph: facts.paragraph = region.text.text
            case .field(.title): facts.title = region.text.text
            case .field(.authors): facts.authors = region.text.text
            case .field(.comments): facts.comments = region.text.text
            case .field(.journalRef): facts.journalRef = region.text.text
            case .field(.subjects):
                facts.subjects = region.text.text
                facts.primarySubject = region.primarySubject?.text
            case .ignored: break
            }
        }

        /// The facts, with a field element still open (a document cut inside it) read as far as it goes.
        func facts(line: Int) -> DescriptionFacts {
            var reading = self
            if let current = reading.region { reading.store(current) }
            reading.facts.line = line
            return reading.facts
        }
    }
}
