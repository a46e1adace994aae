import ContractModel
import ContractSyntax

/// Turns a contract into the view model of its Swift file (``SwiftFileModel``).
///
/// The translator decides every name and spells every contract text for its place; the templates
/// only arrange. It expects a lint-clean contract: what lint guarantees (a protocol, a code, typed
/// fields) it reports as a ``GenerationFailure`` when missing instead of guessing, and so it does
/// for names that cannot be Swift as they are (two names that clash once spelled for Swift, a type
/// named `Self`, a record that contains itself).
struct SwiftTranslator {
    /// The rule id of the diagnostics the translator reports for a part the contract lacks (its
    /// name problems carry the id of the lint rule reporting them, see ``GeneratedNames``).
    static let rule = "swift-generation"

    /// The modules generated code qualifies names with (see ``GeneratedNames/moduleNames``).
    static var moduleNames: Set<String> { GeneratedNames.moduleNames }

    /// Members of the generated handler; the private function serving a method is `_` and the
    /// method's name, with more `_` before it while that is one of these or another method's.
    static let handlerMemberNames: Set<String> = ["_service", "_masksResponses", "_router", "_Route", "handle", "init"]

    let contract: Contract
    private var problems: [Diagnostic] = []
    /// Swift names of the contract's types, by contract name.
    private var typeNames: [String: String] = [:]
    /// Named types whose values have masked fields, directly or inside.
    private var maskedTypes: Set<String> = []
    /// The Swift names the file declares, at the top level and in the namespace: a parameter's
    /// local name must not hide one.
    private var topLevelNames: Set<String> = []
    /// The enum the contract's types are nested in, `<Interface>Service`.
    private var namespace = ""

    /// Protocols beyond the nine that the contract's configuration declares.
    let declaredProtocols: [DeclaredProtocol]

    init(_ contract: Contract, declaredProtocols: [DeclaredProtocol] = []) {
        self.contract = contract
        self.declaredProtocols = declaredProtocols
    }

    private mutating func problem(_ place: SourcePlace, _ message: String, related: [Diagnostic.Related] = []) {
        problems.append(Diagnostic(file: contract.file, place: place, severity: .error, rule: Self.rule,
                                   message: message, related: related))
    }

    // MARK: - The file

