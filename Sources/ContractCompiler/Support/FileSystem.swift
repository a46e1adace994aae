import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What reading a file gave.
public enum FileRead: Sendable {
    /// The file's bytes.
    case bytes([UInt8])
    /// The file is larger than the limit; its size.
    case tooLarge(Int)
    /// The file could not be read; why.
    case failed(String)
}

/// File-system operations the drivers need, with the guarantees the tool promises:
/// bounded reads, atomic writes, and no rewrite of unchanged files.
public enum FileSystem {
    /// Reads a regular file, refusing (without reading it) when it is larger than `limit` bytes.
    /// One descriptor is open at a time and closed before returning.
    ///
    /// Only regular files are read: the file is opened without blocking (a FIFO, a terminal or
    /// `/dev/stdin` named like a contract would otherwise wait for a writer forever) and its kind
    /// is checked on the open descriptor, so a link swapped between a check and the open cannot
    /// slip something else in.
    public static func read(_ path: String, limit: Int) -> FileRead {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return .failed(errnoText()) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failed(errnoText()) }
        if let reason = notRegular(st.st_mode) { return .failed(reason) }
        // Reads of a regular file never block; clear the flag all the same.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        let size = Int(st.st_size)
        if size > limit { return .tooLarge(size) }
        var bytes = [UInt8](repeating: 0, count: max(size, 0))
        var total = 0
        while true {
            if total == bytes.count {
                // The file may have grown since fstat; read on in chunks up to the limit.
                if total > limit { return .tooLarge(total) }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: 64 * 1024))
            }
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemRead(fd, base + total, buffer.count - total)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failed(errnoText())
            }
            if n == 0 { break }
            total += n
        }
        if total > limit { return .tooLarge(total) }
        bytes.removeSubrange(total...)
        return .bytes(bytes)
    }

    /// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename),
    /// and only when the content differs: an unchanged file keeps its modification time.
    /// Returns whether the file was written.
    @discardableResult
    public static func writeIfChanged(_ bytes: [UInt8], to path: String) throws -> Bool {
        guard let staged = try stageIfChanged(bytes, for: path) else { return false }
        try staged.commit()
        return true
    }

    /// A complete new content written next to its file under a hidden temporary name, waiting
    /// to replace the file in one `rename`.
    public struct StagedWrite: Sendable {
        /// The file to replace.
        public let path: String
        /// The temporary file holding the new content.
        let temporary: String

        /// Renames the new content over the file.
        public func commit() throws {
            guard rename(temporary, path) == 0 else {
                let reason = errnoText()
                unlink(temporary)
                throw FileSystemError("cannot write \(path): \(reason)")
            }
        }

        /// Removes the new content, leaving the file as it was.
        public func discard() { unlink(temporary) }
    }

    /// Removes, from `folder`, temporary files that an interrupted run (killed, or stopped by the
    /// user in the middle of a build) left behind: hidden `.NAME.tmp-XXXXXX` files as
    /// ``stageIfChanged(_:for:)`` makes them, not modified for `age` seconds (a run that is
    /// staging right now is never older than that). Returns the names removed.
    @discardableResult
    public static func removeStaleStagedFiles(in folder: String, olderThan age: Double = 600) -> [String] {
        guard case .success(let names) = list(folder) else { return [] }
        var removed: [String] = []
        let now = Date().timeIntervalSince1970
        for name in names where name.hasPrefix(".") && isStagedName(name) {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG,
                now - Double(st.st_mtim.tv_sec) > age, unlink(path) == 0
            else { continue }
            removed.append(name)
        }
        return removed
    }

    /// Whether a name is one ``stageIfChanged(_:for:)`` gives: `.` NAME `.tmp-` and 6 characters.
    static func isStagedName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        let marker = Array(".tmp-".utf8)
        guard bytes.count > 1 + marker.count + 6, bytes[0] == UInt8(ascii: ".") else { return false }
        let start = bytes.count - 6 - marker.count
        guard Array(bytes[start..<(start + marker.count)]) == marker else { return false }
        return bytes[(bytes.count - 6)...].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
    }

    /// Writes `bytes` into a temporary file next to `path` (flushed to disk, with the mode of the
    /// file it will replace), or returns nil when `path` already holds exactly these bytes.
    /// Nothing is visible at `path` until ``StagedWrite/commit()``: a run can prepare every
    /// output and replace none of them when one fails.
    public static func stageIfChanged(_ bytes: [UInt8], for path: String) throws -> StagedWrite? {
        var existingStat = stat()
        if lstat(path, &existingStat) == 0 {
            let type = existingStat.st_mode & S_IFMT
            if type != S_IFREG && type != S_IFLNK, let reason = notRegular(existingStat.st_mode) {
                throw FileSystemError("cannot write \(path): \(reason)")
            }
        }
        if case .bytes(let existing) = read(path, limit: Int.max), existing == bytes { return nil }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let base = (path as NSString).lastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/.\(base).tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw FileSystemError("cannot create a temporary file next to \(path): \(errnoText())") }
        let tempPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = true
        var written = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                guard let base = buffer.baseAddress else { break }
                let n = write(fd, base + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    break
                }
                written += n
            }
        }
        // Keep the mode of the file being replaced, else the usual 0644.
        var st = stat()
        let mode: mode_t = stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0o644
        fchmod(fd, mode)
        if ok && fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok else {
            let reason = errnoText()
            unlink(tempPath)
            throw FileSystemError("cannot write \(path): \(reason)")
        }
        return StagedWrite(path: path, temporary: tempPath)
    }

    /// Replaces the content of a file that the caller read as `expected` with `bytes`, in place of
    /// the file (atomically, by rename), keeping its mode — for commands that edit input files
    /// (`contractc codes`). It refuses, leaving the file as it was:
    /// - a symbolic link (a rename would replace the link with a copy and the target would not
    ///   change), a file with more than one hard link (a rename would split them), a file without
    ///   write permission (read-only by intent), anything but a regular file;
    /// - a file that changed since it was read (another editor, another run): its new content
    ///   would be lost. The check is repeated right before the rename.
    public static func replace(_ path: String, expected: [UInt8], with bytes: [UInt8]) throws {
        func current() throws -> stat {
            var st = stat()
            guard lstat(path, &st) == 0 else { throw FileSystemError("cannot write \(path): \(errnoText())") }
            return st
        }
        let before = try current()
        switch before.st_mode & S_IFMT {
        case S_IFLNK:
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(path, &target, target.count - 1)
            let shown = n > 0 ? String(decoding: target[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
            throw FileSystemError("\(path) is a symbolic link (to '\(shown)'); contractc does not replace links — run it on the file the link points to")
        case S_IFREG:
            break
        default:
            throw FileSystemError("cannot write \(path): \(notRegular(before.st_mode) ?? "it is not a regular file")")
        }
        if before.st_nlink > 1 {
            throw FileSystemError("\(path) has \(before.st_nlink) hard links; replacing it would split them — edit it by hand")
        }
        if before.st_mode & 0o222 == 0 {
            throw FileSystemError("\(path) is read-only; contractc does not rewrite read-only files — make it writable or edit it by hand")
        }
        func unchanged() -> Bool {
            guard case .bytes(let now) = read(path, limit: Int.max), now == expected,
                let st = try? current(), st.st_ino == before.st_ino, st.st_dev == before.st_dev
            else { return false }
            return true
        }
        guard unchanged() else {
            throw FileSystemError("\(path) changed while contractc was running; nothing was written — run the command again")
        }
        guard let staged = try stageIfChanged(bytes, for: path) else { return }
        guard unchanged() else {
            staged.discard()
            throw FileSystemError("\(path) changed while contractc was running; nothing was written — run the command again")
        }
        try staged.commit()
    }

    /// The kind of a path, without following a final symbolic link to a folder.
    public enum Kind: Sendable {
        /// A regular file (or a link to one).
        case file
        /// A folder.
        case directory
        /// A symbolic link to a folder (not followed when walking).
        case directoryLink
        /// Nothing there.
        case missing
        /// Something else (socket, device, broken link).
        case other
    }

    /// What a path is.
    public static func kind(_ path: String) -> Kind {
        var st = stat()
        guard lstat(path, &st) == 0 else { return .missing }
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR { return .directory }
        if type == S_IFREG { return .file }
        if type == S_IFLNK {
            var target = stat()
            guard stat(path, &target) == 0 else { return .other }
            let t = target.st_mode & S_IFMT
            if t == S_IFDIR { return .directoryLink }
            if t == S_IFREG { return .file }
        }
        return .other
    }

    /// Lists a folder's entries (names only, sorted by bytes), or an error text. Names that are
    /// not valid UTF-8 are left out: ``listEntries(_:)`` reports them.
    public static func list(_ path: String) -> Result<[String], FileSystemError> {
        listEntries(path).map(\.names)
    }

    /// A folder's entries: the names that are valid UTF-8 (sorted by bytes), and, shown with
    /// their bad bytes escaped (`\x{FF}`), the names that are not — a `String` path cannot name
    /// such a file, so the commands report it instead of skipping it silently.
    public struct Entries: Sendable {
        /// The names, valid UTF-8.
        public var names: [String] = []
        /// The names that are not UTF-8, escaped for display, sorted.
        public var invalidNames: [String] = []
        /// Those of ``invalidNames`` that are folders (or of a kind the folder listing does not
        /// tell).
        public var invalidFolders: Set<String> = []
    }

    /// Lists a folder's entries, separating names that are not valid UTF-8.
    public static func listEntries(_ path: String) -> Result<Entries, FileSystemError> {
        guard let dir = opendir(path) else { return .failure(FileSystemError("cannot read folder \(path): \(errnoText())")) }
        defer { closedir(dir) }
        var entries = Entries()
        while let entry = readdir(dir) {
            let bytes: [UInt8] = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: UInt8.self, capacity: Int(NAME_MAX) + 1) { base in
                    var out: [UInt8] = []
                    var i = 0
                    while i <= Int(NAME_MAX), base[i] != 0 {
                        out.append(base[i])
                        i += 1
                    }
                    return out
                }
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                entries.names.append(name)
            } else {
                let shown = displayName(bytes)
                entries.invalidNames.append(shown)
                // The kind from the folder's descriptor (a name that is not UTF-8 cannot be a
                // `String` path); a folder, or a link to one, may hold contracts.
                var st = stat()
                let found = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { fstatat(dirfd(dir), $0, &st, 0) }
                }
                if found != 0 || st.st_mode & S_IFMT == S_IFDIR { entries.invalidFolders.insert(shown) }
            }
        }
        entries.names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        entries.invalidNames.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return .success(entries)
    }

    /// A file name's bytes for display: valid UTF-8 runs as they are, every byte of an invalid
    /// sequence as `\x{HH}`.
    static func displayName(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            // The longest valid UTF-8 sequence starting here (1 to 4 bytes), else one bad byte.
            var taken = false
            for length in 1...4 where i + length <= bytes.count {
                if let s = String(validating: bytes[i..<(i + length)], as: UTF8.self) {
                    out += s
                    i += length
                    taken = true
                    break
                }
            }
            if !taken {
                out += "\\x{" + String(bytes[i], radix: 16, uppercase: true) + "}"
                i += 1
            }
        }
        return out
    }

    /// Why a file of this mode is not read (`nil` for a regular file).
    static func notRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a directory"
        case S_IFIFO: return "it is a FIFO (named pipe), not a regular file"
        case S_IFSOCK: return "it is a socket, not a regular file"
        case S_IFCHR, S_IFBLK: return "it is a device, not a regular file"
        default: return "it is not a regular file"
        }
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            return Glibc.read(fd, buffer, count)
        #else
            return Darwin.read(fd, buffer, count)
        #endif
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// A file-system failure, with a message for the user.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
