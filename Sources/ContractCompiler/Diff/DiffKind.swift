/// The kinds of change `contractc diff` reports, each with its own rule id (prefix `diff-`).
///
/// A kind is either breaking (an existing caller or consumer can fail) or not. Breaking changes
/// are errors while the major `version` stays the same and warnings when the new version raises
/// it; other changes are notes, which never fail a run, not even under `--strict`.
///
/// What callers send (parameters, and fields of a named type that a method takes) is judged as
/// input: narrowing breaks it, widening does not. What consumers receive (the return value, and
/// fields of a named type that a method returns) is judged as output: widening breaks it,
/// narrowing does not.
public enum DiffKind: String, Sendable, Hashable, CaseIterable {
    // MARK: Breaking

    /// An interface of OLD is in NEW neither by name nor by service code.
    case interfaceRemoved = "diff-interface-removed"
    /// The interface keeps its service code under a new name.
    case interfaceRenamed = "diff-interface-renamed"
    /// The service code changed or was removed.
    case codeChanged = "diff-code-changed"
    /// The network protocol changed.
    case protocolChanged = "diff-protocol-changed"
    /// The sharing level is stricter (unconditional → conditional → none).
    case sharingStricter = "diff-sharing-stricter"
    /// The exchange mode, the exchange file classification or region changed, or a file extension was removed.
    case exchangeChanged = "diff-exchange-changed"
    /// A method was removed.
    case methodRemoved = "diff-method-removed"
    /// The HTTP method or path of an HTTP/HTTPS method changed.
    case httpBindingChanged = "diff-http-binding-changed"
    /// A parameter (or a field of a type callers send) was removed.
    case parameterRemoved = "diff-parameter-removed"
    /// A parameter disappeared and one of the same type appeared at its position.
    case parameterRenamed = "diff-parameter-renamed"
    /// A parameter became required, or a new required parameter appeared.
    case parameterNowRequired = "diff-parameter-now-required"
    /// A parameter's type changed.
    case parameterTypeChanged = "diff-parameter-type-changed"
    /// A parameter accepts less: string length, integer digits, decimal digits, binary size or maxItems narrowed.
    case lengthNarrowed = "diff-length-narrowed"
    /// The return type, or the type of a returned field, changed.
    case returnTypeChanged = "diff-return-type-changed"
    /// A returned field was removed.
    case fieldRemoved = "diff-field-removed"
    /// A returned field disappeared and one of the same type appeared at its position.
    case fieldRenamed = "diff-field-renamed"
    /// A returned value's length widened, or a returned field became optional.
    case fieldWidened = "diff-field-widened"
    /// A return code was removed.
    case returnCodeRemoved = "diff-return-code-removed"
    /// A return code's meaning changed.
    case returnCodeMeaningChanged = "diff-return-code-meaning-changed"
    /// A return code's name (its identifier in generated code) changed.
    case returnCodeRenamed = "diff-return-code-renamed"

    // MARK: Not breaking

    /// A new interface.
    case interfaceAdded = "diff-interface-added"
    /// A service code was given to an interface that had none.
    case codeAdded = "diff-code-added"
    /// A new method.
    case methodAdded = "diff-method-added"
    /// A new optional parameter.
    case parameterAdded = "diff-parameter-added"
    /// A parameter became optional.
    case parameterNowOptional = "diff-parameter-now-optional"
    /// A parameter accepts more.
    case lengthWidened = "diff-length-widened"
    /// A new returned field.
    case fieldAdded = "diff-field-added"
    /// A returned value's length narrowed: what consumers receive still fits what they stored.
    case fieldNarrowed = "diff-field-narrowed"
    /// A returned field that was optional is now always present.
    case fieldNowRequired = "diff-field-now-required"
    /// A new return code.
    case returnCodeAdded = "diff-return-code-added"
    /// The sharing level is less strict.
    case sharingRelaxed = "diff-sharing-relaxed"
    /// The masking of a parameter or field changed.
    case maskingChanged = "diff-masking-changed"
    /// Title, summary or description text changed.
    case documentationChanged = "diff-documentation-changed"
    /// The endpoint address changed.
    case addressChanged = "diff-address-changed"
    /// Another catalogue fact changed: owner, classification, hosting, origin, inspection period,
    /// sharing conditions, an added exchange file extension.
    case catalogueChanged = "diff-catalogue-changed"
    /// A contract file could not be read as a contract, so it was not compared.
    case contractUnreadable = "diff-contract-unreadable"

    /// The rule id, e.g. `diff-parameter-removed`.
    public var id: String { rawValue }