    /// Translates the contract; `sourceFile` is the contract file's name for the header.
    mutating func translate(sourceFile: String) throws -> SwiftFileModel {
        guard let interface = contract.interface, !interface.value.isEmpty else {
            throw GenerationFailure(diagnostics: [Diagnostic(file: contract.file, place: contract.place, severity: .error,
                rule: Self.rule, message: "the contract has no 'interface:' name to generate Swift from")])
        }
        let interfaceName = GeneratedNames.swiftIdentifier(interface.value)
        namespace = GeneratedNames.namespace(interface: interface.value)
        let isHTTP = contract.protocolKind?.isHTTP ?? false
        // Every name problem is decided by ``GeneratedNames``, which lint asks too: a lint-clean
        // contract has none.
        for issue in GeneratedNames.issues(contract) {
            problems.append(Diagnostic(file: contract.file, place: issue.place, severity: .error, rule: issue.kind.rule,
                message: issue.message,
                related: issue.related.map { [Diagnostic.Related(file: contract.file, place: $0, message: "the other declaration of the name")] } ?? []))
        }
        topLevelNames = Set(GeneratedNames.topLevelNames(interface: interface.value).map(\.name))
        for type in contract.types {
            guard let name = type.name else { continue }
            let swiftName = GeneratedNames.swiftIdentifier(name.value)
            typeNames[name.value] = swiftName
            topLevelNames.insert(swiftName)
        }
        for method in contract.methods {
            guard let name = method.name else { continue }
            topLevelNames.insert(GeneratedNames.inputName(method: name.value))
            topLevelNames.insert(GeneratedNames.codeName(method: name.value))
        }
        findMaskedTypes()

        var methods: [SwiftMethodModel] = []
        var inputs: [SwiftStructModel] = []
        var codes: [SwiftCodesModel] = []
        var handlerFunctions = Self.handlerMemberNames
        for method in contract.methods {
            guard let name = method.name else {
                problem(method.place, "a method has no 'name:'; every method needs one to be generated")
                continue
            }
            let swiftName = GeneratedNames.methodName(name.value, namespace: namespace)
            guard var translated = translate(method, name: name.value, swiftName: swiftName,
                                             interfaceName: interfaceName, isFirst: methods.isEmpty, isHTTP: isHTTP)
            else { continue }
            var handlerFunction = "_" + swiftName
            while handlerFunctions.contains(handlerFunction) || topLevelNames.contains(handlerFunction) { handlerFunction = "_" + handlerFunction }
            handlerFunctions.insert(handlerFunction)
            translated.method.handlerFunction = handlerFunction
            methods.append(translated.method)
            inputs.append(translated.input)
            if let code = translated.codes { codes.append(code) }
        }
        var types: [SwiftStructModel] = []
        for type in contract.types {
            guard let name = type.name, let swiftName = typeNames[name.value] else { continue }
            let doc = SwiftSyntax.docLines(type.description?.value ?? name.value)
            if let model = record(swiftName: swiftName, contractName: name.value, doc: doc, fields: type.fields, isInput: false) {
                types.append(model)
            }
        }
        let service = serviceModel(interfaceName: interfaceName)
        if !problems.isEmpty { throw GenerationFailure(diagnostics: problems) }
        let names = GeneratedNames.topLevelNames(interface: interface.value).map(\.name)
        let nested = types.map(\.name) + inputs.map(\.name) + codes.map(\.typeName)
        return SwiftFileModel(
            sourceFile: SwiftSyntax.lineComment(sourceFile),
            interfaceName: SwiftSyntax.declared(interfaceName),
            interfaceDoc: interfaceDoc(interfaceName: interfaceName),
            methods: methods,
            types: types,
            inputs: inputs,
            codes: codes,
            service: service,
            isHTTP: isHTTP,
            clientName: names[2],
            handlerName: names[3],
            serviceName: names[1],
            hasNested: !nested.isEmpty,
            aliases: nested.map { SwiftAliasModel(name: $0, target: SwiftSyntax.declared(namespace) + "." + $0) }
        )
    }

    /// The top-level declarations the contract's Swift file makes, with where the contract
    /// names them: the protocol and the namespace, and for HTTP and HTTPS the client and the
    /// handler (all from ``GeneratedNames/topLevelNames(interface:)``).
    static func declarations(_ contract: Contract) -> [(name: String, place: SourcePlace)] {
        guard let interface = contract.interface, !interface.value.isEmpty else { return [] }
        let names = GeneratedNames.topLevelNames(interface: interface.value).map(\.name)
        let count = contract.protocolKind?.isHTTP ?? false ? names.count : 2
        return names.prefix(count).map { ($0, interface.place) }
    }

    // MARK: - Types

    /// The Swift type of a value type.
    private func swiftType(_ type: ValueType) -> String {
        switch type {
        case .string: "Swift.String"
        case .integer: "Swift.Int64"
        case .decimal: "Foundation.Decimal"
        case .binary: "Foundation.Data"
        case .boolean: "Swift.Bool"
        case .date: "ContractRuntime.ContractDate"
        case .datetime: "ContractRuntime.ContractDateTime"
        case .named(let name): qualified(typeNames[name] ?? GeneratedNames.swiftIdentifier(name))
        case .list(let element, _): "[\(swiftType(element))]"
        }
    }

    /// A type nested in the namespace, as code outside it names it: `PersonInfoQueryService.PersonInfo`.
    private func qualified(_ name: String) -> String {
        SwiftSyntax.declared(namespace) + "." + SwiftSyntax.declared(name)
    }

    /// The type in words, for documentation.
    private func describe(_ type: ValueType) -> String {
        switch type {
        case .string(let min, let max):
            if min == max { return "string of exactly \(max) character\(max == 1 ? "" : "s")" }
            return "string of \(min) to \(max) characters"
        case .integer(let digits): return "integer of at most \(digits) digit\(digits == 1 ? "" : "s")"
        case .decimal(let precision, let scale):
            return "decimal of at most \(precision) digit\(precision == 1 ? "" : "s"), \(scale) after the point"
        case .binary(let bytes): return "binary of at most \(bytes) byte\(bytes == 1 ? "" : "s")"
        case .boolean: return "boolean"
        case .date: return "date (yyyy-MM-dd)"
        case .datetime: return "date and time with offset (ISO 8601)"
        case .named(let name): return "`\(typeNames[name] ?? GeneratedNames.swiftIdentifier(name))`"
        case .list(let element, let maxItems):
            let bound = maxItems.map { "at most \($0) of " } ?? ""
            return "list of \(bound)\(describe(element))"
        }
    }

