/// `hf-text`: text dumps of Hugging Face papers pages (markup.md §2.7).
///
/// A dump starts with page chrome (`new`, `Get trending papers…`, `Subscribe`, `Daily Papers`,
/// `byAK and the research community`, a page date); `Subscribe` may be glued to the first title.
/// Then each entry is a title line, an abstract line, and on search-page dumps a card footer:
/// `• N authors` (or an organization name), `·`, and a date line with an optional comment count
/// (`Jul 16 2`). Blank lines carry no meaning: some dumps separate every line, one none.
public enum HFText: InputFormat {
    public static let name = "hf-text"

    /// Lines that identify an HF page dump in its first lines.
    static let markers = ["Get trending papers in your email inbox", "byAK and the research community"]
    /// How many leading non-blank lines the sniffer looks at for a marker.
    static let sniffLines = 12

    public static func recognizes(_ head: ArraySlice<UInt8>) -> Bool {
        guard let first = head.first(where: { !ASCIIByte.isWhitespace($0) }), first != UInt8(ascii: "<"),
              first != UInt8(ascii: "{") else { return false }
        let lines = TextLines.nonBlank(Array(head), limit: sniffLines)
        return lines.contains { line in
            let text = line.text.trimmingUnicodeWhitespace
            return markers.contains { text.hasPrefix($0) }
        }
    }

    public static func extract(_ input: LoadedInput) -> Extraction {
        var reader = Reader(lines: TextLines.nonBlank(input.bytes), input: input)
        reader.skipChrome()
        reader.readEntries()
        if reader.extraction.records.isEmpty && reader.extraction.rejects.isEmpty {
            reader.extraction.rejects.append(Reject(
                .layoutChanged, at: Location(path: input.path),
                "an HF page dump with no paper entries after its header"))
        }
        return reader.extraction
    }

}

extension HFText {
    /// Reads one dump, line by line.
    struct Reader {
        var lines: [TextLine]
        let input: LoadedInput
        var cursor = 0
        var index = 0
        var pageDay: Day?
        var extraction = Extraction()

        init(lines: [TextLine], input: LoadedInput) {
            self.lines = lines
            self.input = input
        }

        private func text(_ position: Int) -> Substring {
            lines[position].text.trimmingUnicodeWhitespace
        }

        /// Skips the page chrome; a title glued to `Subscribe` stays as the first line to read.
        mutating func skipChrome() {
            while cursor < lines.count {
                let line = text(cursor)
                if line == "new" || line == "Subscribe" || line == "Daily Papers" || HFText.markers.contains(where: { line.hasPrefix($0) }) {
                    cursor += 1
                    continue
                }
                if let date = DateText.parse(String(line)) {
                    if let year = date.year { pageDay = Day(year: year, month: date.month, day: date.day) }
                    cursor += 1
                    continue
                }
                if line.hasPrefix("Subscribe"), line.dropFirst("Subscribe".count).first?.isUppercase == true {
                    lines[cursor].text = String(line.dropFirst("Subscribe".count))
                }
                return
            }
        }

        mutating func readEntries() {
            while cursor < lines.count {
                let line = text(cursor)
                if isFooterPiece(line) {
                    extraction.counters.add("hf_text_stray_lines")
                    cursor += 1
                    continue
                }
                if HFText.isAbstractLike(line) {
                    extraction.rejects.append(Reject(
                        .missingTitle, at: location(cursor), "an abstract with no title line before it"))
                    index += 1
                    cursor += 1
                    _ = readFooter()
                    continue
                }
                readEntry()
            }
        }

