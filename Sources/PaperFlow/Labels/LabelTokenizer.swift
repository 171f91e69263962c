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

/// Splits text into ``LabelTokens``; pure-ASCII text takes a byte loop, other text goes scalar by scalar and folds
/// only its non-ASCII words.
enum LabelTokenizer {
    static let questionMark = UInt8(ascii: "?")

    /// The words of `text`.
    static func tokenize(_ text: String) -> LabelTokens {
        var text = text
        if let tokens = text.withUTF8({ isASCII($0) ? tokenizeASCII($0) : nil }) {
            return tokens
        }
        var builder = Builder()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            builder.take(scalar, next: index + 1 < scalars.count ? scalars[index + 1] : nil)
        }
        builder.endWord()
        var tokens = builder.tokens
        let words = tokens
        tokens.hashes = words.bytes.withUnsafeBufferPointer { bytes in
            (0..<words.count).map { ByteKeyTable.hash(UnsafeBufferPointer(rebasing: bytes[words.range(of: $0)])) }
        }
        return tokens
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var union: UInt8 = 0
        for byte in bytes { union |= byte }
        return union < 0x80
    }

    /// The byte loop for pure-ASCII text; the same words and sentences as ``Builder``. Writes through buffers sized
    /// for the worst case (every other byte a one-letter word), so the loop never grows an array.
    private static func tokenizeASCII(_ input: UnsafeBufferPointer<UInt8>) -> LabelTokens {
        let capacity = input.count / 2 + 1
        var wordCount = 0
        var starts: [Int32] = []
        var sentences: [Int32] = []
        var hashes: [UInt64] = []
        var colonClauseStarts: [Int32] = []
        let bytes = [UInt8](unsafeUninitializedCapacity: input.count) { output, written in
            starts = [Int32](unsafeUninitializedCapacity: capacity) { startsOut, startsCount in
                sentences = [Int32](unsafeUninitializedCapacity: capacity) { sentencesOut, sentencesCount in
                    hashes = [UInt64](unsafeUninitializedCapacity: capacity) { hashesOut, hashesCount in
                        var sentence: Int32 = 0
                        var inWord = false
                        var wordStart = 0
                        var lastWordLength = 0
                        var hash = ByteKeyTable.hashSeed
                        func startWord() {
                            startsOut[wordCount] = Int32(written)
                            sentencesOut[wordCount] = sentence
                        }
                        for index in 0..<input.count {
                            let byte = input[index]
                            if ASCIIByte.isAlphanumeric(byte) {
                                if !inWord {
                                    inWord = true
                                    wordStart = written
                                    hash = ByteKeyTable.hashSeed
                                    startWord()
                                }
                                let lower = ASCIIByte.lowercased(byte)
                                output[written] = lower
                                hash = ByteKeyTable.hash(hash, lower)
                                written += 1
                                continue
                            }
                            if inWord {
                                inWord = false
                                lastWordLength = written - wordStart
                                hashesOut[wordCount] = hash
                                wordCount += 1
                            }
                            switch byte {
                            case questionMark:
                                startWord()
                                hashesOut[wordCount] = ByteKeyTable.hash(ByteKeyTable.hashSeed, byte)
                                wordCount += 1
                                output[written] = byte
                                written += 1
                                lastWordLength = 1
                                sentence += 1
                            case UInt8(ascii: "!"), ASCIIByte.semicolon:
                                sentence += 1
                            case ASCIIByte.period:
                                let next = index + 1 < input.count ? input[index + 1] : ASCIIByte.space
                                if ASCIIByte.isWhitespace(next), lastWordLength > 1 { sentence += 1 }
                            case ASCIIByte.colon:
                                colonClauseStarts.append(Int32(wordCount))
                            default:
                                break
                            }
                        }
                        if inWord {
                            hashesOut[wordCount] = hash
                            wordCount += 1
                        }
                        hashesCount = wordCount
                    }
                    sentencesCount = wordCount
                }
                startsCount = wordCount
            }
        }
        return LabelTokens(bytes: bytes, starts: starts, sentences: sentences, hashes: hashes, colonClauseStarts: colonClauseStarts)
    }

    /// Accumulates words and sentence breaks, one character at a time.
    private struct Builder {
        var tokens = LabelTokens()
        var sentence: Int32 = 0
        var wordStart = -1
        /// Non-ASCII letters of the current word, folded when the word ends.
        var pendingScalars: [Unicode.Scalar] = []

        mutating func take(_ byte: UInt8, next: UInt8?) {
            if ASCIIByte.isAlphanumeric(byte) {
                appendToWord(ASCIIByte.lowercased(byte))
                return
            }
            endWord()
            switch byte {
            case LabelTokenizer.questionMark:
                startWord()
                tokens.bytes.append(byte)
                endWord()
                sentence += 1
            case UInt8(ascii: "!"), ASCIIByte.semicolon:
                sentence += 1
            case ASCIIByte.period:
                // "e.g. x" and "0.4" do not end a sentence: a one-letter word or a digit after the period.
                if next.map(ASCIIByte.isWhitespace) ?? true, lastWordLength() > 1 { sentence += 1 }
            case ASCIIByte.colon:
                tokens.colonClauseStarts.append(Int32(tokens.count))
            default:
                break
            }
        }

        mutating func take(_ scalar: Unicode.Scalar, next: Unicode.Scalar?) {
            if scalar.isASCII {
                let following: UInt8? = next.map { $0.isASCII ? UInt8($0.value) : ASCIIByte.space }
                take(UInt8(scalar.value), next: following)
                return
            }
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
                take(LabelTokenizer.questionMark, next: nil)
            case 0xFF1A:  // fullwidth colon
                take(ASCIIByte.colon, next: nil)
            case 0x3002, 0xFF0E, 0xFF01, 0xFF1B:  // ideographic and fullwidth full stop, exclamation, semicolon
                endWord()
                sentence += 1
            default:
                endWord()
            }
        }

        private mutating func startWord() {
            wordStart = tokens.bytes.count
            tokens.starts.append(Int32(wordStart))
            tokens.sentences.append(sentence)
        }

        private mutating func appendToWord(_ byte: UInt8) {
            if wordStart < 0 { startWord() }
            if !pendingScalars.isEmpty { flushScalars() }
            tokens.bytes.append(byte)
        }

        private mutating func flushScalars() {
            let word = String(String.UnicodeScalarView(pendingScalars))
            pendingScalars.removeAll(keepingCapacity: true)
            let folded = word.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            for scalar in folded.unicodeScalars {
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: continue
                default: tokens.bytes.append(contentsOf: Array(String(scalar).utf8))
                }
            }
        }

        mutating func endWord() {
            guard wordStart >= 0 else { return }
            if !pendingScalars.isEmpty { flushScalars() }
            if tokens.bytes.count == wordStart {
                // Only marks: no word after all.
                tokens.starts.removeLast()
                tokens.sentences.removeLast()
            }
            wordStart = -1
        }

        func lastWordLength() -> Int {
            guard let last = tokens.starts.last else { return 0 }
            return tokens.bytes.count - Int(last)
        }
    }
}
