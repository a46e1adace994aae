#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One entry of a folder, named by its bytes as the file system keeps them.
///
/// `FileSystem.list` turns names into `String`s with `String(cString:)`, which replaces bytes
/// that are not UTF-8 by U+FFFD: the repaired name then names no file, and `files check` used to
/// skip such a file without a word. This listing keeps the bytes, so that a name that is not
/// UTF-8 is reported instead.
struct FolderEntry: Sendable, Hashable {
    /// What the entry is, judged as `FileSystem.kind` judges a path: links to files count as
    /// files, links to folders are not followed.
    enum Kind: Sendable, Hashable {
        case file
        case directory
        case directoryLink
        case other
    }

    /// The name's bytes.
    var bytes: [UInt8]
    /// The kind of the entry.
    var kind: Kind

    /// The name, when its bytes are UTF-8; nil otherwise.
    var name: String? { String(validating: bytes, as: UTF8.self) }

    /// The name for a report: the UTF-8 parts as they are, every byte that is not part of a
    /// UTF-8 sequence as `\x{FF}`. Controls and bidirectional marks are left to
    /// `DisplayText.escaped(_:)`, which reports apply to every path.
    var shown: String { Self.shown(bytes) }

    /// `bytes` decoded as UTF-8, each invalid byte written `\x{FF}`.
    static func shown(_ bytes: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            if length > 0, index + length <= bytes.count,
                let text = String(validating: bytes[index..<(index + length)], as: UTF8.self)
            {
                out += text
                index += length
            } else {
                out += "\\x{" + hex(lead) + "}"
                index += 1
            }
        }
        return out
    }

    /// Two upper-case hexadecimal digits.
    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : digits
    }
}

/// Lists folders by the bytes of their entries' names.
enum FolderEntries {
    /// The entries of a folder (`.` and `..` left out), sorted by their bytes, each with its
    /// kind; or why the folder cannot be read.
    static func list(_ path: String) -> Result<[FolderEntry], FileSystemError> {
        guard let dir = opendir(path) else { return .failure(FileSystemError("cannot read folder \(path): \(errnoText())")) }
        defer { closedir(dir) }
        let descriptor = dirfd(dir)
        var entries: [FolderEntry] = []
        while let entry = readdir(dir) {
            let bytes: [UInt8] = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: UInt8.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { start in
                    var count = 0
                    while count < MemoryLayout.size(ofValue: entry.pointee.d_name), start[count] != 0 { count += 1 }
                    return Array(UnsafeBufferPointer(start: start, count: count))
                }
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            entries.append(FolderEntry(bytes: bytes, kind: kind(of: bytes, in: descriptor)))
        }
        entries.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        return .success(entries)
    }

    /// The kind of an entry, looked up relative to its folder's descriptor (the name's bytes as
    /// they are, never a repaired `String`).
    private static func kind(of bytes: [UInt8], in folder: Int32) -> FolderEntry.Kind {
        let name = bytes.map { CChar(bitPattern: $0) } + [0]
        var st = stat()
        guard fstatat(folder, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return .other }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        case S_IFLNK:
            var target = stat()
            guard fstatat(folder, name, &target, 0) == 0 else { return .other }
            switch target.st_mode & S_IFMT {
            case S_IFDIR: return .directoryLink
            case S_IFREG: return .file
            default: return .other
            }
        default: return .other
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
