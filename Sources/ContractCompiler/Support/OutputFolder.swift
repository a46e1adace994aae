import ContractSyntax
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place where a command turns a relative output path into a path on disk.
///
/// Output names come from contract text (an interface name becomes `backstage/<name>.yaml` and
/// `<name>.openapi.json`) and from contract file names, and contracts come from pull requests.
/// Whatever rule is switched off, no path made here leaves the output folder:
/// - every component of the relative path is a plain name: not empty, not `.` or `..`, not
///   hidden (a leading `.`), no `/`, NUL, control or bidirectional character, at most 255 bytes;
/// - every folder between the output folder and the file is a real folder: a symbolic link
///   there (a committed `backstage -> ../..`) is refused, not followed;
/// - a file at the final path that is not a regular file or a link (a FIFO, a folder) is refused
///   by ``FileSystem/stageIfChanged(_:for:)``; a link there is replaced, never written through.
public struct OutputFolder: Sendable {
    /// The output folder as given.
    public let root: String

    /// Creates the output folder of a run.
    public init(_ root: String) {
        self.root = root
    }

    /// Why an output path is refused.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        /// The message, naming the path.
        public var description: String
    }

    /// Checks the output folder without creating it: missing (it is made at the first write) or
    /// a folder. An output path that is a file, or anything but a folder, is one clear refusal —
    /// before any work, so a run reports it once, not once per output.
    public func validate() throws(Refusal) {
        switch FileSystem.kind(root) {
        case .directory, .directoryLink, .missing:
            return
        case .file:
            throw Refusal(description: "the output path \(DisplayText.escaped(root)) is a file, not a folder; name a folder with --output")
        case .other:
            throw Refusal(description: "the output path \(DisplayText.escaped(root)) is not a folder; name a folder with --output")
        }
    }

    /// Whether `name` can be one component of an output path (see the type's rules).
    public static func isPlainName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 255, !name.hasPrefix(".") else { return false }
        return !name.unicodeScalars.contains { $0 == "/" || $0 == "\\" || DisplayText.isUnsafe($0) }
    }

    /// Checks `relative` without touching the disk: every component is a plain name.
    public static func check(_ relative: String) throws(Refusal) {
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.hasPrefix("/"), !components.isEmpty,
            components.allSatisfy({ isPlainName(String($0)) })
        else {
            throw Refusal(description: "'\(DisplayText.escaped(relative))' is not a plain file name inside the output folder (a '..', '/', hidden, empty or control-character part); nothing was written")
        }
    }

    /// The path on disk of `relative` below the output folder, after ``check(_:)``; the folders
    /// on the way are created (each a real folder, never through a link).
    /// With `create` false nothing is created: a missing folder on the way is a refusal.
    public func path(_ relative: String, create: Bool = true) throws(Refusal) -> String {
        try Self.check(relative)
        try validate()
        if create && FileSystem.kind(root) == .missing {
            do {
                try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            } catch {
                throw Refusal(description: "cannot create the output folder \(DisplayText.escaped(root)): \(Self.reason(error))")
            }
        }
        var folder = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        let components = relative.split(separator: "/").map(String.init)
        for component in components.dropLast() {
            folder = folder.isEmpty ? component : folder + "/" + component
            var st = stat()
            if lstat(folder, &st) != 0 {
                guard create else {
                    throw Refusal(description: "\(DisplayText.escaped(folder)) does not exist")
                }
                guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                    throw Refusal(description: "cannot create the folder \(DisplayText.escaped(folder)): \(FileSystem.errnoText())")
                }
                guard lstat(folder, &st) == 0 else {
                    throw Refusal(description: "cannot create the folder \(DisplayText.escaped(folder)): \(FileSystem.errnoText())")
                }
            }
            guard st.st_mode & S_IFMT == S_IFDIR else {
                let what = st.st_mode & S_IFMT == S_IFLNK ? "a symbolic link" : "not a folder"
                throw Refusal(description: "\(DisplayText.escaped(folder)) is \(what); outputs are written only into real folders below the output folder")
            }
        }
        return (root.hasSuffix("/") ? root : root + "/") + relative
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
