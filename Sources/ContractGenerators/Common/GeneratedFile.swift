import ContractModel
import ContractSyntax

/// One file a generator produces: where it goes, relative to the output folder, and its text.
public struct GeneratedFile: Sendable, Hashable {
    /// The path inside the output folder, e.g. `PersonInfoQuery.swift`.
    public var path: String
    /// The complete contents, UTF-8 when written.
    public var contents: String

    /// Creates a file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }

    /// The name of the file generated from a contract file: the contract's file name without its
    /// folder and without `.contract.yaml` (or, for a file named otherwise, without its last
    /// extension), then `.` and `extension`. `contracts/PersonInfoQuery.contract.yaml` →
    /// `PersonInfoQuery.swift`.
    ///
    /// The name comes from the file, not its content, so that a build plugin can name its outputs
    /// before the generator runs.
    public static func outputName(forContract path: String, extension: String) -> String {
        // One function names outputs for the generator and for lint's `output-file-conflict`.
        GeneratedNames.outputName(forContract: path, extension: `extension`)
    }
}

/// A contract the generator cannot turn into code, with a diagnostic for each reason (a name that
/// cannot be a Swift name, two declarations of one name, a part the contract lacks).
///
/// A lint-clean contract only meets this for names that clash in the generated code.
public struct GenerationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why, with places in the contract.
    public var diagnostics: [Diagnostic]

    /// Creates a failure.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// The diagnostics, one per line.
    public var description: String {
        diagnostics.map { "\($0.file):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message) [\($0.rule)]" }
            .joined(separator: "\n")
    }
}

/// A problem with the generator's templates (unreadable, or not valid Mustache): the command
/// cannot run.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and where.
    public var description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}
