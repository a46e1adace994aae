/// Facts about this build of the compiler.
public enum ContractCompilerInfo {
    /// The version, as `contractc --version` prints it.
    public static let version = "0.1.0"
}
