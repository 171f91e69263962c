import Foundation

extension Taxonomy {
    /// The facets of the record's `labels`, in record order, with the type the record schema fixes for each.
    public static let recordFacets: [(name: String, type: FacetType)] = [
        ("approach", .multi), ("modality", .multi), ("domain", .multi), ("contribution", .single), ("safety", .boolean),
    ]

    /// Reads and validates the taxonomy at `path`; `file` names it in messages (`taxonomy.json: facets[1]…`).
    public static func load(path: String, file: String) throws(SpecError) -> Taxonomy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(issues: [SpecIssue(file: file, path: "", message: "cannot read the taxonomy file (does it exist?)")])
        }
        return try parse(Array(data), file: file)
    }

    /// Validates taxonomy bytes, reporting every problem with its JSON path.
    public static func parse(_ bytes: [UInt8], file: String) throws(SpecError) -> Taxonomy {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes)
        } catch {
            throw SpecError(issues: [SpecIssue(file: file, path: "", message: "not valid JSON: \(error)")])
        }
        var reader = TaxonomyReader(diagnostics: SpecDiagnostics(file: file))
        let taxonomy = reader.readTaxonomy(root, file: file, digest: SHA256Hex.digest(bytes))
        guard let taxonomy, reader.diagnostics.issues.isEmpty else {
            throw SpecError(issues: reader.diagnostics.issues)
        }
        return taxonomy
    }
}

/// Walks the JSON tree of a taxonomy, building the model and reporting problems with their paths.
private struct TaxonomyReader: JSONFieldReader {
    var diagnostics: SpecDiagnostics

    mutating func readTaxonomy(_ root: JSONValue, file: String, digest: String) -> Taxonomy? {
        guard let object = expectObject(root, at: .root) else { return nil }
        checkKeys(object, allowed: ["version", "note", "fields", "repeat_decay", "context_exclusion", "sentence_weights", "facets"], at: .root)
        if let value = required("version", in: object, at: .root), let version = integer(value, at: JSONPath.root.key("version")),
           !Taxonomy.supportedVersions.contains(version) {
            let supported = Taxonomy.supportedVersions.map(String.init).joined(separator: ", ")
            diagnostics.report(JSONPath.root.key("version"), "unsupported taxonomy version \(version) (supported: \(supported))")
        }
        if let value = object["note"] { _ = nonEmptyString(value, at: JSONPath.root.key("note")) }
        let fields = object["fields"].map { readFields($0, at: JSONPath.root.key("fields")) } ?? FieldWeights()
        var repeatDecay = 0.5
        if let value = object["repeat_decay"], let decay = number(value, in: 0...1, at: JSONPath.root.key("repeat_decay")) {
            repeatDecay = decay
        }
        let exclusion = object["context_exclusion"].map { readExclusion($0, at: JSONPath.root.key("context_exclusion")) }
            ?? ContextExclusion()
        var sentenceWeights: [SentenceWeight] = []
        if let value = object["sentence_weights"], let groups = expectArray(value, at: JSONPath.root.key("sentence_weights")) {
            for (index, group) in groups.enumerated() {
                if let weight = readSentenceWeight(group, at: JSONPath.root.key("sentence_weights").index(index)) {
                    sentenceWeights.append(weight)
                }
            }
        }
        guard let value = required("facets", in: object, at: .root) else { return nil }
        let facets = readFacets(value, at: JSONPath.root.key("facets"))
        return Taxonomy(
            file: file, digest: digest, fieldWeights: fields, repeatDecay: repeatDecay, contextExclusion: exclusion,
            sentenceWeights: sentenceWeights, facets: facets)
    }

    // MARK: sections

    mutating func readFields(_ value: JSONValue, at path: JSONPath) -> FieldWeights {
        var weights = FieldWeights()
        guard let object = expectObject(value, at: path) else { return weights }
        checkKeys(object, allowed: LabelField.allCases.map(\.rawValue), at: path)
        if let value = object["title"], let weight = number(value, in: 0...100, at: path.key("title")) { weights.title = weight }
        if let value = object["abstract"], let weight = number(value, in: 0...100, at: path.key("abstract")) { weights.abstract = weight }
        return weights
    }