        private mutating func readEntry() {
            let titlePosition = cursor
            cursor += 1
            var abstractPosition: Int?
            if cursor < lines.count, HFText.isAbstractLike(text(cursor)) {
                abstractPosition = cursor
                cursor += 1
            }
            let footer = readFooter()
            if abstractPosition == nil && footer == nil && cursor >= lines.count {
                extraction.rejects.append(Reject(
                    .truncated, at: location(titlePosition),
                    "the dump ends after this title; the entries before it are kept"))
                index += 1
                return
            }
            defer { index += 1 }
            let used = [titlePosition, abstractPosition].compactMap { $0 } + (footer?.positions ?? [])
            if let invalid = used.first(where: { !lines[$0].isValidUTF8 }) {
                extraction.rejects.append(Reject(.invalidUTF8, at: location(invalid), "invalid UTF-8 in this entry"))
                return
            }
            var record = PaperRecord(
                title: String(text(titlePosition)),
                source: SourceRef(path: input.path, format: HFText.name, index: index),
                rank: .hfText, location: location(titlePosition))
            record.abstract = abstractPosition.map { String(text($0)) }
            record.referenceDay = input.snapshotDay ?? pageDay
            if let footer {
                record.printedAuthorsCount = footer.authorsCount
                record.organization = footer.organization
                record.publishedDate = footer.date
                record.comments = footer.comments
            }
            extraction.records.append(record)
        }

        /// A search card's footer: `• N authors` or an organization, `·`, then `Mon D[, YYYY][ comments]`.
        struct Footer {
            var authorsCount: Int?
            var organization: String?
            var date: PartialDate?
            var comments: Int?
            var positions: [Int] = []
        }

        private mutating func readFooter() -> Footer? {
            var footer = Footer()
            if cursor < lines.count, let count = HFText.authorsCount(text(cursor)) {
                footer.authorsCount = count
                footer.positions.append(cursor)
                cursor += 1
            } else if cursor + 1 < lines.count, text(cursor + 1) == "·", !isFooterPiece(text(cursor)),
                      !HFText.isAbstractLike(text(cursor)) {
                footer.organization = String(text(cursor))
                footer.positions.append(cursor)
                cursor += 1
            }
            if cursor < lines.count, text(cursor) == "·" {
                footer.positions.append(cursor)
                cursor += 1
                if cursor < lines.count, let (date, comments) = HFText.cardDate(text(cursor)) {
                    footer.date = date
                    footer.comments = comments
                    footer.positions.append(cursor)
                    cursor += 1
                }
            }
            return footer.positions.isEmpty ? nil : footer
        }

        private func isFooterPiece(_ line: Substring) -> Bool {
            line == "·" || HFText.authorsCount(line) != nil
        }

        private func location(_ position: Int) -> Location {
            .line(input.path, lines[position].number)
        }
    }

    /// `• 5 authors`, `• 1 authors`, `• 1 author` → the count.
    static func authorsCount(_ line: Substring) -> Int? {
        guard line.hasPrefix("•") else { return nil }
        let words = line.dropFirst().split(separator: " ")
        guard words.count == 2, words[1] == "authors" || words[1] == "author", let count = Int(words[0]) else { return nil }
        return count
    }

    /// `Dec 19, 2023`, `Jul 16`, `Jul 16 2`, `Dec 26, 2024 2` → the date and the comment count (0 when not shown).
    static func cardDate(_ line: Substring) -> (PartialDate, Int)? {
        guard let (date, rest) = DateText.parseMonthDay(prefixOf: String(line)) else { return nil }
        let count = rest.trimmingPrefix(" ")
        if count.isEmpty { return (date, 0) }
        guard count.allSatisfy(\.isASCII), let comments = Int(count) else { return nil }
        return (date, comments)
    }

    /// Whether a line reads as an abstract rather than a title: long (30+ words or 240+ characters),
    /// or several sentences ending in a period. Titles in real dumps have at most ~25 words.
    static func isAbstractLike(_ line: Substring) -> Bool {
        var words = 1
        var sentenceBreaks = 0
        var previous = UInt8(ascii: " ")
        var characters = 0
        for byte in line.utf8 {
            if byte & 0xC0 != 0x80 { characters += 1 }
            if byte == UInt8(ascii: " ") {
                if previous != UInt8(ascii: " ") { words += 1 }
                if previous == UInt8(ascii: ".") { sentenceBreaks += 1 }
            }
            previous = byte
            if words >= 30 || characters >= 240 { return true }
        }
        return words >= 12 && line.hasSuffix(".") && sentenceBreaks >= 1
    }
}
