import Foundation

extension PipelineSpec {
    /// Reads and validates the spec at `path`, reporting every problem with its JSON path.
    public static func load(path: String) throws(SpecError) -> PipelineSpec {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(issues: [SpecIssue(file: path, path: "", message: "cannot read the spec file (does it exist?)")])
        }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let directory = (absolute as NSString).deletingLastPathComponent
        return try parse(Array(data), file: name, directory: directory)
    }

    /// Validates spec bytes; relative paths are resolved against `directory`.
    public static func parse(_ bytes: [UInt8], file: String, directory: String) throws(SpecError) -> PipelineSpec {
        var diagnostics = SpecDiagnostics(file: file)
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes)
        } catch {
            throw SpecError(issues: [SpecIssue(file: file, path: "", message: "not valid JSON: \(error)")])
        }
        var reader = SpecReader(directory: directory, diagnostics: diagnostics)
        let spec = reader.readSpec(root, file: file, digest: SHA256Hex.digest(bytes))
        diagnostics = reader.diagnostics
        var issues = diagnostics.issues
        if let spec {
            for stage in spec.stages { issues += stage.operatorType.validate(stage.parameters, spec: spec) }
        }
        guard let spec, issues.isEmpty else {
            throw SpecError(issues: issues)
        }
        return spec
    }
}

/// Walks the JSON tree of a spec, building typed models and reporting problems with their paths.
private struct SpecReader: JSONFieldReader {
    let directory: String
    var diagnostics: SpecDiagnostics

    init(directory: String, diagnostics: SpecDiagnostics) {
        self.directory = directory
        self.diagnostics = diagnostics
    }

    mutating func readSpec(_ root: JSONValue, file: String, digest: String) -> PipelineSpec? {
        guard let object = expectObject(root, at: .root) else { return nil }
        checkKeys(object, allowed: ["version", "name", "input", "stages", "limits", "release"], at: .root)

        var version: Int?
        if let value = required("version", in: object, at: .root), let number = integer(value, at: JSONPath.root.key("version")) {
            if PipelineSpec.supportedVersions.contains(number) {
                version = number
            } else {
                let supported = PipelineSpec.supportedVersions.map(String.init).joined(separator: ", ")
                diagnostics.report(JSONPath.root.key("version"), "unsupported spec version \(number) (supported: \(supported))")
            }
        }
        var name: String?
        if let value = required("name", in: object, at: .root) {
            name = nonEmptyString(value, at: JSONPath.root.key("name"))
        }
        var input: InputSpec?
        if let value = required("input", in: object, at: .root) {
            input = readInput(value, at: JSONPath.root.key("input"))
        }
        var stages: [StageSpec]?
        if let value = required("stages", in: object, at: .root) {
            stages = readStages(value, at: JSONPath.root.key("stages"))
        }
        let limits = object["limits"].map { readLimits($0, at: JSONPath.root.key("limits")) } ?? Limits()
        let release = readRelease(object["release"], datasetName: name ?? "dataset", at: JSONPath.root.key("release"))

        guard let version, let name, let input, let stages else { return nil }
        return PipelineSpec(
            file: file, directory: directory, digest: digest, version: version, name: name,
            input: input, stages: stages, limits: limits, release: release)
    }

    // MARK: sections

