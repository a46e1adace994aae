import ContractRules
import ContractSyntax
import Foundation

/// Where a catalogue's code register lives and how the drivers read it (服务编目).
///
/// A catalogue is the folder of its `catalogue:` scope, else the folder of the outermost
/// `.contractc.yaml` above its contracts (within their repository); its register,
/// `service-codes.yaml`, sits beside that configuration. Contracts that no configuration applies
/// to form no catalogue with a register: nothing is expected of them.
enum RegisterFiles {
    /// The register folder of a set of contract files of one catalogue: its scope's root, else the
    /// outermost configuration folder among the files' (nil when none has a configuration).
    static func folder(for paths: [String], scope: CatalogueScope?, resolver: ConfigurationResolver) -> String? {
        if let scope { return scope.root }
        var best: String?
        var seen = Set<String>()
        for path in paths {
            let folder = resolver.absoluteFolder(ofFile: path)
            guard seen.insert(folder).inserted, let root = resolver.outermostConfigurationFolder(forFile: path) else { continue }
            if let current = best, current.count <= root.count { continue }
            best = root
        }
        return best
    }

    /// A register as read for a run.
    struct Loaded {
        /// What the rules know.
        var state: CodeRegisterState = .notExpected
        /// The register file (absolute), when the catalogue has a configuration.
        var file: String?
        /// The register, when one was read.
        var register: CodeRegister?
        /// A register that cannot be read: `register-invalid`, exit 2.
        var problems: [Diagnostic] = []
    }

    /// Reads the register of the catalogue whose folder is `folder`. `covers` says whether the run
    /// reads every contract of the catalogue.
    static func load(folder: String?, covers: Bool) -> Loaded {
        guard let folder else { return Loaded() }
        let file = folder == "/" ? "/" + CodeRegister.fileName : folder + "/" + CodeRegister.fileName
        let shown = ConfigurationResolver.display(file)
        var loaded = Loaded(file: file)
        switch FileSystem.kind(file) {
        case .missing:
            loaded.state = .missing(configuration: ConfigurationResolver.display(folder == "/" ? "/.contractc.yaml" : folder + "/" + Configuration.fileName))
            return loaded
        default:
            break
        }
        switch FileSystem.read(file, limit: 8 * 1024 * 1024) {
        case .bytes(let bytes):
            var (register, problems) = CodeRegister.parse(bytes, path: shown)
            register.coversCatalogue = covers
            loaded.register = register
            loaded.state = .present(register)
            loaded.problems = problems.map {
                Diagnostic(file: shown, place: $0.place, severity: .error, rule: invalidRule, message: $0.message)
            }
        case .tooLarge(let size):
            loaded.problems = [Diagnostic(file: shown, place: .start, severity: .error, rule: invalidRule, message: "the register is \(size) bytes; the limit is 8 MB")]
        case .failed(let why):
            loaded.problems = [Diagnostic(file: shown, place: .start, severity: .error, rule: invalidRule, message: "cannot read the register: \(why)")]
        }
        return loaded
    }

    /// The id of a register that cannot be read.
    static let invalidRule = "register-invalid"

    /// Whether the run's `searched` paths include the folder `root` itself or a folder above it.
    static func covers(_ searched: [String], root: String?) -> Bool {
        guard let root else { return true }
        return searched.contains { path in
            let absolute = Configuration.absolute(path)
            return root == absolute || root.hasPrefix(absolute == "/" ? "/" : absolute + "/")
        }
    }
}