    /// Finds the named types that hold masked strings, directly or in other types (through fields
    /// or list elements).
    ///
    /// Linear in the number of types and fields: a type is masked when it has a masked string
    /// field, or a field whose (element) type is masked, so the masked set is everything that
    /// reaches a directly masked type; one walk backwards along the references from those finds it.
    /// (A fixed point over the types re-walked a chain of `n` types `n` times.)
    private mutating func findMaskedTypes() {
        var referrers: [String: [String]] = [:]
        var work: [String] = []
        for type in contract.types {
            guard let name = type.name?.value else { continue }
            for field in type.fields {
                guard let resolved = field.resolution.type else { continue }
                if field.maskingKind != nil, resolved.isString {
                    if maskedTypes.insert(name).inserted { work.append(name) }
                } else if case .named(let target) = resolved.element {
                    referrers[target, default: []].append(name)
                }
            }
        }
        while let next = work.popLast() {
            for referrer in referrers[next] ?? [] where maskedTypes.insert(referrer).inserted {
                work.append(referrer)
            }
        }
    }

    /// A record's model, or nil (with problems reported) when a field cannot be generated.
    private mutating func record(swiftName: String, contractName: String, doc: [String], fields: [Field], isInput: Bool) -> SwiftStructModel? {
        var models: [SwiftFieldModel] = []
        var checks: [String] = []
        var maskings: [String] = []
        var initParameters: [String] = []
        var initDoc = ["/// Creates a value from its fields, in contract order."]
        var locals = LocalNames(reserved: topLevelNames)
        var hasCodingKeys = false
        var ok = true
        for field in fields {
            guard let name = field.name, let type = field.resolution.type else {
                problem(field.anchor, "a \(isInput ? "parameter" : "field") of '\(contractName)' has no name or no type that resolves; lint reports why")
                ok = false
                continue
            }
            // Two fields of one Swift name are reported by ``GeneratedNames/issues(_:)``.
            let identifier = GeneratedNames.memberName(name.value, namespace: namespace)
            if identifier != name.value { hasCodingKeys = true }
            let declared = SwiftSyntax.declared(identifier)
            let local = locals.name(for: identifier)
            let optional = !field.isRequired
            let swiftType = swiftType(type) + (optional ? "?" : "")
            var fieldDoc = SwiftSyntax.docLines(field.description?.value ?? "")
            var facts = describe(type).capitalisedFirst
            if let masking = field.maskingKind, type.isString { facts += "; masked as `\(masking.rawValue)`" }
            facts += optional ? "; optional." : "."
            if !fieldDoc.isEmpty { fieldDoc.append("///") }
            fieldDoc.append("/// " + facts)
            models.append(SwiftFieldModel(
                name: declared, label: SwiftSyntax.callLabel(identifier), doc: fieldDoc, type: swiftType, local: local,
                codingKey: identifier == name.value ? declared : "\(declared) = \(SwiftSyntax.stringLiteral(name.value))"))
            let parameter = SwiftSyntax.parameter(identifier, local: local, type: swiftType)
            initParameters.append(optional ? parameter + " = nil" : parameter)
            let description = SwiftSyntax.docLines(field.description?.value ?? "", indent: "  ")
            if let first = description.first {
                initDoc.append("///   - \(identifier): " + first.dropFirst(4))
                initDoc += description.dropFirst().map { $0 == "///" ? "///" : "///   " + $0.dropFirst(4) }
            }
            let path = "path + " + SwiftSyntax.stringLiteral("." + name.value)
            checks += validation(type, value: "self.\(declared)", path: path, optional: optional)
            if let line = masking(field, type: type, property: declared, optional: optional) { maskings.append(line) }
        }
        guard ok else { return nil }
        if initDoc.count > 1 { initDoc.insert(contentsOf: ["///", "/// - Parameters:"], at: 1) }
        return SwiftStructModel(
            name: SwiftSyntax.declared(swiftName), doc: doc, fields: models, hasFields: !models.isEmpty,
            initParameters: initParameters.joined(separator: ", "), initDoc: initDoc, hasCodingKeys: hasCodingKeys,
            rootLiteral: SwiftSyntax.stringLiteral(contractName), checks: checks, maskings: maskings,
            hasMasking: !maskings.isEmpty)
    }

