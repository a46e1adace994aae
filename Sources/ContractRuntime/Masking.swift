/// How a value is hidden from a user without clearance (the contract's `masking`, standard clause
/// 内部应用 2 "data is masked according to the user's rights").
///
/// Masking works on Swift `Character`s (grapheme clusters), so a Chinese character, an emoji such
/// as `👨‍👩‍👧` or a letter with a combining accent is kept or replaced whole, and each masked
/// character becomes exactly one `*`. The empty string stays empty. A rule that would reveal
/// the whole value (the value is too short for what the rule keeps) masks every character instead,
/// except `address`, which keeps a value that is no more than a district.
public enum Masking: String, CaseIterable, Sendable, Codable {
    /// Citizen ID number: keeps the first 6 (region) and last 4 characters.
    /// `510104199001011234` → `510104********1234`; 15-digit `510104900101123` → `510104*****1123`;
    /// 10 characters or fewer → all `*`.
    case idNumber
    /// Person's name: keeps the first character. `张三丰` → `张**`, `Li Wei` → `L*****`;
    /// a one-character name → `*`.
    case name
    /// Phone number: keeps the first 3 and last 4 characters. `13812345678` → `138****5678`;
    /// 7 characters or fewer → all `*`.
    case phone
    /// Bank card number: keeps the last 4 characters. `6222021234567890123` → `***************0123`;
    /// 4 characters or fewer → all `*`.
    case bankCard
    /// Postal address: keeps everything up to and including the first district or county-level
    /// suffix — `区` (but not the `区` of a province-level `自治区` or `特别行政区`), `县`, `旗`, or a
    /// `市` that follows an earlier `市` (a county-level city inside a prefecture-level one).
    /// `四川省成都市锦江区红星路1号` → `四川省成都市锦江区****`; `四川省成都市简阳市东城路8号` →
    /// `四川省成都市简阳市*****`. Without such a suffix it keeps the first 6 characters (all `*` if the
    /// value has 6 characters or fewer).
    case address
    /// E-mail address: keeps the first character and the `@domain` (after the last `@`).
    /// `zhangsan@example.cn` → `z*******@example.cn`; a one-character local part → `*@domain`;
    /// without `@` it is masked like ``name``.
    case email
    /// Every character becomes `*`. `abc` → `***`.
    case full

    /// The masked form of `value` under this rule (see each case).
    public func apply(to value: String) -> String {
        let characters = Array(value)
        guard !characters.isEmpty else { return "" }
        switch self {
        case .idNumber:
            return Masking.keep(characters, first: 6, last: 4)
        case .name:
            return Masking.keep(characters, first: 1, last: 0)
        case .phone:
            return Masking.keep(characters, first: 3, last: 4)
        case .bankCard:
            return Masking.keep(characters, first: 0, last: 4)
        case .address:
            return Masking.maskAddress(characters)
        case .email:
            guard let at = characters.lastIndex(of: "@") else {
                return Masking.keep(characters, first: 1, last: 0)
            }
            let local = Array(characters[..<at])
            let domain = String(characters[at...])
            return (local.isEmpty ? "" : Masking.keep(local, first: 1, last: 0)) + domain
        case .full:
            return Masking.stars(characters.count)
        }
    }

    /// Keeps `first` leading and `last` trailing characters and masks the rest; masks everything
    /// when nothing would be masked.
    private static func keep(_ characters: [Character], first: Int, last: Int) -> String {
        guard characters.count > first + last else { return stars(characters.count) }
        return String(characters.prefix(first)) + stars(characters.count - first - last) + String(characters.suffix(last))
    }

    private static func stars(_ count: Int) -> String {
        String(repeating: "*", count: count)
    }

    private static func maskAddress(_ characters: [Character]) -> String {
        var seenCity = false
        var cut: Int?
        for (index, character) in characters.enumerated() {
            switch character {
            case "区":
                let before = String(characters[max(0, index - 2)..<index])
                if before == "自治" || before == "行政" { continue }
                cut = index + 1
            case "县", "旗":
                cut = index + 1
            case "市":
                if seenCity { cut = index + 1 } else { seenCity = true }
            default:
                break
            }
            if cut != nil { break }
        }
        if let cut {
            return String(characters.prefix(cut)) + stars(characters.count - cut)
        }
        return keep(characters, first: 6, last: 0)
    }
}
