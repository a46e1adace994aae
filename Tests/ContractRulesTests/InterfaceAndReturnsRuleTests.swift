import ContractRules
import ContractSyntax
import Testing

// MARK: - ServiceAddress

@Suite("Service addresses")
struct ServiceAddressTests {
    static func parsed(_ text: String) -> ServiceAddress? {
        if case .success(let address) = ServiceAddress.parse(text) { return address }
        return nil
    }

    static func error(_ text: String) -> AddressError? {
        if case .failure(let error) = ServiceAddress.parse(text) { return error }
        return nil
    }

    @Test func parsesTheParts() throws {
        let a = try #require(Self.parsed("HTTPS://hrss.example.cn:8443/api/person?format=json&v=1"))
        #expect(a.scheme == "https")
        #expect(a.host == "hrss.example.cn")
        #expect(!a.isIPv6)
        #expect(a.port == 8443)
        #expect(a.path == "/api/person")
        #expect(a.query == "format=json&v=1")
        #expect(a.description == "https://hrss.example.cn:8443/api/person?format=json&v=1")
        #expect(a.effectivePort == 8443)
    }

    @Test func hostAloneAndDefaultPorts() throws {
        let a = try #require(Self.parsed("sftp://files.example.cn"))
        #expect(a.path == "")
        #expect(a.port == nil)
        #expect(a.query == nil)
        #expect(a.effectivePort == 22)
        #expect(Self.parsed("dns://10.0.0.53")?.effectivePort == 53)
        #expect(Self.parsed("https://hrss.example.cn/")?.effectivePort == 443)
        #expect(Self.parsed("gopher://example.cn")?.effectivePort == nil)
        #expect(ServiceAddress.defaultPort(forScheme: "SMTPS") == 465)
    }

    @Test(arguments: [
        "https://hrss.example.cn/api/person",
        "http://localhost:8080",
        "https://hrss.example.cn./api",
        "https://10.0.0.1:65535/",
        "https://0.0.0.0/",
        "https://internal_host.example.cn/x",
        "https://hrss.example.cn/api/%E4%BA%BA%E5%91%98",
        "https://hrss.example.cn/api/人员",
        "soap+tls://hrss.example.cn/ws",
        "https://[::1]/",
        "https://[::]:8443",
        "https://[2001:db8::1]:8443/api?x=1",
        "https://[1:2:3:4:5:6:7:8]/",
        "https://[::ffff:192.0.2.1]/",
        "https://[fe80::1%25eth0]/",
    ])
    func accepts(_ text: String) {
        #expect(Self.parsed(text) != nil, "\(text): \(Self.error(text)?.message ?? "")")
    }

    @Test func ipv6HostKeepsBracketsOnlyInTheURL() throws {
        let a = try #require(Self.parsed("https://[2001:db8::1]:8443/api"))
        #expect(a.isIPv6)
        #expect(a.host == "2001:db8::1")
        #expect(a.hostForURL == "[2001:db8::1]")
        #expect(a.description == "https://[2001:db8::1]:8443/api")
    }