    mutating func readExclusion(_ value: JSONValue, at path: JSONPath) -> ContextExclusion {
        var exclusion = ContextExclusion()
        guard let object = expectObject(value, at: path) else { return exclusion }
        checkKeys(object, allowed: ["before", "after"], at: path)
        if let value = object["before"] { exclusion.before = readWindow(value, at: path.key("before")) }
        if let value = object["after"] { exclusion.after = readWindow(value, at: path.key("after")) }
        return exclusion
    }

    mutating func readWindow(_ value: JSONValue, at path: JSONPath) -> ExclusionWindow {
        var window = ExclusionWindow()
        guard let object = expectObject(value, at: path) else { return window }
        checkKeys(object, allowed: ["words", "phrases"], at: path)
        if let value = object["words"], let words = integer(value, in: 0...20, at: path.key("words")) {
            window.words = words
        }
        if let value = required("phrases", in: object, at: path) {
            window.phrases = readPhrases(value, at: path.key("phrases"))
        }
        return window
    }

    mutating func readSentenceWeight(_ value: JSONValue, at path: JSONPath) -> SentenceWeight? {
        guard let object = expectObject(value, at: path) else { return nil }
        checkKeys(object, allowed: ["weight", "phrases"], at: path)
        var weight: Double?
        if let value = required("weight", in: object, at: path) { weight = number(value, in: 0...100, at: path.key("weight")) }
        var phrases: [CuePattern] = []
        if let value = required("phrases", in: object, at: path) { phrases = readPhrases(value, at: path.key("phrases")) }
        guard let weight else { return nil }
        return SentenceWeight(weight: weight, phrases: phrases)
    }

    mutating func readFacets(_ value: JSONValue, at path: JSONPath) -> [TaxonomyFacet] {
        guard let array = expectArray(value, at: path) else { return [] }
        let known = Taxonomy.recordFacets.map(\.name)
        var facets: [TaxonomyFacet] = []
        var positions: [String: Int] = [:]
        for (index, element) in array.enumerated() {
            let facetPath = path.index(index)
            guard let object = expectObject(element, at: facetPath) else { continue }
            guard let nameValue = required("name", in: object, at: facetPath),
                  let name = nonEmptyString(nameValue, at: facetPath.key("name")) else { continue }
            guard let schema = Taxonomy.recordFacets.first(where: { $0.name == name }) else {
                diagnostics.report(facetPath.key("name"), "unknown facet \"\(name)\" (known: \(known.joined(separator: ", ")))")
                continue
            }
            if let earlier = positions[name] {
                diagnostics.report(facetPath.key("name"), "duplicate facet \"\(name)\" (first at facets[\(earlier)])")
                continue
            }
            positions[name] = index
            if let facet = readFacet(object, name: name, type: schema.type, at: facetPath) { facets.append(facet) }
        }
        for name in known where positions[name] == nil {
            diagnostics.report(path, "missing facet \"\(name)\" (the record has \(known.joined(separator: ", ")))")
        }
        let order = known.filter { positions[$0] != nil }
        let written = positions.sorted { $0.value < $1.value }.map(\.key)
        if written != order {
            diagnostics.report(path, "facets must be in record order (\(known.joined(separator: ", "))), found \(written.joined(separator: ", "))")
        }
        return facets
    }

