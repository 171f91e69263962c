/// One cue phrase of `taxonomy.json`, parsed into folded words.
///
/// Syntax: words separated by spaces or hyphens. Matching folds case, diacritics and width; a hyphen, a space
/// and no separator at all are the same (`fine-tuning` also matches `fine tuning` and `finetuning`); every word
/// also matches its regular plural (write words in the singular; a plural matches only itself). `*` ends a word
/// to match any word that starts with the at least three characters before it (`distil*`). `^` before the first
/// word anchors the phrase at the start of a sentence or of a clause after a colon (`^analyzing` matches the title
/// `Amuro & Char: Analyzing …`). `?` is a word of its own.
public struct CuePattern: Sendable, Hashable, CustomStringConvertible {
    /// One word of a pattern.
    public struct Word: Sendable, Hashable {
        /// The folded word, or the prefix before `*`.
        public var text: String
        /// The word ended in `*`: any word that starts with `text` matches.
        public var isPrefix: Bool
    }

    /// The most words a phrase may have.
    public static let maximumWords = 6
    /// The fewest characters before a `*`.
    public static let minimumPrefix = 3

    /// The phrase as written in the taxonomy.
    public var text: String
    public var words: [Word]
    /// The phrase must start a sentence or a clause after a colon.
    public var isAnchored: Bool

    public var description: String { text }

    /// Parses `text`; the error says what is wrong in words a taxonomy author can act on.
    public static func parse(_ text: String) -> Result<CuePattern, CuePatternError> {
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            return .failure(CuePatternError("an empty phrase"))
        }
        var words: [Word] = []
        var anchored = false
        for (position, raw) in text.split(whereSeparator: { $0.isWhitespace }).enumerated() {
            var body = Substring(raw)
            if body.hasPrefix("^") {
                guard position == 0 else { return .failure(CuePatternError("\"^\" may only start the phrase")) }
                anchored = true
                body = body.dropFirst()
            }
            var isPrefix = false
            if body.hasSuffix("*") {
                isPrefix = true
                body = body.dropLast()
            }
            for scalar in body.unicodeScalars {
                if let problem = problem(with: scalar) { return .failure(problem) }
            }
            let tokens = LabelTokenizer.tokenize(String(body)).words
            if isPrefix {
                guard let last = tokens.last, !body.hasSuffix("-"), !body.hasSuffix("'"), last != "?" else {
                    return .failure(CuePatternError("\"*\" must follow the letters of a word"))
                }
                guard last.unicodeScalars.count >= minimumPrefix else {
                    return .failure(CuePatternError("\"*\" needs at least \(minimumPrefix) characters before it (\"\(last)*\" matches too much)"))
                }
            }
            for (index, token) in tokens.enumerated() {
                words.append(Word(text: token, isPrefix: isPrefix && index == tokens.count - 1))
            }
        }
        guard !words.isEmpty else { return .failure(CuePatternError("no letters or digits")) }
        guard words.count <= maximumWords else {
            return .failure(CuePatternError("\(words.count) words; a phrase has at most \(maximumWords)"))
        }
        return .success(CuePattern(text: text, words: words, isAnchored: anchored))
    }

    /// Why `scalar` may not appear in a phrase, or nil when it may.
    private static func problem(with scalar: Unicode.Scalar) -> CuePatternError? {
        switch scalar {
        case "-", "'", ".", "?": return nil
        case "*": return CuePatternError("\"*\" may only end a word")
        case "^": return CuePatternError("\"^\" may only start the phrase")
        case "/": return CuePatternError("\"/\" is not pattern syntax: list each variant as its own phrase")
        default: break
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType == .decimal { return nil }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return nil
        default: return CuePatternError("unexpected character \"\(Character(scalar))\" (phrases hold letters, digits, spaces, hyphens, \"*\", \"^\" and \"?\")")
        }
    }

    /// Every spelling of the phrase as word sequences: each pair of neighbouring words written apart or joined
    /// (`fine tuning`, `finetuning`). Plurals are not expanded here: ``PhraseMatcher`` matches them per word.
    func spellings() -> [[Word]] {
        guard words.count > 1 else { return [words] }
        var result: [[Word]] = []
        let joins = words.count - 1
        for mask in 0..<(1 << joins) {
            var spelling: [Word] = [words[0]]
            var valid = true
            for index in 1..<words.count {
                guard mask & (1 << (index - 1)) != 0 else {
                    spelling.append(words[index])
                    continue
                }
                guard let previous = spelling.last, !previous.isPrefix, previous.text != "?", words[index].text != "?" else {
                    valid = false
                    break
                }
                spelling[spelling.count - 1] = Word(text: previous.text + words[index].text, isPrefix: words[index].isPrefix)
            }
            if valid { result.append(spelling) }
        }
        return result
    }
}

/// Why a cue phrase cannot be used.
public struct CuePatternError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