    @Test(arguments: [
        ("", AddressError.Kind.empty),
        ("https://hrss.example.cn/api person", .whitespace),
        ("https://hrss.example.cn/api\u{3000}person", .whitespace),
        (" https://hrss.example.cn", .whitespace),
        ("https://hrss.example.cn/a\tb", .whitespace),
        ("hrss.example.cn/api/person", .missingScheme),
        ("localhost:8080/api", .missingScheme),
        ("/api/person", .missingScheme),
        ("1http://hrss.example.cn", .invalidScheme),
        ("ht_tp://hrss.example.cn", .invalidScheme),
        ("https:hrss.example.cn", .missingAuthority),
        ("https:/hrss.example.cn", .missingAuthority),
        ("https://user:secret@hrss.example.cn/", .credentials),
        ("https://", .emptyHost),
        ("https:///api", .emptyHost),
        ("https://:8080/api", .emptyHost),
        ("https://hrss..example.cn", .invalidHost),
        ("https://.example.cn", .invalidHost),
        ("https://-hrss.example.cn", .invalidHost),
        ("https://hrss!.example.cn", .invalidHost),
        ("https://人社.example.cn", .invalidHost),
        ("https://10.0.0.256/", .invalidHost),
        ("https://10.0.0/", .invalidHost),
        ("https://010.0.0.1/", .invalidHost),
        ("https://[::1/", .invalidHost),
        ("https://[1::2::3]/", .invalidHost),
        ("https://[1:2:3]/", .invalidHost),
        ("https://[12345::1]/", .invalidHost),
        ("https://[1:2:3:4:5:6:7:8:9]/", .invalidHost),
        ("https://[1:2:3:4:5:6:7::8]/", .invalidHost),
        ("https://[:::1]/", .invalidHost),
        ("https://[fe80::1%eth0]/", .invalidHost),
        ("https://[::1]x/", .invalidHost),
        ("https://hrss.example.cn:0/", .invalidPort),
        ("https://hrss.example.cn:65536/", .invalidPort),
        ("https://hrss.example.cn:99999999999999999999/", .invalidPort),
        ("https://hrss.example.cn:/", .invalidPort),
        ("https://hrss.example.cn:http/", .invalidPort),
        ("https://hrss.example.cn/a%2", .invalidCharacter),
        ("https://hrss.example.cn/a%zz", .invalidCharacter),
        ("https://hrss.example.cn\\api", .invalidCharacter),
        ("https://hrss.example.cn/api#top", .fragment),
    ])
    func rejects(_ text: String, _ kind: AddressError.Kind) {
        let error = Self.error(text)
        #expect(error?.kind == kind, "\(text): \(error.map { "\($0.kind): \($0.message)" } ?? "accepted")")
        #expect(error.map { !$0.message.isEmpty } ?? false)
    }

    @Test func errorsSayWhereAndWhat() throws {
        let space = try #require(Self.error("https://hrss.example.cn/api person"))
        #expect(space.offset == 27)
        #expect(space.message.contains("a space at character 28"))
        let ideographic = try #require(Self.error("https://a.cn/\u{3000}"))
        #expect(ideographic.message.contains("U+3000"))
        let port = try #require(Self.error("https://hrss.example.cn:99999/api"))
        #expect(port.message == "port 99999 is out of range; a port is from 1 to 65535")
        #expect(port.offset == 24)
        let credentials = try #require(Self.error("ftp://anonymous@files.example.cn/"))
        #expect(credentials.message.contains("'anonymous@'"))
        let authority = try #require(Self.error("https:/hrss.example.cn/api"))
        #expect(authority.message.contains("write https://hrss.example.cn/api"))
        let v6 = try #require(Self.error("https://[1::2::3]/"))
        #expect(v6.message.contains("'::' may appear only once"))
    }
}

// MARK: - Rules

/// Lints one contract and gives every finding as `line:column rule`.
private func lint(
    _ text: String, file: String = "PersonInfoQuery.contract.yaml", settings: LintSettings = .standard
) -> [Diagnostic] {
    Linter.lint([(file, text)], settings: settings)
}

private func summary(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.line):\($0.column) \($0.rule)" }
}

@Suite("Interface rules")
struct InterfaceRuleTests {
    @Test func protocolMissingAtTheDocumentWithAdviceFromTheAddress() throws {
        let found = lint(Examples.base(replacing: "protocol: HTTPS\n", with: ""))
        #expect(summary(found) == ["1:1 protocol-missing"])
        let message = try #require(found.first?.message)
        #expect(message.contains("add 'protocol: HTTPS'"))
        let noHint = lint(Examples.base([("protocol: HTTPS\n", ""), ("https://hrss", "gopher://hrss")]))
        #expect(noHint.first?.message.contains("SOAP, Telnet, FTP, SMTP, HTTP, HTTPS, SFTP, SNMP or DNS") == true)
    }

