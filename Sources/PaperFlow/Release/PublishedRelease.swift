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

        /// The id of a canonical line (`{"id":"…",`) read without parsing; nil for any other line.
        static func id(ofCanonical bytes: [UInt8]) -> String? {
            let prefix = Array(#"{"id":""#.utf8)
            guard bytes.starts(with: prefix) else { return nil }
            guard let end = bytes[prefix.count...].firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }),
                  bytes[end] == UInt8(ascii: "\""), end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: ",")
            else { return nil }
            return String(decoding: bytes[prefix.count..<end], as: UTF8.self)
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

    /// Reads the release at `directory` (a version directory or the `latest` link), every line included.
    public static func read(_ directory: String) throws(ReadError) -> PublishedRelease {
        var release = try open(directory)
        var stream = release.lineStream()
        while let line = try stream.next() { release.lines.append(line) }
        return release
    }

    /// Reads the manifest of the release at `directory`; ``lines`` stays empty (stream them with ``lineStream()``).
    public static func open(_ directory: String) throws(ReadError) -> PublishedRelease {
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
        let version = manifest["release_version"]?.stringValue ?? (resolved as NSString).lastPathComponent
        return PublishedRelease(directory: resolved, version: version, manifest: manifest, lines: [])
    }

    /// The data shards' paths, in release order.
    public var shardPaths: [String] {
        (manifest["shards"]?.arrayValue ?? []).compactMap { $0.objectValue?["path"]?.stringValue }
    }

    /// The record lines in release order, one shard in memory at a time.
    public func lineStream() -> LineStream {
        LineStream(directory: directory, shards: shardPaths)
    }

    /// Reads record lines shard by shard.
    public struct LineStream {
        let directory: String
        let shards: [String]
        private var shardIndex = 0
        private var jsonl: [UInt8] = []
        private var offset = 0
        private var lineNumber = 0

        init(directory: String, shards: [String]) {
            self.directory = directory
            self.shards = shards
        }

        /// The next line, nil after the last one.
        public mutating func next() throws(ReadError) -> Line? {
            while offset >= jsonl.count {
                guard shardIndex < shards.count else { return nil }
                let shard = shards[shardIndex]
                do {
                    jsonl = try Gzip.decompress(try FileReader.read(directory + "/" + shard))
                } catch {
                    throw ReadError(message: "\(directory)/\(shard): \(error)")
                }
                shardIndex += 1
                offset = 0
                lineNumber = 0
            }
            let end = jsonl[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? jsonl.count
            let bytes = Array(jsonl[offset..<end])
            offset = end + 1
            lineNumber += 1
            guard let id = Line.id(ofCanonical: bytes) ?? Line(id: "", bytes: bytes).record?["id"]?.stringValue else {
                throw ReadError(message: "\(directory)/\(shards[shardIndex - 1]): line \(lineNumber) is not a record")
            }
            return Line(id: id, bytes: bytes)
        }
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
