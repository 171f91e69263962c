#if canImport(Glibc)
import Glibc
#endif

/// An I/O error while reading an input file.
public struct FileReadError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Reads whole files with POSIX `open`/`read` (several times faster than Foundation's readers).
public enum FileReader {
    /// The bytes of the file at `path`.
    public static func read(_ path: String) throws(FileReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadError(message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw FileReadError(message: "cannot stat: \(String(cString: strerror(errno)))")
        }
        return try fill(count: max(Int(info.st_size), 0), from: descriptor) { "read failed: " + $0 }
    }

    /// Up to `count` bytes read from `descriptor` (fewer at the end of the file); `describe` words a failure.
    static func fill(count: Int, from descriptor: Int32, describe: (String) -> String) throws(FileReadError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        var failure: Int32 = 0
        bytes.withUnsafeMutableBytes { buffer in
            while filled < buffer.count {
                let count = Glibc.read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if count == 0 { break }
                filled += count
            }
        }
        guard failure == 0 else { throw FileReadError(message: describe(String(cString: strerror(failure)))) }
        if filled < bytes.count { bytes.removeLast(bytes.count - filled) }
        return bytes
    }
}

/// Reads a file front to back in chunks, for files too large to hold at once.
public final class FileChunkReader {
    /// The path being read.
    public let path: String
    private var descriptor: Int32
    private let chunkSize: Int

    /// Opens `path`; each ``next()`` returns up to `chunkSize` bytes.
    public init(path: String, chunkSize: Int = 1 << 20) throws(FileReadError) {
        self.path = path
        self.chunkSize = max(1, chunkSize)
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadError(message: "cannot open \(path): \(String(cString: strerror(errno)))") }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The next chunk (a new array each time), or nil at the end of the file.
    public func next() throws(FileReadError) -> [UInt8]? {
        let chunk = try FileReader.fill(count: chunkSize, from: descriptor) { "cannot read \(path): " + $0 }
        return chunk.isEmpty ? nil : chunk
    }
}
