/// `arxiv-list-html`: arXiv listing pages `/list/<cat>/recent` and `/list/<cat>/new`, current and legacy layouts
/// (markup.md §3.1). A file may hold several HTML documents one after another, with stray text between them: each
/// document is parsed on its own, and `index` counts entries through the whole file.
///
/// Entries are the `dt`/`dd` pairs of `dl#articles` (on a page without such a `dl`: of the `dl`s whose `dt`s link an
/// abstract, as legacy pages may have). Headings are read in document order: a day (`/recent`: `Thu, 21 May 2026
/// (showing …)`; `/new`: `Showing new listings for Monday, 3 July 2023`; legacy `New submissions for Fri, 22 Nov 24`)
/// and a `/new` section (new, cross-list, replacement). The day is the listing date of the new and cross-listed entries
/// after it; replacements (their section, or a `dt` marked `(replaced)`) have none.
///
/// A document is read through libxml2's HTML SAX interface (``ListingEvents``, no tree); a document that the events
/// cannot stand for exactly (no `dl#articles`, nesting deeper than the tree allows, content after the root element,
/// 65,535 lines or more) is read from the tree (``ListingTree``). Both give the same records and rejects.
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
        var extraction = Extraction()
        var nextIndex = 0
        for range in documentRanges(input.bytes) {
            let bytes = range == input.bytes.indices ? input.bytes : Array(input.bytes[range])
            let document = ListingEvents.read(bytes, range: range, input: input, firstIndex: nextIndex)
                ?? ListingTree.read(bytes, range: range, input: input, firstIndex: nextIndex)
            extraction.records.append(contentsOf: document.records)
            extraction.rejects.append(contentsOf: document.rejects)
            nextIndex = document.nextIndex
        }
        if extraction.records.isEmpty && extraction.rejects.isEmpty {
            extraction.rejects.append(Reject(.layoutChanged, at: Location(path: input.path), "no HTML document in the file"))
        }
        return extraction
    }

    /// The byte ranges of the documents in `bytes`: a new document starts at a `<!DOCTYPE` once the current one has begun,
    /// or at a second `<html` tag. Stray text before the first document belongs to it, text after a document to it.
    static func documentRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var starts = [0]
        var sawDoctype = false
        var sawHTML = false
        var index = 0
        while let open = ByteSearch.firstIndex(of: UInt8(ascii: "<"), in: bytes[index...]) {
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
    /// The abstract link of a `dt`: its `id` and `href` attributes and its text.
    struct LinkFacts {
        var id: String?
        var href: String?
        var text: String
    }

    /// What a `dt` says: the line it starts on, its abstract link (`a[title=Abstract]`, else the first link to
    /// `/abs/`) and its text without `.descriptor` elements.
    struct TermFacts {
        var line: Int
        var link: LinkFacts?
        var text: String
    }

    /// What a `dd` holds: the line it starts on and the text (without `.descriptor` elements) of the first element of
    /// each `list-*` class and of the first `p`; for `list-subjects`, also the whole text of its first
    /// `.primary-subject` element.
    struct DescriptionFacts {
        var line: Int
        var title: String?
        var authors: String?
        var comments: String?
        var journalRef: String?
        var subjects: String?
        var primarySubject: String?
        var paragraph: String?
    }

    /// The `dd` field a `list-*` class names.
    enum DescriptionField: Int {
        case title, authors, comments, journalRef, subjects

        /// The field of a class name (its UTF-8), nil for any other class.
        init?<Name: Collection<UInt8>>(className: Name) {
            for (text, field) in Self.classNames {
                let matches = text.withUTF8Buffer { className.elementsEqual($0) }
                if matches {
                    self = field
                    return
                }
            }
            return nil
        }

        private static let classNames: [(StaticString, DescriptionField)] = [
            ("list-title", .title), ("list-authors", .authors), ("list-comments", .comments),
            ("list-journal-ref", .journalRef), ("list-subjects", .subjects),
        ]
    }

    /// The arXiv id of an abstract link: its `id` attribute, its `/abs/` href, or its text (`arXiv:2605.21482`).
    static func identifier(_ link: LinkFacts) -> ArxivFields.Identifier? {
        link.id.flatMap(ArxivFields.identifier) ?? link.href.flatMap(ArxivFields.identifier) ?? ArxivFields.identifier(link.text)
    }

    /// Whether the text of a `dt` marks its entry as a replacement: it holds `(replaced)`.
    static func marksReplacement(_ termText: String) -> Bool {
        ByteSearch.text(termText, contains: "(replaced)")
    }

    /// The trimmed text of a field without its descriptor, nil when empty.
    static func fieldValue(_ text: String, label: String) -> String? {
        ArxivFields.nonEmpty(labelled(text, label: label))
    }

    /// A field's text (without its `span.descriptor`) trimmed, without a leading `label` written as plain text.
    static func labelled(_ fieldText: String, label: String) -> String {
        let text = String(fieldText.trimmingUnicodeWhitespace)
        return text.hasPrefix(label) ? String(text.dropFirst(label.count).trimmingUnicodeWhitespace) : text
    }

    /// Author names from the text of `div.list-authors`: split at commas outside parentheses, so that an affiliation
    /// `(BrightMind AI, Texas Tech University)` stays with its author; `(author list is unavailable)` is no author.
    static func authorNames(_ text: String) -> [String] {
        guard text != "(author list is unavailable)" else { return [] }
        return authorNames(bytes: text) ?? authorNames(characters: text)
    }

    /// ``authorNames(_:)`` split on bytes; nil when a parenthesis or comma touches a non-ASCII byte (it might then
    /// belong to a longer character, as a combining mark after it makes it).
    static func authorNames(bytes text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var names: [String] = []
            var start = 0
            var depth = 0
            for (index, byte) in bytes.enumerated() {
                guard byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == ASCIIByte.comma else { continue }
                if index > 0 && bytes[index - 1] >= 0x80 || index + 1 < bytes.count && bytes[index + 1] >= 0x80 { return nil }
                switch byte {
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"): depth = max(0, depth - 1)
                default:
                    guard depth == 0 else { continue }
                    names.append(String(decoding: bytes[start..<index], as: UTF8.self))
                    start = index + 1
                }
            }
            names.append(String(decoding: bytes[start...], as: UTF8.self))
            return names.compactMap(ArxivFields.nonEmpty)
        }
    }

    /// ``authorNames(_:)`` split character by character.
    static func authorNames(characters text: String) -> [String] {
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

    /// The category codes of `div.list-subjects`: the primary subject's first (from the whole text of its
    /// `.primary-subject` element), then each `Name (code)` of the field's text in order.
    static func categories(primarySubject: String?, subjects: String) -> [String] {
        var codes: [String] = []
        if let primarySubject, let code = parenthesized(primarySubject.utf8[...]) {
            codes.append(code)
        }
        for subject in subjects.utf8.split(separator: UInt8(ascii: ";")) {
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
