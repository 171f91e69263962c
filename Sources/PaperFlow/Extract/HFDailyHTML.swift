/// `hf-daily-html`: Hugging Face daily, weekly and monthly papers pages, 2024 and 2025-26 layouts (markup.md §2.1-2.3).
///
/// The papers come from the JSON in the `data-props` attribute of the `div[data-target="DailyPapers"]` island, found
/// by name (a 2025-26 page has eight islands). When that div, its `data-props` or its JSON is missing or broken, the
/// server-rendered `article` cards are read instead (rank `.hfDailyDOM`, counted as `hf_daily_dom_fallback`); a card
/// shows no abstract, no paper date and at most five author avatars. With `options.domCrossCheck` the cards are also
/// read beside good JSON and the cards that disagree with it are counted (`hf_daily_dom_disagreements`); records never
/// change because of it. A page cut off keeps what was read before the cut and adds a `truncated` reject.
/// Without the cross-check, a page that is not cut off is first read through ``HTMLAttributeScan`` (SAX, no tree,
/// stopping at the island); the tree is built only when that gives no usable `dailyPapers` list.
public enum HFDailyHTML: InputFormat {
    public static let name = "hf-daily-html"

    /// The hydration island that holds the list; found by this name, never by position.
    static let islandTarget = "DailyPapers"

    public static func recognizes(_ head: ArraySlice<UInt8>) -> Bool {
        let sniff = SniffHead(head)
        guard sniff.startsWithMarkup else { return false }
        if sniff.contains(#"data-target="DailyPapers""#) {
            return !(sniff.contains("searchResults") && !sniff.contains("dailyPapers"))
        }
        guard sniff.contains("DailyPapersPage") || sniff.contains("<title>Daily Papers") else { return false }
        return !(sniff.contains("searchResults") || sniff.contains("/papers?q=") || firstCardHoldsParagraph(head))
    }

    /// Whether the first `article` card in the head holds a `<p` (a search card's abstract; daily cards have none).
    static func firstCardHoldsParagraph(_ head: ArraySlice<UInt8>) -> Bool {
        guard let start = ByteSearch.firstIndex(of: Array("<article".utf8), in: head) else { return false }
        let rest = head[(start + 8)...]
        let card = ByteSearch.firstIndex(of: Array("</article".utf8), in: rest).map { rest[..<$0] } ?? rest
        return ByteSearch.contains("<p>", in: card) || ByteSearch.contains("<p ", in: card)
    }

    public static func extract(_ input: LoadedInput) -> Extraction {
        if !input.options.domCrossCheck, !HTMLCutOff.isCutOff(input.bytes), let extraction = extractFromProps(input) {
            return extraction
        }
        return extractFromTree(input)
    }

    /// The fast path: the island's `data-props` read through a SAX scan that stops at the island, without a tree.
    /// Nil whenever the tree path could read anything else (no island, no props, bad JSON, no `dailyPapers`), so
    /// that the tree path decides those pages; the records are those the tree path gives for good JSON.
    static func extractFromProps(_ input: LoadedInput) -> Extraction? {
        let match = HTMLAttributeScan.firstElement(
            named: "div", where: "data-target", is: islandTarget, reading: "data-props", in: input.bytes
        ) { props in
            props.flatMap { try? JSONValue.parse($0) }
        }
        // The tree keeps lines from 65535 on as 65535 and resolves them through neighbouring nodes: left to the tree.
        guard let match, match.line < 65535, let value = match.value,
              case .found(let props, let list) = list(inProps: value) else { return nil }
        let island = Location(path: input.path, position: .byte(match.byteOffset))
        return records(props: props, list: list, at: island, input: input)
    }

