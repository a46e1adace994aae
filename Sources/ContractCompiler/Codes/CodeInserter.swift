/// Inserts a `code:` line into a contract's bytes, changing nothing else.
public enum CodeInserter {
    /// Why a code line could not be inserted.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The reason, for the user.
        public var description: String
    }

    /// Returns the bytes with `code: "NNNN"` on a new line directly under line `interfaceLine`
    /// (1-based), indented like the `interface:` key (`keyColumn`, 1-based), using the file's
    /// line ending (CRLF when the interface line ends in CRLF). A final line without newline
    /// gets one, and the code line then ends the file without one, as the file did.
    public static func insert(code: String, into bytes: [UInt8], interfaceLine: Int, keyColumn: Int) -> Result<[UInt8], Failure> {
        var line = 1
        var index = 0
        while line < interfaceLine && index < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
        guard line == interfaceLine else { return .failure(Failure(description: "the file has no line \(interfaceLine)")) }
        var end = index
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        let indent = [UInt8](repeating: 0x20, count: max(0, keyColumn - 1))
        let codeLine = indent + Array("code: \"\(code)\"".utf8)
        var out = bytes
        if end < bytes.count {
            let crlf = end > 0 && bytes[end - 1] == 0x0D
            let newline: [UInt8] = crlf ? [0x0D, 0x0A] : [0x0A]
            out.insert(contentsOf: codeLine + newline, at: end + 1)
        } else {
            let crlf = bytes.firstIndex(of: 0x0A).map { $0 > 0 && bytes[$0 - 1] == 0x0D } ?? false
            let newline: [UInt8] = crlf ? [0x0D, 0x0A] : [0x0A]
            out.append(contentsOf: newline + codeLine)
        }
        return .success(out)
    }
}
