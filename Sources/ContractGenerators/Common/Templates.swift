import Foundation
import Mustache

/// The Mustache templates of one generator, by name (`file`, `struct`, …): the copies built into
/// the tool (``EmbeddedTemplates``), optionally overridden by a folder of `*.mustache` files.
///
/// Every template is rendered as plain text: values are never HTML-escaped (the view model has
/// escaped them for their place in the output already). A template need not say so; the
/// renderer starts each one with `{{% CONTENT_TYPE: TEXT}}` when it does not.
public struct TemplateSet: Sendable, Hashable {
    /// Template texts by name.
    public private(set) var texts: [String: String]
    /// Where each template came from (`built-in` or a file path), for error messages.
    public private(set) var origins: [String: String]

    /// Creates a set from texts.
    public init(texts: [String: String], origin: String = "built-in") {
        self.texts = texts
        self.origins = texts.mapValues { _ in origin }
    }

    /// The built-in templates of a generator: the entries of ``EmbeddedTemplates/all`` under
    /// `<generator>/`, named without that prefix.
    public static func embedded(_ generator: String) -> TemplateSet {
        let prefix = generator + "/"
        var texts: [String: String] = [:]
        for (key, text) in EmbeddedTemplates.all where key.hasPrefix(prefix) {
            texts[String(key.dropFirst(prefix.count))] = text
        }
        return TemplateSet(texts: texts)
    }

    /// This set with every `NAME.mustache` file of `directory` replacing (or adding) the template
    /// `NAME`. Templates the folder does not hold stay built in.
    /// - Throws: ``TemplateError`` when the folder or a file cannot be read.
    public func overriding(directory: String) throws -> TemplateSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateError("the templates folder '\(directory)' does not exist or is not a folder")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw TemplateError("cannot read the templates folder '\(directory)': \(error.localizedDescription)")
        }
        var result = self
        for name in names.sorted() where name.hasSuffix(".mustache") && !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TemplateError("cannot read the template '\(path)'")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw TemplateError("the template '\(path)' is not UTF-8")
            }
            let key = String(name.dropLast(".mustache".count))
            result.texts[key] = text
            result.origins[key] = path
        }
        return result
    }
}

/// Renders view models with a ``TemplateSet``; every template of the set can be used as a
/// partial (`{{> struct}}`) of any other.
struct TemplateRenderer: Sendable {
    private let library: MustacheLibrary

    /// Parses every template of the set.
    /// - Throws: ``TemplateError`` naming the template, line and column of a syntax error.
    init(_ set: TemplateSet) throws {
        var library = MustacheLibrary()
        for name in set.texts.keys.sorted() {
            let text = set.texts[name] ?? ""
            let source = text.contains("CONTENT_TYPE") ? text : "{{% CONTENT_TYPE: TEXT}}" + text
            do {
                library.register(try MustacheTemplate(string: source), named: name)
            } catch let error as MustacheTemplate.ParserError {
                let origin = set.origins[name] ?? name
                throw TemplateError("\(origin):\(error.context.lineNumber):\(error.context.columnNumber): template '\(name)' is not valid Mustache: \(error.error)")
            } catch {
                throw TemplateError("template '\(name)' is not valid Mustache: \(error)")
            }
        }
        self.library = library
    }

    /// Renders `model` with the template `name`.
    /// - Throws: ``TemplateError`` when there is no such template.
    func render(_ model: Any, template name: String) throws -> String {
        let table: Any = (model as? any TemplateTable)?.templateTable ?? Self.lookupTable(model)
        guard let text = library.render(table, withTemplate: name) else {
            throw TemplateError("there is no template named '\(name)'")
        }
        return text
    }

    /// The model with every struct turned into a `[String: Any]` of its stored properties, all
    /// the way down. Mustache finds a struct's values through `Mirror`, which walks (and
    /// reflects) every property on every lookup — most of the time of a generation. One walk up
    /// front makes each lookup a dictionary's. What the templates see is the same: stored
    /// properties by name, lists as lists, texts and booleans as they are.
    static func lookupTable(_ value: Any) -> Any {
        switch value {
        case is String, is Bool, is Int, is Substring:
            return value
        case let list as [Any]:
            return list.map(lookupTable)
        case let table as [String: Any]:
            return table.mapValues(lookupTable)
        default:
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .struct?:
                var table: [String: Any] = [:]
                for child in mirror.children {
                    if let label = child.label { table[label] = lookupTable(child.value) }
                }
                return table
            case .optional?:
                return mirror.children.first.map { lookupTable($0.value) } ?? value
            default:
                return value
            }
        }
    }
}

/// A model that gives the templates its values itself, as ``TemplateRenderer/lookupTable(_:)``
/// would find them by reflection (stored properties by name, nested models as tables), only
/// faster. Used by the models rendered most: one Swift file per contract.
protocol TemplateTable {
    /// The stored properties by name; nested models as their tables.
    var templateTable: [String: Any] { get }
}
