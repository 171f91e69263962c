import Foundation
@testable import PaperFlow

/// Reading format fixtures and turning extracted records into canonical release lines.
enum FormatFixtureFiles {
    /// The bytes of `Fixtures/formats/<format>/<name>`.
    static func bytes(_ format: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: TestSupport.fixture("formats/\(format)/\(name)")))
    }

    /// The text of `Fixtures/formats/<format>/<name>`.
    static func text(_ format: String, _ name: String) throws -> String {
        String(decoding: try bytes(format, name), as: UTF8.self)
    }

    /// The canonical lines of `records` after `normalize` and the title hash, as the release writes them.
    static func releaseLines(_ records: [PaperRecord]) -> String {
        var out: [UInt8] = []
        for record in records {
            guard let line = TestSupport.releaseLine(record) else { continue }
            out += line
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The head a sniffer sees.
    static func head(_ text: String) -> ArraySlice<UInt8> {
        Array(text.utf8).prefix(ContentScreen.headLength)
    }
}
