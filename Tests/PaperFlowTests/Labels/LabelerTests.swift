import Testing
@testable import PaperFlow

/// The scoring rules of `Labeler`, on the small fixture taxonomy (title weight 2, abstract 1, repeat decay 0.5).
@Suite("Labeler")
struct LabelerTests {
    let labeler: Labeler

    init() throws {
        labeler = try LabelFixture.labeler()
    }

    func value(_ facet: String, _ title: String, _ abstract: String? = nil) -> LabelValue? {
        LabelFixture.value(facet, title: title, abstract: abstract, labeler: labeler)
    }

    func score(_ facet: String, _ code: String, _ title: String, _ abstract: String? = nil) -> Double? {
        LabelFixture.score(facet, code, title: title, abstract: abstract, labeler: labeler)
    }

    @Test func aFacetWhereNoCueFiresTakesItsDefault() {
        let labels = labeler.labels(title: "Nothing to see", abstract: nil)
        #expect(labels == Labels(facets: [
            Labels.Facet(name: "approach", value: .codes(["other-approach"])),
            Labels.Facet(name: "modality", value: .codes(["text"])),
            Labels.Facet(name: "domain", value: .codes(["general"])),
            Labels.Facet(name: "contribution", value: .code("method")),
            Labels.Facet(name: "safety", value: .flag(false)),
        ]))
    }

    @Test func codesAreOrderedByScoreWithTiesInTaxonomyOrder() {
        #expect(value("approach", "LoRA for retrieval") == .codes(["peft", "retrieval"]))
        #expect(value("approach", "Retrieval and LoRA") == .codes(["peft", "retrieval"]))
        #expect(value("approach", "x", "LoRA. Retrieval. Retrieval.") == .codes(["retrieval", "peft"]))
        #expect(score("approach", "retrieval", "x", "LoRA. Retrieval. Retrieval.") == 6)
    }

    @Test func aCodeNeedsTheThresholdAndAShareOfTheTopScore() {
        #expect(score("approach", "retrieval", "Retrieval", "Retrieval. Synthetic data.") == 10)
        #expect(value("approach", "Retrieval", "Retrieval. Synthetic data.") == .codes(["retrieval"]))
        #expect(value("approach", "Retrieval", "Synthetic data.") == .codes(["retrieval", "data"]))
        #expect(value("modality", "x", "An image.") == .codes(["vision"]))
        #expect(value("approach", "x", "Retrieval. A retrieval baseline. Mixture of experts.") == .codes(["other-approach"]))
        #expect(score("approach", "other-approach", "x", "Retrieval. A retrieval baseline. Mixture of experts.") == 4)
    }

    @Test func aListFacetHoldsAtMostMaxCodes() {
        #expect(value("approach", "LoRA retrieval with synthetic data") == .codes(["peft", "retrieval"]))
    }

    @Test func theCatchAllStandsAloneOrNotAtAll() {
        #expect(value("approach", "Mixture of experts") == .codes(["other-approach"]))
        #expect(value("approach", "Mixture of experts", "LoRA.") == .codes(["other-approach"]))
        #expect(value("approach", "LoRA", "Mixture of experts.") == .codes(["peft"]))
    }

    @Test func aCodeYieldsToAQualifyingCode() {
        #expect(score("approach", "full-fine-tuning", "Fine-tuning") == 4)
        #expect(value("approach", "Fine-tuning") == .codes(["full-fine-tuning"]))
        #expect(score("approach", "full-fine-tuning", "Fine-tuning with LoRA") == 2)
        #expect(value("approach", "Fine-tuning with LoRA") == .codes(["peft"]))
    }

    @Test func aLongerCueOfTheFacetHidesTheCuesInsideIt() {
        #expect(score("approach", "peft", "Parameter-efficient fine-tuning") == 8)
        #expect(score("approach", "full-fine-tuning", "Parameter-efficient fine-tuning") == 0)
        #expect(score("modality", "code", "x", "Code generation is available.") == 0)
        #expect(score("modality", "code", "x", "Code generation matters.") == 4)
        #expect(value("modality", "x", "Code generation matters.") == .codes(["code"]))
        #expect(score("safety", "true", "x", "An inductive bias.") == 0)
        #expect(score("safety", "true", "x", "A social bias.") == 2)
    }

    @Test func aNegativeCueCountsAgainstItsCode() {
        #expect(score("approach", "retrieval", "x", "Retrieval helps. A retrieval baseline fails.") == 0)
        #expect(value("approach", "x", "Retrieval helps. A retrieval baseline fails.") == .codes(["other-approach"]))
    }

    @Test func aCueNearAContextExclusionDoesNotCount() {
        #expect(score("approach", "retrieval", "x", "Unlike retrieval, it works.") == 0)
        #expect(score("approach", "retrieval", "x", "Unlike the many strong retrieval methods.") == 4)
        #expect(score("approach", "retrieval", "x", "Unlike others. Retrieval works.") == 4)
        #expect(score("approach", "data", "x", "A synthetic data baseline.") == 0)
        #expect(score("approach", "data", "x", "Synthetic data beats the baseline.") == 4)
    }

    @Test func sentenceWeightsMultiplyTheCuesOfTheirSentence() {
        #expect(score("approach", "retrieval", "x", "We propose retrieval.") == 8)
        #expect(score("approach", "retrieval", "x", "We propose it. Retrieval helps.") == 4)
        #expect(score("contribution", "method", "x", "We propose it.") == 6)
    }

    @Test func aSentenceGivesEachCodeOneVoteAndRepeatsDecay() {
        #expect(score("approach", "peft", "x", "LoRA and LoRA.") == 4)
        #expect(score("approach", "peft", "x", "LoRA. LoRA. LoRA.") == 7)
        #expect(score("approach", "peft", "LoRA", "LoRA.") == 10)
    }

    @Test func aCueCanBeLimitedToOneField() {
        #expect(value("domain", "x", "Clinical notes.") == .codes(["general"]))
        #expect(value("domain", "Clinical notes") == .codes(["biomedical"]))
    }

    @Test func anchoredAndQuestionCuesReadTheTitle() {
        #expect(value("contribution", "Does it work") == .code("empirical-study"))
        #expect(value("contribution", "What does it do") == .code("method"))
        #expect(value("contribution", "Is it good?") == .code("empirical-study"))
        #expect(score("contribution", "empirical-study", "Does it work?") == 6)
    }

    @Test func aSingleFacetTakesTheBestCodeWithTiesInTaxonomyOrder() {
        #expect(value("contribution", "x", "We propose a survey.") == .code("method"))
        #expect(value("contribution", "x", "A survey. A survey.") == .code("survey"))
        #expect(value("contribution", "x", "A survey.") == .code("survey"))
    }

    @Test func aBooleanFacetIsTrueAtItsThreshold() {
        #expect(value("safety", "x", "Hallucination.") == .flag(true))
        #expect(value("safety", "x", "Some bias. More bias.") == .flag(false))
        #expect(value("safety", "Bias") == .flag(true))
    }

    @Test func theExplanationNamesThePhrasesBehindAScore() {
        let explanation = labeler.explanation(title: "LoRA", abstract: "LoRA. Retrieval.")
        #expect(explanation[0][1].map(\.phrase) == ["lora"])
        #expect(explanation[0][1].map(\.score) == [10])
        #expect(explanation[0][2].map(\.phrase) == ["retrieval"])
    }

    @Test func theRepositoryTaxonomyLabelsAParameterEfficientPaper() throws {
        let path = TestSupport.packageRoot.appendingPathComponent("taxonomy.json").path
        let labeler = Labeler(taxonomy: try Taxonomy.load(path: path, file: "taxonomy.json"))
        let labels = labeler.labels(
            title: "Parameter-Efficient Transfer Learning for NLP",
            abstract: "We propose transfer with adapter modules. Adapters add only a few trainable parameters per task.")
        #expect(labels.facets.map(\.name) == Labels.facetNames)
        #expect(labels.facets[0].value == .codes(["peft"]))
        #expect(labels.facets[1].value == .codes(["text"]))
        #expect(labels.facets[2].value == .codes(["general"]))
        #expect(labels.facets[3].value == .code("method"))
        #expect(labels.facets[4].value == .flag(false))
    }
}
