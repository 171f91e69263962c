import Foundation

/// A release already on disk, read back: its version, manifest, and record lines.
public struct PublishedRelease: Sendable {
    /// A release that cannot be read.
    public struct ReadError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// One record line: its id and canonical bytes (without the newline); parsed only on demand.
    public struct Line: Sendable {
        public var id: String
        public var bytes: [UInt8]

        public init(id: String, bytes: [UInt8]) {
            self.id = id
            self.bytes = bytes
        }

        /// The record as a JSON object (nil if the line is not one).
        public var record: JSONObject? {
            (try? JSONValue.parse(bytes))?.objectValue
        }
    }

    public var directory: String
    public var version: String
    public var manifest: JSONObject
    /// Records in release order (sorted by id).
    public var lines: [Line]

    /// Reads the release at `directory` (a version directory or the `latest` link).
    public static func read(_ directory: String) throws(ReadError) -> PublishedRelease {
        let resolved = (directory as NSString).resolvingSymlinksInPath
        let manifestBytes: [UInt8]
        do {
            manifestBytes = try FileReader.read(resolved + "/manifest.json")
        } catch {
            throw ReadError(message: "\(directory): not a release (no readable manifest.json: \(error))")
        }
        let manifest: JSONObject
        do {
            guard let object = try JSONValue.parse(manifestBytes).objectValue else {
                throw ReadError(message: "\(directory)/manifest.json: not a JSON object")
            }
            manifest = object
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError(message: "\(directory)/manifest.json: \(error)")
        }
        let shardPaths = (manifest["shards"]?.arrayValue ?? []).compactMap { $0.objectValue?["path"]?.stringValue }
        var lines: [Line] = []
        for shard in shardPaths {
            let jsonl: [UInt8]
            do {
                jsonl = try Gzip.decompress(try FileReader.read(resolved + "/" + shard))
            } catch {
                throw ReadError(message: "\(directory)/\(shard): \(error)")
            }
            for (number, raw) in jsonl.split(separator: UInt8(ascii: "\n")).enumerated() {
                let line = Line(id: "", bytes: Array(raw))
                guard let id = line.record?["id"]?.stringValue else {
                    throw ReadError(message: "\(directory)/\(shard): line \(number + 1) is not a record")
                }
                lines.append(Line(id: id, bytes: line.bytes))
            }
        }
        let version = manifest["release_version"]?.stringValue ?? (resolved as NSString).lastPathComponent
        return PublishedRelease(directory: resolved, version: version, manifest: manifest, lines: lines)
    }

    /// The rejects of the release (`rejects.jsonl.gz`), one object per line.
    public func rejects() throws(ReadError) -> [JSONObject] {
        let bytes: [UInt8]
        do {
            bytes = try Gzip.decompress(try FileReader.read(directory + "/rejects.jsonl.gz"))
        } catch {
            throw ReadError(message: "\(directory)/rejects.jsonl.gz: \(error)")
        }
        var rejects: [JSONObject] = []
        for (number, line) in bytes.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let object = (try? JSONValue.parse(Array(line)))?.objectValue else {
                throw ReadError(message: "\(directory)/rejects.jsonl.gz: line \(number + 1) is not a JSON object")
            }
            rejects.append(object)
        }
        return rejects
    }
}
