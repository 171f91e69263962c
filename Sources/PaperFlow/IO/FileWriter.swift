import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An I/O error while writing a file or changing a directory.
public struct FileWriteError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Writes a file sequentially with POSIX `write`; ``close(sync:)`` makes it durable when asked.
public final class FileWriter {
    /// The path being written.
    public let path: String
    private var descriptor: Int32

    /// Creates (or truncates) the file at `path`.
    public init(path: String) throws(FileWriteError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileWriteError(message: "cannot create \(path): \(String(cString: strerror(errno)))") }
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    /// Appends `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileWriteError) {
        var written = 0
        while written < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += count
        }
    }

    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) throws(FileWriteError) {
        let failure: FileWriteError? = bytes.withUnsafeBytes { buffer -> FileWriteError? in
            do throws(FileWriteError) {
                try write(buffer)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Closes the file, after `fsync` when `sync` is true.
    public func close(sync: Bool) throws(FileWriteError) {
        defer {
            Glibc.close(descriptor)
            descriptor = -1
        }
        if sync && fsync(descriptor) != 0 {
            throw FileWriteError(message: "cannot sync \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `bytes` as the whole file at `path`.
    public static func write(_ bytes: [UInt8], to path: String, sync: Bool) throws(FileWriteError) {
        let writer = try FileWriter(path: path)
        try writer.write(bytes)
        try writer.close(sync: sync)
    }
}

/// Directory operations shared by the release, shard and spill directories.
public enum FileTree {
    /// Creates `path` and its parents when missing.
    public static func makeDirectory(_ path: String) throws(FileWriteError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError(message: "cannot create \(path): \(error.localizedDescription)")
        }
    }

    /// Removes the file, link or directory tree at `path` when there is one.
    public static func removeIfPresent(_ path: String) throws(FileWriteError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw FileWriteError(message: "cannot remove \(path): \(error.localizedDescription)")
        }
    }

    /// Renames `source` to `target` (atomically, on one file system).
    public static func rename(_ source: String, to target: String) throws(FileWriteError) {
        guard Glibc.rename(source, target) == 0 else {
            throw FileWriteError(message: "cannot move \(source) to \(target): \(String(cString: strerror(errno)))")
        }
    }

    /// `fsync` of a directory, so the names created in it are durable.
    public static func syncDirectory(_ path: String) throws(FileWriteError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileWriteError(message: "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FileWriteError(message: "cannot sync \(path): \(String(cString: strerror(errno)))") }
    }

    /// `fsync` of a file written earlier.
    public static func syncFile(_ path: String) throws(FileWriteError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileWriteError(message: "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw FileWriteError(message: "cannot sync \(path): \(String(cString: strerror(errno)))") }
    }

    /// Whether `path` names a directory (links followed).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether anything (a link included) exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
