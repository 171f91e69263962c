extension ArxivListHTML {
    /// What one document of a listing file gave: records and rejects in document order, and the index of the next
    /// entry of the file.
    struct DocumentExtraction {
        var records: [PaperRecord] = []
        var rejects: [Reject] = []
        var nextIndex: Int
    }

    /// Where a document's last listing stands, for telling a complete document from one cut after its list.
    struct ListEnd {
        /// The line the list starts on.
        var line: Int
        /// Whether any element follows the list (its next sibling or a later sibling of one of its ancestors).
        var isFollowedByElement: Bool
    }

    /// The entries of one document in document order, from the facts a reader finds (``ListingEvents`` from SAX
    /// events, ``ListingTree`` from a tree walk): headings set the day and section, `dt`/`dd` pairs become records or
    /// rejects, and the end of the document decides whether it was cut.
    ///
    /// The last complete entry is kept back until something follows it, so that a document cut inside it loses it.
    struct ListingEntries {
        let input: LoadedInput
        /// The document's bytes in the file.
        let range: Range<Int>
        /// Where the lines of the parsed bytes start.
        let lineStarts: LineStarts
        private(set) var extraction: DocumentExtraction
        private var day: PartialDate?
        private var section: Section?
        /// Entries begun (a `dt`, or a `dd` without one).
        private(set) var entries = 0
        /// `dl#articles` lists seen.
        private(set) var listingLists = 0
        /// A `dt` whose `dd` has not come yet.
        private var pendingTerm: Term?
        /// The last complete entry, kept back until something follows it.
        private var held: Outcome?
        /// Whether a node came after the last `dt` or `dd` (false at the end: the document ends inside an entry).
        private var nodeAfterEntry = false

        init(input: LoadedInput, range: Range<Int>, lineStarts: LineStarts, firstIndex: Int) {
            self.input = input
            self.range = range
            self.lineStarts = lineStarts
            extraction = DocumentExtraction(nextIndex: firstIndex)
        }

        /// An entry's place and what its `dt` said.
        private struct Term {
            var index: Int
            var location: Location
            var identifier: ArxivFields.Identifier?
            var listingDate: PartialDate?
        }

        /// An entry read: a record, or a reject that still took its index.
        private enum Outcome {
            case record(PaperRecord)
            case reject(Reject)

            var location: Location {
                switch self {
                case .record(let record): return record.location
                case .reject(let reject): return reject.location
                }
            }
        }

        /// A node of the walk other than an entry's `dt` or `dd` (whose insides are not walked).
        mutating func node() {
            nodeAfterEntry = true
        }

        /// A `dl#articles`.
        mutating func list() {
            listingLists += 1
        }

        /// An `h3` with its text: a day or a section heading, or neither.
        mutating func heading(_ text: String) {
            switch ArxivListHTML.heading(text) {
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

        /// An entry's `dt`.
        mutating func term(_ facts: TermFacts) {
            commitPendingTerm()
            commitHeld()
            nodeAfterEntry = false
            entries += 1
            let replaced = section == .replacement || ArxivListHTML.marksReplacement(facts.text)
            pendingTerm = Term(
                index: takeIndex(), location: location(line: facts.line),
                identifier: facts.link.flatMap(ArxivListHTML.identifier), listingDate: replaced ? nil : day)
        }

        /// An entry's `dd`: completes the pending `dt`, or is an entry of its own.
        mutating func description(_ facts: DescriptionFacts) {
            commitHeld()
            nodeAfterEntry = false
            let term = pendingTerm ?? Term(
                index: takeIndex(), location: location(line: facts.line), identifier: nil,
                listingDate: section == .replacement ? nil : day)
            if pendingTerm == nil { entries += 1 }
            pendingTerm = nil
            held = outcome(term, facts)
        }

        /// Ends the document: keeps the last entry unless the document is cut inside it, reports a cut or a page
        /// without a listing. `parserStopped`: libxml2 stopped before the end (``ArxivFields/parserStopped(lastError:lastNodeLine:bytes:)``);
        /// `lastList`: the document's last listing, if any.
        mutating func finish(parserStopped stopped: Bool, lastError: MarkupError?, lastList: ListEnd?) {
            let start = Location(path: input.path, position: .byte(range.lowerBound))
            if entries == 0 {
                let detail = listingLists == 0
                    ? "an arXiv listing page without a dl#articles list of entries"
                    : "the listing holds no entries"
                extraction.rejects.append(Reject(.layoutChanged, at: start, detail))
                return
            }
            guard !listingEnds(lastList, parserStopped: stopped) else {
                commitPendingTerm()
                commitHeld()
                return
            }
            let why = stopped ? lastError.map { " (libxml2 stopped at \($0))" } ?? "" : ""
            if !nodeAfterEntry, let cut = pendingTerm?.location ?? held?.location {
                held = nil
                pendingTerm = nil
                extraction.rejects.append(Reject(
                    .truncated, at: cut, "the document stops inside this entry\(why); the entries before it are kept"))
            } else {
                commitPendingTerm()
                commitHeld()
                extraction.rejects.append(Reject(
                    .truncated, at: Location(path: input.path, position: .byte(range.upperBound)),
                    "the document stops inside its listing\(why); its entries are kept"))
            }
        }

        /// Whether the document goes on after its last listing: an element follows it, or (when libxml2 read the whole
        /// document) `</html>` comes after it.
        private func listingEnds(_ list: ListEnd?, parserStopped: Bool) -> Bool {
            guard let list else { return !parserStopped }
            if list.isFollowedByElement { return true }
            guard !parserStopped else { return false }
            let listStart = min(range.upperBound, range.lowerBound + lineStarts.byteOffset(ofLine: list.line))
            return ByteSearch.containsIgnoringCase("</html", in: input.bytes[listStart..<range.upperBound])
        }

        private mutating func takeIndex() -> Int {
            defer { extraction.nextIndex += 1 }
            return extraction.nextIndex
        }

        private func location(line: Int) -> Location {
            Location(path: input.path, position: .byte(range.lowerBound + lineStarts.byteOffset(ofLine: line)))
        }

        private func outcome(_ term: Term, _ facts: DescriptionFacts) -> Outcome {
            guard let title = facts.title.flatMap({ ArxivListHTML.fieldValue($0, label: "Title:") }) else {
                return .reject(Reject(.missingTitle, at: term.location, "a listing entry without a title"))
            }
            var record = PaperRecord(
                title: title, source: SourceRef(path: input.path, format: ArxivListHTML.name, index: term.index),
                rank: .arxivListing, location: term.location)
            record.arxivID = term.identifier?.id
            record.arxivVersion = term.identifier?.version
            record.listingDate = term.listingDate
            record.referenceDay = input.snapshotDay
            if let authors = facts.authors {
                record.authors = ArxivListHTML.authorNames(ArxivListHTML.labelled(authors, label: "Authors:"))
            }
            record.arxivComment = facts.comments.flatMap { ArxivListHTML.fieldValue($0, label: "Comments:") }
            record.journalRef = facts.journalRef.flatMap { ArxivListHTML.fieldValue($0, label: "Journal-ref:") }
            if let subjects = facts.subjects {
                record.arxivCategories = ArxivListHTML.categories(primarySubject: facts.primarySubject, subjects: subjects)
            }
            record.abstract = facts.paragraph.flatMap { ArxivListHTML.fieldValue($0, label: "Abstract:") }
            return .record(record)
        }

        private mutating func commitHeld() {
            switch held {
            case .record(let record): extraction.records.append(record)
            case .reject(let reject): extraction.rejects.append(reject)
            case nil: break
            }
            held = nil
        }

        /// A `dt` without its `dd`: the entry has no title.
        private mutating func commitPendingTerm() {
            guard let term = pendingTerm else { return }
            extraction.rejects.append(Reject(.missingTitle, at: term.location, "a listing entry without its description"))
            pendingTerm = nil
        }
    }
}
