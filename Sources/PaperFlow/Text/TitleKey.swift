import Foundation

/// The title key of DESIGN §4: the form of a title under which two records are the same paper.
///
/// `key` expects a title already through `TextNormalizer.normalize` (step 1). An empty key means the title has no
/// letters or digits (a `missing-title` reject). Changing any step changes every `title_hash`: bump `version`.
public enum TitleKey {
    /// Version of the key's definition, recorded in the release manifest.
    public static let version = "1"

    /// Returns the title key of `normalizedTitle`: NFKC, TeX accents and control words resolved, full case folding,
    /// combining marks removed, every run of characters other than letters and decimal digits turned into one space.
    ///
    /// Pure-ASCII titles take a byte-level path that gives the same result as the Unicode path.
    public static func key(_ normalizedTitle: String) -> String {
        if ASCIIByte.isASCII(normalizedTitle) {
            return asciiKey(normalizedTitle)
        }
        return unicodeKey(normalizedTitle)
    }

    /// Returns `title_hash`: the lowercase hex SHA-256 of the UTF-8 bytes of `key`.
    public static func hash(ofKey key: String) -> String {
        SHA256Hex.digest(key)
    }

    static func unicodeKey(_ title: String) -> String {
        let compatible = title.precomposedStringWithCompatibilityMapping
        let withoutTeX = TeXCommands.resolving(compatible.unicodeScalars) { scalar in
            scalar.properties.generalCategory.isLetter
        }
        let folded = CaseFolding.folded(withoutTeX)
        var unmarked = String.UnicodeScalarView()
        for scalar in folded.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            unmarked.append(scalar)
        }
        var output = String.UnicodeScalarView()
        var pendingSeparator = false
        for scalar in String(unmarked).precomposedStringWithCanonicalMapping.unicodeScalars {
            let category = scalar.properties.generalCategory
            guard category.isLetter || category == .decimalNumber else {
                pendingSeparator = true
                continue
            }
            if pendingSeparator, !output.isEmpty {
                output.append(" ")
            }
            pendingSeparator = false
            output.append(scalar)
        }
        return String(output)
    }

    static func asciiKey(_ title: String) -> String {
        guard title.utf8.contains(ASCIIByte.backslash) else { return asciiKey(bytes: title.utf8) }
        return asciiKey(bytes: TeXCommands.resolving(Array(title.utf8), isLetter: ASCIIByte.isLetter))
    }

    private static func asciiKey(bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.underestimatedCount)
        var pendingSeparator = false
        for byte in bytes {
            guard ASCIIByte.isAlphanumeric(byte) else {
                pendingSeparator = true
                continue
            }
            if pendingSeparator, !output.isEmpty {
                output.append(ASCIIByte.space)
            }
            pendingSeparator = false
            output.append(ASCIIByte.lowercased(byte))
        }
        return String(decoding: output, as: UTF8.self)
    }
}

private extension Unicode.GeneralCategory {
    /// True for the letter categories (L*: Lu, Ll, Lt, Lm, Lo).
    var isLetter: Bool {
        switch self {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }
}
