import ContractGenerators
import ContractModel
import ContractRules
import ContractSyntax
import Foundation

/// `JSONWriter` lives in `ContractGenerators` now (the catalogue and OpenAPI generators write
/// JSON too); this name keeps code that imports only `ContractCompiler` compiling.
public typealias JSONWriter = ContractGenerators.JSONWriter

/// One publishing run (`contractc catalogue`, `contractc openapi`): lint, then files written only
/// when nothing is wrong.
public struct PublishRun: Sendable {
    /// The lint run that came first.
    public var lint: LintRun
    /// Lint diagnostics and publishing errors (a contract the catalogue cannot hold, two
    /// contracts that would write one file), sorted.
    public var diagnostics: [Diagnostic]
    /// Problems that stop the command (bad paths or configuration, unreadable files, broken
    /// templates, a write that failed): exit code 2.
    public var toolProblems: [Diagnostic]
    /// Remarks for the user that are not findings, e.g. a contract skipped and why.
    public var notes: [String] = []
    /// The files published, paths relative to the output folder; empty when there were errors.
    public var files: [GeneratedFile] = []
    /// The paths (below the output folder) whose content changed and so were written.
    public var written: [String] = []
    /// Files of an earlier run that this run no longer produces and so removed.
    public var removed: [String] = []
    /// The number of services published.
    public var serviceCount = 0
    /// The output folder.
    public var output: String
    /// Which command ran, for the summary.
    var isOpenAPI = false

    /// The number of errors among ``diagnostics``.
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

    /// 2 when the command could not run, 1 when the contracts have errors, else 0.
    public var exitCode: Int32 {
        if !toolProblems.isEmpty { return 2 }
        return errorCount > 0 ? 1 : 0
    }

    /// `published 18 services: 40 files (3 changed) in DIR` for the catalogue,
    /// `wrote 13 OpenAPI documents (13 changed; 5 non-HTTP contracts skipped) in DIR` for openapi.
    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        if isOpenAPI {
            var text = "wrote \(plural(files.count, "OpenAPI document")) (\(written.count) changed"
            if !notes.isEmpty { text += "; \(plural(notes.count, "non-HTTP contract")) skipped" }
            return text + ") in \(output)"
        }
        var text = "published \(plural(serviceCount, "service")): \(plural(files.count, "file")) (\(written.count) changed"
        if !removed.isEmpty { text += ", \(removed.count) removed" }
        return text + ") in \(output)"
    }

    init(lint: LintRun, output: String) {
        self.lint = lint
        self.diagnostics = lint.diagnostics
        self.toolProblems = lint.toolProblems
        self.output = output
    }
}

/// Runs `contractc catalogue`: lints the contracts and, when none has an error, publishes the
/// service catalogue (contract language §8) into the output folder:
///
/// - `catalogue.json` and `catalogue.schema.json`,
/// - `index.html` (one self-contained page) and `catalogue.md`,
/// - `openapi/<Interface>.openapi.json` for every HTTP or HTTPS service,
/// - `backstage/<Interface>.yaml`, one Backstage `API` entity per service (type `openapi`,
///   pointing at the document above, for HTTP and HTTPS services; `other` for the rest).
///
/// Files are written atomically and only when their content changes; files an earlier run
/// published (listed in the folder's `.contractc-catalogue-files`) that no contract produces any
/// more are removed, and nothing else is.
public enum CatalogueDriver {
    /// The rule id of two contracts that would publish one file.
    public static let conflictRule = "publish-conflict"
    /// The folder of the OpenAPI documents inside the catalogue's output folder.
    public static let openAPIFolder = "openapi"

