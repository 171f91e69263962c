/// The text of `paperflow operators`: every operator with its placement and parameters.
public enum OperatorListing {
    public static func render() -> String {
        var text = ""
        for type in OperatorRegistry.all {
            text += type.name + ": " + type.summary + "\n"
            let placement = type.placement
            var rules: [String] = []
            if placement.required { rules.append("required") }
            if placement.first { rules.append("first stage") }
            if placement.last { rules.append("last stage") }
            if !placement.after.isEmpty { rules.append("after " + placement.after.joined(separator: ", ")) }
            if !rules.isEmpty { text += "  placement: " + rules.joined(separator: "; ") + "\n" }
            if type.parameters.isEmpty { text += "  parameters: none\n" }
            for parameter in type.parameters {
                let defaultText = parameter.defaultValue.map { " (default \($0))" } ?? ""
                text += "  \(parameter.name): \(parameter.typeDescription)\(defaultText): \(parameter.summary)\n"
            }
        }
        return text
    }
}

/// The input table of `run --dry-run`: display path, sniffed format, bytes.
public enum InputListing {
    public static func render(_ inputs: [InputFile]) -> String {
        var rows = [["input", "format", "bytes"]]
        for input in inputs {
            rows.append([input.displayPath, input.format ?? "rejected", String(input.size)])
        }
        return SummaryTable.table(rows)
    }
}