    /// Statement lines checking `value` (a Swift expression) of `type` against the contract.
    private func validation(_ type: ValueType, value: String, path: String, optional: Bool) -> [String] {
        switch type {
        case .string(let min, let max):
            return ["validator.string(\(value), at: \(path), min: \(min), max: \(max))"]
        case .integer(let digits):
            return ["validator.integer(\(value), at: \(path), digits: \(digits))"]
        case .decimal(let precision, let scale):
            return ["validator.decimal(\(value), at: \(path), precision: \(precision), scale: \(scale))"]
        case .binary(let bytes):
            return ["validator.binary(\(value), at: \(path), max: \(bytes))"]
        case .boolean, .date, .datetime:
            return []
        case .named:
            return ["validator.nested(\(value), at: \(path))"]
        case .list(let element, let maxItems):
            var lines: [String] = []
            let list = optional ? "_list" : value
            if let maxItems {
                lines.append("validator.count(\(list).count, at: \(path), maxItems: \(maxItems))")
            }
            if case .named = element {
                lines.append("validator.nested(\(list), at: \(path))")
            } else {
                let inner = validation(element, value: "element", path: "path", optional: false)
                if !inner.isEmpty {
                    lines.append("validator.each(\(list), at: \(path)) { validator, element, path in")
                    lines += inner.map { "    " + $0 }
                    lines.append("}")
                }
            }
            guard optional, !lines.isEmpty else { return lines }
            return ["if let _list = \(value) {"] + lines.map { "    " + $0 } + ["}"]
        }
    }

    /// The statement masking a field in `masked()`, or nil when nothing in it is masked.
    private func masking(_ field: Field, type: ValueType, property: String, optional: Bool) -> String? {
        let source = "self.\(property)"
        let target = "_copy.\(property)"
        if let kind = field.maskingKind, type.isString {
            let apply = "ContractRuntime.Masking.\(kind.rawValue).apply(to: $0)"
            switch (type, optional) {
            case (.list, true): return "\(target) = \(source).map { $0.map { \(apply) } }"
            case (.list, false), (_, true): return "\(target) = \(source).map { \(apply) }"
            default: return "\(target) = ContractRuntime.Masking.\(kind.rawValue).apply(to: \(source))"
            }
        }
        guard case .named(let name) = type.element, maskedTypes.contains(name) else { return nil }
        switch (type, optional) {
        case (.list, true): return "\(target) = \(source)?.map { $0.masked() }"
        case (.list, false): return "\(target) = \(source).map { $0.masked() }"
        case (_, true): return "\(target) = \(source)?.masked()"
        default: return "\(target) = \(source).masked()"
        }
    }

    // MARK: - Methods

    private struct TranslatedMethod {
        var method: SwiftMethodModel
        var input: SwiftStructModel
        var codes: SwiftCodesModel?
    }