    /// The tree path: the whole page parsed by libxml2, the island's JSON else its cards.
    static func extractFromTree(_ input: LoadedInput) -> Extraction {
        let document: MarkupDocument
        do {
            document = try MarkupDocument.html(input.bytes)
        } catch {
            var extraction = Extraction()
            let detail = "libxml2 could not read the page: \(error.description)"
            extraction.rejects.append(Reject(.layoutChanged, at: Location(path: input.path), detail))
            return extraction
        }
        var reader = Reader(input: input, document: document)
        reader.read()
        return reader.extraction
    }
}

extension HFDailyHTML {
    /// Reads one page: the island's JSON, else its cards.
    struct Reader {
        let input: LoadedInput
        let document: MarkupDocument
        var index = 0
        var extraction = Extraction()

        init(input: LoadedInput, document: MarkupDocument) {
            self.input = input
            self.document = document
        }

        mutating func read() {
            let file = Location(path: input.path)
            guard let root = document.root else {
                extraction.rejects.append(Reject(.layoutChanged, at: file, "the page has no root element"))
                return
            }
            let island = root.firstElement { $0.name == "div" && $0.attribute("data-target") == HFDailyHTML.islandTarget }
            let lastNode = HTMLCutOff.isCutOff(input.bytes) ? HFDailyHTML.lastNode(of: root) : nil
            let end = Location(path: input.path, position: .byte(input.bytes.count))
            switch HFDailyHTML.list(in: island) {
            case .found(let props, let list):
                extraction = HFDailyHTML.records(props: props, list: list, at: island.map(location) ?? file, input: input)
                index = list.count
                if input.options.domCrossCheck {
                    let cards = HFDailyHTML.cards(in: island ?? root, root: root, cutAt: lastNode)
                    extraction.counters.add("hf_daily_dom_disagreements", HFDailyHTML.disagreements(list, cards))
                }
                if lastNode != nil {
                    let detail = "the page is cut off after its DailyPapers JSON, whose \(list.count) papers are kept"
                    extraction.rejects.append(Reject(.truncated, at: end, detail))
                }
            case .unusable(let why):
                let cards = HFDailyHTML.cards(in: island ?? root, root: root, cutAt: lastNode)
                readCards(cards, pageDay: HFDailyHTML.pageDay(inDateWidgetOf: root))
                if lastNode != nil {
                    let cutCard = cards.last(where: \.isCut).map { location($0.node) }
                    let detail = "the page is cut off (\(why)); the \(cards.filter { !$0.isCut }.count) cards before the cut are read"
                    extraction.rejects.append(Reject(.truncated, at: cutCard ?? end, detail))
                } else if cards.isEmpty {
                    extraction.rejects.append(Reject(
                        .layoutChanged, at: island.map(location) ?? file,
                        "an HF daily papers page without readable papers: \(why), and no paper cards"))
                } else {
                    extraction.counters.add("hf_daily_dom_fallback")
                }
            }
        }

        /// One record per card read before the cut; a card without a title is a `missing-title` reject.
        private mutating func readCards(_ cards: [Card], pageDay: PartialDate?) {
            for card in cards where !card.isCut {
                defer { index += 1 }
                guard let title = card.title else {
                    extraction.rejects.append(Reject(.missingTitle, at: location(card.node), "a paper card without a title"))
                    continue
                }
                var record = PaperRecord(
                    title: title, source: SourceRef(path: input.path, format: HFDailyHTML.name, index: index),
                    rank: .hfDailyDOM, location: location(card.node))
                record.arxivID = card.arxivID
                record.upvotes = card.upvotes
                record.comments = card.comments
                record.printedAuthorsCount = card.printedAuthorsCount
                record.authors = card.authors
                record.organization = card.organization
                record.listingDate = pageDay
                record.referenceDay = input.snapshotDay ?? pageDay.flatMap { $0.resolved(snapshot: nil) }
                extraction.records.append(record)
            }
        }

        private func location(_ node: MarkupNode) -> Location {
            Location(path: input.path, position: .byte(document.byteOffset(of: node)))
        }
    }
}

