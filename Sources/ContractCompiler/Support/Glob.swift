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

    /// One step of a pattern.
    private enum Token {
        case literal(Character)
        /// `?`: one character but `/`.
        case one
        /// `*`: any run of characters but `/`.
        case star
        /// `**` (not followed by `/`): any run of characters.
        case globstar
        /// `**/`: zero or more whole folders (`""`, `a/`, `a/b/`).
        case folders
    }

    private static func compile(_ t: [Character]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < t.count {
            if t[i] == "*" {
                if i + 1 < t.count && t[i + 1] == "*" {
                    if i + 2 < t.count && t[i + 2] == "/" {
                        tokens.append(.folders)
                        i += 3
                    } else {
                        tokens.append(.globstar)
                        i += 2
                    }
                    // Further stars add nothing to `**`.
                    while i < t.count && t[i] == "*" { i += 1 }
                    continue
                }
                tokens.append(.star)
                i += 1
                while i < t.count && t[i] == "*" && !(i + 1 < t.count && t[i + 1] == "*") { i += 1 }
                continue
            }
            tokens.append(t[i] == "?" ? .one : .literal(t[i]))
            i += 1
        }
        return tokens
    }

    /// Matches by simulating the pattern as a finite automaton over the set of positions it can
    /// be in: time O(path × pattern), whatever the pattern — a backtracking matcher is exponential
    /// in the number of stars (`*a*a*a*a*a*z`), and patterns come from configuration a pull
    /// request can change. A `.folders` token has a second state, "inside a folder name".
    private static func match(_ t: [Character], _ ti: Int, _ p: [Character], _ pi: Int) -> Bool {
        let tokens = compile(Array(t[ti...]))
        let n = tokens.count
        // States 0...n are "before token i"; n+1+i is "inside the folders of token i".
        var current = [Bool](repeating: false, count: 2 * n + 2)
        var next = current
        func close(_ set: inout [Bool]) {
            // Epsilon moves: stars and folders may match nothing.
            var i = 0
            while i < n {
                if set[i] {
                    switch tokens[i] {
                    case .star, .globstar, .folders: set[i + 1] = true
                    default: break
                    }
                }
                i += 1
            }
        }
        current[0] = true
        close(&current)
        for c in p[pi...] {
            for k in next.indices { next[k] = false }
            var any = false
            for i in 0..<n {
                let inside = n + 1 + i
                if current[i] {
                    switch tokens[i] {
                    case .literal(let l): if l == c { next[i + 1] = true; any = true }
                    case .one: if c != "/" { next[i + 1] = true; any = true }
                    case .star: if c != "/" { next[i] = true; any = true }
                    case .globstar: next[i] = true; any = true
                    case .folders:
                        if c != "/" { next[inside] = true; any = true }
                    }
                }
                if current[inside] {
                    // Inside a folder name of `**/`: any character stays; `/` may end the folders.
                    next[inside] = true
                    any = true
                    if c == "/" { next[i + 1] = true }
                }
            }
            guard any else { return false }
            swap(&current, &next)
            close(&current)
        }
        return current[n]
    }
}
