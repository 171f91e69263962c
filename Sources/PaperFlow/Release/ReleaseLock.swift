import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a release directory (`<dir>/.lock`, `flock`), held for a whole run.
///
/// The kernel drops the lock when the process dies, so a killed run never leaves a stale lock.
/// The holder's process id is written into the file so the refused run can name it.
public final class ReleaseLock: @unchecked Sendable {
    private let descriptor: Int32

    /// Takes the lock of `root`, creating the directory if needed; throws naming the holder when taken.
    public init(root: String) throws(PublishError) {
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw PublishError(message: "cannot create \(root): \(error.localizedDescription)")
        }
        let path = root + "/.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PublishError(message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? FileReader.read(path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            close(descriptor)
            let who = holder.isEmpty ? "another process" : "process \(holder.trimmingCharacters(in: .whitespacesAndNewlines))"
            throw PublishError(message: "\(root) is locked by \(who) (another paperflow run is using it); nothing was published")
        }
        let pid = Array((String(getpid()) + "\n").utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = descriptor
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