    @Test func emptyProtocolIsMissingButAWrongKindIsValueType() {
        #expect(summary(lint(Examples.base(replacing: "protocol: HTTPS", with: "protocol:"))) == ["11:1 protocol-missing"])
        #expect(summary(lint(Examples.base(replacing: "protocol: HTTPS", with: "protocol: [HTTPS]"))) == ["11:11 value-type"])
        #expect(summary(lint(Examples.base(replacing: "protocol: HTTPS", with: "protocol: 443"))) == ["11:11 value-type"])
    }

    @Test(arguments: [
        ("https", "did you mean 'HTTPS'?"),
        ("telnet", "did you mean 'Telnet'?"),
        ("Https", "did you mean 'HTTPS'?"),
        ("SFPT", "did you mean 'SFTP'?"),
        ("REST", "the address is https://…, so write 'protocol: HTTPS'"),
    ])
    func protocolUnknownSuggests(_ written: String, _ expected: String) throws {
        let found = lint(Examples.base(replacing: "protocol: HTTPS", with: "protocol: \(written)"))
        #expect(summary(found) == ["11:11 protocol-unknown"])
        let message = try #require(found.first?.message)
        #expect(message.hasPrefix("protocol '\(written)' is not one of the nine protocols of 服务接口 2"))
        #expect(message.contains(expected), "\(message)")
    }

    @Test func protocolUnknownListsTheNineWhenNothingFits() throws {
        let found = lint(Examples.base([("protocol: HTTPS", "protocol: WebSocket"), ("https://hrss", "wss://hrss")]))
        #expect(summary(found) == ["11:11 protocol-unknown"])
        #expect(found.first?.message.hasSuffix("write one of SOAP, Telnet, FTP, SMTP, HTTP, HTTPS, SFTP, SNMP or DNS, or declare it under 'protocols:' in .contractc.yaml") == true)
    }

    @Test func addressInvalidPointsAtTheValue() throws {
        let found = lint(Examples.base(replacing: "https://hrss.example.cn/api/person", with: "https://hrss.example.cn:0/api/person"))
        #expect(summary(found) == ["13:12 address-invalid"])
        #expect(found.first?.message == "endpoint address: port 0 is out of range; a port is from 1 to 65535")
    }

    @Test func addressWithoutSchemeGetsTheProtocolsScheme() throws {
        let found = lint(Examples.base(replacing: "https://hrss.example.cn/api/person", with: "hrss.example.cn/api/person"))
        #expect(summary(found) == ["13:12 address-invalid"])
        #expect(found.first?.message.hasSuffix("; write https://hrss.example.cn/api/person") == true)
    }

    @Test func emptyAddressIsReportedOnceAtTheEndpoint() {
        #expect(summary(lint(Examples.base(replacing: "  address: https://hrss.example.cn/api/person", with: "  address:"))) == ["12:1 key-missing"])
        #expect(summary(lint(Examples.base(replacing: "  address: https://hrss.example.cn/api/person\n", with: ""))) == ["12:1 key-missing"])
        #expect(summary(lint(Examples.base(replacing: "  address: https://hrss.example.cn/api/person", with: "  address: [a, b]"))) == ["13:12 value-type"])
    }

    @Test func addressProtocolMismatchSaysWhatToWrite() throws {
        let found = lint(Examples.base(replacing: "https://hrss.example.cn/api/person", with: "http://hrss.example.cn/api/person"))
        #expect(summary(found) == ["13:12 address-protocol-mismatch"])
        #expect(found.first?.message == "address scheme 'http' does not fit protocol HTTPS; use https://hrss.example.cn/api/person, or change the protocol to HTTP if that is what the service speaks")
        let ftp = lint(Examples.base([("protocol: HTTPS", "protocol: FTP"), ("https://hrss", "sftp://hrss")]))
        #expect(ftp.first?.message.hasPrefix("address scheme 'sftp' does not fit protocol FTP; use ftp://hrss.example.cn/api/person or ftps://hrss.example.cn/api/person") == true)
        // Upper-case schemes are the same scheme.
        #expect(lint(Examples.base(replacing: "https://hrss", with: "HTTPS://hrss")).isEmpty)
    }

