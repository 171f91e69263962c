import Foundation
import Testing

@testable import PaperFlow

/// One line of `title-key-vectors.jsonl`.
private struct TitleKeyVector: Decodable {
    let title: String
    let key: String
    let titleHash: String
    let `case`: String

    enum CodingKeys: String, CodingKey {
        case title, key
        case titleHash = "title_hash"
        case `case`
    }
}

/// Where the shared title-key vectors live: `../shared/spec/` next to the package root.
private enum TitleKeyVectorFile {
    static let url: URL? = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.appendingPathComponent("../shared/spec/title-key-vectors.jsonl").standardized
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    static var exists: Bool {
        guard let url else { return false }
        return FileManager.default.fileExists(atPath: url.path)
    }

    static func load() throws -> [TitleKeyVector] {
        let url = try #require(url)
        let text = try String(contentsOf: url, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").map { line in
            try decoder.decode(TitleKeyVector.self, from: Data(line.utf8))
        }
    }
}

@Suite struct TitleKeyTests {
    // The vectors are shared with the spec, outside the package: a checkout without them skips this test
    // instead of failing it.
    @Test(
        .enabled(
            if: TitleKeyVectorFile.exists,
            "../shared/spec/title-key-vectors.jsonl is not next to the package root: vectors not checked"))
    func everySharedVectorGivesItsKeyAndHash() throws {
        let vectors = try TitleKeyVectorFile.load()
        #expect(vectors.count >= 38)
        for vector in vectors {
            let key = TitleKey.key(vector.title)
            #expect(key == vector.key, "\(vector.case): \(vector.title)")
            #expect(TitleKey.hash(ofKey: key) == vector.titleHash, "\(vector.case): \(vector.title)")
        }
    }

    @Test func versionIsOne() {
        #expect(TitleKey.version == "1")
    }

    @Test func hashIsLowercaseHexSHA256OfTheKey() {
        #expect(
            TitleKey.hash(ofKey: "the llama 3 herd of models")
                == "8d8f5e07ed595eca510e28cac64e3856c894ea9fc44cb5f844339169a4e11bab")
        #expect(TitleKey.hash(ofKey: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test(arguments: [
        "The Llama 3 Herd of Models",
        "  Language   Models (Mostly)\tKnow What They Know  ",
        "T\\\"ULU 3 and T\\\"{U}LU 3",
        "\\textit{Prompt} Tuning at Scale",
        "$\\alpha$-Tuning: Sparse Adapters",
        "\\'e\\`a\\^o\\~n\\=a\\.z and \\\"{}x \\'{ab} \\' e",
        "trailing accent \\\" and \\",
        "a\\\\\"u\\\\textbf{b}",
        "x\\alpha1 \\v{s} \\c c",
        "Qwen2.5-Math: 100% Accuracy? 3.5x Faster!",
        "MLLM-CBench:A_Comprehensive *Benchmark*",
        "...",
        "",
        "\\",
        "\\\"",
        "\\\"{U",
        "ALL CAPS and MiXeD cAsE 0123456789 ~!@#$%^&*()_+`-=[]{}|;':\",./<>?",
    ])
    func asciiFastPathMatchesUnicodePath(title: String) {
        #expect(TitleKey.asciiKey(title) == TitleKey.unicodeKey(title))
        #expect(TitleKey.key(title) == TitleKey.unicodeKey(title))
    }

    @Test func everyASCIICharacterPairTakesTheSameKeyOnBothPaths() {
        let characters = (0x20...0x7E).compactMap { Unicode.Scalar($0) }.map { String(Character($0)) }
        for first in characters {
            for second in ["", "a", "U", "{u}", "1", " "] {
                let title = "x\\" + first + second + " y" + first
                #expect(TitleKey.asciiKey(title) == TitleKey.unicodeKey(title), "\(title)")
            }
        }
    }

    @Test func texRules() {
        #expect(TitleKey.key("T\\\"ULU") == "tulu")
        #expect(TitleKey.key("T\\\"{U}LU") == "tulu")
        #expect(TitleKey.key("Caf\\'e") == "cafe")
        #expect(TitleKey.key("\\mathbf{X} is \\emph{big}") == "x is big")
        #expect(TitleKey.key("$\\alpha$ and $\\beta$") == "and")
        #expect(TitleKey.key("Dvo\\v{r}\\'ak") == "dvo r ak")
    }

    @Test func unicodeRules() {
        #expect(TitleKey.key("Straße") == "strasse")
        #expect(TitleKey.key("ΣΑΣ Heads") == "σασ heads")
        #expect(TitleKey.key("Ｆｕｌｌｗｉｄｔｈ") == "fullwidth")
        #expect(TitleKey.key("Ⅻ") == "xii")
        #expect(TitleKey.key("Align²LLaVA") == "align2llava")
        #expect(TitleKey.key("TU\u{308}LU") == "tulu")
        #expect(TitleKey.key("Fine-Tuning — A Survey") == "fine tuning a survey")
        #expect(TitleKey.key("٣ digits") == "٣ digits")
        #expect(TitleKey.key("大型语言模型") == "大型语言模型")
        #expect(TitleKey.key("…") == "")
    }

    @Test func caseFoldingFollowsCaseFoldingTxt() {
        #expect(CaseFolding.folded(Array("ß".unicodeScalars)) == "ss")
        #expect(CaseFolding.folded(Array("ΣΑΣ ς".unicodeScalars)) == "σασ σ")
        #expect(CaseFolding.folded(Array("ᾳ".unicodeScalars)) == "αι")
        #expect(CaseFolding.folded(Array("\u{13A0}\u{AB70}\u{13F8}\u{13F0}".unicodeScalars)) == "\u{13A0}\u{13A0}\u{13F0}\u{13F0}")
        #expect(CaseFolding.folded(Array("\u{1C80}\u{1C88}".unicodeScalars)) == "\u{0432}\u{A64B}")
    }

    @Test func hexAndSHA256() {
        #expect(Hex.string([0x00, 0x0F, 0xA0, 0xFF] as [UInt8]) == "000fa0ff")
        #expect(Hex.string([UInt8]()) == "")
        #expect(SHA256Hex.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hex.digest(Data("abc".utf8)) == SHA256Hex.digest("abc"))
        #expect(SHA256Hex.digest([UInt8]("abc".utf8)) == SHA256Hex.digest("abc"))
    }
}
