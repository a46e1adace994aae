import ContractCompiler
import ContractSyntax
import ContractTestSupport
import Foundation
import Testing

@Suite("Exchange file names (文件名命名规则)")
struct ExchangeFileNameTests {
    let contracts = ExchangeFileNameRules(allowances: [
        FileExchangeAllowance(classification: "A01", extensions: ["csv"]),
        FileExchangeAllowance(classification: "A0102", extensions: ["csv", "zip"]),
    ])

    func problems(_ name: String, _ rules: ExchangeFileNameRules = ExchangeFileNameRules()) -> [ExchangeFileNameProblem] {
        ExchangeFileNames.problems(in: name, rules: rules)
    }

    func message(_ name: String, _ rules: ExchangeFileNameRules = ExchangeFileNameRules()) -> String {
        ExchangeFileNames.message(for: problems(name, rules))
    }

    @Test func theStandardsExample() {
        #expect(ExchangeFileNames.name(classification: "A01", year: 2026, region: "510100", extension: "csv") == "A01002026510100.csv")
        #expect(problems("A01002026510100.csv").isEmpty)
        #expect(problems("A01002026510100.csv", contracts).isEmpty)
        #expect(problems("A01022025510104.zip", contracts).isEmpty)
        #expect(ExchangeFileNames.fill("A01") == "A0100")
        #expect(ExchangeFileNames.fill("A0102") == "A0102")
        #expect(ExchangeFileNames.name(classification: "a01", year: 2026, region: "510100", extension: "csv") == nil)
        #expect(ExchangeFileNames.name(classification: "A01", year: 1900, region: "510100", extension: "csv") == nil)
    }

    /// 510122 (双流县) became 510116 (双流区): the check names the successor, not a neighbour
    /// one digit away (510121 金堂县), and a code retired without successor gets no guess.
    @Test func aRetiredRegionNamesItsSuccessor() {
        #expect(problems("A01002026510122.csv") == [.regionRetired("510122", name: "双流县", successor: "510116", successorName: "双流区")])
        #expect(message("A01002026510122.csv").contains("region 510122 (双流县) is no longer a GB/T 2260 code: it is now 510116 (双流区)"))
        #expect(!message("A01002026510122.csv").contains("did you mean"))
    }

    @Test func eachFailureKind() {
        #expect(problems("A0100202651010.csv") == [.wrongLength(14)])
        #expect(message("A0100202651010.csv").hasPrefix("the code before the extension has 14 characters, not 15"))
        #expect(problems("A0100-2026-510100.csv") == [.notAlphanumeric(["-"]), .wrongLength(17)])
        #expect(message("A01 02026510100.csv") == "the code contains ' ' (space); it is ASCII letters and digits only")
        #expect(problems("A01002026510100") == [.missingExtension])
        #expect(problems("A01002026510100.") == [.missingExtension])
        #expect(problems("A01001800510100.csv") == [.yearOutOfRange(1800)])
        #expect(message("A01001800510100.csv") == "year 1800 is out of range 1949..2100")
        #expect(problems("A01002101510100.csv") == [.yearOutOfRange(2101)])
        #expect(problems("A01001949510100.csv").isEmpty)
        #expect(problems("A0100202X510100.csv") == [.yearNotDigits("202X")])
        #expect(problems("A010020265101AB.csv") == [.regionNotDigits("5101AB")])
        #expect(message("A01002026510199.csv") == "region 510199 is not a GB/T 2260 code; did you mean 510129 (大邑县)?")
        #expect(problems("a01002026510100.csv") == [.classificationLowerCase("a0100")])
        #expect(problems("A01002026510100.CSV") == [.extensionInvalid("CSV")])
        #expect(message("A01002026510100.CSV").hasSuffix("did you mean 'csv'?"))
        #expect(problems("A01002026510100.tar.gz") == [.extensionInvalid("tar.gz")])
        // Several problems in one name make one message.
        #expect(message("A01001800510199.csv") == "year 1800 is out of range 1949..2100; region 510199 is not a GB/T 2260 code; did you mean 510129 (大邑县)?")
    }

