/// `hf-search-html`: Hugging Face paper search results (`/papers?q=…`, markup.md §2.4).
///
/// One `article` card per paper, read by structure and order, because no real search page was
/// available and the classes of a search card's abstract and footer are guesses: the vote box
/// `div.leading-none` (`-` is 0 upvotes), the `h3` title link `/papers/<arXiv id>`, the abstract (the
/// first `p` after the title), then the author `ul` ("N authors") or an organization chip, the date
/// (`Dec 19, 2023`, or `Jun 2` without a year: `normalize` gives it the year of the snapshot date, else
/// of the page's `<time datetime>` day), and the `#community` comment link (0 when the card shows a
/// date but no link). A card without a title is a `missing-title` reject; a page without cards, or
/// whose cards all lack a title, is one `layout-changed` reject. A page cut off, or one whose bytes
/// hold more `<article` start tags than libxml2 could read, keeps the cards before the loss and adds
/// one `truncated` reject.
public enum HFSearchHTML: InputFormat {
    public static let name = "hf-search-html"

    /// An HF papers page with article cards and no `DailyPapers` island, or an island whose props hold
    /// `searchResults`; single paper pages (`Published on` and an `arxiv:` chip) are left to `hf-paper-html`.
    public static func recognizes(_ head: ArraySlice<UInt8>) -> Bool {
        let sniff = SniffHead(head)
        guard sniff.isHuggingFacePapersPage else { return false }
        if sniff.contains("data-target=\"DailyPapers\"") {
            return sniff.contains("searchResults")
        }
        return !HFPaperHTML.showsOnePaper(sniff) && sniff.contains("<article") && sniff.contains("<h3")
    }

    public static func extract(_ input: LoadedInput) -> Extraction {
        var extraction = Extraction()
        let document: MarkupDocument
        do {
            document = try MarkupDocument.html(input.bytes)
        } catch {
            extraction.rejects.append(Reject(.layoutChanged, at: Location(path: input.path), "libxml2 read no document: \(error)"))
            return extraction
        }
        let cutOff = HTMLCutOff.isCutOff(input.bytes)
        let cards = document.root.map(articles) ?? []
        guard !cards.isEmpty else {
            extraction.rejects.append(cutOff
                ? Reject(.truncated, at: Location(path: input.path), "the page is cut off before its first result card")
                : Reject(.layoutChanged, at: Location(path: input.path), "an HF search page without article result cards"))
            return extraction
        }
        let tags = HTMLCutOff.tagCounts("article", in: input.bytes)
        let lastCardCut = cutOff && tags.ends < cards.count
        let cardsLost = !cutOff && cards.count < tags.starts
        let referenceDay = input.snapshotDay ?? document.root.flatMap(pageDay)
        var missingTitles: [Reject] = []
        var truncated: Reject?
        for (index, card) in cards.enumerated() {
            let location = Location(path: input.path, position: .byte(document.byteOffset(of: card)))
            if (lastCardCut || cardsLost) && index == cards.count - 1 {
                let why = lastCardCut ? "the page is cut off inside this card"
                    : "libxml2 stopped reading the page in or after this card (\(document.lastError?.message ?? "no error"); "
                        + "\(tags.starts) article start tags, \(cards.count) cards read)"
                truncated = Reject(.truncated, at: location, why + "; the \(index) cards before it are kept")
                break
            }
            guard var record = readCard(card, source: SourceRef(path: input.path, format: name, index: index), location: location) else {
                missingTitles.append(Reject(.missingTitle, at: location, "a result card without an h3 title"))
                continue
            }
            record.referenceDay = referenceDay
            extraction.records.append(record)
        }
        if extraction.records.isEmpty && !missingTitles.isEmpty && truncated == nil {
            extraction.rejects.append(Reject(
                .layoutChanged, at: missingTitles[0].location,
                "none of the \(missingTitles.count) article cards has an h3 title: the search card layout changed"))
            return extraction
        }
        extraction.rejects += missingTitles
        if let truncated {
            extraction.rejects.append(truncated)
        } else if cutOff {
            extraction.rejects.append(Reject(
                .truncated, at: Location(path: input.path, position: .byte(input.bytes.count)),
                "the page is cut off after its last result card; every card is kept"))
        }
        return extraction
    }

    /// The outermost `article` elements, in document order.
    static func articles(_ root: MarkupNode) -> [MarkupNode] {
        var found: [MarkupNode] = []
        root.walk { node in
            guard node.isElement, node.name == "article" else { return true }
            found.append(node)
            return false
        }
        return found
    }

    /// The day of the page's date widget (`<time datetime="2025-11-06T00:00:00.000Z">` outside the cards).
    static func pageDay(_ root: MarkupNode) -> Day? {
        var day: Day?
        root.walk { node in
            guard day == nil, node.isElement, node.name != "article" else { return false }
            if node.name == "time", let date = node.attribute("datetime").flatMap(DateText.parse), let year = date.year {
                day = Day(year: year, month: date.month, day: date.day)
            }
            return day == nil
        }
        return day
    }

