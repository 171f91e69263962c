/// `hf-paper-html`: a Hugging Face single paper page (`/papers/<arXiv id>`, markup.md §2.5).
///
/// No real page was available, so the page is read by structure and text, in the order its text
/// shows: the `h1` title, the `arxiv:<id>` chip (else an `arxiv.org/abs/` link, else the page's own
/// URL), `Published on Oct 1, 2023` (a year-less date gets its year in `normalize`), the names after
/// `Authors:` in page order, and the first `p` after the `h2` "Abstract". A page without an `h1` is a
/// `layout-changed` reject (its one paper cannot be found); an `h1` without text is `missing-title`.
public enum HFPaperHTML: InputFormat {
    public static let name = "hf-paper-html"

    /// An HF papers page with a `Published on` line and an `arxiv:` chip, without a `DailyPapers` island.
    public static func recognizes(_ head: ArraySlice<UInt8>) -> Bool {
        let sniff = SniffHead(head)
        return sniff.isHuggingFacePapersPage && !sniff.contains("data-target=\"DailyPapers\"") && showsOnePaper(sniff)
    }

    /// The marks of a single paper page in a head: an `h1`, a `Published on` line and an `arxiv:` chip.
    static func showsOnePaper(_ sniff: SniffHead) -> Bool {
        sniff.contains("<h1") && sniff.contains("Published on") && sniff.containsIgnoringCase("arxiv:")
    }

    public static func extract(_ input: LoadedInput) -> Extraction {
        var extraction = Extraction()
        let fileLocation = Location(path: input.path)
        let document: MarkupDocument
        do {
            document = try MarkupDocument.html(input.bytes)
        } catch {
            extraction.rejects.append(Reject(.layoutChanged, at: fileLocation, "libxml2 read no document: \(error)"))
            return extraction
        }
        let cutOff = HTMLCutOff.isCutOff(input.bytes) || HTMLCutOff.parserStopped(document)
        guard let root = document.root, let heading = root.firstElement(where: { $0.name == "h1" }) else {
            extraction.rejects.append(cutOff
                ? Reject(.truncated, at: fileLocation, "the page is cut off (or libxml2 stopped reading it) before its h1 title")
                : Reject(.layoutChanged, at: fileLocation, "an HF paper page without an h1 title"))
            return extraction
        }
        let location = Location(path: input.path, position: .byte(document.byteOffset(of: heading)))
        let title = heading.text.trimmingUnicodeWhitespace
        guard !title.isEmpty else {
            extraction.rejects.append(Reject(.missingTitle, at: location, "the h1 title is empty"))
            return extraction
        }
        let abstract = abstractParagraph(root)
        if cutOff {
            let endLocation = Location(path: input.path, position: .byte(input.bytes.count))
            guard let abstract, !HTMLCutOff.endsInside(abstract) else {
                extraction.rejects.append(Reject(.truncated, at: endLocation, "the page is cut off (or libxml2 stopped reading it) before the end of its abstract"))
                return extraction
            }
            extraction.rejects.append(Reject(.truncated, at: endLocation, "the page is cut off (or libxml2 stopped reading it) after its abstract; the paper is kept"))
        }
        var record = PaperRecord(title: String(title), source: SourceRef(path: input.path, format: name, index: 0),
                                 rank: .hfPaperPage, location: location)
        if let (id, version) = arxivID(root) {
            record.arxivID = id
            record.arxivVersion = version
        }
        record.publishedDate = publishedDate(root)
        record.authors = authors(root)
        record.abstract = abstract.map { String($0.text.trimmingUnicodeWhitespace) }
        record.referenceDay = input.snapshotDay
        extraction.records.append(record)
        return extraction
    }

