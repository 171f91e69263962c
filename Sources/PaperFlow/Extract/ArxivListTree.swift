extension ArxivListHTML {
    /// Reads one listing document from its libxml2 tree: the way for every document that ``ListingEvents`` leaves
    /// (legacy pages without `dl#articles`, nesting past libxml2's depth limit, content after the root element).
    ///
    /// Without a `dl#articles`, the `dl`s whose `dt`s link an abstract are the listing.
    enum ListingTree {
        /// The records and rejects of the document `bytes` (at `range` in the file).
        static func read(_ bytes: [UInt8], range: Range<Int>, input: LoadedInput, firstIndex: Int) -> DocumentExtraction {
            let document: MarkupDocument
            do {
                document = try MarkupDocument.html(bytes)
            } catch {
                return rejected(.layoutChanged, "an HTML document that cannot be parsed: \(error)", range, input, firstIndex)
            }
            guard let root = document.root else {
                return rejected(.layoutChanged, "an empty HTML document", range, input, firstIndex)
            }
            return withExtendedLifetime(document) {
                var walk = Walk(
                    entries: ListingEntries(input: input, range: range, lineStarts: document.lineStarts, firstIndex: firstIndex),
                    hasArticles: root.firstElement { $0.name == "dl" && $0.attribute("id") == "articles" } != nil)
                walk.run(root)
                let stopped = ArxivFields.parserStopped(document, root: root, bytes: input.bytes[range])
                let lastList = walk.lastList.map { ListEnd(line: $0.line, isFollowedByElement: isFollowedByElement($0)) }
                walk.entries.finish(parserStopped: stopped, lastError: document.lastError, lastList: lastList)
                return walk.entries.extraction
            }
        }

        private static func rejected(_ reason: RejectReason, _ detail: String, _ range: Range<Int>, _ input: LoadedInput,
                                     _ firstIndex: Int) -> DocumentExtraction {
            var extraction = DocumentExtraction(nextIndex: firstIndex)
            extraction.rejects.append(Reject(reason, at: Location(path: input.path, position: .byte(range.lowerBound)), detail))
            return extraction
        }

        /// Whether an element follows `node`: its next sibling element or that of one of its ancestors.
        private static func isFollowedByElement(_ node: MarkupNode) -> Bool {
            var current = node
            while true {
                if current.nextElement != nil { return true }
                guard let parent = current.parent else { return false }
                current = parent
            }
        }

        /// The walk in document order: headings, listing lists and the `dt`/`dd` pairs, whose insides are not walked.
        private struct Walk {
            var entries: ListingEntries
            /// Whether the document has a `dl#articles`; without one, `dl`s whose `dt`s link an abstract are read.
            let hasArticles: Bool
            /// The last `dl` that is a listing.
            var lastList: MarkupNode?
            /// Whether a `dt` waits for its `dd`.
            var termPending = false

            mutating func run(_ root: MarkupNode) {
                root.walk { node in
                    entries.node()
                    guard node.isElement else { return true }
                    switch node.name {
                    case "h3":
                        entries.heading(node.text)
                        return false
                    case "dl" where node.attribute("id") == "articles":
                        entries.list()
                        lastList = node
                        return true
                    case "dt" where isListed(node) && (hasArticles || ArxivListHTML.abstractLink(in: node) != nil):
                        if !hasArticles, let parent = node.parent { lastList = parent }
                        entries.term(ArxivListHTML.termFacts(node))
                        termPending = true
                        return false
                    case "dd" where isListed(node) && (hasArticles || termPending):
                        entries.description(ArxivListHTML.descriptionFacts(node))
                        termPending = false
                        return false
                    default:
                        return true
                    }
                }
            }

            private func isListed(_ node: MarkupNode) -> Bool {
                guard let parent = node.parent, parent.name == "dl" else { return false }
                return !hasArticles || parent.attribute("id") == "articles"
            }
        }
    }
}

extension ArxivListHTML {
    /// The facts of a `dt` element.
    static func termFacts(_ term: MarkupNode) -> TermFacts {
        let link = abstractLink(in: term).map { LinkFacts(id: $0.attribute("id"), href: $0.attribute("href"), text: $0.text) }
        return TermFacts(line: term.line, link: link, text: fieldText(term))
    }

    /// The abstract link of a `dt`: `a[title=Abstract]`, else the first link to `/abs/`.
    static func abstractLink(in term: MarkupNode) -> MarkupNode? {
        term.firstElement { $0.name == "a" && $0.attribute("title") == "Abstract" }
            ?? term.firstElement { $0.name == "a" && ($0.attribute("href")?.contains("/abs/") ?? false) }
    }

    /// The facts of a `dd` element, found in one walk: the first element of each `list-*` class (whose insides are not
    /// searched further), and the first `p`.
    static func descriptionFacts(_ description: MarkupNode) -> DescriptionFacts {
        var facts = DescriptionFacts(line: description.line)
        var found: Set<DescriptionField> = []
        description.walk { node in
            guard node.isElement else { return false }
            if node.name == "p" {
                if facts.paragraph == nil { facts.paragraph = fieldText(node) }
                return false
            }
            guard let classes = node.attribute("class") else { return true }
            for name in classes.utf8.split(whereSeparator: ASCIIByte.isWhitespace) {
                guard let field = DescriptionField(className: name) else { continue }
                if found.insert(field).inserted {
                    let text = fieldText(node)
                    switch field {
                    case .title: facts.title = text
                    case .authors: facts.authors = text
                    case .comments: facts.comments = text
                    case .journalRef: facts.journalRef = text
                    case .subjects:
                        facts.subjects = text
                        facts.primarySubject = node.firstElement { $0.hasClass("primary-subject") }?.text
                    }
                }
                return false
            }
            return true
        }
        return facts
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
}