    /// One card's record, or nil when the card has no title.
    static func readCard(_ card: MarkupNode, source: SourceRef, location: Location) -> PaperRecord? {
        guard let heading = card.firstElement(where: { $0.name == "h3" }) else { return nil }
        let links = heading.elements { $0.name == "a" }
        let titleLink = links.first { $0.attribute("href").flatMap(HFPaperLink.arxivID) != nil } ?? links.first
        let title = (titleLink ?? heading).text.trimmingUnicodeWhitespace
        guard !title.isEmpty else { return nil }
        var record = PaperRecord(title: String(title), source: source, rank: .hfSearch, location: location)
        record.arxivID = titleLink?.attribute("href").flatMap(HFPaperLink.arxivID) ?? cardArxivID(card)
        record.upvotes = card.firstElement { $0.hasClass("leading-none") }.flatMap { upvotes($0.text.trimmingUnicodeWhitespace) }
        let footer = Footer.read(card)
        record.abstract = footer.abstract
        record.printedAuthorsCount = footer.authorsCount
        record.organization = footer.organization
        record.publishedDate = footer.date
        if let link = card.firstElement(where: { $0.name == "a" && $0.attribute("href")?.hasSuffix("#community") == true }) {
            record.comments = Int(link.text.trimmingUnicodeWhitespace)
        } else if footer.date != nil {
            record.comments = 0
        }
        return record
    }

    /// The arXiv id of any paper link in the card (abstract link, vote box), when the title link names none.
    static func cardArxivID(_ card: MarkupNode) -> String? {
        for link in card.elements(where: { $0.name == "a" }) {
            if let id = link.attribute("href").flatMap(HFPaperLink.arxivID) { return id }
        }
        return nil
    }

    /// The vote box's text: a count, or `-` for none.
    static func upvotes(_ text: Substring) -> Int? {
        text == "-" ? 0 : Int(text)
    }

    /// What a card shows after its title, found by order: abstract, authors or organization, date.
    struct Footer {
        var abstract: String?
        var authorsCount: Int?
        var organization: String?
        var date: PartialDate?

        /// Reads the card's elements after its first `h3` (the title), in document order.
        static func read(_ card: MarkupNode) -> Footer {
            var footer = Footer()
            var afterHeading = false
            var sawAuthors = false
            card.walk { node in
                guard node.isElement else { return false }
                guard afterHeading else {
                    afterHeading = node.name == "h3"
                    return !afterHeading
                }
                switch node.name {
                case "p":
                    if footer.abstract == nil { footer.abstract = String(node.text.trimmingUnicodeWhitespace) }
                    return false
                case "ul":
                    if !sawAuthors {
                        sawAuthors = true
                        footer.authorsCount = authorsCount(node.text)
                    }
                    return false
                case "time":
                    if footer.date == nil { footer.date = node.attribute("datetime").flatMap(DateText.parse) ?? date(node.text) }
                    return false
                case "a":
                    let href = node.attribute("href") ?? ""
                    if isOrganizationLink(href) {
                        let text = node.text.trimmingUnicodeWhitespace
                        if !sawAuthors, footer.organization == nil, !text.isEmpty { footer.organization = String(text) }
                        return false
                    }
                    return !href.hasSuffix("#community")
                case "svg", "script", "style", "img":
                    return false
                default:
                    if footer.date == nil { footer.date = date(node.children.isEmpty ? node.text : node.ownText) }
                    return true
                }
            }
            return footer
        }

        /// `N authors` / `N author` anywhere in the text of the author list.
        static func authorsCount(_ text: String) -> Int? {
            let words = text.split(whereSeparator: { $0.isWhitespace })
            for (position, word) in words.enumerated() where position > 0 && (word == "authors" || word == "author") {
                if let count = Int(words[position - 1]) { return count }
            }
            return nil
        }

        /// A card date such as `Dec 19, 2023` or `Jul 16`, after an optional `·` separator.
        static func date(_ text: String) -> PartialDate? {
            let trimmed = text.trimmingUnicodeWhitespace
            let withoutSeparator = trimmed.hasPrefix("·") ? trimmed.dropFirst().trimmingUnicodeWhitespace : trimmed
            guard withoutSeparator.first?.isLetter == true else { return nil }
            return DateText.parse(String(withoutSeparator))
        }

        /// A link to an HF organization or user (`/SeoulNatlUniv`): one path segment, not a paper or login link.
        static func isOrganizationLink(_ href: String) -> Bool {
            guard href.hasPrefix("/"), href.count > 1 else { return false }
            let path = href.dropFirst()
            return !path.contains { $0 == "/" || $0 == "?" || $0 == "#" } && path != "papers" && path != "login"
        }
    }
}