    /// Whether the change can break an existing caller or consumer.
    public var isBreaking: Bool {
        switch self {
        case .interfaceRemoved, .interfaceRenamed, .codeChanged, .protocolChanged, .sharingStricter,
            .exchangeChanged, .methodRemoved, .httpBindingChanged, .parameterRemoved, .parameterRenamed,
            .parameterNowRequired, .parameterTypeChanged, .lengthNarrowed, .returnTypeChanged,
            .fieldRemoved, .fieldRenamed, .fieldWidened, .returnCodeRemoved, .returnCodeMeaningChanged,
            .returnCodeRenamed:
            true
        case .interfaceAdded, .codeAdded, .methodAdded, .parameterAdded, .parameterNowOptional,
            .lengthWidened, .fieldAdded, .fieldNarrowed, .fieldNowRequired, .returnCodeAdded,
            .sharingRelaxed, .maskingChanged, .documentationChanged, .addressChanged, .catalogueChanged,
            .contractUnreadable:
            false
        }
    }

    /// Whether the place of the change is in OLD (the thing is gone from NEW).
    public var isRemoval: Bool {
        switch self {
        case .interfaceRemoved, .methodRemoved, .parameterRemoved, .fieldRemoved, .returnCodeRemoved: true
        default: false
        }
    }

    /// One line: what the kind reports.
    public var summary: String {
        switch self {
        case .interfaceRemoved: "An interface of the old contracts is gone: no contract has its name or its service code."
        case .interfaceRenamed: "An interface keeps its service code under a new name."
        case .codeChanged: "The service code changed or was removed."
        case .protocolChanged: "The network protocol changed (服务接口 2)."
        case .sharingStricter: "The sharing level is stricter (数据共享: unconditional → conditional → none)."
        case .exchangeChanged: "The exchange mode, the exchange file classification or region changed, or a file extension was removed (数据交换, 文件名命名规则)."
        case .methodRemoved: "A method was removed (服务接口 3)."
        case .httpBindingChanged: "The HTTP method or path of a method changed."
        case .parameterRemoved: "A parameter, or a field of a named type that callers send, was removed."
        case .parameterRenamed: "A parameter disappeared and one of the same type appeared at its position."
        case .parameterNowRequired: "A parameter became required, or a new required parameter appeared."
        case .parameterTypeChanged: "The type of a parameter changed (服务接口 4)."
        case .lengthNarrowed: "A parameter accepts less: string length, integer digits, decimal digits, binary size or maxItems narrowed."
        case .returnTypeChanged: "The return type, or the type of a returned field, changed (服务接口 5)."
        case .fieldRemoved: "A returned field was removed."
        case .fieldRenamed: "A returned field disappeared and one of the same type appeared at its position."
        case .fieldWidened: "A returned value's length widened, or a returned field became optional: consumers that store it may not fit it."
        case .returnCodeRemoved: "A return code was removed (服务接口 5)."
        case .returnCodeMeaningChanged: "The meaning of a return code changed (服务接口 5)."
        case .returnCodeRenamed: "The name of a return code, its identifier in generated code, changed."
        case .interfaceAdded: "A new interface."
        case .codeAdded: "A service code was given to an interface that had none."
        case .methodAdded: "A new method."
        case .parameterAdded: "A new optional parameter."
        case .parameterNowOptional: "A parameter became optional."
        case .lengthWidened: "A parameter accepts more: its length, digits, size or maxItems widened."
        case .fieldAdded: "A new returned field."
        case .fieldNarrowed: "A returned value's length narrowed: it still fits what consumers store."
        case .fieldNowRequired: "A returned field that was optional is now always present."
        case .returnCodeAdded: "A new return code."
        case .sharingRelaxed: "The sharing level is less strict."
        case .maskingChanged: "The masking of a parameter or field changed (数据脱敏)."
        case .documentationChanged: "A title, summary or description changed."
        case .addressChanged: "The endpoint address changed: the catalogue must be republished."
        case .catalogueChanged: "Another catalogue fact changed (owner, classification, hosting, origin, inspection period, sharing conditions, a new exchange file extension): the catalogue must be republished."
        case .contractUnreadable: "A contract file could not be read as a contract, so it was not compared: run `contractc lint`."
        }
    }
}

/// How serious a change is.
public enum DiffSeverity: String, Sendable, Hashable, CaseIterable {
    /// A breaking change without a major version bump: fails the run.
    case error
    /// A breaking change that the major version bump announces: fails the run only under `--strict`.
    case warning
    /// A change that breaks nobody: reported, never fails the run.
    case note
}
