import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Test hook: when `PAPERFLOW_KILL_AT` names a point of the publishing sequence, the process
/// kills itself with SIGKILL there, so tests can prove that a crash at any point leaves the
/// previous release and `latest` intact. Points: `first-file`, `before-rename`, `before-latest`,
/// `after-latest`.
enum FaultInjection {
    static let killPoint = ProcessInfo.processInfo.environment["PAPERFLOW_KILL_AT"]

    static func point(_ name: String) {
        if killPoint == name { kill(getpid(), SIGKILL) }
    }
}