    @Test func addressRulesStayQuietWhenAnotherRuleSpeaks() {
        // An unknown protocol: only protocol-unknown, not a mismatch.
        #expect(summary(lint(Examples.base([("protocol: HTTPS", "protocol: Gopher"), ("https://hrss", "gopher://hrss")]))) == ["11:11 protocol-unknown"])
        // An invalid address: only address-invalid, not a mismatch.
        #expect(summary(lint(Examples.base(replacing: "https://hrss.example.cn/api/person", with: "ftp://hrss.example.cn:70000/x"))) == ["13:12 address-invalid"])
    }

    @Test func methodsMissingAndEmpty() throws {
        let head = try #require(Examples.base.split(separator: "methods:\n", maxSplits: 1).first.map(String.init))
        #expect(summary(lint(head)) == ["1:1 methods-missing"])
        #expect(summary(lint(head + "methods: []\n")) == ["19:1 methods-missing"])
        #expect(summary(lint(head + "methods:\n")) == ["19:9 value-type"])
        #expect(summary(lint(head + "methods: queryPerson\n")) == ["19:10 value-type"])
        #expect(summary(lint(head + "methods:\n  - queryPerson\n")) == ["20:5 value-type"])
    }

    @Test func methodSummaryMissingEmptyAndBlank() throws {
        let absent = lint(Examples.base(replacing: "    summary: 按公民身份号码查询参保人员\n", with: ""))
        #expect(summary(absent) == ["20:11 method-summary-missing"])
        #expect(absent.first?.message == "method 'queryPerson' has no 'summary'; add 'summary:' saying what it does (服务接口 3)")
        #expect(summary(lint(Examples.base(replacing: "    summary: 按公民身份号码查询参保人员", with: "    summary:"))) == ["20:11 method-summary-missing"])
        #expect(summary(lint(Examples.base(replacing: "    summary: 按公民身份号码查询参保人员", with: "    summary: \"  \""))) == ["21:14 method-summary-missing"])
        #expect(summary(lint(Examples.base(replacing: "    summary: 按公民身份号码查询参保人员", with: "    summary: [a]"))) == ["21:14 value-type"])
    }

    @Test func nameDuplicateNamesTheFirstLine() throws {
        let second = """
              - name: queryPerson
                summary: 再次查询
                returns:
                  type: none
                  description: 无
                  codes:
                    - code: 0
                      meaning: 成功
            types:
            """
        let found = lint(Examples.base(replacing: "types:", with: second))
        #expect(summary(found) == ["34:11 name-duplicate"])
        #expect(found.first?.message == "method name 'queryPerson' is already used on line 20; give each method its own name")
        let parameter = lint(Examples.base(replacing: "        masking: idNumber\n", with: "        masking: idNumber\n      - name: idNumber\n        type: C..20\n        description: 另一个\n"))
        #expect(summary(parameter) == ["27:15 name-duplicate"])
        #expect(parameter.first?.message == "parameter 'idNumber' of method 'queryPerson' is already declared on line 23; remove one or rename it")
    }

    static func bound(_ method: String = "GET", _ path: String = "/persons/{idNumber}", parameterLines: String = "") -> String {
        Examples.base([
            ("    summary: 按公民身份号码查询参保人员\n", "    summary: 按公民身份号码查询参保人员\n    http:\n      method: \(method)\n      path: \(path)\n"),
            ("        masking: idNumber\n", "        masking: idNumber\n" + parameterLines),
        ])
    }

    @Test func httpBindingOnAnHTTPSContractIsClean() {
        #expect(lint(Self.bound()).isEmpty)
        #expect(lint(Self.bound("DELETE", "/persons/{idNumber}/")).isEmpty)
    }

    @Test func httpVerbGetsDidYouMean() throws {
        let found = lint(Self.bound("get"))
        #expect(summary(found) == ["23:15 http-binding-invalid"])
        #expect(found.first?.message == "HTTP method 'get' of method 'queryPerson' is not one of GET, POST, PUT, PATCH or DELETE; did you mean 'GET'?")
        #expect(lint(Self.bound("HEAD")).first?.message.hasSuffix("GET, POST, PUT, PATCH or DELETE") == true)
    }

