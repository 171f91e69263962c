import Testing
@testable import PaperFlow

@Suite("Phrase matcher")
struct PhraseMatcherTests {
    /// The phrases of `phrases` found in `text`, each with the words it covers.
    static func found(_ phrases: [String], in text: String) -> [String] {
        let patterns = phrases.compactMap { phrase -> CuePattern? in
            if case .success(let pattern) = CuePattern.parse(phrase) { return pattern }
            return nil
        }
        precondition(patterns.count == phrases.count, "a test phrase does not parse")
        let tokens = LabelTokenizer.tokenize(text)
        return PhraseMatcher(phrases: patterns).matches(in: tokens).map { match in
            phrases[Int(match.phrase)] + " = " + tokens.words[Int(match.start)..<Int(match.end)].joined(separator: " ")
        }
    }

    @Test func wordsMatchOnlyWholeWords() {
        #expect(Self.found(["rag"], in: "RAG helps; drag, ragged and leverage do not.") == ["rag = rag"])
        #expect(Self.found(["lora"], in: "LoRA, LORA, lora; not QLoRA or flora.") == ["lora = lora", "lora = lora", "lora = lora"])
    }

    @Test func hyphenSpaceAndJoinedSpellingsAreOne() {
        let text = "fine-tuning, fine tuning, finetuning, Fine–Tuning (en dash), FINE‐TUNING (hyphen U+2010), fine\ntuning"
        #expect(Self.found(["fine-tuning"], in: text).count == 6)
        #expect(Self.found(["fine tuning"], in: text).count == 6)
        #expect(Self.found(["in-context learning"], in: "incontext learning and in-context-learning") == [
            "in-context learning = incontext learning", "in-context learning = in context learning",
        ])
    }

    @Test func wordsMatchTheirRegularPlurals() {
        #expect(Self.found(["adapter"], in: "adapters and an adapter") == ["adapter = adapters", "adapter = adapter"])
        #expect(Self.found(["strategy"], in: "strategies") == ["strategy = strategies"])
        #expect(Self.found(["bias"], in: "biases") == ["bias = biases"])
        #expect(Self.found(["analysis"], in: "analyses") == ["analysis = analyses"])
        #expect(Self.found(["search"], in: "searches") == ["search = searches"])
        #expect(Self.found(["large language model"], in: "Large Language Models") == ["large language model = large language models"])
        #expect(Self.found(["languages"], in: "a language, many languages") == ["languages = languages"])
    }

    @Test func aStarMatchesEveryWordWithThePrefix() {
        #expect(Self.found(["distil*"], in: "Distillation, distilled, distil, DistilBERT; not dist or disti.") == [
            "distil* = distillation", "distil* = distilled", "distil* = distil", "distil* = distilbert",
        ])
        #expect(Self.found(["fine-tun*"], in: "fine-tuned, finetunes") == ["fine-tun* = fine tuned", "fine-tun* = finetunes"])
    }

    @Test func aCaretAnchorsAtTheStartOfASentenceOrAColonClause() {
        #expect(Self.found(["^does"], in: "Does it work? It does.") == ["^does = does"])
        #expect(Self.found(["^does"], in: "What does it do") == [])
        #expect(Self.found(["^does"], in: "It works. Does it scale?") == ["^does = does"])
        #expect(Self.found(["^analyzing"], in: "Amuro & Char: Analyzing pre-training") == ["^analyzing = analyzing"])
        #expect(Self.found(["^analyzing"], in: "Amuro：Analyzing, again analyzing") == ["^analyzing = analyzing"])
    }

    @Test func aQuestionMarkIsAWord() {
        #expect(Self.found(["?"], in: "Is it? Yes.") == ["? = ?"])
        #expect(Self.found(["it ?"], in: "Is it? Yes.") == ["it ? = it ?"])
    }

    @Test func nonASCIITextFoldsCaseDiacriticsAndWidth() {
        #expect(Self.found(["naive"], in: "A naïve NAÏVE approach") == ["naive = naive", "naive = naive"])
        #expect(Self.found(["lora"], in: "ＬｏＲＡ adapters") == ["lora = lora"])
        #expect(Self.found(["strasse"], in: "Straße") == ["strasse = strasse"])
        #expect(Self.found(["über"], in: "UBER and Über") == ["über = uber", "über = uber"])
        #expect(Self.found(["lora"], in: "中文摘要 LoRA 微调") == ["lora = lora"])
        #expect(Self.found(["σ-model"], in: "Σ-MODEL") == ["σ-model = σ model"])
    }

    @Test func longerAndOverlappingPhrasesAllMatch() {
        #expect(Self.found(["fine-tuning", "instruction fine-tuning", "instruction"], in: "instruction fine-tuning") == [
            "instruction = instruction", "instruction fine-tuning = instruction fine tuning", "fine-tuning = fine tuning",
        ])
    }
}

@Suite("Label tokenizer")
struct LabelTokenizerTests {
    @Test func wordsAreFoldedAndSplitAtEveryNonLetter() {
        #expect(LabelTokenizer.tokenize("GPT-4's In-Context (ICL) results: 0.4%!").words == ["gpt", "4", "s", "in", "context", "icl", "results", "0", "4"])
        #expect(LabelTokenizer.tokenize("").count == 0)
        #expect(LabelTokenizer.tokenize("Ünïcode — Façade").words == ["unicode", "facade"])
    }

    @Test func sentencesBreakAtFullStopsButNotAtAbbreviationsOrDecimals() {
        let tokens = LabelTokenizer.tokenize("Models, e.g. BERT, score 0.5 here. Next one? Yes; done")
        let sentence = Dictionary(uniqueKeysWithValues: tokens.words.enumerated().map { ($0.element, tokens.sentences[$0.offset]) })
        #expect(sentence["bert"] == 0)
        #expect(sentence["here"] == 0)
        #expect(sentence["next"] == 1)
        #expect(sentence["?"] == 1)
        #expect(sentence["yes"] == 2)
        #expect(sentence["done"] == 3)
    }

    @Test func theASCIIAndUnicodePathsAgree() {
        let ascii = "Fine-tuning LLMs, e.g. with LoRA. Does it help? Yes!"
        let unicode = ascii + " é"
        let first = LabelTokenizer.tokenize(ascii)
        let second = LabelTokenizer.tokenize(unicode)
        #expect(Array(second.words.dropLast()) == first.words)
        #expect(Array(second.sentences.dropLast()) == first.sentences)
        #expect(Array(second.hashes.dropLast()) == first.hashes)
        #expect(second.words.last == "e")
    }

    @Test func aTextOfOneLetterWordsAndQuestionMarksFitsItsWords() {
        let tokens = LabelTokenizer.tokenize(String(repeating: "a?", count: 1000))
        #expect(tokens.count == 2000)
        #expect(tokens.words.prefix(4) == ["a", "?", "a", "?"])
        #expect(tokens.sentences.last == 999)
    }

    @Test func foldedLettersLongerThanTheTextAreKept() {
        // U+0149 folds to U+02BC U+006E: three bytes for two.
        let folded = "\u{149}".folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        #expect(folded.utf8.count == 3)
        let tokens = LabelTokenizer.tokenize(String(repeating: "a\u{149}", count: 400) + " end")
        #expect(tokens.words == [String(repeating: "a" + folded, count: 400), "end"])
        #expect(tokens.hashes.first == Array(tokens.words[0].utf8).withUnsafeBufferPointer(ByteKeyTable.hash))
    }
}
