/// Placeholder until the generators land.
enum ContractGeneratorsPlaceholder {}