    @Test(arguments: [
        ("persons/{idNumber}", "must start with '/'; write '/persons/{idNumber}'"),
        ("/persons/{idNumber", "'{' is not closed"),
        ("/persons/idNumber}", "'}' without a '{'"),
        ("/persons/{}", "'{}' names no parameter"),
        ("/persons/{id{Number}}", "variables do not nest"),
        ("/persons?id={idNumber}", "'?' does not belong in a path template"),
        ("/persons/{idNumber}/{idNumber}", "appears twice"),
        ("/persons/{id}", "path variable '{id}' is not a parameter of method 'queryPerson'; add a parameter 'id' or remove '{id}' from the path"),
        ("/persons/{idNumbr}", "did you mean '{idNumber}'?"),
    ])
    func httpPathProblems(_ path: String, _ expected: String) throws {
        let found = lint(Self.bound("GET", path))
        #expect(summary(found) == ["24:13 http-binding-invalid"])
        let message = try #require(found.first?.message)
        #expect(message.contains(expected), "\(message)")
    }

    @Test func missingVerbAndPathAreReportedAtTheBinding() {
        let noPath = Examples.base(replacing: "    summary: 按公民身份号码查询参保人员\n", with: "    summary: 按公民身份号码查询参保人员\n    http:\n      method: GET\n")
        #expect(summary(lint(noPath)) == ["22:5 http-binding-invalid"])
        let emptyVerb = Self.bound("", "/persons/{idNumber}")
        #expect(summary(lint(emptyVerb)) == ["22:5 http-binding-invalid"])
        // An empty value reads as absent.
        #expect(lint(emptyVerb).first?.message.contains("has no 'method:'") == true)
        #expect(summary(lint(Self.bound("[GET]"))) == ["23:15 value-type"])
    }

    @Test func optionalOrStructuredPathVariables() throws {
        let optional = lint(Self.bound(parameterLines: "        required: false\n"))
        #expect(summary(optional) == ["30:19 http-binding-invalid"])
        #expect(optional.first?.message == "parameter 'idNumber' fills '{idNumber}' in the path of method 'queryPerson', so it cannot be optional; remove 'required: false'")
        let list = lint(Examples.base([
            ("    summary: 按公民身份号码查询参保人员\n", "    summary: 按公民身份号码查询参保人员\n    http:\n      method: GET\n      path: /persons/{idNumber}\n"),
            ("        type: C18\n        description: 公民身份号码\n        masking: idNumber\n", "        type: \"[C18]\"\n        description: 公民身份号码\n        masking: idNumber\n"),
        ]))
        #expect(summary(list) == ["27:15 http-binding-invalid"])
        #expect(list.first?.message.contains("its type [string] is not a single value") == true)
    }

    @Test func httpOnANonHTTPProtocol() throws {
        let found = lint(Self.bound().replacingProtocol("SOAP"))
        #expect(summary(found) == ["22:5 http-binding-invalid"])
        #expect(found.first?.message == "method 'queryPerson' has an 'http:' binding, but the interface's protocol is SOAP; 'http:' applies to HTTP and HTTPS only: remove it")
    }

    @Test func twoMethodsOnOneRoute() throws {
        let second = """
              - name: findPerson
                summary: 再次查询
                http:
                  method: GET
                  path: /persons/{number}
                parameters:
                  - name: number
                    type: C18
                    description: 公民身份号码
                returns:
                  type: none
                  description: 无
                  codes:
                    - code: 0
                      meaning: 成功
            types:
            """
        let found = lint(Self.bound().replacingTypes(with: second))
        #expect(summary(found) == ["41:13 http-binding-invalid"])
        #expect(found.first?.message == "GET /persons/{number} is already the route of method 'queryPerson' on line 24; two methods cannot share a route: change the HTTP method or the path")
        #expect(lint(Self.bound().replacingTypes(with: second.replacingFirstOccurrence("method: GET", "method: PUT"))).isEmpty)
    }