    /// The id of the `arxiv:<id>` chip, else of a link to `arxiv.org/abs/<id>`, else of the page's canonical URL.
    static func arxivID(_ root: MarkupNode) -> (id: String, version: Int?)? {
        if let chip = labelled("arxiv:", in: root, ignoringCase: true),
           let found = HFPaperLink.versioned(chip.text.trimmingUnicodeWhitespace.dropFirst("arxiv:".count).trimmingUnicodeWhitespace) {
            return found
        }
        for link in root.elements(where: { $0.name == "a" }) {
            guard let href = link.attribute("href") else { continue }
            for prefix in ["https://arxiv.org/abs/", "http://arxiv.org/abs/"] where href.hasPrefix(prefix) {
                if let id = HFPaperLink.versioned(href.dropFirst(prefix.count)) { return id }
            }
        }
        let canonical = root.firstElement { node in
            (node.name == "link" && node.attribute("rel") == "canonical") || (node.name == "meta" && node.attribute("property") == "og:url")
        }
        let url = canonical.flatMap { $0.attribute("href") ?? $0.attribute("content") }
        return url.flatMap(HFPaperLink.arxivID).map { ($0, nil) }
    }

    /// The element holding the first text node that starts with `label` (lower case when `ignoringCase`).
    static func labelled(_ label: String, in root: MarkupNode, ignoringCase: Bool = false) -> MarkupNode? {
        var found: MarkupNode?
        root.walk { node in
            guard found == nil else { return false }
            if node.isText {
                let text = node.text.trimmingUnicodeWhitespace
                if ignoringCase ? text.prefix(label.count).lowercased() == label : text.hasPrefix(label) { found = node.parent }
            }
            return found == nil && node.isElement
        }
        return found
    }

    /// The date after `Published on`.
    static func publishedDate(_ root: MarkupNode) -> PartialDate? {
        guard let element = labelled("Published on", in: root) else { return nil }
        let rest = element.text.trimmingUnicodeWhitespace.dropFirst("Published on".count)
        return DateText.parse(String(rest)) ?? DateText.parseMonthDay(prefixOf: String(rest.trimmingUnicodeWhitespace))?.date
    }

    /// The names after `Authors:`, in page order: the innermost elements that hold a name, else the comma-separated text.
    static func authors(_ root: MarkupNode) -> [String] {
        guard let label = labelled("Authors:", in: root) else { return [] }
        let labelText = label.text.trimmingUnicodeWhitespace
        let container = labelText == "Authors:" ? (label.parent ?? label) : label
        var names: [String] = []
        var afterLabel = container.pointer == label.pointer
        container.walk { node in
            guard node.isElement else { return false }
            if node.pointer == label.pointer {
                afterLabel = true
                return false
            }
            guard afterLabel else { return true }
            let name = cleanedName(node.text)
            guard !name.isEmpty else { return false }
            if node.children.contains(where: { !cleanedName($0.text).isEmpty }) { return true }
            names.append(name)
            return false
        }
        if names.isEmpty {
            let text = container.text.trimmingUnicodeWhitespace
            names = text.dropFirst(text.hasPrefix("Authors:") ? "Authors:".count : 0).split(separator: ",")
                .map { cleanedName(String($0)) }.filter { !$0.isEmpty }
        }
        return names
    }

    /// A name holder's text without surrounding whitespace and separators; empty for a separator alone.
    static func cleanedName(_ text: String) -> String {
        var name = text.trimmingUnicodeWhitespace
        while let last = name.last, last == "," || last == "·" || last.isWhitespace { name.removeLast() }
        return String(name)
    }

    /// The first `p` after the `h2` "Abstract" inside the heading's parent.
    static func abstractParagraph(_ root: MarkupNode) -> MarkupNode? {
        guard let heading = root.firstElement(where: { $0.name == "h2" && $0.text.trimmingUnicodeWhitespace == "Abstract" }) else { return nil }
        let scope = heading.parent ?? root
        var afterHeading = false
        var paragraph: MarkupNode?
        scope.walk { node in
            guard paragraph == nil, node.isElement else { return false }
            if node.pointer == heading.pointer {
                afterHeading = true
                return false
            }
            if afterHeading && node.name == "p" {
                paragraph = node
                return false
            }
            return true
        }
        return paragraph
    }
}
