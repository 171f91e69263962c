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
/// A version is written into a temporary directory beside the target (``beginStaging(_:)``), synced, renamed into place,
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

    /// Creates the empty temporary directory that version `name` is written into, beside its target.
    public func beginStaging(_ name: String) throws(PublishError) -> String {
        let staging = root + "/.tmp-" + name + "-" + String(getpid())
        try makeDirectory(root)
        try removeIfPresent(staging)
        try makeDirectory(staging)
        return staging
    }

    /// Writes `file` (durably) into a staging directory.
    public func write(_ file: ReleaseFile, into staging: String) throws(PublishError) {
        let path = staging + "/" + file.path
        try makeDirectory((path as NSString).deletingLastPathComponent)
        try mapped { () throws(FileWriteError) in try FileWriter.write(file.bytes, to: path, sync: true) }
    }

    /// Makes the staging directory version `name` (sync, rename) and then points `latest` at it; returns its path.
    public func commit(_ name: String, staging: String) throws(PublishError) -> String {
        let target = root + "/" + name
        if FileTree.isDirectory(staging + "/data") { try syncDirectory(staging + "/data") }
        try syncDirectory(staging)
        FaultInjection.point("before-rename")
        try mapped { () throws(FileWriteError) in try FileTree.rename(staging, to: target) }
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
        for name in names where name.hasPrefix(".tmp-") || name.hasPrefix(".latest-") || name.hasPrefix(".spill-") {
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
        try mapped { () throws(FileWriteError) in
            try FileWriter.write(bytes, to: temporary, sync: true)
            try FileTree.rename(temporary, to: path)
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
        try mapped { () throws(FileWriteError) in try FileTree.makeDirectory(path) }
    }

    private func removeIfPresent(_ path: String) throws(PublishError) {
        try mapped { () throws(FileWriteError) in try FileTree.removeIfPresent(path) }
    }

    private func syncDirectory(_ path: String) throws(PublishError) {
        try mapped { () throws(FileWriteError) in try FileTree.syncDirectory(path) }
    }

    private func mapped(_ body: () throws(FileWriteError) -> Void) throws(PublishError) {
        do {
            try body()
        } catch {
            throw PublishError(message: error.message)
        }
    }
}