    mutating func readFacet(_ object: JSONObject, name: String, type: FacetType, at path: JSONPath) -> TaxonomyFacet? {
        var allowed = ["name", "type", "note", "default", "threshold"]
        switch type {
        case .multi: allowed += ["codes", "catch_all", "relative_threshold", "max_codes"]
        case .single: allowed += ["codes"]
        case .boolean: allowed += ["cues"]
        }
        checkKeys(object, allowed: allowed, at: path)
        if let value = object["note"] { _ = nonEmptyString(value, at: path.key("note")) }
        if let value = required("type", in: object, at: path), let written = nonEmptyString(value, at: path.key("type")) {
            if FacetType(rawValue: written) == nil {
                diagnostics.report(path.key("type"), "unknown facet type \"\(written)\" (valid: multi, single, boolean)")
            } else if written != type.rawValue {
                diagnostics.report(path.key("type"), "\"\(name)\" is \(type.rawValue) in the record schema, not \(written)")
            }
        }
        var facet = TaxonomyFacet(
            name: name, type: type, codes: [], defaultCode: nil, defaultFlag: false, catchAll: nil,
            threshold: 1, relativeThreshold: 0, maxCodes: 1)
        if let value = object["threshold"], let threshold = number(value, in: 0...1000, at: path.key("threshold")) {
            facet.threshold = threshold
        }
        if type == .boolean {
            if let value = required("default", in: object, at: path),
               let flag = expect(value, "a boolean", at: path.key("default"), { $0.boolValue }) {
                facet.defaultFlag = flag
            }
            var cues: [CueGroup] = []
            if let value = required("cues", in: object, at: path) {
                var seen: [CuePattern: String] = [:]
                cues = readCueGroups(value, seen: &seen, at: path.key("cues"))
            }
            facet.codes = [TaxonomyCode(code: "true", threshold: nil, cues: cues)]
            return facet
        }
        guard let value = required("codes", in: object, at: path) else { return nil }
        facet.codes = readCodes(value, at: path.key("codes"))
        facet.maxCodes = type == .multi ? facet.codes.count : 1
        if let value = required("default", in: object, at: path) {
            facet.defaultCode = codeIndex(value, in: facet, at: path.key("default"))
        }
        if let value = object["catch_all"] {
            facet.catchAll = codeIndex(value, in: facet, at: path.key("catch_all"))
        }
        if let value = object["relative_threshold"], let ratio = number(value, in: 0...1, at: path.key("relative_threshold")) {
            facet.relativeThreshold = ratio
        }
        if let value = object["max_codes"], let most = integer(value, in: 1...100, at: path.key("max_codes")) {
            facet.maxCodes = most
        }
        return facet
    }

    mutating func readCodes(_ value: JSONValue, at path: JSONPath) -> [TaxonomyCode] {
        guard let array = expectArray(value, at: path) else { return [] }
        if array.isEmpty { diagnostics.report(path, "needs at least one code") }
        var codes: [TaxonomyCode] = []
        var positions: [String: Int] = [:]
        for (index, element) in array.enumerated() {
            let codePath = path.index(index)
            guard let object = expectObject(element, at: codePath) else { continue }
            checkKeys(object, allowed: ["code", "note", "threshold", "cues", "yields_to", "yield_factor"], at: codePath)
            if let value = object["note"] { _ = nonEmptyString(value, at: codePath.key("note")) }
            guard let codeValue = required("code", in: object, at: codePath),
                  let code = nonEmptyString(codeValue, at: codePath.key("code")) else { continue }
            if !Self.isValidCode(code) {
                diagnostics.report(codePath.key("code"), "\"\(code)\" is not a code: lower-case letters and digits, words joined by \"-\"")
            }
            if let earlier = positions[code] {
                diagnostics.report(codePath.key("code"), "duplicate code \"\(code)\" (first at codes[\(earlier)])")
                continue
            }
            positions[code] = index
            var threshold: Double?
            if let value = object["threshold"] { threshold = number(value, in: 0...1000, at: codePath.key("threshold")) }
            var cues: [CueGroup] = []
            if let value = object["cues"] {
                var seen: [CuePattern: String] = [:]
                cues = readCueGroups(value, seen: &seen, at: codePath.key("cues"))
            }
            var entry = TaxonomyCode(code: code, threshold: threshold, cues: cues)
            if let value = object["yield_factor"], let factor = number(value, in: 0...1, at: codePath.key("yield_factor")) {
                entry.yieldFactor = factor
            }
            codes.append(entry)
        }
        for (index, element) in array.enumerated() {
            guard let object = element.objectValue, let value = object["yields_to"], let position = codes.firstIndex(where: {
                $0.code == object["code"]?.stringValue
            }) else { continue }
            let yieldsPath = path.index(index).key("yields_to")
            guard let names = expectArray(value, at: yieldsPath) else { continue }
            for (offset, name) in names.enumerated() {
                guard let text = nonEmptyString(name, at: yieldsPath.index(offset)) else { continue }
                guard let target = codes.firstIndex(where: { $0.code == text }), target != position else {
                    let valid = codes.map(\.code).filter { $0 != codes[position].code }.joined(separator: ", ")
                    diagnostics.report(yieldsPath.index(offset), "\"\(text)\" is not another code of this facet (codes: \(valid))")
                    continue
                }
                codes[position].yieldsTo.append(target)
            }
        }
        return codes
    }