    private mutating func translate(
        _ method: Method, name: String, swiftName: String, interfaceName: String, isFirst: Bool, isHTTP: Bool
    ) -> TranslatedMethod? {
        let inputTypeName = GeneratedNames.inputName(method: name)
        let inputName = qualified(inputTypeName)
        let codeName = GeneratedNames.codeName(method: name)
        let declaredName = SwiftSyntax.declared(swiftName)

        // What the method returns.
        guard let returns = method.returns else {
            problem(method.anchor, "method '\(name)' has no 'returns:'; write 'type: none' to return nothing")
            return nil
        }
        var returnType = ""
        var outputExpression = "_output"
        if !returns.isNone {
            guard let type = returns.resolution.type else {
                problem(returns.type?.place ?? returns.place, "the return type of method '\(name)' does not resolve; lint reports why")
                return nil
            }
            returnType = swiftType(type)
            if case .named = type.element {
                if case .list = type {
                    outputExpression = "_masksResponses ? _output.map { $0.masked() } : _output"
                } else {
                    outputExpression = "_masksResponses ? _output.masked() : _output"
                }
            }
        }

        // The input record, and the parameters.
        let summaryDoc = SwiftSyntax.docLines(method.summary?.value ?? name)
        let inputDoc = ["/// The parameters of `\(interfaceName).\(swiftName)`: \(SwiftSyntax.lineComment(method.summary?.value ?? name))"]
            + ["///", "/// Sent as one value: the JSON body of a POST, PUT or PATCH call, or path and query items."]
        guard let input = record(swiftName: inputTypeName, contractName: inputTypeName, doc: inputDoc, fields: method.parameters, isInput: true) else {
            return nil
        }
        var parameters: [String] = []
        var inputArguments: [String] = []
        var serviceArguments: [String] = []
        var parameterDocs: [String] = []
        for (field, model) in zip(method.parameters, input.fields) {
            guard let fieldName = field.name?.value else { continue }
            let identifier = GeneratedNames.swiftIdentifier(fieldName)
            parameters.append(SwiftSyntax.parameter(identifier, local: model.local, type: model.type))
            inputArguments.append("\(model.label): \(model.local)")
            serviceArguments.append("\(SwiftSyntax.callLabel(identifier)): _input.\(model.name)")
            let lines = SwiftSyntax.docLines(field.description?.value ?? fieldName)
            parameterDocs.append(contentsOf: lines.enumerated().map { index, line in
                let text = line == "///" ? "" : String(line.dropFirst(4))
                return index == 0 ? "///   - \(identifier): \(text)" : (text.isEmpty ? "///" : "///     \(text)")
            })
        }

        // Return codes.
        var codes: SwiftCodesModel?
        var codeDocs: [String] = []
        if let codeList = returns.codes, !codeList.isEmpty {
            var cases: [SwiftCodeCaseModel] = []
            for code in codeList {
                guard let value = code.code?.value else { continue }
                // Two codes of one Swift name are reported by ``GeneratedNames/issues(_:)``.
                let caseName = GeneratedNames.caseName(written: code.name?.value, value: value)
                let meaning = code.meaning?.value ?? ""
                cases.append(SwiftCodeCaseModel(
                    name: SwiftSyntax.declared(caseName), value: String(value),
                    doc: SwiftSyntax.docLines(meaning.isEmpty ? "Code \(value)." : meaning),
                    meaningLiteral: SwiftSyntax.stringLiteral(meaning)))
                codeDocs.append("/// - \(value) `\(caseName)`: \(SwiftSyntax.lineComment(meaning))")
            }
            codes = SwiftCodesModel(
                typeName: SwiftSyntax.declared(codeName),
                doc: ["/// The return codes of `\(interfaceName).\(swiftName)` (服务接口 5): \(SwiftSyntax.lineComment(method.summary?.value ?? name))",
                      "///", "/// A service answers a code other than 0 as a `ContractServiceError`; `init(_:)` reads it."],
                cases: cases)
        }

        // The HTTP binding: verb, path, where each parameter goes.
        let verb = method.http?.method?.value ?? "POST"
        let path = method.http?.path?.value ?? "/" + name
        let pathVariables = Set(method.http?.pathVariables ?? [])
        let sendsBody = !(verb == "GET" || verb == "DELETE")
        var pathValues: [String] = []
        var queryLines: [String] = []
        var readLines: [String] = []
        var requiredLocals: [String] = []
        var agreeLines: [String] = []
        for (field, model) in zip(method.parameters, input.fields) {
            guard let key = field.name?.value, let type = field.resolution.type else { continue }
            let keyLiteral = SwiftSyntax.stringLiteral(key)
            let local = model.local
            let baseType = swiftType(type)
            if pathVariables.contains(key) {
                pathValues.append("\(keyLiteral): _input.\(model.name).parameterText")
                readLines.append("let \(local) = _reader.path(\(keyLiteral), as: \(baseType).self)")
                if sendsBody {
                    agreeLines.append("_reader.agree(\(keyLiteral), path: \(local), body: _input.\(model.name))")
                } else {
                    requiredLocals.append(local)
                }
                continue
            }
            guard !sendsBody else { continue }
            let required = field.isRequired ? "true" : "false"
            if field.isRequired { requiredLocals.append(local) }
            switch type {
            case .named, .list(.named, _):
                queryLines.append("try _query.addJSON(\(keyLiteral), _input.\(model.name))")
                readLines.append("let \(local) = _reader.queryJSON(\(keyLiteral), as: \(baseType).self, required: \(required))")
            case .list(let element, _):
                queryLines.append("_query.add(\(keyLiteral), _input.\(model.name))")
                readLines.append("let \(local) = _reader.queryList(\(keyLiteral), of: \(swiftType(element)).self, required: \(required))")
            default:
                queryLines.append("_query.add(\(keyLiteral), _input.\(model.name))")
                readLines.append("let \(local) = _reader.query(\(keyLiteral), as: \(baseType).self, required: \(required))")
            }
        }
        let inputLiteral = SwiftSyntax.stringLiteral(inputTypeName)
        var decodeLines: [String] = []
        if sendsBody {
            decodeLines.append("_input = try ContractRuntime.ContractReply.decodeBody(\(inputName).self, from: _request)")
            if !readLines.isEmpty {
                decodeLines.append("var _reader = ContractRuntime.ContractParameterReader(typeName: \(inputLiteral), pathValues: _pathValues, query: [])")
                decodeLines += readLines + agreeLines
                decodeLines.append("guard _reader.isValid else { throw _reader.error }")
            }
        } else if readLines.isEmpty {
            decodeLines.append("_input = \(inputName)()")
        } else {
            decodeLines.append("var _reader = ContractRuntime.ContractParameterReader(typeName: \(inputLiteral), pathValues: _pathValues, query: _request.query)")
            decodeLines += readLines
            let bindings = requiredLocals.map { "let \($0)" }
            decodeLines.append("guard " + (["_reader.isValid"] + bindings).joined(separator: ", ") + " else { throw _reader.error }")
            let arguments = input.fields.map { "\($0.label): \($0.local)" }
            decodeLines.append("_input = \(inputName)(\(arguments.joined(separator: ", ")))")
        }
        decodeLines.append("try _input.validate()")

        // Documentation.
        var doc = summaryDoc
        if isHTTP {
            doc += ["///", "/// `\(verb) \(SwiftSyntax.lineComment(path).replacingBackticks())`"]
        }
        if returns.isNone, let description = returns.description?.value {
            let lines = SwiftSyntax.docLines(description)
            if let first = lines.first {
                doc += ["///", "/// Returns nothing (`none`): " + first.dropFirst(min(4, first.count))] + lines.dropFirst()
            }
        }
        if !codeDocs.isEmpty {
            doc += ["///", "/// Return codes (`\(codeName)`); a service answers any but 0 as a `ContractServiceError`:"] + codeDocs
        }
        doc.append("///")
        if parameterDocs.count > 0 {
            doc += ["/// - Parameters:"] + parameterDocs
        }
        if !returns.isNone {
            let lines = SwiftSyntax.docLines(returns.description?.value ?? returnType)
            doc += lines.enumerated().map { index, line in
                let text = line == "///" ? "" : String(line.dropFirst(4))
                return index == 0 ? "/// - Returns: \(text)" : (text.isEmpty ? "///" : "///   \(text)")
            }
        }
        doc.append("/// - Throws: `ContractServiceError` for a return code other than 0, or what the service or its transport throws.")
        if doc.first == "///" { doc.removeFirst() }

        let clientDoc = summaryDoc + ["///", "/// Validates the input, then calls `\(verb) \(SwiftSyntax.lineComment(path).replacingBackticks())`.",
                                      "/// - Throws: `ValidationError` (nothing is sent) when a parameter breaks the contract; `ContractServiceError` for a return code other than 0; `ContractTransportError`."]

        let model = SwiftMethodModel(
            name: declaredName, isFirst: isFirst, doc: doc, clientDoc: clientDoc,
            parameters: parameters.joined(separator: ", "),
            returnClause: returns.isNone ? "" : " -> " + returnType,
            returnsValue: !returns.isNone, returnType: returnType,
            inputType: inputName, inputArguments: inputArguments.joined(separator: ", "),
            verb: SwiftSyntax.stringLiteral(verb), pathLiteral: SwiftSyntax.stringLiteral(path),
            hasPathValues: !pathValues.isEmpty, pathValues: pathValues,
            queryLines: queryLines, hasQuery: !queryLines.isEmpty, sendsBody: sendsBody,
            routeCase: declaredName, handlerFunction: "", decodeLines: decodeLines,
            serviceArguments: serviceArguments.joined(separator: ", "), outputExpression: outputExpression)
        return TranslatedMethod(method: model, input: input, codes: codes)
    }

