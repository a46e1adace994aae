import ContractModel
import ContractSyntax

/// `http-binding-invalid`: a method's `http:` binding cannot be called as written.
public struct HTTPBindingInvalidRule: ContractRule {
    /// The base contract with an `http:` binding on its method.
    static func bound(method: String = "GET", path: String = "/persons/{idNumber}") -> String {
        Examples.base(replacing: "    summary: 按公民身份号码查询参保人员\n", with: """
                summary: 按公民身份号码查询参保人员
                http:
                  method: \(method)
                  path: \(path)

            """)
    }

    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "http-binding-invalid",
        severity: .error,
        clause: "服务接口 2",
        summary: "An `http:` binding belongs to an HTTP or HTTPS interface, uses GET, POST, PUT, PATCH or DELETE, has a path starting with `/` whose `{variables}` are required scalar parameters of the method, and no two methods share a route.",
        rationale: """
            服务接口 2 has the interface state its protocol; for HTTP and HTTPS the binding says how \
            each method is reached. A binding on another protocol, an unknown verb, a path variable \
            with no parameter behind it, an optional or structured path variable, or two methods on \
            one route would make the generated client and the published interface disagree with \
            the service — so the binding is checked as a whole.
            """,
        bad: [
            RuleExample(bound(method: "get")),
            RuleExample(bound(path: "persons/{idNumber}")),
            RuleExample(bound(path: "/persons/{id}")),
            RuleExample(bound().replacingFirst("protocol: HTTPS", with: "protocol: SOAP")),
            RuleExample(bound().replacingFirst("        masking: idNumber\n", with: "        masking: idNumber\n        required: false\n")),
            RuleExample(bound().replacingFirst("types:\n", with: """
                  - name: findPerson
                    summary: 按社会保障号码查询参保人员
                    http:
                      method: GET
                      path: /persons/{number}
                    parameters:
                      - name: number
                        type: C18
                        description: 社会保障号码
                        masking: idNumber
                    returns:
                      type: none
                      description: 无返回内容
                      codes:
                        - code: 0
                          meaning: 查询成功
                types:

                """)),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(bound()),
            RuleExample(bound(method: "POST", path: "/persons/search")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// The verbs a binding may use, for messages.
    static let verbs = HTTPMethodKind.allCases.map(\.rawValue)

    /// Checks each binding, then the routes of all bindings together.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        var routes: [String: (method: Method, place: SourcePlace)] = [:]
        for (index, method) in contract.methods.enumerated() {
            guard let http = method.http else { continue }
            if let kind = contract.protocolKind, !kind.isHTTP {
                findings.add(contract, http.place, "\(method.findingLabel) has an 'http:' binding, but the interface's protocol is \(kind.rawValue); 'http:' applies to HTTP and HTTPS only: remove it")
                continue
            }
            let end = contract.methodTextEnd(index)
            let verb = checkVerb(http, of: method, contract, end: end, into: &findings)
            let path = checkPath(http, of: method, contract, end: end, acronyms: options.acronyms, into: &findings)
            if let verb, let path {
                let route = "\(verb.rawValue) \(Self.routeKey(path.value))"
                if let first = routes[route] {
                    findings.add(contract, path.place, "\(verb.rawValue) \(path.value) is already the route of \(first.method.findingLabel) on line \(first.place.line); two methods cannot share a route: change the HTTP method or the path")
                } else {
                    routes[route] = (method, path.place)
                }
            }
        }
    }

    /// Checks `method:`; returns the verb when it is valid.
    private func checkVerb(_ http: HTTPBinding, of method: Method, _ contract: Contract, end: SourcePlace?, into findings: inout [Finding]) -> HTTPMethodKind? {
        let choices = "GET, POST, PUT, PATCH or DELETE"
        switch WrittenText(http.method, key: "method", writtenKeys: http.writtenKeys, in: contract, from: http.place, before: end) {
        case .unreadable:
            return nil
        case .absent:
            findings.add(contract, http.place, "the 'http:' binding of \(method.findingLabel) has no 'method:'; add one of \(choices)")
        case .empty:
            findings.add(contract, http.place, "the 'http:' binding of \(method.findingLabel) has an empty 'method:'; write one of \(choices)")
        case .blank(let place):
            findings.add(contract, place, "the 'http:' binding of \(method.findingLabel) has a blank 'method:'; write one of \(choices)")
        case .text(let verb):
            if let kind = HTTPMethodKind(rawValue: verb.value) { return kind }
            var message = "HTTP method '\(verb.value)' of \(method.findingLabel) is not one of \(choices)"
            if let suggestion = Suggestion.closest(to: verb.value, in: Self.verbs) {
                message += "; did you mean '\(suggestion)'?"
            }
            findings.add(contract, verb.place, message)
        }
        return nil
    }

    /// Checks `path:` and its variables; returns the path when it is well formed.
    private func checkPath(
        _ http: HTTPBinding, of method: Method, _ contract: Contract, end: SourcePlace?, acronyms: Set<String>,
        into findings: inout [Finding]
    ) -> Located<String>? {
        let example = "e.g. /persons/{idNumber}"
        let path: Located<String>
        switch WrittenText(http.path, key: "path", writtenKeys: http.writtenKeys, in: contract, from: http.place, before: end) {
        case .unreadable:
            return nil
        case .absent:
            findings.add(contract, http.place, "the 'http:' binding of \(method.findingLabel) has no 'path:'; add a path starting with '/', \(example)")
            return nil
        case .empty:
            findings.add(contract, http.place, "the 'http:' binding of \(method.findingLabel) has an empty 'path:'; write a path starting with '/', \(example)")
            return nil
        case .blank(let place):
            findings.add(contract, place, "the 'http:' binding of \(method.findingLabel) has a blank 'path:'; write a path starting with '/', \(example)")
            return nil
        case .text(let text):
            path = text
        }
        if !path.value.hasPrefix("/") {
            findings.add(contract, path.place, "HTTP path '\(path.value)' of \(method.findingLabel) must start with '/'; write '/\(path.value)'")
            return nil
        }
        let template: [String]
        switch Self.variables(in: path.value) {
        case .failure(let problem):
            findings.add(contract, path.place, "HTTP path '\(path.value)' of \(method.findingLabel): \(problem.message)")
            return nil
        case .success(let names):
            template = names
        }
        var ok = true
        var seen: Set<String> = []
        let parameterNames = method.parameters.compactMap { $0.name?.value }
        for name in template {
            guard seen.insert(name).inserted else {
                findings.add(contract, path.place, "path variable '{\(name)}' appears twice in '\(path.value)'; a parameter fills one place of the path")
                ok = false
                continue
            }
            guard let parameter = method.parameters.first(where: { $0.name?.value == name }) else {
                var message = "path variable '{\(name)}' is not a parameter of \(method.findingLabel)"
                if let misnamed = parameterNames.first(where: { !Naming.isValid($0, .camel, acronyms: acronyms) && Naming.fixed($0, .camel, acronyms: acronyms) == name }) {
                    // The path already has the camelCase name parameter-name-case asks for: one fix, the rename.
                    message += "; it is parameter '\(misnamed)' under its camelCase name: rename the parameter to '\(name)' (parameter-name-case) and the path matches as written"
                } else if let suggestion = Suggestion.closest(to: name, in: parameterNames) {
                    message += "; did you mean '{\(suggestion)}'?"
                } else {
                    message += "; add a parameter '\(name)' or remove '{\(name)}' from the path"
                }
                findings.add(contract, path.place, message)
                ok = false
                continue
            }
            if let required = parameter.required, !required.value {
                findings.add(contract, required.place, "parameter '\(name)' fills '{\(name)}' in the path of \(method.findingLabel), so it cannot be optional; remove 'required: false'")
            }
            if let type = parameter.resolution.type, !Self.fitsPath(type) {
                findings.add(contract, parameter.type?.place ?? parameter.anchor, "parameter '\(name)' fills '{\(name)}' in the path of \(method.findingLabel), but its type \(type.typeName) is not a single value; a path variable is a string, integer, decimal, boolean, date or datetime")
            }
        }
        return ok ? path : nil
    }

    /// Whether a value of the type can be written into a path segment.
    static func fitsPath(_ type: ValueType) -> Bool {
        switch type {
        case .string, .integer, .decimal, .boolean, .date, .datetime: true
        case .binary, .named, .list: false
        }
    }

    /// The names in `{braces}` of a path template, or what is wrong with the braces.
    static func variables(in path: String) -> Result<[String], PathTemplateError> {
        if let bad = path.first(where: { $0 == "?" || $0 == "#" }) {
            return .failure(PathTemplateError("'\(bad)' does not belong in a path template; write the path only — parameters outside the path go in the query (GET, DELETE) or the body (POST, PUT, PATCH)"))
        }
        if path.contains(where: \.isWhitespace) {
            return .failure(PathTemplateError("a path has no white space; write a space as %20 or use '-'"))
        }
        var names: [String] = []
        var current: String?
        for ch in path {
            switch ch {
            case "{":
                guard current == nil else { return .failure(PathTemplateError("'{' inside '{…}'; variables do not nest")) }
                current = ""
            case "}":
                guard let name = current else { return .failure(PathTemplateError("'}' without a '{' before it")) }
                guard !name.isEmpty else { return .failure(PathTemplateError("'{}' names no parameter; write '{parameterName}'")) }
                names.append(name)
                current = nil
            default:
                current?.append(ch)
            }
        }
        if current != nil { return .failure(PathTemplateError("'{' is not closed; write '{parameterName}'")) }
        return .success(names)
    }

    /// The route a path template matches: variables are anonymous, a trailing `/` is ignored.
    static func routeKey(_ path: String) -> String {
        var key = ""
        var inVariable = false
        for ch in path {
            if ch == "{" {
                inVariable = true
                key += "{}"
            } else if ch == "}" {
                inVariable = false
            } else if !inVariable {
                key.append(ch)
            }
        }
        if key.count > 1, key.hasSuffix("/") { key.removeLast() }
        return key
    }
}

/// What is wrong with the braces or characters of a path template.
struct PathTemplateError: Error {
    /// The explanation, for the author.
    var message: String
    /// Creates an error.
    init(_ message: String) { self.message = message }
}
