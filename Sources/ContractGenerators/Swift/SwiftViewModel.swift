// The view model of one generated Swift file: plain values the templates in `templates/swift/`
// place. Every string is final Swift text, already escaped for its place (identifiers backticked
// where needed, literals quoted and escaped, doc lines complete with `///`). Nothing is optional:
// a Mustache lookup of a missing value would climb to an outer object and find the wrong one,
// so absent things are empty strings, empty lists or `false`.

/// One Swift file, generated from one contract.
struct SwiftFileModel {
    /// The contract file's name, safe in a `//` comment.
    var sourceFile: String
    /// The protocol's name.
    var interfaceName: String
    /// Doc lines of the protocol.
    var interfaceDoc: [String]
    /// The methods, in contract order.
    var methods: [SwiftMethodModel]
    /// The named types, in contract order.
    var types: [SwiftStructModel]
    /// The method inputs, in method order.
    var inputs: [SwiftStructModel]
    /// The return code enums, in method order.
    var codes: [SwiftCodesModel]
    /// The catalogue constants.
    var service: SwiftServiceModel
    /// Whether the contract is HTTP or HTTPS: it gets a client and a handler.
    var isHTTP: Bool
    /// `<Interface>Client`.
    var clientName: String
    /// `<Interface>Handler`.
    var handlerName: String
    /// `<Interface>Service`.
    var serviceName: String
    /// Whether the namespace holds types (named types, inputs, code enums).
    var hasNested: Bool
    /// The protocol's short names for the nested types, so that conforming types and
    /// `<Interface>.<Type>` reach them.
    var aliases: [SwiftAliasModel]
}

/// A `typealias` in the protocol's extension naming a type nested in the namespace.
struct SwiftAliasModel {
    /// The alias (declared form), the nested type's own name.
    var name: String
    /// The nested type, qualified with the namespace.
    var target: String
}

/// A record: a named type of the contract or a method's input.
struct SwiftStructModel {
    /// The struct's name (declared form).
    var name: String
    /// Doc lines.
    var doc: [String]
    /// The stored properties, in contract order.
    var fields: [SwiftFieldModel]
    /// Whether there is any field.
    var hasFields: Bool
    /// The memberwise initializer's parameter list.
    var initParameters: String
    /// Doc lines of the initializer.
    var initDoc: [String]
    /// Whether a Swift name differs from its JSON key, so `CodingKeys` are needed.
    var hasCodingKeys: Bool
    /// The root of validation paths, a string literal: the contract's name of the type.
    var rootLiteral: String
    /// Statement lines of `collectIssues(into:at:)` (relative indentation included).
    var checks: [String]
    /// Statement lines of `masked()` that mask a field of `_copy`.
    var maskings: [String]
    /// Whether `masked()` changes anything.
    var hasMasking: Bool
}

/// A stored property of a record.
struct SwiftFieldModel {
    /// The property's name (declared form).
    var name: String
    /// The property's name as an argument label at a call site.
    var label: String
    /// Doc lines.
    var doc: [String]
    /// Its Swift type, `?` included for optional fields.
    var type: String
    /// The initializer's local name for it.
    var local: String
    /// The `CodingKeys` case: the name, with ` = "key"` when the JSON key differs.
    var codingKey: String
}

/// A method of the interface, with what its protocol requirement, client call and handler route need.
struct SwiftMethodModel {
    /// The method's name (declared form).
    var name: String
    /// Whether this is the first method (for blank lines between methods).
    var isFirst: Bool
    /// Doc lines of the protocol requirement.
    var doc: [String]
    /// Doc lines of the client's implementation.
    var clientDoc: [String]
    /// The parameter list of the declaration.
    var parameters: String
    /// ` -> Type`, or empty for `none`.
    var returnClause: String
    /// Whether the method returns a value.
    var returnsValue: Bool
    /// The return type, empty for `none`.
    var returnType: String
    /// The input struct's name.
    var inputType: String
    /// The arguments of the input's initializer, from the method's parameters.
    var inputArguments: String
    /// The HTTP method, a string literal.
    var verb: String
    /// The path template, a string literal.
    var pathLiteral: String
    /// Whether the path has variables to fill.
    var hasPathValues: Bool
    /// The variables' entries of `expandPath`'s dictionary.
    var pathValues: [String]
    /// Statement lines adding query items to `_query`.
    var queryLines: [String]
    /// Whether there are query items.
    var hasQuery: Bool
    /// Whether the input travels as the JSON body.
    var sendsBody: Bool
    /// The handler's route case (declared form).
    var routeCase: String
    /// The handler's function serving this method.
    var handlerFunction: String
    /// Statement lines reading `_input` in the handler (inside a `do`).
    var decodeLines: [String]
    /// The arguments of the call to the service, from `_input`.
    var serviceArguments: String
    /// The expression answered: `_output`, masked when the handler masks responses.
    var outputExpression: String
}

/// The return codes of a method.
struct SwiftCodesModel {
    /// The enum's name.
    var typeName: String
    /// Doc lines.
    var doc: [String]
    /// The cases, in contract order.
    var cases: [SwiftCodeCaseModel]
}

/// One return code.
struct SwiftCodeCaseModel {
    /// The case's name (declared form).
    var name: String
    /// The code, as Swift text.
    var value: String
    /// Doc lines: the meaning.
    var doc: [String]
    /// The meaning, a string literal.
    var meaningLiteral: String
}

