/// How a scalar was written, which decides how it is resolved.
public enum ScalarStyle: Sendable, Hashable {
    /// Unquoted: resolved by the YAML 1.1 rules (`yes` is a boolean, `0101` a number).
    case plain
    /// `'...'` or `"..."`: always a string.
    case quoted
    /// `|` or `>`: always a string.
    case block
}

/// What a scalar means under YAML 1.1 resolution, as libyaml-based tools read it.
public enum ScalarKind: Sendable, Hashable {
    /// `~`, `null`, or nothing.
    case null
    /// `true`, `false`, `yes`, `no`, `on`, `off` in their usual spellings.
    case boolean(Bool)
    /// A whole number (including ones with leading zeros, which YAML 1.1 reads as octal).
    case integer
    /// A number with a point or an exponent.
    case float
    /// Anything else, and every quoted or block scalar.
    case string
}

/// A scalar value with its text and how it was written.
public struct Scalar: Sendable, Hashable {
    /// The text after YAML unescaping.
    public var text: String
    /// How it was written.
    public var style: ScalarStyle
    /// Its resolved kind.
    public var kind: ScalarKind

    /// Creates a scalar, resolving its kind from its text and style.
    public init(text: String, style: ScalarStyle, forceString: Bool = false) {
        self.text = text
        self.style = style
        self.kind = (style == .plain && !forceString) ? ScalarResolver.resolve(text) : .string
    }
}

/// One `key: value` pair of a mapping, with the place of the key.
public struct MappingEntry: Sendable {
    /// The key text.
    public var key: String
    /// Where the key is written.
    public var keyPlace: SourcePlace
    /// The value.
    public var value: YAMLNode
}

/// A YAML node that remembers where it was written.
///
/// Built from libyaml's event stream by ``YAMLParser`` rather than by Yams' `compose`,
/// so that duplicate keys are reported at their second occurrence, aliases point at
/// the place they are used, and alias expansion is counted before anything walks it.
public struct YAMLNode: Sendable {
    /// The shape of a node.
    public enum Content: Sendable {
        /// A scalar.
        case scalar(Scalar)
        /// A mapping, in source order (keys are unique).
        case mapping([MappingEntry])
        /// A sequence, in source order.
        case sequence([YAMLNode])
    }

    /// The node's content.
    public var content: Content
    /// Where the node starts (for a block sequence, its first `-`).
    public var place: SourcePlace
    /// Nodes in this subtree, this one included (used to bound alias expansion).
    public var size: Int

    /// Creates a node.
    public init(_ content: Content, at place: SourcePlace) {
        self.content = content
        self.place = place
        switch content {
        case .scalar: size = 1
        case .mapping(let entries): size = entries.reduce(1) { $0 + 1 + $1.value.size }
        case .sequence(let items): size = items.reduce(1) { $0 + $1.size }
        }
    }

    /// The scalar, if this is one.
    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// The entries, if this is a mapping.
    public var entries: [MappingEntry]? {
        if case .mapping(let e) = content { return e }
        return nil
    }

    /// The items, if this is a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let i) = content { return i }
        return nil
    }

    /// A short English name of what the node is, for messages: "a mapping", "a list",
    /// "a number", "a string", "a boolean", "null".
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s):
            switch s.kind {
            case .null: return "an empty value"
            case .boolean: return "a boolean"
            case .integer, .float: return "a number"
            case .string: return "a string"
            }
        }
    }
}
