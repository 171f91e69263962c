import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds the input files of a spec: files, directories (recursive, hidden names skipped, each real
/// file or directory visited once so link loops end) and globs, sorted by path bytes.
public struct InputDiscovery: Sendable {
    /// What discovery found.
    public struct Result: Sendable {
        public var files: [InputFile] = []
        /// Directories that could not be listed.
        public var rejects: [Reject] = []
        /// `hidden_files_skipped`, `links_seen_twice`.
        public var counters = Counters()
    }

    public let spec: PipelineSpec

    public init(spec: PipelineSpec) {
        self.spec = spec
    }

    /// Whether a spec path is a glob pattern.
    public static func isGlob(_ path: String) -> Bool {
        path.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Whether a `snapshot_dates` key lies under the input path `root`.
    public static func pattern(_ pattern: String, isUnder root: String) -> Bool {
        let trimmedRoot = root.hasSuffix("/") ? String(root.dropLast()) : root
        if pattern == trimmedRoot || pattern.hasPrefix(trimmedRoot + "/") { return true }
        return isGlob(root) && fnmatch(root, pattern, FNM_PATHNAME) == 0
    }

    /// Lists every input file, sorted by display path.
    public func discover() -> Result {
        var walk = Walk(labelRoots: spec.input.paths.count > 1)
        for root in spec.input.paths {
            let resolved = spec.resolve(root)
            if Self.isGlob(root) {
                for match in globMatches(resolved) {
                    let relative = relativePath(of: match, below: globBase(resolved))
                    walk.visit(fullPath: match, relative: relative, root: root)
                }
            } else {
                walk.visit(fullPath: resolved, relative: nil, root: root)
            }
        }
        var files = walk.files.sorted { $0.file.displayPath.utf8.lexicographicallyPrecedes($1.file.displayPath.utf8) }
        var seen = Set<String>()
        var result = Result(rejects: walk.rejects, counters: walk.counters)
        files.removeAll { entry in
            if seen.insert(entry.identity).inserted { return false }
            result.counters.add("links_seen_twice")
            return true
        }
        result.files = files.map { entry in
            var file = entry.file
            file.snapshotDay = snapshotDay(forFullPath: file.fullPath)
            return file
        }
        return result
    }

    /// The day of the first `snapshot_dates` entry (in spec order) whose path or glob covers the file.
    func snapshotDay(forFullPath path: String) -> Day? {
        for entry in spec.input.snapshotDates {
            let resolved = spec.resolve(entry.pattern)
            let pattern = resolved.hasSuffix("/") ? String(resolved.dropLast()) : resolved
            if path == pattern || path.hasPrefix(pattern + "/") || fnmatch(pattern, path, FNM_PATHNAME) == 0 {
                return entry.day
            }
        }
        return nil
    }

    private func globMatches(_ pattern: String) -> [String] {
        var buffer = glob_t()
        defer { globfree(&buffer) }
        guard glob(pattern, 0, nil, &buffer) == 0 else { return [] }
        var matches: [String] = []
        for index in 0..<Int(buffer.gl_pathc) {
            if let pointer = buffer.gl_pathv[index] { matches.append(String(cString: pointer)) }
        }
        return matches
    }

    /// The directory part of a glob before its first wildcard.
    private func globBase(_ pattern: String) -> String {
        var base: [Substring] = []
        for component in pattern.split(separator: "/", omittingEmptySubsequences: false) {
            if Self.isGlob(String(component)) { break }
            base.append(component)
        }
        return base.joined(separator: "/")
    }

    private func relativePath(of path: String, below base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : (path as NSString).lastPathComponent
    }
}

/// The recursive walk behind ``InputDiscovery``.
private struct Walk {
    struct Entry {
        var file: InputFile
        /// The real path, so a file reached twice is read once.
        var identity: String
    }

    let labelRoots: Bool
    var files: [Entry] = []
    var rejects: [Reject] = []
    var counters = Counters()
    private var visitedDirectories = Set<String>()

    init(labelRoots: Bool) {
        self.labelRoots = labelRoots
    }

    /// Visits a root (`relative == nil`) or a path below one.
    mutating func visit(fullPath: String, relative: String?, root: String) {
        let display = displayPath(relative: relative ?? (fullPath as NSString).lastPathComponent, root: root, isRoot: relative == nil)
        var info = stat()
        guard stat(fullPath, &info) == 0 else {
            rejects.append(Reject(.unreadable, at: Location(path: display), "cannot stat: \(String(cString: strerror(errno)))"))
            return
        }
        let identity = realpath(fullPath, nil).map { pointer -> String in
            defer { free(pointer) }
            return String(cString: pointer)
        } ?? fullPath
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard visitedDirectories.insert(identity).inserted else {
                counters.add("links_seen_twice")
                return
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: fullPath)
            } catch {
                rejects.append(Reject(.unreadable, at: Location(path: display), "cannot list directory: \(error.localizedDescription)"))
                return
            }
            for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                if name.hasPrefix(".") {
                    counters.add("hidden_files_skipped")
                    continue
                }
                let childRelative = relative.map { $0 + "/" + name } ?? name
                visit(fullPath: fullPath + "/" + name, relative: childRelative, root: root)
            }
            return
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return }
        let file = InputFile(fullPath: fullPath, displayPath: display, size: Int(info.st_size), snapshotDay: nil)
        files.append(Entry(file: file, identity: identity))
    }

    private func displayPath(relative: String, root: String, isRoot: Bool) -> String {
        guard labelRoots else { return relative }
        if isRoot { return root }
        let base = InputDiscovery.isGlob(root) ? (root as NSString).deletingLastPathComponent : root
        return (base.hasSuffix("/") ? base : base + "/") + relative
    }
}