/// The catalogue constants of the interface.
struct SwiftServiceModel {
    /// Doc lines of the enum.
    var doc: [String]
    /// The four digits, a string literal.
    var code: String
    /// String literals, or `nil`.
    var title: String
    var summary: String
    var version: String
    var owner: String
    var address: String
    var origin: String
    var inspection: String
    var sharingConditions: String
    var content: String
    /// Qualified enum values.
    var resourceCategory: String
    var serviceCategory: String
    var serviceProtocol: String
    var hosting: String
    var sharing: String
    var exchange: String
    /// Whether the contract exchanges files and so gets `exchangeFileName`.
    var hasFiles: Bool
    /// The classification code filled to 5 characters, a string literal.
    var fileClassification: String
    /// The default region, a string literal (empty when there is none).
    var fileRegion: String
    /// Whether there is a default region.
    var hasFileRegion: Bool
    /// ` = "510100"` for the `region` parameter, or empty.
    var regionDefault: String
    /// The allowed extensions, an array literal.
    var fileExtensions: String
    /// An example name for the docs.
    var fileNameExample: String
}

// MARK: - Lookup tables for the templates

// Each model gives Mustache its values as a `[String: Any]` by hand: finding them by reflection
// (Mirror) cost a seventh of a generation. A test renders every model both ways and compares.

extension SwiftFileModel: TemplateTable {
    /// The stored properties by name, nested models as tables.
    var templateTable: [String: Any] {
        [
            "sourceFile": sourceFile,
            "interfaceName": interfaceName,
            "interfaceDoc": interfaceDoc,
            "methods": methods.map(\.templateTable),
            "types": types.map(\.templateTable),
            "inputs": inputs.map(\.templateTable),
            "codes": codes.map(\.templateTable),
            "service": service.templateTable,
            "isHTTP": isHTTP,
            "clientName": clientName,
            "handlerName": handlerName,
            "serviceName": serviceName,
            "hasNested": hasNested,
            "aliases": aliases.map(\.templateTable),
        ]
    }
}

extension SwiftAliasModel: TemplateTable {
    /// The stored properties by name.
    var templateTable: [String: Any] {
        ["name": name, "target": target]
    }
}

extension SwiftStructModel: TemplateTable {
    /// The stored properties by name, nested models as tables.
    var templateTable: [String: Any] {
        [
            "name": name,
            "doc": doc,
            "fields": fields.map(\.templateTable),
            "hasFields": hasFields,
            "initParameters": initParameters,
            "initDoc": initDoc,
            "hasCodingKeys": hasCodingKeys,
            "rootLiteral": rootLiteral,
            "checks": checks,
            "maskings": maskings,
            "hasMasking": hasMasking,
        ]
    }
}

extension SwiftFieldModel: TemplateTable {
    /// The stored properties by name, nested models as tables.
    var templateTable: [String: Any] {
        [
            "name": name,
            "label": label,
            "doc": doc,
            "type": type,
            "local": local,
            "codingKey": codingKey,
        ]
    }
}

extension SwiftMethodModel: TemplateTable {
    /// The stored properties by name, nested models as tables.
    var templateTable: [String: Any] {
        [
            "name": name,
            "isFirst": isFirst,
            "doc": doc,
            "clientDoc": clientDoc,
            "parameters": parameters,
            "returnClause": returnClause,
            "returnsValue": returnsValue,
            "returnType": returnType,
            "inputType": inputType,
            "inputArguments": inputArguments,
            "verb": verb,
            "pathLiteral": pathLiteral,
            "hasPathValues": hasPathValues,
            "pathValues": pathValues,
            "queryLines": queryLines,
            "hasQuery": hasQuery,
            "sendsBody": sendsBody,
            "routeCase": routeCase,
            "handlerFunction": handlerFunction,
            "decodeLines": decodeLines,
            "serviceArguments": serviceArguments,
            "outputExpression": outputExpression,
        ]
    }
}

extension SwiftCodesModel: TemplateTable {
    /// The stored properties by name, nested models as tables.
    var templateTable: [String: Any] {
        [
            "typeName": typeName,
            "doc": doc,
            "cases": cases.map(\.templateTable),
        ]
    }
}

extension SwiftCodeCaseModel: TemplateTable {
    /// The stored properties by name, nested models as tables.
    var templateTable: [String: Any] {
        [
            "name": name,
            "value": value,
            "doc": doc,
            "meaningLiteral": meaningLiteral,
        ]
    }
}

extension SwiftServiceModel: TemplateTable {
    /// The stored properties by name, nested models as tables.
    var templateTable: [String: Any] {
        [
            "doc": doc,
            "code": code,
            "title": title,
            "summary": summary,
            "version": version,
            "owner": owner,
            "address": address,
            "origin": origin,
            "inspection": inspection,
            "sharingConditions": sharingConditions,
            "content": content,
            "resourceCategory": resourceCategory,
            "serviceCategory": serviceCategory,
            "serviceProtocol": serviceProtocol,
            "hosting": hosting,
            "sharing": sharing,
            "exchange": exchange,
            "hasFiles": hasFiles,
            "fileClassification": fileClassification,
            "fileRegion": fileRegion,
            "hasFileRegion": hasFileRegion,
            "regionDefault": regionDefault,
            "fileExtensions": fileExtensions,
            "fileNameExample": fileNameExample,
        ]
    }
}