// MARK: - The JSON of the island

extension HFDailyHTML {
    /// What the island's `data-props` gave.
    enum ListJSON {
        case found(JSONObject, [JSONValue])
        /// Why the JSON cannot be used (for the reject or the fallback's detail).
        case unusable(String)
    }

    static func list(in island: MarkupNode?) -> ListJSON {
        guard let island else { return .unusable("no div[data-target=\"DailyPapers\"]") }
        guard let props = island.attribute("data-props") else { return .unusable("the DailyPapers div has no data-props") }
        let value: JSONValue
        do {
            value = try JSONValue.parse(Array(props.utf8))
        } catch {
            return .unusable("the DailyPapers data-props is not JSON (\(error.description))")
        }
        return list(inProps: value)
    }

    /// The `dailyPapers` list of the parsed `data-props`.
    static func list(inProps value: JSONValue) -> ListJSON {
        guard let object = value.objectValue else { return .unusable("the DailyPapers data-props is not a JSON object") }
        guard let list = object["dailyPapers"]?.arrayValue, !list.isEmpty else {
            return .unusable("the DailyPapers data-props has no dailyPapers entries")
        }
        return .found(object, list)
    }

    /// One record per `dailyPapers` entry, indexed from 0, all located at the island.
    static func records(props: JSONObject, list: [JSONValue], at islandLocation: Location, input: LoadedInput) -> Extraction {
        var extraction = Extraction()
        let day = pageDay(props)
        for (index, entry) in list.enumerated() {
            guard let item = entry.objectValue else {
                extraction.rejects.append(Reject(
                    .missingTitle, at: islandLocation, "dailyPapers[\(index)] is \(entry.typeName), not a paper"))
                continue
            }
            let paper = item["paper"]?.objectValue
            guard let title = nonBlank(paper?["title"]?.stringValue) ?? nonBlank(item["title"]?.stringValue) else {
                extraction.rejects.append(Reject(.missingTitle, at: islandLocation, "dailyPapers[\(index)] has no title"))
                continue
            }
            var record = PaperRecord(
                title: title, source: SourceRef(path: input.path, format: name, index: index),
                rank: .hfDailyJSON, location: islandLocation)
            record.arxivID = nonBlank(paper?["id"]?.stringValue)
            record.abstract = nonBlank(paper?["summary"]?.stringValue) ?? nonBlank(item["summary"]?.stringValue)
            record.authors = (paper?["authors"]?.arrayValue ?? []).compactMap { $0.objectValue?["name"]?.stringValue }
            record.publishedDate = paper?["publishedAt"]?.stringValue.flatMap(DateText.parse)
            record.upvotes = paper?["upvotes"]?.intValue
            record.comments = item["numComments"]?.intValue ?? paper?["numComments"]?.intValue
            record.organization = organization(paper?["organization"]) ?? organization(item["organization"])
            let featured = paper?["submittedOnDailyAt"] ?? item["submittedOnDailyAt"]
            record.listingDate = featured?.stringValue.flatMap(DateText.parse) ?? day
            record.referenceDay = input.snapshotDay ?? day.flatMap { $0.resolved(snapshot: nil) }
            extraction.records.append(record)
        }
        return extraction
    }

    /// The page's day for a daily page: `dateString` (2025-26, `periodType` "day") or `date` (2024); nil for a week or
    /// month page, or when the page gives no day.
    static func pageDay(_ props: JSONObject) -> PartialDate? {
        if let period = props["periodType"]?.stringValue, period != "day" { return nil }
        for key in ["dateString", "date"] {
            if let text = props[key]?.stringValue, let date = DateText.parse(text), date.year != nil { return date }
        }
        return nil
    }

    /// `paper.organization`: its `fullname`, else its `name`, when an object; the text when a string.
    static func organization(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        if let object = value.objectValue {
            return nonBlank(object["fullname"]?.stringValue) ?? nonBlank(object["name"]?.stringValue)
        }
        return nonBlank(value.stringValue)
    }

