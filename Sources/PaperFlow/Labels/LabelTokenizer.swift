import Foundation

/// The words of one text as the labeler sees them: case-folded, diacritics and width folded, split at every
/// character that is not a letter or digit (so `fine-tuning`, `fine tuning` and `Fine–Tuning` give the same
/// words), with `?` kept as a word of its own, each word's sentence number and the clauses that colons open.
struct LabelTokens: Sendable {
    /// The folded bytes of every word, one after another.
    var bytes: [UInt8] = []
    /// Where each word starts in `bytes`; word `i` ends where word `i + 1` starts (or at the end).
    var starts: [Int32] = []
    /// The sentence each word belongs to, counted from 0.
    var sentences: [Int32] = []
    /// The FNV-1a hash of each word's bytes (see ``ByteKeyTable``), computed while folding.
    var hashes: [UInt64] = []
    /// Words that follow a colon (`Name: Analyzing …`): they start a clause without starting a sentence.
    var colonClauseStarts: [Int32] = []

    var count: Int { starts.count }

    /// Whether word `index` starts the text, a sentence or a clause after a colon (where `^` phrases may match).
    func startsClause(_ index: Int) -> Bool {
        index == 0 || sentences[index] != sentences[index - 1] || colonClauseStarts.contains(Int32(index))
    }

    /// The byte range of word `index` in `bytes`.
    func range(of index: Int) -> Range<Int> {
        let end = index + 1 < starts.count ? Int(starts[index + 1]) : bytes.count
        return Int(starts[index])..<end
    }

    /// Word `index` as a string (tests and messages).
    func word(_ index: Int) -> String {
        String(decoding: bytes[range(of: index)], as: UTF8.self)
    }

    /// Every word as a string (tests and messages).
    var words: [String] { (0..<count).map(word) }
}

/// Splits text into ``LabelTokens`` in one pass over its UTF-8: ASCII bytes are folded on the spot; the other
/// letters, digits and marks of a word are collected and folded together (case, diacritics, width) when an ASCII
/// letter or the end of the word follows them.
enum LabelTokenizer {
    static let questionMark = UInt8(ascii: "?")

    /// What a word keeps of each byte: the lower case of an ASCII letter, an ASCII digit itself, 0 for any other byte.
    private static let foldedLettersAndDigits: [UInt8] = (0...255).map { byte in
        ASCIIByte.isAlphanumeric(UInt8(byte)) ? ASCIIByte.lowercased(UInt8(byte)) : 0
    }

    /// The words of `text`.
    static func tokenize(_ text: String) -> LabelTokens {
        var text = text
        return text.withUTF8 { input in
            foldedLettersAndDigits.withUnsafeBufferPointer { folding in
                guard let folding = folding.baseAddress else { return LabelTokens() }
                return tokenize(input, folding: folding)
            }
        }
    }

    private static func tokenize(_ input: UnsafeBufferPointer<UInt8>, folding: UnsafePointer<UInt8>) -> LabelTokens {
        var builder = Builder(inputCount: input.count)
        defer { builder.words.deallocate() }
        var index = 0
        while index < input.count {
            let byte = input[index]
            if folding[Int(byte)] != 0 {
                index = builder.takeLettersAndDigits(input, from: index, folding: folding)
                continue
            }
            if byte == ASCIIByte.space {
                builder.endWord()
                index += 1
                continue
            }
            if byte < 0x80 {
                // A character after the text or outside ASCII counts as a space after a period.
                let next = index + 1 < input.count && input[index + 1] < 0x80 ? input[index + 1] : ASCIIByte.space
                builder.takePunctuation(byte, next: next)
                index += 1
                continue
            }
            let (scalar, length) = decodeScalar(input, at: index)
            index += length
            builder.take(scalar)
        }
        builder.endWord()
        return builder.tokens
    }