    @Test(arguments: [
        ("v1.2.0", "drop the 'v'", "1.2.0"),
        ("\"1.2\"", "it has 2 parts", "1.2.0"),
        ("\"1\"", "it has 1 part;", "1.0.0"),
        ("1.02.0", "'02' has a leading zero", "1.2.0"),
        ("V2.0.0-rc.1", "drop the 'V'", "2.0.0-rc.1"),
        ("1.2-beta", "it has 2 parts", "1.2.0-beta"),
    ])
    func versionSuggestions(_ written: String, _ reason: String, _ suggestion: String) throws {
        let found = lint(Examples.base(replacing: "version: 1.0.0", with: "version: \(written)"))
        #expect(summary(found) == ["5:10 version-invalid"])
        let message = try #require(found.first?.message)
        #expect(message.contains(reason), "\(message)")
        #expect(message.hasSuffix("did you mean '\(suggestion)'?"), "\(message)")
    }

    @Test(arguments: ["1.2.3.4", "1.2.x", "1.2.0-", "1.2.0-01", "1.2.0+", "1.2.0-a..b", "1.2.0+build_1", "latest", "1..0"])
    func versionsWithoutASuggestion(_ written: String) throws {
        let found = lint(Examples.base(replacing: "version: 1.0.0", with: "version: \(written)"))
        #expect(summary(found) == ["5:10 version-invalid"])
        #expect(found.first?.message.hasSuffix("write e.g. 1.0.0, 1.2.0-rc.1 or 1.2.0+20260101") == true, "\(found.first?.message ?? "")")
    }

