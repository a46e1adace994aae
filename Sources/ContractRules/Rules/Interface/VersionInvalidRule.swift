import ContractModel

/// `version-invalid`: the interface version is not a semantic version (SemVer 2.0.0).
public struct VersionInvalidRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "version-invalid",
        severity: .error,
        clause: "服务发布与巡检",
        summary: "`version:` is a semantic version MAJOR.MINOR.PATCH with an optional -prerelease and +build (SemVer 2.0.0), without leading zeros.",
        rationale: """
            Services are published and catalogued (服务发布与巡检) with their version, and callers and \
            `contractc diff` compare versions to see whether a change breaks them. Semantic \
            versioning gives that comparison a meaning — MAJOR for breaking changes, MINOR for \
            additions, PATCH for fixes — and one spelling (`1.2.0`, not `v1.2` or `1.02.0`), so the \
            catalogue sorts and compares versions the same way everywhere.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "version: 1.0.0", with: "version: v1.0.0")),
            RuleExample(Examples.base(replacing: "version: 1.0.0", with: "version: \"1.2\"")),
            RuleExample(Examples.base(replacing: "version: 1.0.0", with: "version: 1.02.0")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "version: 1.0.0", with: "version: 2.1.0-rc.1+build.20260101")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports a version that is not SemVer 2.0.0, or an empty one.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let version = contract.version else {
            // Written with nothing after it: not reported by `key-missing`, which sees the key.
            if let keyPlace = contract.keyPlaces["version"],
                !contract.hasWrongKindValue(from: keyPlace, before: contract.topLevelEnd(after: keyPlace))
            {
                findings.add(contract, keyPlace, "'version' is empty; write the interface's semantic version, e.g. 1.0.0")
            }
            return
        }
        guard let problem = Self.problem(in: version.value) else { return }
        var message = "version '\(version.value)' is not a semantic version MAJOR.MINOR.PATCH (SemVer 2.0.0): \(problem.reason)"
        if let suggestion = problem.suggestion {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; write e.g. 1.0.0, 1.2.0-rc.1 or 1.2.0+20260101"
        }
        findings.add(contract, version.place, message)
    }

    /// What is wrong with a version, and the version probably meant; nil when it is valid.
    static func problem(in text: String) -> (reason: String, suggestion: String?)? {
        var rest = Substring(text)
        var build: Substring?
        var prerelease: Substring?
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...]
            rest = rest[..<plus]
        }
        if let dash = rest.firstIndex(of: "-") {
            prerelease = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        let suffixProblem = suffixProblem(prerelease: prerelease, build: build)
        let suffix = (prerelease.map { "-\($0)" } ?? "") + (build.map { "+\($0)" } ?? "")
        var core = rest
        var reason: String?
        if let first = core.first, first == "v" || first == "V" {
            reason = "drop the '\(first)' — a version is the numbers alone"
            core = core.dropFirst()
        }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        let numeric = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        // The version probably meant: the numbers, padded to three, without leading zeros.
        var suggestion: String?
        if numeric, (1...3).contains(parts.count), suffixProblem == nil {
            let numbers = parts.map { part in String(part.drop { $0 == "0" }).nilIfEmpty ?? "0" }
            suggestion = (numbers + Array(repeating: "0", count: 3 - numbers.count)).joined(separator: ".") + suffix
        }
        if reason == nil {
            if parts.count != 3 {
                reason = "it has \(parts.count) part\(parts.count == 1 ? "" : "s"); a semantic version has three numbers"
            } else if let bad = parts.first(where: { part in part.isEmpty || !part.allSatisfy { $0.isASCII && $0.isNumber } }) {
                reason = bad.isEmpty ? "a part is empty" : "'\(bad)' is not a whole number"
            } else if let zero = parts.first(where: { $0.count > 1 && $0.hasPrefix("0") }) {
                reason = "'\(zero)' has a leading zero"
            } else if let suffixProblem {
                reason = suffixProblem
            }
        }
        guard let reason else { return nil }
        return (reason, suggestion == text ? nil : suggestion)
    }

    /// What is wrong with the pre-release or build part, if anything.
    static func suffixProblem(prerelease: Substring?, build: Substring?) -> String? {
        func isIdentifier(_ s: Substring) -> Bool {
            !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        if let prerelease {
            let ids = prerelease.split(separator: ".", omittingEmptySubsequences: false)
            if let bad = ids.first(where: { !isIdentifier($0) }) {
                return "pre-release identifier '\(bad)' must be letters, digits and '-', not empty"
            }
            if let zero = ids.first(where: { $0.count > 1 && $0.hasPrefix("0") && $0.allSatisfy(\.isNumber) }) {
                return "numeric pre-release identifier '\(zero)' has a leading zero"
            }
        }
        if let build {
            let ids = build.split(separator: ".", omittingEmptySubsequences: false)
            if let bad = ids.first(where: { !isIdentifier($0) }) {
                return "build identifier '\(bad)' must be letters, digits and '-', not empty"
            }
        }
        return nil
    }
}

extension String {
    /// nil for the empty string.
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