    @Test func contractsDecideClassificationsAndExtensions() {
        #expect(message("A01032026510100.csv", contracts) == "no file-exchange contract has classification A0103 (known: A0100, A0102)")
        #expect(message("A01002026510100.zip", contracts) == "extension 'zip' is not allowed by the file-exchange contract of classification A0100 (allowed: csv)")
        #expect(message("A01032026510100.txt", contracts)
            == "no file-exchange contract has classification A0103 (known: A0100, A0102); extension 'txt' is not allowed by any file-exchange contract (allowed: csv, zip)")
        #expect(message("A01022026510100.CSV", contracts).hasSuffix("(allowed: csv, zip); did you mean 'csv'?"))
    }

    @Test func regionsFileReplacesTheTable() throws {
        let csv = "\u{FEFF}code,name\n510100,成都市\r\n# a comment\n\n\"510199\",\"新区, 测试\"\n"
        let table = try RegionTable.parseCSV(Array(csv.utf8), file: "regions.csv").get()
        #expect(table.count == 2)
        #expect(table.name(of: "510199") == "新区, 测试")
        let rules = ExchangeFileNameRules(regions: table)
        #expect(problems("A01002026510199.csv", rules).isEmpty)
        #expect(message("A01002026510104.csv", rules) == "region 510104 is not a GB/T 2260 code in regions.csv; did you mean 510100 (成都市)?")
        let bad = RegionTable.parseCSV(Array("code,name\n510100,成都市\n5101,x\n".utf8), file: "regions.csv")
        guard case .failure(let error) = bad else {
            Issue.record("a 4-digit code was accepted")
            return
        }
        #expect(Reporter.line(error.diagnostic).hasPrefix("regions.csv:3:1: error: '5101' is not a 6-digit region code"))
        guard case .failure = RegionTable.parseCSV(Array("code,name\n".utf8), file: "regions.csv") else {
            Issue.record("an empty table was accepted")
            return
        }
    }

    @Test func driverWalksFoldersSkipsHiddenFilesAndReportsOneLinePerFile() throws {
        let root = try FilesCLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let exchange = root.appendingPathComponent("exchange")
        for name in ["A01002026510100.csv", "2026/A01002026510199.csv", "2026/deep/A01001800510100.csv", ".hidden", ".git/config", "notes.txt"] {
            try FilesCLI.write("x", to: exchange.appendingPathComponent(name))
        }
        // A contracts folder without file-exchange contracts: any lower-case extension is accepted.
        let noContracts = root.appendingPathComponent("contracts")
        try FileManager.default.createDirectory(at: noContracts, withIntermediateDirectories: true)
        let run = FilesCheckDriver.run(folders: [exchange.path], contracts: [noContracts.path], regions: nil)
        #expect(run.notes.count == 1)
        #expect(run.contractCount == 0)
        #expect(run.toolProblems.isEmpty)
        #expect(run.fileCount == 4)
        #expect(run.diagnostics.map { $0.file.replacingOccurrences(of: exchange.path + "/", with: "") } == [
            "2026/A01002026510199.csv", "2026/deep/A01001800510100.csv", "notes.txt",
        ])
        #expect(run.diagnostics.allSatisfy { $0.rule == "exchange-file-name" && $0.line == 1 && $0.column == 1 })
        #expect(run.summary == "3 bad names in 4 files")
        #expect(run.exitCode == 1)
        let missing = FilesCheckDriver.run(folders: [root.appendingPathComponent("nope").path])
        #expect(missing.exitCode == 2)
    }
}

/// Runs the built `contractc` binary (the pattern of EndToEndTests/Support.swift).
enum FilesCLI {
    typealias Output = TestProcess.Output

    static let root = TestProcess.root
    static let binary = TestProcess.contractc

    /// Runs the binary, waiting off Swift concurrency's cooperative pool.
    static func run(_ arguments: [String], in directory: URL) async throws -> Output {
        try await TestProcess.runOffPool(binary, arguments, in: directory)
    }

