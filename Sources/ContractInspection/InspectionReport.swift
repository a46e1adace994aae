import ContractGenerators
import ContractSyntax

/// The output formats of `contractc inspect`.
public enum InspectionFormat: String, Sendable, CaseIterable {
    /// One aligned line per entry, then a summary.
    case text
    /// An array of objects with `status` `"up"`, `"down"` or `"unchecked"`, `elapsedMs` and
    /// `action` (null unless down).
    case json
}

/// Renders inspection results. It only formats; it never decides.
public enum InspectionReport {
    /// Results sorted by code (then interface), the order of every report.
    public static func sorted(_ results: [InspectionResult]) -> [InspectionResult] {
        results.sorted { a, b in
            if a.entry.code != b.entry.code { return a.entry.code.utf8.lexicographicallyPrecedes(b.entry.code.utf8) }
            return a.entry.interface.utf8.lexicographicallyPrecedes(b.entry.interface.utf8)
        }
    }

    /// Renders a report in a format.
    public static func render(_ results: [InspectionResult], skipped: Int?, format: InspectionFormat) -> String {
        switch format {
        case .text: return text(results, skipped: skipped)
        case .json: return json(results)
        }
    }

    /// `18 inspected: 15 up, 2 down, 1 unchecked`, and `; 3 skipped as not due` with `--due`.
    public static func summary(_ results: [InspectionResult], skipped: Int?) -> String {
        func count(_ status: InspectionStatus) -> Int { results.filter { $0.status == status }.count }
        var line = "\(results.count) inspected: \(count(.up)) up, \(count(.down)) down, \(count(.unchecked)) unchecked"
        if let skipped { line += "; \(skipped) skipped as not due" }
        return line
    }

    /// One line per entry, columns aligned: code, interface, protocol, address, status, time,
    /// then the detail and, for a down entry, `→ action`.
    ///
    /// Every field that comes from the catalogue or from the server (code, interface, protocol,
    /// address, the detail with its banner or `Location`, the origin in the action) is written
    /// through `DisplayText.escaped(_:)`: a catalogue from a pull request must not end a report
    /// line early, forge one, recolour the terminal or reorder what the reader sees.
    public static func text(_ results: [InspectionResult], skipped: Int?) -> String {
        let ordered = sorted(results)
        let rows = ordered.map { r -> [String] in
            [r.entry.code, r.entry.interface, r.entry.protocolName, r.entry.address].map(DisplayText.escaped)
                + [r.status.rawValue, "\(r.elapsedMilliseconds) ms"]
        }
        var widths = [Int](repeating: 0, count: 6)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        var out = ""
        for (row, result) in zip(rows, ordered) {
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                line += i == 5 ? pad + cell : cell + pad
                line += "  "
            }
            line += DisplayText.escaped(result.detail)
            if let action = result.action { line += " → \(DisplayText.escaped(action))" }
            out += line + "\n"
        }
        out += summary(results, skipped: skipped) + "\n"
        return out
    }

    /// The JSON array of results, sorted by code.
    public static func json(_ results: [InspectionResult]) -> String {
        JSONWriter.render(.array(sorted(results).map(jsonValue)))
    }

    /// One result as a JSON object: code, interface, protocol, address, hosting, origin,
    /// status, elapsedMs, detail, action.
    public static func jsonValue(_ r: InspectionResult) -> JSONWriter.Value {
        .object([
            ("code", .string(r.entry.code)),
            ("interface", .string(r.entry.interface)),
            ("protocol", .string(r.entry.protocolName)),
            ("address", .string(r.entry.address)),
            ("hosting", .string(r.entry.hosting.rawValue)),
            ("origin", r.entry.origin.map { .string($0) } ?? .null),
            ("status", .string(r.status.rawValue)),
            ("elapsedMs", .int(r.elapsedMilliseconds)),
            ("detail", .string(r.detail)),
            ("action", r.action.map { .string($0) } ?? .null),
        ])
    }
}