    mutating func readInput(_ value: JSONValue, at path: JSONPath) -> InputSpec? {
        guard let object = expectObject(value, at: path) else { return nil }
        checkKeys(object, allowed: ["paths", "snapshot_dates"], at: path)
        var paths: [String] = []
        if let value = required("paths", in: object, at: path) {
            let pathsPath = path.key("paths")
            if let array = expectArray(value, at: pathsPath) {
                if array.isEmpty { diagnostics.report(pathsPath, "needs at least one file, directory or glob") }
                for (index, element) in array.enumerated() {
                    guard let text = nonEmptyString(element, at: pathsPath.index(index)) else { continue }
                    paths.append(text)
                    if !InputDiscovery.isGlob(text) && !FileManager.default.fileExists(atPath: resolve(text)) {
                        diagnostics.report(pathsPath.index(index), "no such file or directory: \(text) (relative to \(directory))")
                    }
                }
            }
        }
        var snapshotDates: [SnapshotDate] = []
        if let value = object["snapshot_dates"] {
            let datesPath = path.key("snapshot_dates")
            if let map = expectObject(value, at: datesPath) {
                for member in map.members {
                    let memberPath = datesPath.key(member.key)
                    if !paths.contains(where: { InputDiscovery.pattern(member.key, isUnder: $0) }) {
                        diagnostics.report(memberPath, "not under any of input.paths (\(paths.joined(separator: ", ")))")
                    }
                    guard let text = member.value.stringValue else {
                        diagnostics.report(memberPath, "expected a day \"YYYY-MM-DD\", found \(member.value.typeName)")
                        continue
                    }
                    guard let day = Day(iso: text) else {
                        diagnostics.report(memberPath, "\"\(text)\" is not a valid day (expected YYYY-MM-DD)")
                        continue
                    }
                    snapshotDates.append(SnapshotDate(pattern: member.key, day: day))
                }
            }
        }
        return InputSpec(paths: paths, snapshotDates: snapshotDates)
    }

    mutating func readStages(_ value: JSONValue, at path: JSONPath) -> [StageSpec]? {
        guard let array = expectArray(value, at: path) else { return nil }
        var stages: [StageSpec] = []
        var positions: [String: Int] = [:]
        var allKnown = true
        for (index, element) in array.enumerated() {
            let stagePath = path.index(index)
            guard let object = expectObject(element, at: stagePath) else { continue }
            checkKeys(object, allowed: ["op", "params"], at: stagePath)
            guard let opValue = required("op", in: object, at: stagePath),
                  let op = nonEmptyString(opValue, at: stagePath.key("op")) else { continue }
            guard let type = OperatorRegistry.named(op) else {
                let known = OperatorRegistry.names.joined(separator: ", ")
                diagnostics.report(stagePath.key("op"), "unknown operator \"\(op)\" (known: \(known))")
                allKnown = false
                continue
            }
            if let earlier = positions[op] {
                diagnostics.report(stagePath.key("op"), "\"\(op)\" already runs at stages[\(earlier)]; each operator runs once")
                continue
            }
            positions[op] = index
            let parameters = readParameters(object["params"], declared: type.parameters, op: op, at: stagePath.key("params"))
            stages.append(StageSpec(op: op, operatorType: type, parameters: parameters))
        }
        // With a misspelt operator, the missing stage it was meant to be is not news.
        if allKnown { checkOrder(stages, positions: positions, count: array.count, at: path) }
        return stages
    }

    mutating func checkOrder(_ stages: [StageSpec], positions: [String: Int], count: Int, at path: JSONPath) {
        if count == 0 { diagnostics.report(path, "needs at least one stage (known operators: \(OperatorRegistry.names.joined(separator: ", ")))") }
        for type in OperatorRegistry.all where type.placement.required && positions[type.name] == nil {
            diagnostics.report(path, "a pipeline needs a \"\(type.name)\" stage")
        }
        for stage in stages {
            guard let index = positions[stage.op] else { continue }
            let placement = stage.operatorType.placement
            let opPath = path.index(index).key("op")
            if placement.first && index != 0 {
                diagnostics.report(opPath, "\"\(stage.op)\" must be the first stage")
            }
            if placement.last && index != count - 1 {
                diagnostics.report(opPath, "\"\(stage.op)\" must be the last stage")
            }
            for needed in placement.after {
                guard let neededIndex = positions[needed] else {
                    diagnostics.report(opPath, "\"\(stage.op)\" needs a \"\(needed)\" stage before it")
                    continue
                }
                if neededIndex > index {
                    diagnostics.report(opPath, "\"\(stage.op)\" must come after \"\(needed)\" (found at stages[\(neededIndex)])")
                }
            }
        }
    }

