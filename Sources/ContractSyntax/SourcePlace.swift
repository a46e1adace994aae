/// A place in a source file: 1-based line and column.
///
/// Columns count Unicode scalars, the way libyaml reports them, so a key after
/// Chinese text still points at the right character in an editor.
public struct SourcePlace: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a place from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = max(1, line)
        self.column = max(1, column)
    }

    /// The start of a file.
    public static let start = SourcePlace(line: 1, column: 1)

    /// Orders places by line, then column.
    public static func < (lhs: SourcePlace, rhs: SourcePlace) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// A value together with the place it was written.
public struct Located<Value: Sendable>: Sendable {
    /// The value.
    public var value: Value
    /// Where the value starts in the source.
    public var place: SourcePlace

    /// Pairs a value with its place.
    public init(_ value: Value, at place: SourcePlace) {
        self.value = value
        self.place = place
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
