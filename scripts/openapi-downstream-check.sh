#!/usr/bin/env bash
# Proves that an OpenAPI document written by `contractc openapi` is usable downstream: it feeds
# PersonInsuranceInfoQuery.openapi.json to apple/swift-openapi-generator (types, client and
# server), adds a small file that uses the generated code (a server handler answering the
# ContractRuntime envelope and a client call), and builds the result with `swift build`.
#
# The throwaway package lives in a temporary folder, removed afterwards (set KEEP=1 to keep it).
# swift-openapi-generator 1.14.3 and swift-openapi-runtime 1.13.4 are resolved from the local
# package mirror by their GitHub URLs. Takes minutes on a clean machine (the generator and its
# dependencies are compiled); see docs/catalogue.md for a measured time.
#
# Usage: scripts/openapi-downstream-check.sh [path/to/contractc]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CONTRACT="$ROOT/contracts/PersonInsuranceInfoQuery.contract.yaml"
START=$(date +%s)

if [ "$#" -ge 1 ]; then
    CONTRACTC="$1"
else
    echo "== building contractc"
    swift build --package-path "$ROOT" --product contractc 2>&1 | tail -n 1
    CONTRACTC="$(swift build --package-path "$ROOT" --show-bin-path)/contractc"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/contractc-openapi-downstream.XXXXXX")"
if [ "${KEEP:-0}" = "1" ]; then
    echo "== keeping $WORK"
else
    trap 'rm -rf "$WORK"' EXIT
fi

echo "== contractc openapi"
"$CONTRACTC" openapi "$CONTRACT" --output "$WORK/documents"

PACKAGE="$WORK/Downstream"
mkdir -p "$PACKAGE/Sources/Downstream"
cp "$WORK/documents/PersonInsuranceInfoQuery.openapi.json" "$PACKAGE/Sources/Downstream/openapi.json"

cat > "$PACKAGE/Package.swift" <<'SWIFT'
// swift-tools-version: 5.9
import PackageDescription

let package = Package(
    name: "Downstream",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4"),
    ],
    targets: [
        .target(
            name: "Downstream",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
    ]
)
SWIFT

cat > "$PACKAGE/Sources/Downstream/openapi-generator-config.yaml" <<'YAML'
generate:
  - types
  - client
  - server
accessModifier: public
YAML

# Uses what the generator made from the document: operations named by operationId, the
# envelope of the 200 response, the named types of components/schemas, path parameters.
cat > "$PACKAGE/Sources/Downstream/Usage.swift" <<'SWIFT'
import OpenAPIRuntime

/// A server of the interface, answering with the ContractRuntime envelope.
public struct PersonService: APIProtocol {
    public init() {}

    public func queryPersonInfo(_ input: Operations.queryPersonInfo.Input) async throws -> Operations.queryPersonInfo.Output {
        let id: String = input.path.idNumber
        let person = Components.Schemas.InsuredPerson(
            idNumber: id, socialSecurityNumber: id, fullName: "张三", genderCode: "1",
            birthDate: "1990-01-01", firstInsuredDate: "2012-07-01", administrativeRegion: "510104", insurances: [])
        return .ok(.init(body: .json(.init(code: 0, data: person))))
    }

    public func queryPersonBySocialSecurityNumber(_ input: Operations.queryPersonBySocialSecurityNumber.Input) async throws -> Operations.queryPersonBySocialSecurityNumber.Output {
        .ok(.init(body: .json(.init(code: 1001, message: "未找到该社会保障号码对应的参保人员"))))
    }

    public func listInsuranceStatus(_ input: Operations.listInsuranceStatus.Input) async throws -> Operations.listInsuranceStatus.Output {
        let status = Components.Schemas.InsuranceStatus(
            insuranceType: input.query.insuranceType ?? "110", insuranceStatus: "1",
            contributionBase: 8000.5, cumulativeMonths: 120, lastPaymentMonth: "202501")
        return .ok(.init(body: .json(.init(code: 0, data: [status]))))
    }
}

/// A client call through the generated client.
public func fetchPerson(_ client: Client, idNumber: String) async throws -> Components.Schemas.InsuredPerson? {
    let output = try await client.queryPersonInfo(path: .init(idNumber: idNumber))
    let envelope = try output.ok.body.json
    return envelope.code == 0 ? envelope.data : nil
}
SWIFT

echo "== swift build (swift-openapi-generator 1.14.3: types, client, server)"
if ! swift build --package-path "$PACKAGE" > "$WORK/build.log" 2>&1; then
    cat "$WORK/build.log"
    echo "FAILED: the generated code does not build" >&2
    exit 1
fi
# What the generator says about the document (unsupported features are reported, not fatal).
if grep -iE "unsupported|not supported|skipping" "$WORK/build.log"; then
    echo "FAILED: swift-openapi-generator skipped parts of the document" >&2
    exit 1
fi
tail -n 1 "$WORK/build.log"
END=$(date +%s)
echo "ok: PersonInsuranceInfoQuery.openapi.json generates and builds with swift-openapi-generator ($((END - START)) s)"