    // MARK: - Interface and catalogue

    private func interfaceDoc(interfaceName: String) -> [String] {
        var doc = SwiftSyntax.docLines(contract.title?.value ?? interfaceName)
        if let summary = contract.summary?.value {
            let lines = SwiftSyntax.docLines(summary)
            if !lines.isEmpty { doc += ["///"] + lines }
        }
        var facts: [String] = []
        if let code = contract.code?.value { facts.append("Service code \(SwiftSyntax.codeSpan(code))") }
        if let kind = contract.protocolKind {
            facts.append(kind.rawValue)
        } else if let name = contract.protocolName?.value, declaredProtocols.contains(where: { $0.name == name }) {
            facts.append(SwiftSyntax.lineComment(name) + " (declared in .contractc.yaml)")
        }
        if let address = contract.endpoint?.address?.value { facts.append(SwiftSyntax.codeSpan(address)) }
        if let version = contract.version?.value { facts.append("version \(SwiftSyntax.lineComment(version))") }
        if !facts.isEmpty { doc += ["///", "/// " + facts.joined(separator: ", ") + "."] }
        if let owner = contract.owner?.value { doc.append("/// Owner: \(SwiftSyntax.lineComment(owner)).") }
        doc += ["///", "/// Catalogue facts are in `\(interfaceName)Service`."]
        if contract.protocolKind?.isHTTP ?? false {
            doc.append("/// Call a service with `\(interfaceName)Client`; serve one with `\(interfaceName)Handler`.")
        }
        return doc
    }

