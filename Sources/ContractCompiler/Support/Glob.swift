/// Shell-style globs for `exclude:` in `.contractc.yaml`, matched against paths relative to
/// the configuration's folder: `*` any run of characters but `/`, `**` any run including `/`
/// (`**/` may match nothing), `?` one character but `/`.
public struct Glob: Sendable, Hashable {
    /// The pattern as written.
    public let pattern: String
    private let tokens: [Character]

    /// Creates a glob.
    public init(_ pattern: String) {
        var p = pattern
        while p.hasPrefix("./") { p.removeFirst(2) }
        self.pattern = pattern
        self.tokens = Array(p)
    }

    /// Whether a relative path matches. A pattern without `/` also matches any path whose
    /// last component matches, and a pattern matching a folder excludes everything in it.
    public func matches(_ path: String) -> Bool {
        let p = Array(path)
        if Self.match(tokens, 0, p, 0) { return true }
        // Folder prefix: `generated` excludes `generated/x.contract.yaml`.
        for (i, c) in p.enumerated() where c == "/" {
            if Self.match(tokens, 0, Array(p[..<i]), 0) { return true }
        }
        if !tokens.contains("/") {
            let components = path.split(separator: "/")
            if let last = components.last, Self.match(tokens, 0, Array(last), 0) { return true }
            return components.contains { Self.match(tokens, 0, Array($0), 0) }
        }
        return false
    }

    private static func match(_ t: [Character], _ ti: Int, _ p: [Character], _ pi: Int) -> Bool {
        var ti = ti
        var pi = pi
        while ti < t.count {
            let c = t[ti]
            if c == "*" {
                let doubleStar = ti + 1 < t.count && t[ti + 1] == "*"
                if doubleStar {
                    var next = ti + 2
                    if next < t.count && t[next] == "/" {
                        next += 1
                        // `**/` matches zero or more whole folders.
                        if match(t, next, p, pi) { return true }
                        var k = pi
                        while k < p.count {
                            if p[k] == "/" && match(t, next, p, k + 1) { return true }
                            k += 1
                        }
                        return false
                    }
                    var k = pi
                    while k <= p.count {
                        if match(t, next, p, k) { return true }
                        k += 1
                    }
                    return false
                }
                var k = pi
                while k <= p.count {
                    if match(t, ti + 1, p, k) { return true }
                    if k < p.count && p[k] == "/" { break }
                    k += 1
                }
                return false
            }
            guard pi < p.count else { return false }
            if c == "?" {
                if p[pi] == "/" { return false }
            } else if c != p[pi] {
                return false
            }
            ti += 1
            pi += 1
        }
        return pi == p.count
    }
}