    /// The scalar whose UTF-8 starts at `index` of valid UTF-8 (a lead byte of 0x80 or more) and its length in bytes.
    private static func decodeScalar(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(input[index])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (0xFF >> (length + 1))
        for offset in 1..<length {
            value = value << 6 | UInt32(input[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Accumulates words and sentence breaks, one ASCII byte or other scalar at a time.
    private struct Builder {
        var words: WordBuffer
        var colonClauseStarts: [Int32] = []
        var sentence: Int32 = 0
        /// Where the current word starts in the word bytes, while a word is open.
        var wordStart = -1
        var hash = ByteKeyTable.hashSeed
        /// The length of the last word kept, for telling `e.g.` from the end of a sentence.
        var lastWordLength = 0
        /// Non-ASCII letters and marks of the current word, folded when an ASCII letter or the end of the word comes.
        var pendingScalars: [Unicode.Scalar] = []
        let inputCount: Int

        /// Room for the words of `inputCount` bytes of input: each input byte writes at most one byte but in folded
        /// scalars (see ``flushScalars()``).
        init(inputCount: Int) {
            self.inputCount = inputCount
            words = WordBuffer(capacity: inputCount + WordBuffer.slack)
        }

        var tokens: LabelTokens {
            var tokens = words.tokens
            tokens.colonClauseStarts = colonClauseStarts
            return tokens
        }

        /// The run of ASCII letters and digits at `start` of `input` (there is one); returns where it ends.
        @inline(__always)
        mutating func takeLettersAndDigits(_ input: UnsafeBufferPointer<UInt8>, from start: Int, folding: UnsafePointer<UInt8>) -> Int {
            if wordStart < 0 { startWord() }
            if !pendingScalars.isEmpty { flushScalars() }
            return words.appendRun(input, from: start, folding: folding, hash: &hash)
        }

        /// An ASCII byte other than a letter or digit; `next` is the byte after it (a space after the end or before a
        /// non-ASCII character).
        mutating func takePunctuation(_ byte: UInt8, next: UInt8) {
            endWord()
            switch byte {
            case LabelTokenizer.questionMark:
                startWord()
                append(byte)
                endWord()
                sentence += 1
            case UInt8(ascii: "!"), ASCIIByte.semicolon:
                sentence += 1
            case ASCIIByte.period:
                // "e.g. x" and "0.4" do not end a sentence: a one-letter word or a digit after the period.
                if ASCIIByte.isWhitespace(next), lastWordLength > 1 { sentence += 1 }
            case ASCIIByte.colon:
                colonClauseStarts.append(Int32(words.count))
            default:
                break
            }
        }

        /// A scalar outside ASCII.
        mutating func take(_ scalar: Unicode.Scalar) {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                if wordStart >= 0 { pendingScalars.append(scalar) }
                return
            default:
                break
            }
            if properties.isAlphabetic || properties.numericType == .decimal {
                if wordStart < 0 { startWord() }
                pendingScalars.append(scalar)
                return
            }
            switch scalar.value {
            case 0xFF1F:  // fullwidth question mark
                takePunctuation(LabelTokenizer.questionMark, next: ASCIIByte.space)
            case 0xFF1A:  // fullwidth colon
                takePunctuation(ASCIIByte.colon, next: ASCIIByte.space)
            case 0x3002, 0xFF0E, 0xFF01, 0xFF1B:  // ideographic and fullwidth full stop, exclamation, semicolon
                endWord()
                sentence += 1
            default:
                endWord()
            }
        }

        @inline(__always)
        private mutating func startWord() {
            wordStart = words.byteCount
            hash = ByteKeyTable.hashSeed
            words.startWord(sentence: sentence)
        }

        @inline(__always)
        private mutating func append(_ byte: UInt8) {
            words.append(byte)
            hash = ByteKeyTable.hash(hash, byte)
        }

        /// Folds the pending scalars into the current word. Their folded form may be longer than they were, so room is
        /// made for it and for as many bytes as the whole input (each input byte still to come writes at most one).
        private mutating func flushScalars() {
            let word = String(String.UnicodeScalarView(pendingScalars))
            pendingScalars.removeAll(keepingCapacity: true)
            let folded = word.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            words.reserve(folded.utf8.count + inputCount)
            for scalar in folded.unicodeScalars {
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: continue
                default: String(scalar).utf8.forEach { append($0) }
                }
            }
        }

        @inline(__always)
        mutating func endWord() {
            guard wordStart >= 0 else { return }
            if !pendingScalars.isEmpty { flushScalars() }
            // A word of marks only writes nothing: no word after all.
            if words.byteCount != wordStart {
                words.endWord(hash: hash)
                lastWordLength = words.byteCount - wordStart
            }
            wordStart = -1
        }
    }
}
