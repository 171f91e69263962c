/// Reads arXiv ids out of Hugging Face paper links and `arxiv:` chips.
///
/// HF paper pages live at `/papers/<arXiv id>`; the vote box links to `/login?next=%2Fpapers%2F<id>`.
/// Period and search pages (`/papers/date/2025-11-06`, `/papers?q=…`) name no paper.
enum HFPaperLink {
    static let pathPrefix = "/papers/"
    static let loginPrefix = "/login?next=%2Fpapers%2F"
    static let hosts = ["https://huggingface.co", "http://huggingface.co", "https://hf.co", "http://hf.co"]

    /// The arXiv id (no version) that a link to an HF paper page names; nil for any other link.
    static func arxivID(href: String) -> String? {
        var path = href.trimmingUnicodeWhitespace
        for host in hosts where path.hasPrefix(host) {
            path = path.dropFirst(host.count)
            break
        }
        let rest: Substring
        if path.hasPrefix(pathPrefix) {
            rest = path.dropFirst(pathPrefix.count)
        } else if path.hasPrefix(loginPrefix) {
            rest = path.dropFirst(loginPrefix.count)
        } else {
            return nil
        }
        let id = rest.prefix { $0 != "#" && $0 != "?" && $0 != "&" && $0 != "/" }
        guard id.count == rest.count || rest.dropFirst(id.count).first != "/" else { return nil }
        return versioned(id)?.id
    }

    /// Splits a new-style arXiv id with an optional version (`2310.00726`, `2310.00726v2`) into id and version.
    static func versioned(_ text: Substring) -> (id: String, version: Int?)? {
        var id = text
        var version: Int?
        if let v = text.lastIndex(of: "v") {
            guard let number = Int(text[text.index(after: v)...]), number > 0 else { return nil }
            version = number
            id = text[..<v]
        }
        guard isArxivID(id) else { return nil }
        return (String(id), version)
    }

    /// Whether `text` is a new-style arXiv id: four digits, a period, four or five digits.
    static func isArxivID(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 9 || bytes.count == 10, bytes[4] == ASCIIByte.period else { return false }
        return bytes.indices.allSatisfy { $0 == 4 || ASCIIByte.isDigit(bytes[$0]) }
    }
}