    static func temporaryFolder(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("contractc-files-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

@Suite("contractc files check (the built binary)")
struct FilesCheckCommandTests {
    static let fileContract = """
        contract: 1
        interface: ContributionDetailFileExchange
        code: "2101"
        title: 缴费明细文件交换
        version: 1.0.0
        owner: 成都市社会保险事业管理局
        classification:
          resource: specialized
          service: basicQuery
          content: basicInfoQuery
        protocol: SFTP
        endpoint:
          address: sftp://127.0.0.1:22/outbound
          inspection: P1D
        sharing:
          level: unconditional
        exchange: file
        files:
          classification: A0102
          region: "510100"
          extensions: [csv, zip]
        methods:
          - name: listFiles
            summary: 列出文件
            returns:
              type: none
              description: 无
              codes:
                - code: 0
                  meaning: 成功

        """

    @Test func checksAFolderAgainstTheContracts() async throws {
        let root = try FilesCLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FilesCLI.write(Self.fileContract, to: root.appendingPathComponent("contracts/Files.contract.yaml"))
        for name in ["A01022026510100.csv", "A01022025510104.zip", "sub/A01032026510100.csv", "sub/A01022026510199.csv", "sub/A01022026510100.txt", ".DS_Store"] {
            try FilesCLI.write("data", to: root.appendingPathComponent("out/\(name)"))
        }
        let text = try await FilesCLI.run(["files", "check", "out"], in: root)
        #expect(text.status == 1, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout == """
            out/sub/A01022026510100.txt:1:1: error: extension 'txt' is not allowed by the file-exchange contract of classification A0102 (allowed: csv, zip) [exchange-file-name]
            out/sub/A01022026510199.csv:1:1: error: region 510199 is not a GB/T 2260 code; did you mean 510129 (大邑县)? [exchange-file-name]
            out/sub/A01032026510100.csv:1:1: error: no file-exchange contract has classification A0103 (known: A0102) [exchange-file-name]
            3 bad names in 5 files

            """)
        #expect(text.stderr.isEmpty)

        let json = try await FilesCLI.run(["files", "check", "out", "--format", "json"], in: root)
        #expect(json.status == 1)
        let array = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(array.count == 3)
        #expect(array.allSatisfy { $0["rule"] as? String == "exchange-file-name" })
        #expect(json.stderr == "3 bad names in 5 files\n")

        // A regions table replacing GB/T 2260 accepts 510199 and refuses the rest.
        try FilesCLI.write("code,name\n510199,测试区\n", to: root.appendingPathComponent("regions.csv"))
        let regions = try await FilesCLI.run(["files", "check", "out/sub", "--regions", "regions.csv"], in: root)
        #expect(regions.stdout.contains("A01022026510199.csv") == false)
        #expect(regions.stdout.contains("region 510100 is not a GB/T 2260 code in regions.csv"))
    }

    @Test func withoutContractsAnyLowerCaseExtensionIsAcceptedWithANote() async throws {
        let root = try FilesCLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FilesCLI.write("x", to: root.appendingPathComponent("out/A01002026510100.xlsx"))
        let good = try await FilesCLI.run(["files", "check", "out"], in: root)
        #expect(good.status == 0)
        #expect(good.stdout == "0 bad names in 1 file\n")
        #expect(good.stderr.contains("note: no contracts folder"))
    }

    @Test func missingFolderOrBadRegionsExitTwo() async throws {
        let root = try FilesCLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = try await FilesCLI.run(["files", "check", "nowhere"], in: root)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such folder 'nowhere'"))
        try FilesCLI.write("x", to: root.appendingPathComponent("out/A01002026510100.csv"))
        try FilesCLI.write("510100,成都市\nabc,坏\n", to: root.appendingPathComponent("regions.csv"))
        let badRegions = try await FilesCLI.run(["files", "check", "out", "--regions", "regions.csv"], in: root)
        #expect(badRegions.status == 2)
        #expect(badRegions.stderr.hasPrefix("regions.csv:2:1: error: 'abc' is not a 6-digit region code"))
        let noRegions = try await FilesCLI.run(["files", "check", "out", "--regions", "none.csv"], in: root)
        #expect(noRegions.status == 2)
        let badFormat = try await FilesCLI.run(["files", "check", "out", "--format", "sarif"], in: root)
        #expect(badFormat.status == 2)
    }
}