    private mutating func serviceModel(interfaceName: String) -> SwiftServiceModel {
        func literal(_ text: String?) -> String { text.map(SwiftSyntax.stringLiteral) ?? "nil" }
        let anchor = contract.interface?.place ?? contract.place
        var code = "0000"
        if let written = contract.code?.value, written.utf8.count == 4, written.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            code = written
        } else {
            problem(contract.code?.place ?? anchor, "generated Swift needs the 4-digit service code; run `contractc codes` to assign one")
        }
        let protocolCase: String
        switch contract.protocolKind {
        case .soap?: protocolCase = "soap"
        case .telnet?: protocolCase = "telnet"
        case .ftp?: protocolCase = "ftp"
        case .smtp?: protocolCase = "smtp"
        case .http?: protocolCase = "http"
        case .https?: protocolCase = "https"
        case .sftp?: protocolCase = "sftp"
        case .snmp?: protocolCase = "snmp"
        case .dns?: protocolCase = "dns"
        case nil:
            if let name = contract.protocolName?.value, declaredProtocols.contains(where: { $0.name == name }) {
                // A declared protocol: the runtime names it; no client is generated for it.
                protocolCase = "declared(\(SwiftSyntax.stringLiteral(name)))"
            } else {
                protocolCase = "http"
                problem(contract.protocolName?.place ?? anchor,
                    "generated Swift needs one of the nine protocols in 'protocol:', or one declared under 'protocols:' in .contractc.yaml")
            }
        }
        let resource = contract.classification?.resourceCategory
        let service = contract.classification?.serviceCategory
        if resource == nil || service == nil {
            problem(contract.classification?.place ?? anchor, "generated Swift needs 'classification.resource' and 'classification.service'")
        }
        let hosting = contract.endpoint?.hostingKind ?? .local
        let sharing = contract.sharing?.sharingLevel
        if sharing == nil { problem(contract.sharing?.place ?? anchor, "generated Swift needs 'sharing.level'") }
        let exchange = contract.exchangeMode ?? .interface