    /// Cue groups; `seen` maps each phrase of the code read so far (with its field) to its path, to report duplicates.
    mutating func readCueGroups(_ value: JSONValue, seen: inout [CuePattern: String], at path: JSONPath) -> [CueGroup] {
        guard let array = expectArray(value, at: path) else { return [] }
        var groups: [CueGroup] = []
        for (index, element) in array.enumerated() {
            let groupPath = path.index(index)
            guard let object = expectObject(element, at: groupPath) else { continue }
            checkKeys(object, allowed: ["weight", "field", "phrases"], at: groupPath)
            var weight: Double?
            if let value = required("weight", in: object, at: groupPath) {
                weight = number(value, in: -1000...1000, at: groupPath.key("weight"))
            }
            var field: LabelField?
            if let value = object["field"], let text = nonEmptyString(value, at: groupPath.key("field")) {
                field = LabelField(rawValue: text)
                if field == nil {
                    let valid = LabelField.allCases.map(\.rawValue).joined(separator: ", ")
                    diagnostics.report(groupPath.key("field"), "unknown field \"\(text)\" (valid: \(valid))")
                }
            }
            var phrases: [CuePattern] = []
            if let value = required("phrases", in: object, at: groupPath) {
                let phrasesPath = groupPath.key("phrases")
                phrases = readPhrases(value, at: phrasesPath)
                for (position, phrase) in phrases.enumerated() {
                    let key = CuePattern(text: field?.rawValue ?? "", words: phrase.words, isAnchored: phrase.isAnchored)
                    if let earlier = seen[key] {
                        diagnostics.report(phrasesPath.index(position), "duplicate phrase \"\(phrase.text)\" (also at \(earlier))")
                    } else {
                        seen[key] = phrasesPath.index(position).description
                    }
                }
            }
            if let weight { groups.append(CueGroup(weight: weight, field: field, phrases: phrases)) }
        }
        return groups
    }

    /// The phrases of a `phrases` array; positions stay aligned with the array only when every phrase is valid.
    mutating func readPhrases(_ value: JSONValue, at path: JSONPath) -> [CuePattern] {
        guard let array = expectArray(value, at: path) else { return [] }
        if array.isEmpty { diagnostics.report(path, "needs at least one phrase") }
        var phrases: [CuePattern] = []
        for (index, element) in array.enumerated() {
            guard let text = expect(element, "a string", at: path.index(index), { $0.stringValue }) else { continue }
            switch CuePattern.parse(text) {
            case .success(let pattern): phrases.append(pattern)
            case .failure(let error): diagnostics.report(path.index(index), "bad pattern \"\(text)\": \(error)")
            }
        }
        return phrases
    }

    mutating func codeIndex(_ value: JSONValue, in facet: TaxonomyFacet, at path: JSONPath) -> Int? {
        guard let code = nonEmptyString(value, at: path) else { return nil }
        guard let index = facet.codes.firstIndex(where: { $0.code == code }) else {
            let codes = facet.codes.map(\.code).joined(separator: ", ")
            diagnostics.report(path, "\"\(code)\" is not a code of \"\(facet.name)\" (codes: \(codes))")
            return nil
        }
        return index
    }

    static func isValidCode(_ code: String) -> Bool {
        let words = code.split(separator: "-", omittingEmptySubsequences: false)
        return words.allSatisfy { word in
            !word.isEmpty && word.utf8.allSatisfy { ASCIIByte.isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) }
        }
    }
}