    /// Publishes the catalogue of every contract under `paths` into `output`.
    /// - Parameters:
    ///   - templates: A folder of `*.mustache` files replacing built-in catalogue templates of the
    ///     same name (`index.html`, `catalogue.md`, `catalog-info.yaml`).
    ///   - workingDirectory: The folder contract paths in the catalogue are relative to (default:
    ///     the current folder).
    public static func run(
        paths: [String], output: String, templates: String? = nil, workingDirectory: String? = nil,
        limits: SyntaxLimits = .standard, resolver: ConfigurationResolver = ConfigurationResolver()
    ) -> PublishRun {
        let lint = LintDriver.run(paths: paths, limits: limits, resolver: resolver)
        var run = PublishRun(lint: lint, output: output)
        guard run.toolProblems.isEmpty, run.errorCount == 0 else { return run }

        let generator: CatalogueGenerator
        do {
            var set = TemplateSet.embedded("catalogue")
            if let templates { set = try set.overriding(directory: templates) }
            generator = try CatalogueGenerator(templates: set)
        } catch {
            run.toolProblems.append(Publishing.toolProblem(templates ?? "templates", String(describing: error)))
            return run
        }

        let base = workingDirectory ?? FileManager.default.currentDirectoryPath
        let contracts = lint.files.compactMap(\.contract)
        // One catalogue per `catalogue:` scope; with more than one, each goes to a folder of the
        // output named after its scope's folder (the run's own catalogue stays at the top).
        let catalogues = resolver.partition(contracts, path: \.file)
        var folders: [String: CatalogueScope] = [:]
        var problems = Publishing.conflicts(contracts)
        var services: [(folder: String, services: [CatalogueService], documents: [String: String])] = []
        var files: [GeneratedFile] = []
        let openAPI = OpenAPIGenerator()
        for catalogue in catalogues {
            var folder = ""
            if let scope = catalogue.scope, catalogues.count > 1 {
                folder = (scope.root as NSString).lastPathComponent + "/"
                if let other = folders[folder] {
                    run.toolProblems.append(Publishing.toolProblem(ConfigurationResolver.display(scope.root + "/" + Configuration.fileName),
                        "catalogue '\(scope.name)' would be published into '\(folder)' like catalogue '\(other.name)' of \(ConfigurationResolver.display(other.root)); give the catalogues' folders different names"))
                    continue
                }
                folders[folder] = scope
            }
            var published: [CatalogueService] = []
            var documentPaths: [String: String] = [:]
            for contract in catalogue.items {
                let bytes: [UInt8]
                switch FileSystem.read(contract.file, limit: limits.maxBytes) {
                case .bytes(let read): bytes = read
                case .tooLarge(let size):
                    run.toolProblems.append(Publishing.toolProblem(contract.file, "the file grew to \(size) bytes while publishing"))
                    continue
                case .failed(let why):
                    run.toolProblems.append(Publishing.toolProblem(contract.file, "cannot read the file: \(why)"))
                    continue
                }
                let source = CatalogueSource(file: Publishing.relativePath(contract.file, to: base), sha256: SHA256.hex(bytes))
                do {
                    let service = try CatalogueTranslator.translate(contract, source: source, regionName: GBT2260.name(of:),
                                                                  protocols: resolver.configuration(forFile: contract.file).protocols)
                    published.append(service)
                    if let document = try openAPI.generate(contract) {
                        let path = openAPIFolder + "/" + document.path
                        files.append(GeneratedFile(path: folder + path, contents: document.contents))
                        documentPaths[service.interface] = path
                    }
                } catch let failure as GenerationFailure {
                    problems += failure.diagnostics
                } catch {
                    run.toolProblems.append(Publishing.toolProblem(contract.file, String(describing: error)))
                }
            }
            services.append((folder, published, documentPaths))
        }
        run.diagnostics = (run.diagnostics + problems).sorted(by: Diagnostic.reportOrder)
        guard run.toolProblems.isEmpty, run.errorCount == 0 else { return run }

        do {
            for catalogue in services {
                files += try generator.generate(catalogue.services, openAPIDocuments: catalogue.documents).map {
                    GeneratedFile(path: catalogue.folder + $0.path, contents: $0.contents)
                }
            }
        } catch {
            run.toolProblems.append(Publishing.toolProblem(templates ?? "templates", String(describing: error)))
            return run
        }
        run.files = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        run.serviceCount = services.reduce(0) { $0 + $1.services.count }
        Publishing.write(&run, manifest: true)
        return run
    }
}

/// What the publishing drivers share.
enum Publishing {
    /// The id of an interface name that cannot name an output file.
    static let outputNameRule = "output-name-invalid"

    static func toolProblem(_ file: String, _ message: String) -> Diagnostic {
        Diagnostic(file: file, place: .start, severity: .error, rule: "publish-failed", message: message)
    }