    /// How many JSON entries and cards disagree: per entry, a missing card or a different title, upvote count,
    /// comment count or printed author count; plus every card that matches no entry.
    static func disagreements(_ list: [JSONValue], _ cards: [Card]) -> Int {
        var unmatched = cards.filter { !$0.isCut }
        var count = 0
        for entry in list {
            let item = entry.objectValue
            let paper = item?["paper"]?.objectValue
            guard let id = paper?["id"]?.stringValue, let position = unmatched.firstIndex(where: { $0.arxivID == id }) else {
                count += 1
                continue
            }
            let card = unmatched.remove(at: position)
            let title = paper?["title"]?.stringValue ?? item?["title"]?.stringValue
            let sameTitle = title.map(TextNormalizer.normalize) == card.title.map(TextNormalizer.normalize)
            let sameUpvotes = paper?["upvotes"]?.intValue == card.upvotes
            let sameComments = (item?["numComments"] ?? paper?["numComments"])?.intValue == card.comments
            let authors = paper?["authors"]?.arrayValue?.count
            let sameAuthorCount = card.printedAuthorsCount == nil || card.printedAuthorsCount == authors
            if !(sameTitle && sameUpvotes && sameComments && sameAuthorCount) { count += 1 }
        }
        return count + unmatched.count
    }
}

// MARK: - The cards

extension HFDailyHTML {
    /// What one `article` card shows (markup.md §2.3).
    struct Card {
        let node: MarkupNode
        /// The `h3 > a[href^="/papers/"]` text, trimmed; nil when missing or blank.
        var title: String?
        var arxivID: String?
        /// The vote box; `-` reads as 0.
        var upvotes: Int?
        /// The `#community` link's count; 0 when the card leaves the link out.
        var comments: Int?
        /// `N authors` under the title.
        var printedAuthorsCount: Int?
        /// Full names of the avatars shown (at most five), in reading order.
        var authors: [String] = []
        /// The organization chip's name.
        var organization: String?
        /// Whether the document is cut off inside this card.
        var isCut = false
    }

    /// The paper cards in document order: `article` elements that hold a heading or a link to a paper, searched in
    /// `scope` (the island) and, when it holds none, in the whole page.
    static func cards(in scope: MarkupNode, root: MarkupNode, cutAt lastNode: MarkupNode?) -> [Card] {
        var articles = paperArticles(in: scope)
        if articles.isEmpty, scope.pointer != root.pointer { articles = paperArticles(in: root) }
        return articles.map { article in
            var card = read(article)
            if let lastNode { card.isCut = isInside(lastNode, article) }
            return card
        }
    }

    private static func paperArticles(in scope: MarkupNode) -> [MarkupNode] {
        var articles: [MarkupNode] = []
        scope.walk { node in
            guard node.isElement, node.name == "article" else { return true }
            let isCard = node.firstElement { element in
                element.name == "h3" || (element.name == "a" && element.attribute("href").flatMap(paperID) != nil)
            } != nil
            if isCard { articles.append(node) }
            return !isCard
        }
        return articles
    }