    mutating func readParameters(_ value: JSONValue?, declared: [ParameterSpec], op: String, at path: JSONPath) -> ParameterValues {
        var values: [String: ParameterValue] = [:]
        for declaration in declared {
            if let defaultValue = declaration.defaultValue { values[declaration.name] = defaultValue }
        }
        let object = value.flatMap { expectObject($0, at: path) }
        for declaration in declared where declaration.defaultValue == nil && object?[declaration.name] == nil {
            diagnostics.report(path.key(declaration.name), "missing (required)")
        }
        guard let object else { return ParameterValues(values) }
        let names = declared.map(\.name)
        for member in object.members {
            let memberPath = path.key(member.key)
            guard let declaration = declared.first(where: { $0.name == member.key }) else {
                let valid = names.isEmpty ? "\"\(op)\" takes no parameters" : "valid: " + names.joined(separator: ", ")
                diagnostics.report(memberPath, "unknown parameter \"\(member.key)\" (\(valid))")
                continue
            }
            if let parsed = parameter(member.value, declaration, at: memberPath) {
                values[declaration.name] = parsed
            }
        }
        return ParameterValues(values)
    }

    mutating func parameter(_ value: JSONValue, _ declaration: ParameterSpec, at path: JSONPath) -> ParameterValue? {
        switch declaration.kind {
        case .integer(let range):
            return integer(value, in: range, at: path).map(ParameterValue.integer)
        case .number(let range):
            return number(value, in: range, at: path).map(ParameterValue.number)
        case .string:
            return nonEmptyString(value, at: path).map(ParameterValue.string)
        case .choice(let choices):
            guard let text = nonEmptyString(value, at: path) else { return nil }
            guard choices.contains(text) else {
                diagnostics.report(path, "\"\(text)\" is not supported (valid: \(choices.joined(separator: ", ")))")
                return nil
            }
            return .string(text)
        case .boolean:
            return expect(value, "a boolean", at: path) { $0.boolValue }.map(ParameterValue.boolean)
        case .file:
            guard let text = nonEmptyString(value, at: path) else { return nil }
            if !FileManager.default.fileExists(atPath: resolve(text)) {
                diagnostics.report(path, "no such file: \(text) (relative to \(directory))")
                return nil
            }
            return .string(text)
        }
    }

    mutating func readLimits(_ value: JSONValue, at path: JSONPath) -> Limits {
        var limits = Limits()
        guard let object = expectObject(value, at: path) else { return limits }
        checkKeys(object, allowed: ["max_file_bytes", "max_rejected_files_ratio", "min_records"], at: path)
        if let value = object["max_file_bytes"], let bytes = integer(value, at: path.key("max_file_bytes")) {
            if bytes < 1 { diagnostics.report(path.key("max_file_bytes"), "must be at least 1") } else { limits.maxFileBytes = bytes }
        }
        if let value = object["max_rejected_files_ratio"], let ratio = number(value, at: path.key("max_rejected_files_ratio")) {
            if !(0...1).contains(ratio) {
                diagnostics.report(path.key("max_rejected_files_ratio"), "must be between 0 and 1")
            } else {
                limits.maxRejectedFilesRatio = ratio
            }
        }
        if let value = object["min_records"], let count = integer(value, at: path.key("min_records")) {
            if count < 0 { diagnostics.report(path.key("min_records"), "must be 0 or more") } else { limits.minRecords = count }
        }
        return limits
    }

    mutating func readRelease(_ value: JSONValue?, datasetName: String, at path: JSONPath) -> ReleaseSpec {
        var release = ReleaseSpec(dir: "out/" + datasetName)
        guard let value, let object = expectObject(value, at: path) else { return release }
        checkKeys(object, allowed: ["dir", "license", "keep"], at: path)
        if let value = object["dir"], let dir = nonEmptyString(value, at: path.key("dir")) { release.dir = dir }
        if let value = object["license"], let license = nonEmptyString(value, at: path.key("license")) { release.license = license }
        if let value = object["keep"], let keep = integer(value, at: path.key("keep")) {
            if keep < 1 { diagnostics.report(path.key("keep"), "must be at least 1") } else { release.keep = keep }
        }
        return release
    }

    // MARK: typed access with reporting

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }
}
