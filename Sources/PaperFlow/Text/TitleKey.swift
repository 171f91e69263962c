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
        guard ASCIIByte.contains(ASCIIByte.backslash, in: title) else {
            var title = title
            return title.withUTF8(asciiKey(bytes:))
        }
        return TeXCommands.resolving(Array(title.utf8), isLetter: ASCIIByte.isLetter).withUnsafeBufferPointer(asciiKey(bytes:))
    }

    /// The key of ASCII `bytes`, written straight into the string's storage (never longer than `bytes`).
    private static func asciiKey(bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { output in
            var written = 0
            var pendingSeparator = false
            for byte in bytes {
                guard ASCIIByte.isAlphanumeric(byte) else {
                    pendingSeparator = true
                    continue
                }
                if pendingSeparator, written > 0 {
                    output[written] = ASCIIByte.space
                    written += 1
                }
                pendingSeparator = false
                output[written] = ASCIIByte.lowercased(byte)
                written += 1
            }
            return written
        }
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
