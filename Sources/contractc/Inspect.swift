import ArgumentParser
import ContractCompiler
import ContractInspection
import Foundation

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect every address of a published catalogue.json (服务发布与巡检).",
        discussion: """
            Each address is checked by its protocol: HTTP, HTTPS and SOAP by a HEAD request (GET when \
            HEAD is refused; for SOAP a POST of an empty envelope, and a SOAP Fault in the answer means \
            the service answers), redirects not followed; FTP and SMTP by a TCP connection and a 220 \
            greeting; SFTP by an SSH- banner; Telnet by a connection; DNS by asking the server in the \
            address (dns://server[:port]/name?type=A) itself, over UDP; SNMP by an SNMPv1 GetRequest \
            for sysDescr, and unchecked unless an agent answers. 2xx, 3xx and 4xx other than 404/410 \
            count as up (401 and 403: the service answers); 404, 410, 5xx and no answer count as down. \
            Every down service gets the standard's action: `repair and update address` when it is \
            local, `notify <origin>` when it is remote. With --due, only services whose inspection \
            period has passed since they were last found up (kept in the state file, by code) are \
            inspected; a service that is down or unchecked stays due until it is up. Exit 0 when \
            nothing is down, 1 when something is, 2 when the catalogue or the state cannot be read or \
            written.
            """
    )

    @Argument(help: "The catalogue.json published by `contractc catalogue`.")
    var catalogue: String

    @Option(help: "Seconds each address may take: a hard limit, a server that never answers included.")
    var timeout: Double = 10

    @Option(help: "How many addresses are inspected at once.")
    var concurrency: Int = 8

    @Option(help: ArgumentHelp("Inspect only services due by their inspection period, and record the times in this JSON file.", valueName: "STATE.json"))
    var due: String?

    @Option(help: "Output format: text or json.")
    var format: InspectionFormat = .text

    func validate() throws {
        guard timeout.isFinite, timeout > 0, timeout <= 3600 else {
            throw ValidationError("--timeout is a number of seconds greater than 0 and at most 3600")
        }
        guard (1...256).contains(concurrency) else {
            throw ValidationError("--concurrency is a whole number from 1 to 256")
        }
    }

    func run() throws {
        let request = InspectionRequest(
            cataloguePath: catalogue, statePath: due,
            inspector: Inspector(timeout: timeout, concurrency: concurrency)
        )
        let io = InspectionIO(
            read: { path in
                if FileSystem.kind(path) == .missing { return .missing }
                switch FileSystem.read(path, limit: 64 * 1024 * 1024) {
                case .bytes(let bytes): return .bytes(bytes)
                case .tooLarge(let size): return .failed("the file is \(size) bytes; the limit is 64 MB")
                case .failed(let why): return .failed(why)
                }
            },
            write: { bytes, path in try FileSystem.writeIfChanged(bytes, to: path) }
        )
        let result = waitFor { await InspectDriver.run(request, io: io) }
        for warning in result.warnings { writeErr(Reporter.line(warning) + "\n") }
        if result.inspected {
            writeOut(InspectionReport.render(result.results, skipped: result.skipped, format: format))
            if format == .json, let skipped = result.skipped {
                writeErr("contractc: \(skipped) skipped as not due\n")
            }
        }
        for problem in result.problems { writeErr(Reporter.line(problem) + "\n") }
        throw ExitCode(result.exitCode)
    }
}

/// Runs async work from the synchronous command and waits for it. The work runs on the
/// global executor; this thread only waits.
private func waitFor(_ work: @escaping @Sendable () async -> InspectionRun) -> InspectionRun {
    final class Box: @unchecked Sendable {
        var value: InspectionRun?
        let done = DispatchSemaphore(value: 0)
    }
    let box = Box()
    Task.detached {
        box.value = await work()
        box.done.signal()
    }
    box.done.wait()
    return box.value ?? InspectionRun()
}

extension InspectionFormat: ExpressibleByArgument {}
