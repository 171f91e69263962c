/// `extract`: reads every input file, decompresses gzip (recognised by its magic bytes), screens it
/// (size, empty, binary), sniffs its format from the content and extracts one record per paper entry.
/// Files run in parallel; results keep input order.
public struct Extract: RecordStage {
    public static let name = "extract"
    public static let summary = "read each input file, sniff its format from the content, extract one record per paper"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("dom_cross_check", .boolean, default: .boolean(false),
                      "HF daily pages: also read the DOM cards and count disagreements with the JSON"),
    ]
    public static let placement = StagePlacement(first: true, required: true)

    let maxFileBytes: Int
    let options: ExtractOptions

    public init(parameters: ParameterValues, spec: PipelineSpec) throws {
        maxFileBytes = spec.limits.maxFileBytes
        options = ExtractOptions(domCrossCheck: try parameters.boolean("dom_cross_check"))
    }

    /// What one file gave.
    struct FileOutcome: Sendable {
        var format: String?
        var digest: String?
        var extraction = Extraction()
    }

    public func run(_ dataset: inout Dataset, context: RunContext) throws {
        let inputs = dataset.inputs
        var outcomes = context.executor.map(inputs.count) { index in
            read(inputs[index])
        }
        for index in outcomes.indices {
            dataset.inputs[index].format = outcomes[index].format
            dataset.inputs[index].digest = outcomes[index].digest
            // Taken out of the outcome, a file's records are not copied when they are the first.
            let records = outcomes[index].extraction.records
            outcomes[index].extraction.records = []
            if dataset.records.isEmpty { dataset.records = records } else { dataset.records.append(contentsOf: records) }
            dataset.rejects.append(contentsOf: outcomes[index].extraction.rejects)
            dataset.counters.merge(outcomes[index].extraction.counters)
        }
    }

    func read(_ input: InputFile) -> FileOutcome {
        var outcome = FileOutcome()
        let location = Location(path: input.displayPath)
        if input.size > maxFileBytes {
            outcome.extraction.rejects.append(Reject(
                .tooLarge, at: location, "\(input.size) bytes is over max_file_bytes (\(maxFileBytes))"))
            return outcome
        }
        var bytes: [UInt8]
        do {
            bytes = try FileReader.read(input.fullPath)
        } catch {
            outcome.extraction.rejects.append(Reject(.unreadable, at: location, error.message))
            return outcome
        }
        outcome.digest = SHA256Hex.digest(bytes)
        if Gzip.isGzip(bytes) {
            do {
                bytes = try Gzip.decompress(bytes)
            } catch {
                let reason: RejectReason = error.kind == .truncated ? .truncated : .unreadable
                outcome.extraction.rejects.append(Reject(reason, at: location, "cannot decompress: \(error.message)"))
                return outcome
            }
        }
        if bytes.count > maxFileBytes {
            outcome.extraction.rejects.append(Reject(
                .tooLarge, at: location, "\(bytes.count) bytes is over max_file_bytes (\(maxFileBytes))"))
            return outcome
        }
        switch ContentScreen.screen(bytes) {
        case .empty:
            outcome.extraction.rejects.append(Reject(.emptyFile, at: location, "the file is empty or only whitespace"))
            return outcome
        case .binary(let why):
            outcome.extraction.rejects.append(Reject(.binaryFile, at: location, "not text: \(why)"))
            return outcome
        case .text:
            break
        }
        guard let format = FormatRegistry.sniff(bytes.prefix(ContentScreen.headLength)) else {
            let known = FormatRegistry.all.map { $0.name }.joined(separator: ", ")
            outcome.extraction.rejects.append(Reject(
                .unknownFormat, at: location, "no format recognises the content (known: \(known))"))
            return outcome
        }
        outcome.format = format.name
        outcome.extraction = format.extract(
            LoadedInput(bytes: bytes, path: input.displayPath, snapshotDay: input.snapshotDay, options: options))
        rejectRecordsWithInvalidUTF8(&outcome.extraction)
        return outcome
    }

    /// The content digest `read` records for `input` (nil when the file is too large to read, or unreadable).
    static func contentDigest(of input: InputFile, maxFileBytes: Int) -> String? {
        guard input.size <= maxFileBytes, let bytes = try? FileReader.read(input.fullPath) else { return nil }
        return SHA256Hex.digest(bytes)
    }

    /// Records that hold bytes marked invalid by ``MarkupInput`` become `invalid-utf8` rejects.
    func rejectRecordsWithInvalidUTF8(_ extraction: inout Extraction) {
        extraction.records.removeAll { record in
            guard Self.holdsInvalidUTF8(record) else { return false }
            extraction.rejects.append(Reject(.invalidUTF8, at: record.location, "invalid UTF-8 in this entry"))
            return true
        }
    }

    static func holdsInvalidUTF8(_ record: PaperRecord) -> Bool {
        let optional = [record.arxivID, record.abstract, record.organization, record.arxivComment, record.doi, record.journalRef]
        return holdsMarker(record.title) || optional.contains { $0.map(holdsMarker) ?? false }
            || record.authors.contains(where: holdsMarker) || record.arxivCategories.contains(where: holdsMarker)
    }

    /// Whether `field` holds ``MarkupInput/invalidMarker``'s UTF-8 bytes (found with memchr and memcmp).
    static func holdsMarker(_ field: String) -> Bool {
        var field = field
        return field.withUTF8 { ByteSearch.firstIndex(of: MarkupInput.invalidMarkerBytes, in: $0) != nil }
    }
}