    static func read(_ article: MarkupNode) -> Card {
        var card = Card(node: article)
        let heading = article.firstElement { $0.name == "h3" }
        if let link = heading?.firstElement(where: { $0.name == "a" && ($0.attribute("href") ?? "").hasPrefix("/papers/") }) {
            card.title = nonBlank(link.text).map { String($0.trimmingUnicodeWhitespace) }
            card.arxivID = link.attribute("href").flatMap(paperID)
        }
        card.upvotes = article.elements { $0.hasClass("leading-none") }.lazy.compactMap { voteCount($0.text.trimmingUnicodeWhitespace) }.first
        if let community = article.firstElement(where: { ($0.attribute("href") ?? "").hasSuffix("#community") }) {
            card.comments = Int(community.text.trimmingUnicodeWhitespace)
        } else {
            card.comments = 0
        }
        for list in article.elements(named: "ul") {
            let items = list.children.filter { $0.name == "li" }
            guard let count = items.lazy.compactMap({ authorsCount($0.text.trimmingUnicodeWhitespace) }).first else { continue }
            card.printedAuthorsCount = count
            let names = items.filter { $0.attribute("title") != nil && $0.firstElement { $0.name == "img" } == nil }
                .compactMap { nonBlank($0.attribute("title")) }
            card.authors = list.hasClass("flex-row-reverse") ? names.reversed() : names
            break
        }
        if let heading {
            card.organization = organizationChip(after: heading)
        }
        return card
    }

    /// The organization chip under the title: a link to `/<org>` (one path segment) after the `h3`, named by its `span`.
    private static func organizationChip(after heading: MarkupNode) -> String? {
        var sibling = heading.nextElement
        while let current = sibling {
            let chips = [current] + current.elements { _ in true }
            for chip in chips where chip.name == "a" && isOrganizationHref(chip.attribute("href") ?? "") {
                let label = chip.elements(named: "span").lazy.compactMap { nonBlank($0.text) }.first ?? nonBlank(chip.text)
                if let label { return String(label.trimmingUnicodeWhitespace) }
            }
            sibling = current.nextElement
        }
        return nil
    }

    private static func isOrganizationHref(_ href: String) -> Bool {
        guard href.hasPrefix("/"), href.count > 1 else { return false }
        let path = href.dropFirst()
        return !path.contains { $0 == "/" || $0 == "?" || $0 == "#" } && path != "papers" && path != "login"
    }

    /// A page's day from the 2024 date widget, `<time datetime="2024-08-01T00:00:00.000Z">`, when there is exactly one
    /// (2024 pages were all daily pages). The 2025-26 widget prints a day without a year (`Sep 28`) and gives none.
    static func pageDay(inDateWidgetOf scope: MarkupNode) -> PartialDate? {
        let times = scope.elements { $0.name == "time" && $0.attribute("datetime") != nil }
        guard times.count == 1, let date = times[0].attribute("datetime").flatMap(DateText.parse), date.year != nil else {
            return nil
        }
        return date
    }
}

// MARK: - Small readers

extension HFDailyHTML {
    /// `/papers/2407.21783` (optionally with `#…` or `?…`) → `2407.21783`; nil for any other link.
    static func paperID(_ href: String) -> String? {
        guard href.hasPrefix("/papers/") else { return nil }
        let id = href.dropFirst("/papers/".count).prefix { $0 != "#" && $0 != "?" }
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (4...5).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        return String(id)
    }

    /// `110` → 110; `-` (no votes) → 0; anything else → nil.
    static func voteCount(_ text: Substring) -> Int? {
        if text == "-" { return 0 }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// `· 533 authors`, `1 authors`, `1 author` → the count.
    static func authorsCount(_ text: Substring) -> Int? {
        let words = text.split { $0 == " " || $0 == "·" || $0.isNewline || $0 == "\t" }
        guard words.count == 2, words[1] == "authors" || words[1] == "author",
              words[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(words[0])
    }

    /// The last node of the document in document order (where a cut-off document stops).
    static func lastNode(of root: MarkupNode) -> MarkupNode {
        var node = root
        while let last = node.childNodes.last { node = last }
        return node
    }

    static func isInside(_ node: MarkupNode, _ ancestor: MarkupNode) -> Bool {
        var current: MarkupNode? = node
        while let candidate = current {
            if candidate.pointer == ancestor.pointer { return true }
            current = candidate.parent
        }
        return false
    }

    static func nonBlank(_ text: String?) -> String? {
        guard let text, !text.trimmingUnicodeWhitespace.isEmpty else { return nil }
        return text
    }

}
