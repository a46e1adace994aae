// The Swift of this target is generated at build time from the *.contract.yaml files next to
// this one (links to the repository's contracts/) by the ContractGenerator plugin. Users of the
// target get ContractRuntime's types (ValidationError, ContractServiceError, …) with it.
@_exported import ContractRuntime