    /// Two contracts with one interface name (or names that differ only in case, or give one
    /// Backstage name) would publish one file: an error on each.
    static func conflicts(_ contracts: [Contract]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var byKey: [String: [Contract]] = [:]
        var order: [String] = []
        for contract in contracts {
            guard let interface = contract.interface?.value else { continue }
            // The keys lint's `interface-name-conflict` compares too: a lint-clean set never clashes here.
            for key in Set(GeneratedNames.publishedKeys(interface: interface)) {
                if byKey[key] == nil { order.append(key) }
                byKey[key, default: []].append(contract)
            }
        }
        // An interface name names files (`<Interface>.openapi.json`, `backstage/<Interface>.yaml`):
        // one that is not a plain file name is refused here, at its place, whatever rules are off
        // (``OutputFolder`` refuses the path again when it is made).
        for contract in contracts {
            guard let interface = contract.interface, !OutputFolder.isPlainName(interface.value + ".openapi.json") else { continue }
            problems.append(Diagnostic(
                file: contract.file, place: interface.place, severity: .error, rule: outputNameRule,
                message: "interface '\(interface.value)' cannot name an output file (a '/', '..', leading '.' or control character would put it outside the output folder); use a PascalCase name"))
        }
        var reported = Set<String>()
        for key in order {
            guard let group = byKey[key], group.count > 1 else { continue }
            for contract in group {
                let others = group.filter { $0.file != contract.file }.map(\.file)
                guard !others.isEmpty, reported.insert(contract.file).inserted else { continue }
                let interface = contract.interface?.value ?? ""
                problems.append(Diagnostic(
                    file: contract.file, place: contract.interface?.place ?? contract.place, severity: .error,
                    rule: CatalogueDriver.conflictRule,
                    message: "interface '\(interface)' would publish the same files as \(others.joined(separator: ", ")) (names that differ only in case or punctuation clash); give each interface its own name"))
            }
        }
        return problems
    }

    /// The file in a catalogue's output folder that lists, one relative path a line, every file
    /// the last run of `contractc catalogue` published there. Only the files it lists are ever
    /// removed: a file somebody else put into the folder (a hand-written Backstage entity) stays.
    static let manifestName = ".contractc-catalogue-files"

    /// Writes the run's files below its output folder (every path made by ``OutputFolder``, all
    /// of them checked before the first write), atomically and only where the content changes.
    /// With `manifest`, files the previous run wrote (its manifest) that this run does not
    /// produce are removed, and the manifest is brought up to date.
    static func write(_ run: inout PublishRun, manifest: Bool = false) {
        let folder = OutputFolder(run.output)
        do {
            try folder.validate()
            for file in run.files { try OutputFolder.check(file.path) }
        } catch {
            run.toolProblems.append(toolProblem(run.output, String(describing: error)))
            return
        }
        // Temporary files an interrupted earlier run left in the folders this run writes.
        let folders = Set(run.files.map { ($0.path as NSString).deletingLastPathComponent })
        for relative in folders.sorted() {
            let path = relative.isEmpty ? run.output : (try? folder.path(relative + "/x", create: false)).map { ($0 as NSString).deletingLastPathComponent }
            if let path { FileSystem.removeStaleStagedFiles(in: path) }
        }
        for file in run.files {
            do {
                let path = try folder.path(file.path)
                do {
                    if try FileSystem.writeIfChanged(Array(file.contents.utf8), to: path) {
                        run.written.append(file.path)
                    }
                } catch {
                    run.toolProblems.append(toolProblem(path, String(describing: error)))
                    return
                }
            } catch {
                run.toolProblems.append(toolProblem(run.output, String(describing: error)))
                return
            }
        }
        guard manifest else { return }
        let manifestPath = (run.output.hasSuffix("/") ? run.output : run.output + "/") + manifestName
        let produced = Set(run.files.map(\.path))
        if case .bytes(let bytes) = FileSystem.read(manifestPath, limit: 64 * 1024 * 1024) {
            let listed = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
            for relative in listed where !relative.hasPrefix("#") && !produced.contains(relative) {
                // A manifest is a file in a folder a pull request may change: each entry is
                // checked like any output path before anything is removed.
                guard let path = try? folder.path(relative, create: false) else { continue }
                var st = stat()
                guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG || st.st_mode & S_IFMT == S_IFLNK else { continue }
                if unlink(path) == 0 {
                    run.removed.append(relative)
                } else {
                    run.toolProblems.append(toolProblem(path, "cannot remove a file of an earlier run: \(FileSystem.errnoText())"))
                }
            }
        }
        let text = "# Files `contractc catalogue` published in this folder; only these are removed when no contract produces them any more.\n"
            + run.files.map { $0.path + "\n" }.joined()
        do {
            try FileSystem.writeIfChanged(Array(text.utf8), to: manifestPath)
        } catch {
            run.toolProblems.append(toolProblem(manifestPath, String(describing: error)))
        }
    }

    /// `path` relative to the folder `base`: unchanged when relative already (less a leading
    /// `./`), else with the common folders removed and `..` for each folder of `base` left over.
    static func relativePath(_ path: String, to base: String) -> String {
        guard path.hasPrefix("/") else { return Discovery.clean(path) }
        let target = (path as NSString).standardizingPath.split(separator: "/").map(String.init)
        let from = (base as NSString).standardizingPath.split(separator: "/").map(String.init)
        var common = 0
        while common < target.count, common < from.count, target[common] == from[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
