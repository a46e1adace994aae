import ContractRules
import ContractSyntax
import Foundation
import Testing

/// A lint run keeps, and `lint --changed` caches, only a file's ``SetView`` for the set rules.
/// The set rules must find exactly the same on the views as on the whole files.
@Suite("Set views")
struct SetViewTests {
    /// Every example of every rule: the code rules' examples hold the edge cases (missing,
    /// malformed and unreadable codes, `other: true`, values of the wrong kind).
    static let examples: [(String, RuleExample)] = RuleRegistry.descriptions.flatMap { rule in
        (rule.bad + rule.good).map { (rule.id, $0) }
    }

    static func files(_ example: RuleExample) -> [CheckedFile] {
        example.files.map { f in
            f.unreadable
                ? CheckedFile(path: f.name, syntaxProblems: [SyntaxProblem(.unreadable, at: .start, "cannot read")], contract: nil)
                : Linter.read(path: f.name, bytes: Array(f.text.utf8))
        }
    }

    /// Every rule on, as errors, so that no set finding is hidden by a default severity.
    static let everything = LintSettings(severities: Dictionary(uniqueKeysWithValues: RuleRegistry.ids.map { ($0, Severity?.some(.error)) }))

    @Test func setRulesFindTheSameOnViews() throws {
        var compared = 0
        for (id, example) in Self.examples {
            let whole = Self.files(example)
            let views = whole.map { SetView($0).checkedFile }
            let expected = Linter.checkSet(whole) { _ in Self.everything }
            #expect(Linter.checkSet(views) { _ in Self.everything } == expected, "an example of \(id)")
            compared += expected.count
        }
        #expect(compared >= 6, "the examples raise set findings to compare")
    }

    /// All the examples' files as one set: codes clash across examples, so the set rules have
    /// much more to find.
    @Test func setRulesFindTheSameOnAllExamplesTogether() throws {
        var whole: [CheckedFile] = []
        for (index, (_, example)) in Self.examples.enumerated() {
            for var file in Self.files(example) {
                file.path = "\(index)-" + file.path
                file.contract?.file = file.path
                whole.append(file)
            }
        }
        let expected = Linter.checkSet(whole) { _ in Self.everything }
        #expect(expected.count > 100)
        #expect(Linter.checkSet(whole.map { SetView($0).checkedFile }) { _ in Self.everything } == expected)
    }

    @Test func viewsSurviveTheCache() throws {
        var entries: [SetView.CacheEntry] = []
        for (index, (_, example)) in Self.examples.enumerated() {
            for (fileIndex, file) in Self.files(example).enumerated() {
                entries.append(SetView.CacheEntry(key: "/\(index)/\(fileIndex)", hash: "h\(index)", view: SetView(file)))
            }
        }
        let bytes = SetView.encodeCache(entries, stamp: "test 1")
        let decoded = try #require(SetView.decodeCache(bytes, stamp: "test 1"))
        #expect(decoded == entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
        #expect(SetView.encodeCache(decoded, stamp: "test 1") == bytes, "encoding is stable")
        #expect(SetView.decodeCache(bytes, stamp: "test 2") == nil, "another stamp is another cache")
    }

    /// A damaged cache is nil, never a crash or a wrong view: every truncation and a flipped byte
    /// at each of the first thousand places.
    @Test func damagedCachesAreRefused() throws {
        let views = Self.files(Self.examples[0].1).map(SetView.init)
        let bytes = SetView.encodeCache(views.enumerated().map { SetView.CacheEntry(key: "/\($0.offset)", hash: "h", view: $0.element) }, stamp: "s")
        for end in 0..<bytes.count {
            #expect(SetView.decodeCache(Array(bytes[..<end]), stamp: "s") == nil)
        }
        for index in 0..<min(bytes.count, 1000) {
            var damaged = bytes
            damaged[index] ^= 0xFF
            _ = SetView.decodeCache(damaged, stamp: "s")
        }
    }

    @Test func suppressionsStayWithTheView() throws {
        let text = Examples.base.replacingOccurrences(of: "code: \"1101\"\n", with: "# contractc:disable-next-line code-duplicate\ncode: \"1101\"\n")
        let a = Linter.read(path: "a.contract.yaml", bytes: Array(text.utf8))
        let b = Linter.read(path: "b.contract.yaml", bytes: Array(Examples.base.replacingOccurrences(of: "PersonInfoQuery", with: "PersonOtherQuery").utf8))
        let onViews = Linter.checkSet([a, b].map { SetView($0).checkedFile })
        #expect(onViews.map(\.file) == ["b.contract.yaml"], "\(onViews)")
    }
}
