import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file of a release: its path inside the release directory and its bytes.
public struct ReleaseFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// An I/O failure while publishing; the previous release stays untouched.
public struct PublishError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The release directory (`out/paper-records/`): published versions, `latest`, and `runs/`.
///
/// A version is written into a temporary directory beside the target, synced, renamed into place,
/// and only then is `latest` moved (by renaming a new symbolic link over it), so a crash at any
/// point leaves the previous release and `latest` as they were.
public struct ReleaseDirectory: Sendable {
    /// The absolute path of the release directory.
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// The published version whose digest matches, if any (any day).
    public func existing(_ version: ReleaseVersion) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().first { version.matches(directoryName: $0) }
    }

    /// Writes `files` as version `name` and points `latest` at it; returns the version's path.
    public func publish(_ name: String, files: [ReleaseFile]) throws(PublishError) -> String {
        let target = root + "/" + name
        let temporary = root + "/.tmp-" + name + "-" + String(getpid())
        try makeDirectory(root)
        try removeIfPresent(temporary)
        try makeDirectory(temporary)
        for file in files {
            let path = temporary + "/" + file.path
            try makeDirectory((path as NSString).deletingLastPathComponent)
            try write(file.bytes, to: path)
        }
        try syncDirectory(temporary)
        guard rename(temporary, target) == 0 else {
            throw PublishError(message: "cannot move \(temporary) to \(target): \(String(cString: strerror(errno)))")
        }
        try syncDirectory(root)
        try pointLatest(at: name)
        return target
    }

    /// Writes the run log (not part of the release) to `runs/<version>.json`.
    public func writeRunLog(_ bytes: [UInt8], version: String) throws(PublishError) {
        try makeDirectory(root + "/runs")
        let path = root + "/runs/" + version + ".json"
        let temporary = path + ".tmp-" + String(getpid())
        try write(bytes, to: temporary)
        guard rename(temporary, path) == 0 else {
            throw PublishError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    private func pointLatest(at name: String) throws(PublishError) {
        let link = root + "/.latest-" + String(getpid())
        try removeIfPresent(link)
        guard symlink(name, link) == 0 else {
            throw PublishError(message: "cannot create a link in \(root): \(String(cString: strerror(errno)))")
        }
        guard rename(link, root + "/latest") == 0 else {
            throw PublishError(message: "cannot move latest in \(root): \(String(cString: strerror(errno)))")
        }
        try syncDirectory(root)
    }

    private func makeDirectory(_ path: String) throws(PublishError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw PublishError(message: "cannot create \(path): \(error.localizedDescription)")
        }
    }

    private func removeIfPresent(_ path: String) throws(PublishError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw PublishError(message: "cannot remove \(path): \(error.localizedDescription)")
        }
    }

    private func write(_ bytes: [UInt8], to path: String) throws(PublishError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PublishError(message: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        guard failure == 0, fsync(descriptor) == 0 else {
            let code = failure != 0 ? failure : errno
            throw PublishError(message: "cannot write \(path): \(String(cString: strerror(code)))")
        }
    }

    private func syncDirectory(_ path: String) throws(PublishError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw PublishError(message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw PublishError(message: "cannot sync \(path): \(String(cString: strerror(errno)))")
        }
    }
}
