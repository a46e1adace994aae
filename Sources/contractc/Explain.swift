import ArgumentParser
import ContractCompiler
import ContractModel
import ContractRules

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a rule: what it checks, why (its clause of the standard), and examples.",
        discussion: "`contractc explain --list` lists every rule; `contractc explain --markdown` prints docs/rules.md."
    )

    @Argument(help: "A rule id, such as method-name-case, or any id a diagnostic ends with (diff-method-removed, config-invalid, …).")
    var rule: String?

    @Flag(help: "List every rule with its default severity and clause.")
    var list = false

    @Flag(help: "Print the rule reference as Markdown (docs/rules.md).")
    var markdown = false

    func validate() throws {
        if rule == nil && !list && !markdown {
            throw ValidationError("name a rule, or use --list or --markdown")
        }
    }

    func run() throws {
        if list {
            writeOut(RuleDocs.list())
            return
        }
        if markdown {
            writeOut(RuleDocs.markdown())
            return
        }
        guard let id = rule else { return }
        guard let description = RuleRegistry.description(of: id) else {
            if let kind = DiffKind(rawValue: id) {
                writeOut(kind.explanation)
                return
            }
            if let entry = ToolDiagnostics.entry(id) {
                writeOut(ToolDiagnostics.explain(entry))
                return
            }
            let ids = RuleRegistry.ids + DiffKind.allCases.map(\.id) + ToolDiagnostics.entries.map(\.id)
            let hint = Suggestion.closest(to: id, in: ids).map { "; did you mean '\($0)'?" } ?? ""
            writeErr("contractc: unknown rule '\(id)'\(hint) — `contractc explain --list` lists them\n")
            throw ExitCode(2)
        }
        writeOut(RuleDocs.explain(description))
    }
}
