import ContractCompiler
import ContractGenerators
import Foundation
import Testing

/// What the browser test needs: Chromium, its WebDriver and Python selenium.
enum BrowserCheck {
    /// The script that drives the page (`browser/catalogue_page_check.py` beside this file).
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("browser/catalogue_page_check.py")

    /// The first of the names found on PATH.
    static func onPath(_ names: String...) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in names {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    /// Whether the machine can run the test: Debian's `chromium` and `chromium-driver` and the
    /// Python package `selenium`.
    static let available: Bool = onPath("chromium", "chromium-browser", "google-chrome") != nil
        && onPath("chromedriver") != nil
        && PublishSupport.pythonHas("selenium")

    /// Where screenshots go: `$CONTRACTC_TEST_OUTPUT/catalogue-browser`, else
    /// `.build/test-output/catalogue-browser` of the repository.
    static var outputFolder: URL {
        if let folder = ProcessInfo.processInfo.environment["CONTRACTC_TEST_OUTPUT"], !folder.isEmpty {
            return URL(fileURLWithPath: folder).appendingPathComponent("catalogue-browser")
        }
        return GeneratorSupport.root.appendingPathComponent(".build/test-output/catalogue-browser")
    }
}

@Suite("catalogue page in a real browser")
struct CatalogueBrowserTests {
    @Test("index.html in headless Chromium: search as you type, filters, count, hostile text stays text, screenshots",
          .enabled(if: BrowserCheck.available,
                   "skipped: needs chromium, chromium-driver (Debian) and Python selenium (pip); .ci/run installs them"),
          .timeLimit(.minutes(3)))
    func pageInChromium() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let contracts = try PublishSupport.contractsWithHostile(in: folder)
        let output = folder.appendingPathComponent("catalogue")
        let run = CatalogueDriver.run(paths: [contracts.path], output: output.path)
        #expect(run.exitCode == 0, "\(run.diagnostics) \(run.toolProblems)")

        // What a person should see, worked out from the catalogue itself.
        let data = try Data(contentsOf: output.appendingPathComponent("catalogue.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        func text(_ entry: [String: Any], _ key: String) -> String { entry[key] as? String ?? "" }
        let searchable = entries.map { entry in
            ["code", "interface", "title", "owner", "protocol"].map { text(entry, $0) }.joined(separator: " ").lowercased()
        }
        let sftp = zip(entries, searchable).filter { $0.1.contains("sftp") }.map { text($0.0, "code") }
        // Typing SFTP leaves exactly the SFTP services.
        #expect(sftp == entries.filter { text($0, "protocol") == "SFTP" }.map { text($0, "code") })
        #expect(sftp.count == 2)
        let https = entries.filter { text($0, "protocol") == "HTTPS" }.count
        let notShared = entries.filter { ($0["sharing"] as? [String: Any])?["level"] as? String == "none" }.count

        let screenshots = BrowserCheck.outputFolder
        try? FileManager.default.removeItem(at: screenshots)
        let result = try PublishSupport.run([
            "python3", BrowserCheck.script.path,
            "--page", output.appendingPathComponent("index.html").path,
            "--screenshots", screenshots.path,
            "--total", String(entries.count),
            "--search", "SFTP", "--search-count", String(sftp.count),
            "--protocol", "HTTPS", "--protocol-count", String(https),
            "--sharing", "none", "--sharing-count", String(notShared),
            "--xss-text", "<script>alert(1)</script> 注入探针",
            "--xss-text", "来源 Origin：</script><script>window.__xss=3</script>",
            "--xss-text", "\"><img src=x onerror=\"window.__xss=1\">",
        ])
        #expect(result.status == 0, "the page check failed:\n\(result.output)")
        let report = result.output.firstIndex(of: "{").map { String(result.output[$0...]) } ?? ""
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any], "\(result.output)")
        #expect(seen["ok"] as? Bool == true)
        #expect(seen["visibleAtStart"] as? Int == entries.count)
        #expect(seen["visibleAfterSearch"] as? Int == sftp.count)
        #expect(seen["searchShows"] as? [String] == sftp)
        // The list narrowed while typing, not only at the end.
        let counts = seen["searchCounts"] as? [Int] ?? []
        #expect(counts.count == 4 && counts.last == sftp.count, "\(counts)")
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 >= $1 }, "each letter narrows or keeps the list: \(counts)")
        #expect((seen["dialogs"] as? [Any])?.isEmpty == true)

        for name in ["catalogue-1200.png", "catalogue-search.png", "catalogue-full.png", "catalogue-phone.png"] {
            let shot = try Data(contentsOf: screenshots.appendingPathComponent(name))
            #expect(shot.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is not a PNG")
            #expect(shot.count > 10_000, "\(name) looks empty")
        }
    }
}
