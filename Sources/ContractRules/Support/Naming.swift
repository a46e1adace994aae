/// The two naming styles of 服务接口 1.
public enum NamingStyle: Sendable {
    /// Each word capitalised: `PersonInfoQuery` (interfaces and types).
    case pascal
    /// First word lower case, later words capitalised: `queryPersonInfo` (methods, parameters, fields).
    case camel

    /// The English name used in messages.
    public var label: String { self == .pascal ? "PascalCase" : "camelCase" }
}

/// Checks names against a style and proposes the fixed name.
public enum Naming {
    /// Whether a name follows the style. Acronyms are whole-capital words accepted as one word.
    public static func isValid(_ name: String, _ style: NamingStyle, acronyms: Set<String>) -> Bool {
        if isPlainlyValid(name, style) { return true }
        guard let first = name.unicodeScalars.first, isLetter(first),
            name.unicodeScalars.allSatisfy({ isLetter($0) || isDigit($0) })
        else { return false }
        let parts = words(name)
        for (index, word) in parts.enumerated() {
            if index == 0 && style == .camel {
                // The first word is lower case, or an acronym written in lower case (`idNumber`).
                if word != word.lowercased() { return false }
                continue
            }
            if isCapitalised(word) { continue }
            if isAcronymRun(word, acronyms) { continue }
            return false
        }
        return true
    }

    /// The common case without splitting into words: ASCII letters and digits starting with a
    /// letter of the style's case, and no two capitals in a row. Then every word is a capital
    /// followed by lower case and digits (after a camelCase name's all-lower first word), which
    /// ``isValid(_:_:acronyms:)`` accepts. False means "look closer", not "invalid".
    static func isPlainlyValid(_ name: String, _ style: NamingStyle) -> Bool {
        var previousUpper = false
        var first = true
        for b in name.utf8 {
            let upper = b >= 65 && b <= 90
            let lower = b >= 97 && b <= 122
            if first {
                guard style == .pascal ? upper : lower else { return false }
                first = false
            } else if !(upper || lower || (b >= 48 && b <= 57)) || (upper && previousUpper) {
                return false
            }
            previousUpper = upper
        }
        return !first
    }

    /// The name rewritten in the style; nil when nothing sensible can be proposed
    /// (no ASCII letters at all).
    public static func fixed(_ name: String, _ style: NamingStyle, acronyms: Set<String>) -> String? {
        let parts = words(name)
        guard !parts.isEmpty else { return nil }
        var out = ""
        for (index, word) in parts.enumerated() {
            if index == 0 && style == .camel {
                out += word.lowercased()
            } else if isAcronymRun(word, acronyms) {
                out += word
            } else {
                out += word.prefix(1).uppercased() + word.dropFirst().lowercased()
            }
        }
        guard let first = out.unicodeScalars.first, isLetter(first) else { return nil }
        return out == name ? nil : out
    }

    /// Splits a name into words at separators (`_`, `-`, blanks, any non-ASCII), at lower→upper
    /// changes, and before the last capital of a capital run followed by a lower-case letter
    /// (`IDCard` → `ID`, `Card`). Digits stay with the word before them.
    public static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current: [Unicode.Scalar] = []
        let scalars = Array(name.unicodeScalars)
        func flush() {
            if !current.isEmpty { words.append(String(String.UnicodeScalarView(current))) }
            current = []
        }
        for (i, c) in scalars.enumerated() {
            guard isLetter(c) || isDigit(c) else {
                flush()
                continue
            }
            if let last = current.last {
                let next = i + 1 < scalars.count ? scalars[i + 1] : nil
                if isUpper(c) && (isLower(last) || isDigit(last)) {
                    flush()
                } else if isUpper(c) && isUpper(last), let n = next, isLower(n) {
                    flush()
                }
            }
            current.append(c)
        }
        flush()
        return words
    }

    static func isCapitalised(_ word: String) -> Bool {
        guard let f = word.unicodeScalars.first, isUpper(f) else { return false }
        return word.unicodeScalars.dropFirst().allSatisfy { isLower($0) || isDigit($0) }
    }

    /// Whether a run of capitals (and digits) splits entirely into configured acronyms.
    static func isAcronymRun(_ word: String, _ acronyms: Set<String>) -> Bool {
        guard !acronyms.isEmpty else { return false }
        let letters = word.filter { !$0.isNumber }
        guard !letters.isEmpty, letters.uppercased() == letters else {
            // A capital run followed by lower-case letters never reaches here after `words`.
            return false
        }
        let chars = Array(letters)
        var reachable = [Bool](repeating: false, count: chars.count + 1)
        reachable[0] = true
        for i in 0..<chars.count where reachable[i] {
            for a in acronyms where i + a.count <= chars.count && String(chars[i..<(i + a.count)]) == a {
                reachable[i + a.count] = true
            }
        }
        return reachable[chars.count]
    }

    static func isLetter(_ c: Unicode.Scalar) -> Bool { isUpper(c) || isLower(c) }
    static func isUpper(_ c: Unicode.Scalar) -> Bool { c.value >= 65 && c.value <= 90 }
    static func isLower(_ c: Unicode.Scalar) -> Bool { c.value >= 97 && c.value <= 122 }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    /// The message for a name that breaks its style.
    public static func message(kind: String, name: String, style: NamingStyle, acronyms: Set<String>) -> String {
        var message = "\(kind) name '\(name)' is not \(style.label)"
        if let fix = fixed(name, style, acronyms: acronyms) {
            message += "; did you mean '\(fix)'?"
        } else {
            message += "; use ASCII letters and digits, starting with a letter"
        }
        return message
    }
}
