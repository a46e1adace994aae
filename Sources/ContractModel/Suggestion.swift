/// "Did you mean" suggestions by edit distance.
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    ///
    /// Case differences count as half an edit, so `https` suggests `HTTPS` and
    /// `Summary` suggests `summary`.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let c = Array(candidate.lowercased().unicodeScalars)
            let distance = editDistance(w, c) * 2 + (candidate == word || candidate.lowercased() != word.lowercased() ? 0 : 1)
            if best == nil || distance < best?.1 ?? Int.max { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best, candidate != word else { return nil }
        let limit = max(2, min(w.count, candidate.count) / 3) * 2 + 1
        return distance <= limit ? candidate : nil
    }

    /// Levenshtein distance with transpositions counted as one edit.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if abs(a.count - b.count) > 8 { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    v = min(v, previous2[j - 2] + 1)
                }
                current[j] = v
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    /// " did you mean 'x'?" or "", ready to append to a message after a `;`.
    public static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String {
        guard let s = closest(to: word, in: candidates) else { return "" }
        return "; did you mean '\(s)'?"
    }
}
