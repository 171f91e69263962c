/// Byte checks on the head of a file (its first 64 KiB), for the `recognizes` of markup formats.
///
/// A sniff looks for fixed strings only; it never parses and never reads markup with patterns.
struct SniffHead {
    let bytes: ArraySlice<UInt8>

    init(_ head: ArraySlice<UInt8>) {
        bytes = head
    }

    /// Whether the first byte that is not whitespace (after a UTF-8 byte order mark) is `<`.
    var startsWithMarkup: Bool {
        let content = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes
        return content.first { !ASCIIByte.isWhitespace($0) } == UInt8(ascii: "<")
    }

    /// Whether the head holds `text` exactly.
    func contains(_ text: String) -> Bool {
        ByteSearch.contains(text, in: bytes)
    }

    /// Whether the head holds `text`, ignoring the case of ASCII letters.
    func containsIgnoringCase(_ text: String) -> Bool {
        ByteSearch.containsIgnoringCase(text, in: bytes)
    }

    /// Whether this is a Hugging Face page: it names `huggingface` and links to `/papers` relatively, as HF pages do.
    var isHuggingFacePapersPage: Bool {
        startsWithMarkup && contains("href=\"/papers") && containsIgnoringCase("huggingface")
    }
}