        var hasFiles = false
        var classification = ""
        var region = ""
        var extensions: [String] = []
        if exchange == .file, let files = contract.files, let written = files.classification?.value, !written.isEmpty,
           let list = files.extensions?.map(\.value), !list.isEmpty {
            hasFiles = true
            classification = written.count < 5 ? written + String(repeating: "0", count: 5 - written.count) : written
            region = files.region?.value ?? ""
            extensions = list
        }
        let example = hasFiles ? "\(classification)2026\(region.isEmpty ? "510100" : region).\(extensions[0])" : ""
        var doc = ["/// Catalogue facts of `\(interfaceName)`: \(SwiftSyntax.lineComment(contract.title?.value ?? interfaceName))"]
        doc += ["///", "/// The values of the contract's keys (服务分类, 服务接口 2, 服务发布与巡检, 数据共享, 数据交换), as constants."]
        return SwiftServiceModel(
            doc: doc,
            code: SwiftSyntax.stringLiteral(code),
            title: literal(contract.title?.value ?? interfaceName),
            summary: literal(contract.summary?.value),
            version: literal(contract.version?.value ?? ""),
            owner: literal(contract.owner?.value ?? ""),
            address: literal(contract.endpoint?.address?.value ?? ""),
            origin: literal(contract.endpoint?.origin?.value),
            inspection: literal(contract.endpoint?.inspection?.value ?? ""),
            sharingConditions: literal(contract.sharing?.conditions?.value),
            content: literal(contract.classification?.content?.value ?? ""),
            resourceCategory: "ContractRuntime.ResourceCategory.\(resource?.rawValue ?? "general")",
            serviceCategory: "ContractRuntime.ServiceCategory.\(service?.rawValue ?? "other")",
            serviceProtocol: "ContractRuntime.ServiceProtocol.\(protocolCase)",
            hosting: "ContractRuntime.Hosting.\(hosting.rawValue)",
            sharing: "ContractRuntime.SharingLevel.\(sharing?.rawValue ?? "none")",
            exchange: "ContractRuntime.ExchangeMode.\(exchange.rawValue)",
            hasFiles: hasFiles,
            fileClassification: SwiftSyntax.stringLiteral(classification),
            fileRegion: region.isEmpty ? "" : SwiftSyntax.stringLiteral(region),
            hasFileRegion: !region.isEmpty,
            regionDefault: region.isEmpty ? "" : " = " + SwiftSyntax.stringLiteral(region),
            fileExtensions: "[" + extensions.map(SwiftSyntax.stringLiteral).joined(separator: ", ") + "]",
            fileNameExample: SwiftSyntax.lineComment(example))
    }
}

/// Gives the parameters of one function (or the fields of one initializer) local names that are
/// valid, distinct, and hide nothing the generated body refers to.
///
/// A name stays as it is unless it is a keyword, a module generated code qualifies with, a
/// top-level name of the file, or starts with `_` (every name the templates use in a body does:
/// `_input`, `_reader`, `_core`, …); then it gets `_` before it until it is none of these and not
/// taken by an earlier parameter. Names kept as they are never start with `_` and changed ones
/// always do, so no two parameters share a local name.
struct LocalNames {
    private let reserved: Set<String>
    private var taken: Set<String> = []

    /// Creates an allocator that avoids `reserved` (the file's top-level names) as well as
    /// keywords and module names.
    init(reserved: Set<String>) {
        self.reserved = reserved
    }

    private func isFree(_ name: String) -> Bool {
        !name.hasPrefix("_") && !SwiftSyntax.keywords.contains(name) && !SwiftTranslator.moduleNames.contains(name)
            && !reserved.contains(name) && !taken.contains(name)
    }

    /// The local name of the parameter whose Swift identifier is `identifier`.
    mutating func name(for identifier: String) -> String {
        var local = identifier
        if !isFree(local) {
            local = "_" + local
            while taken.contains(local) || reserved.contains(local) { local = "_" + local }
        }
        taken.insert(local)
        return local
    }
}
