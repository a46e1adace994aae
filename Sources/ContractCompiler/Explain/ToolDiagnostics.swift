import ContractRules
import ContractSyntax

/// The diagnostic ids the commands report that are not contract rules: problems with paths,
/// configuration, outputs and inputs other than contracts. `contractc explain ID` explains them
/// like rules, and a test keeps this table in step with the ids the code uses.
public enum ToolDiagnostics {
    /// One id: which commands report it, what it means, what to do, and the exit code.
    public struct Entry: Sendable {
        /// The id in `[brackets]` at the end of a diagnostic.
        public var id: String
        /// The commands that report it.
        public var commands: String
        /// What happened.
        public var meaning: String
        /// What to do about it.
        public var action: String
        /// The exit code it leads to.
        public var exitCode: Int32
    }

    /// Every id, in the order of a run: arguments, configuration, inputs, outputs.
    public static let entries: [Entry] = [
        Entry(id: "path-invalid", commands: "every command",
              meaning: "A path given on the command line does not exist or cannot be walked, or `lint --changed` runs outside a git repository.",
              action: "Check the path (it is relative to the working folder); for `--changed`, run inside the repository.", exitCode: 2),
        Entry(id: "config-invalid", commands: "lint, codes, generate, catalogue, openapi, diff",
              meaning: "A `.contractc.yaml` is not valid: an unknown key or rule, a severity other than error, warning or off, a bad glob, acronym or catalogue name.",
              action: "Fix the configuration at the place given; `contractc explain --list` lists the rule ids.", exitCode: 2),
        Entry(id: "register-invalid", commands: "lint, codes, generate, catalogue, openapi, diff",
              meaning: "The catalogue's code register (`service-codes.yaml` beside `.contractc.yaml`) cannot be read: not YAML, an unknown key, an entry without an interface, a code that is not four digits, a retirement without a date or a reason.",
              action: "Fix the register at the place given; `contractc codes` writes it in its canonical form.", exitCode: 2),
        Entry(id: "generate-conflict", commands: "generate",
              meaning: "Two contracts would write one Swift file (same file name in different folders) or declare one Swift name; generated files are compiled together.",
              action: "Rename one of the contracts, interfaces or types named in the message.", exitCode: 1),
        Entry(id: "swift-generation", commands: "generate",
              meaning: "The Swift generator met a contract without a part it needs (a code, a protocol, a classification, the sharing level, return values, a type that does not resolve). Lint reports each of these with its own rule; this appears only when `.contractc.yaml` switched that rule off.",
              action: "Add what the message names, or switch the rule that requires it back on.", exitCode: 1),
        Entry(id: "generate-failed", commands: "generate",
              meaning: "The Swift could not be written: a template failed or the output folder cannot be written. Nothing was replaced.",
              action: "Check `--templates` and the permissions of the output folder.", exitCode: 2),
        Entry(id: "publish-conflict", commands: "catalogue, openapi",
              meaning: "Two interfaces would publish the same files (names that differ only in case or punctuation).",
              action: "Give each interface its own name.", exitCode: 1),
        Entry(id: "publish-failed", commands: "catalogue, openapi",
              meaning: "The catalogue or a document could not be written: a template failed, two catalogues' folders share a name, or the output cannot be written.",
              action: "Check `--templates`, the `catalogue:` folders and the permissions of the output folder.", exitCode: 2),
        Entry(id: "output-name-invalid", commands: "catalogue, openapi",
              meaning: "An interface name cannot name an output file: it holds a '/', a '..', a leading '.' or a control character, so the file would land outside the output folder. Refused whatever rules are switched off; nothing is written.",
              action: "Give the interface a PascalCase name (the rule interface-name-case says which).", exitCode: 1),
        Entry(id: "code-not-written", commands: "codes",
              meaning: "`contractc codes` did not write the code into this file: it is a symbolic link, has more than one hard link, is read-only, or changed while the command ran.",
              action: "Run `contractc codes` on the file a link points to, make the file writable, or run the command again; or write the `code:` line by hand.", exitCode: 1),
        Entry(id: "findings-limit", commands: "lint and every command that lints first",
              meaning: "A file has more findings than one report shows (1,000): the rest are left out, so a hostile or broken file cannot flood the output or the memory.",
              action: "Fix the findings shown (usually one mistake repeated) and run again.", exitCode: 1),
        Entry(id: "catalogue-incomplete", commands: "catalogue",
              meaning: "A contract lacks what a catalogue entry needs (a code, a title, an address, …): possible only when `.contractc.yaml` switched off the rule that requires it.",
              action: "Add what the message names, or switch the rule back on.", exitCode: 1),
        Entry(id: "openapi-conflict", commands: "openapi, catalogue",
              meaning: "The OpenAPI document would declare one schema name twice (a named type and a method's input or output share a name).",
              action: "Rename the type or the method named in the message.", exitCode: 1),
        Entry(id: "exchange-file-name", commands: "files check",
              meaning: "An exchange file name breaks 文件名命名规则: not 15 characters of classification, year and GB/T 2260 region, or an extension no file-exchange contract allows.",
              action: "Rename the file as the message proposes.", exitCode: 1),
        Entry(id: "regions-invalid", commands: "files check",
              meaning: "The table given with `--regions` is not a CSV of 6-digit codes and names.",
              action: "Fix the line given, or leave `--regions` out to use the shipped GB/T 2260 table.", exitCode: 2),
        Entry(id: "catalogue-invalid", commands: "inspect",
              meaning: "The catalogue to inspect is not a `catalogue.json` written by `contractc catalogue` (not JSON, or an entry lacks its code or address).",
              action: "Publish the catalogue again with `contractc catalogue`, or fix the entry at the place given.", exitCode: 2),
        Entry(id: "state-invalid", commands: "inspect --due",
              meaning: "The inspection state file cannot be read or written.",
              action: "Check the path and its permissions; delete a damaged state file to inspect every address again.", exitCode: 2),
    ]

    /// The entry of an id.
    public static func entry(_ id: String) -> Entry? { entries.first { $0.id == id } }

    /// What `contractc explain ID` prints for a tool diagnostic.
    public static func explain(_ entry: Entry) -> String {
        var out = "\(entry.id) — reported by \(entry.commands); exit code \(entry.exitCode)\n\n"
        out += RuleDocs.wrap(entry.meaning) + "\n\n"
        out += "What to do: " + entry.action + "\n"
        return out
    }
}

extension DiffKind {
    /// What `contractc explain ID` prints for a kind of change `contractc diff` reports.
    public var explanation: String {
        let grade = isBreaking
            ? "breaking: an error while the major version stays, a warning once NEW raises it"
            : "not breaking: a note, which never fails a run"
        var out = "\(id) — reported by diff; \(grade)\n\n"
        out += RuleDocs.wrap(summary) + "\n\n"
        out += "The place is in \(isRemoval ? "OLD (the thing is gone from NEW)" : "NEW"). docs/breaking-changes.md lists every kind.\n"
        return out
    }
}
