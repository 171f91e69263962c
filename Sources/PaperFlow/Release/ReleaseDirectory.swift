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
        versionNames().first { version.matches(directoryName: $0) }
    }

    /// The version `latest` points to, if any.
    public var latest: String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/latest")
    }

    /// The names of the published versions (not `latest`, `runs` or hidden entries), sorted.
    public func versionNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "latest" && $0 != "runs" }.sorted()
    }

    /// Writes `files` as version `name` and points `latest` at it; returns the version's path.
    public func publish(_ name: String, files: [ReleaseFile]) throws(PublishError) -> String {
        let target = root + "/" + name
        let temporary = root + "/.tmp-" + name + "-" + String(getpid())
        try makeDirectory(root)
        try removeIfPresent(temporary)
        try makeDirectory(temporary)
        for (index, file) in files.enumerated() {
            let path = temporary + "/" + file.path
            try makeDirectory((path as NSString).deletingLastPathComponent)
            try write(file.bytes, to: path)
            if index == 0 { FaultInjection.point("first-file") }
        }
        try syncDirectory(temporary)
        FaultInjection.point("before-rename")
        guard rename(temporary, target) == 0 else {
            throw PublishError(message: "cannot move \(temporary) to \(target): \(String(cString: strerror(errno)))")
        }
        try syncDirectory(root)
        FaultInjection.point("before-latest")
        try pointLatest(at: name)
        FaultInjection.point("after-latest")
        return target
    }

    /// Removes what killed runs left (temporary directories and links) and the oldest releases
    /// beyond `keep`, never the target of `latest`. Call with the lock held, after `latest` moved.
    public func prune(keep: Int) throws(PublishError) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for name in names where name.hasPrefix(".tmp-") || name.hasPrefix(".latest-") {
            try removeIfPresent(root + "/" + name)
        }
        let current = latest
        let byAge = versionNames().map { name -> (name: String, modified: Int) in
            var info = stat()
            _ = lstat(root + "/" + name, &info)
            return (name, Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
        }.sorted { $0.modified != $1.modified ? $0.modified > $1.modified : $0.name > $1.name }
        for (position, entry) in byAge.enumerated() where position >= keep && entry.name != current {
            try removeIfPresent(root + "/" + entry.name)
        }
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

    /// Points `latest` at the version `name` atomically (a new link renamed over the old one).
    public func pointLatest(at name: String) throws(PublishError) {
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