    @Test(arguments: ["0.0.0", "1.0.0", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0-x.7.z.92",
        "1.0.0-alpha+001", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0-x-y-z.--"])
    func validVersions(_ written: String) {
        #expect(lint(Examples.base(replacing: "version: 1.0.0", with: "version: \(written)")).isEmpty)
    }

    @Test func emptyVersionAndWrongKinds() {
        #expect(summary(lint(Examples.base(replacing: "version: 1.0.0", with: "version:"))) == ["5:1 version-invalid"])
        #expect(summary(lint(Examples.base(replacing: "version: 1.0.0", with: "version: 1.2"))) == ["5:10 value-type"])
    }

    @Test func fileNameInterfaceIsOffUnlessEnabled() throws {
        #expect(lint(Examples.base, file: "contracts/person.contract.yaml").isEmpty)
        let on = LintSettings(severities: ["file-name-interface": .warning])
        let found = lint(Examples.base, file: "contracts/person.contract.yaml", settings: on)
        #expect(summary(found) == ["2:12 file-name-interface"])
        #expect(found.first?.severity == .warning)
        #expect(found.first?.message == "the file 'person.contract.yaml' holds interface PersonInfoQuery; rename it 'PersonInfoQuery.contract.yaml', so that the file and its generated PersonInfoQuery.swift carry the interface's name")
        #expect(lint(Examples.base, file: "contracts/PersonInfoQuery.contract.yaml", settings: on).isEmpty)
    }
}

@Suite("Returns rules")
struct ReturnsRuleTests {
    static let returnsBlock = """
            returns:
              type: PersonInfo
              description: 参保人员基础信息
              codes:
                - code: 0
                  name: success
                  meaning: 查询成功

        """

    @Test func returnsMissingIsTheOnlyFinding() throws {
        let found = lint(Examples.base(replacing: Self.returnsBlock, with: ""))
        #expect(summary(found).filter { $0.hasPrefix("20:") } == ["20:11 returns-missing"])
        #expect(!found.contains { $0.rule.hasPrefix("return-code") || $0.rule == "returns-description-missing" })
        #expect(found.first { $0.rule == "returns-missing" }?.message.hasPrefix("method 'queryPerson' has no 'returns'") == true)
    }

    @Test func returnsOfTheWrongKindIsValueTypeOnly() {
        #expect(summary(lint(Examples.base(replacing: Self.returnsBlock, with: "    returns: PersonInfo\n"))) == ["27:14 value-type"])
        let null = lint(Examples.base(replacing: Self.returnsBlock, with: "    returns:\n"))
        #expect(null.map(\.rule).filter { $0 != "value-type" }.isEmpty, "\(summary(null))")
    }

    @Test func descriptionMissingEmptyBlank() throws {
        let absent = lint(Examples.base(replacing: "      description: 参保人员基础信息\n", with: ""))
        #expect(summary(absent) == ["27:5 returns-description-missing"])
        #expect(summary(lint(Examples.base(replacing: "      description: 参保人员基础信息", with: "      description:"))) == ["27:5 returns-description-missing"])
        #expect(summary(lint(Examples.base(replacing: "      description: 参保人员基础信息", with: "      description: \" \""))) == ["29:20 returns-description-missing"])
        #expect(summary(lint(Examples.base(replacing: "      description: 参保人员基础信息", with: "      description: 42"))) == ["29:20 value-type"])
    }

    static let codesBlock = """
              codes:
                - code: 0
                  name: success
                  meaning: 查询成功

        """

    @Test func codesMissingEmptyAndUnreadable() throws {
        let absent = lint(Examples.base(replacing: Self.codesBlock, with: ""))
        #expect(summary(absent) == ["27:5 return-codes-missing"])
        #expect(absent.first?.message.hasPrefix("method 'queryPerson' lists no return codes; add 'codes:' under 'returns:'") == true)
        #expect(summary(lint(Examples.base(replacing: Self.codesBlock, with: "      codes: []\n"))) == ["30:7 return-codes-missing"])
        #expect(summary(lint(Examples.base(replacing: Self.codesBlock, with: "      codes:\n"))) == ["30:7 return-codes-missing"])
        #expect(summary(lint(Examples.base(replacing: Self.codesBlock, with: "      codes: 0\n"))) == ["30:14 value-type"])
        #expect(summary(lint(Examples.base(replacing: Self.codesBlock, with: "      codes:\n        - 0\n"))) == ["31:11 value-type"])
    }

    @Test func meaningMissingAtTheCode() throws {
        let absent = lint(Examples.base(replacing: "          meaning: 查询成功\n", with: ""))
        #expect(summary(absent) == ["31:17 return-code-meaning-missing"])
        #expect(absent.first?.message == "return code 0 of method 'queryPerson' has no 'meaning'; add 'meaning:' saying what the caller learns from it (服务接口 5)")
        #expect(summary(lint(Examples.base(replacing: "          meaning: 查询成功", with: "          meaning:"))) == ["31:17 return-code-meaning-missing"])
        #expect(summary(lint(Examples.base(replacing: "          meaning: 查询成功", with: "          meaning: [a]"))) == ["33:20 value-type"])
    }

    @Test func duplicateNumbersAndNames() throws {
        let number = lint(Examples.base(replacing: "          meaning: 查询成功\n", with: "          meaning: 查询成功\n        - code: 0\n          meaning: 未找到\n"))
        #expect(summary(number) == ["34:17 return-code-duplicate"])
        #expect(number.first?.message == "return code 0 of method 'queryPerson' is already listed on line 31; a code has one meaning: merge the two or give this one another number")
        let name = lint(Examples.base(replacing: "          meaning: 查询成功\n", with: "          meaning: 查询成功\n        - code: 1\n          name: success\n          meaning: 未找到\n"))
        #expect(summary(name) == ["35:17 return-code-duplicate"])
        #expect(name.first?.message == "return code name 'success' of method 'queryPerson' is already used on line 32 by code 0; give each code its own name")
    }
}

extension String {
    fileprivate func replacingFirstOccurrence(_ old: String, _ new: String) -> String {
        guard let range = firstRange(of: old) else { return self + "\n<not found: \(old)>" }
        return String(self[..<range.lowerBound]) + new + String(self[range.upperBound...])
    }

    fileprivate func replacingProtocol(_ name: String) -> String {
        replacingFirstOccurrence("protocol: HTTPS", "protocol: \(name)")
    }

    fileprivate func replacingTypes(with text: String) -> String {
        replacingFirstOccurrence("types:", text)
    }
}
