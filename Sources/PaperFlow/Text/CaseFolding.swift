import Foundation

/// Full Unicode case folding, as Python's `str.casefold` (Unicode CaseFolding.txt, statuses C and F).
///
/// Foundation's case-insensitive folding does full folding (`ß` → `ss`, `ΣΑΣ` → `σασ`) but differs from
/// CaseFolding.txt on two blocks, corrected here: Cherokee folds to its capital letters, and the Cyrillic
/// variant letters U+1C80–U+1C88 fold to their ordinary lower-case letters.
enum CaseFolding {
    /// Returns the case folding of `scalars` as a string.
    static func folded(_ scalars: [Unicode.Scalar]) -> String {
        let folded = String(String.UnicodeScalarView(scalars)).folding(options: .caseInsensitive, locale: nil)
        guard folded.unicodeScalars.contains(where: { correction(for: $0) != nil }) else { return folded }
        var corrected = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            corrected.append(correction(for: scalar) ?? scalar)
        }
        return String(corrected)
    }

    /// Where Foundation's fold of a scalar differs from CaseFolding.txt, the scalar CaseFolding.txt gives.
    private static func correction(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0xAB70...0xABBF: Unicode.Scalar(scalar.value - 0xAB70 + 0x13A0)
        case 0x13F8...0x13FD: Unicode.Scalar(scalar.value - 0x13F8 + 0x13F0)
        case 0x1C80...0x1C88: cyrillicVariantFolds[Int(scalar.value - 0x1C80)]
        default: nil
        }
    }

    private static let cyrillicVariantFolds: [Unicode.Scalar] = [
        "\u{0432}", "\u{0434}", "\u{043E}", "\u{0441}", "\u{0442}", "\u{0442}", "\u{044A}", "\u{0463}", "\u{A64B}",
    ]
}
