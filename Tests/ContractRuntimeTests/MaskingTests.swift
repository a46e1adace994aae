import ContractRuntime
import Testing

@Suite("Masking")
struct MaskingTests {
    @Test func cases() {
        #expect(Masking.allCases.map(\.rawValue) == ["idNumber", "name", "phone", "bankCard", "address", "email", "full"])
    }

    @Test(arguments: Masking.allCases)
    func emptyStaysEmpty(_ masking: Masking) {
        #expect(masking.apply(to: "") == "")
    }

    @Test(arguments: Masking.allCases)
    func oneCharacterIsNeverRevealed(_ masking: Masking) {
        #expect(masking.apply(to: "张") == "*")
        #expect(masking.apply(to: "👨‍👩‍👧") == "*")
    }

    @Test(arguments: Masking.allCases)
    func oneStarPerCharacter(_ masking: Masking) {
        let value = "e\u{301}👨‍👩‍👧🇨🇳张三丰@例子.中国x"
        #expect(masking.apply(to: value).count == value.count)
    }

    @Test func idNumber() {
        #expect(Masking.idNumber.apply(to: "510104199001011234") == "510104********1234")
        #expect(Masking.idNumber.apply(to: "51010419900101123X") == "510104********123X")
        #expect(Masking.idNumber.apply(to: "510104900101123") == "510104*****1123")
        #expect(Masking.idNumber.apply(to: "12345678901") == "123456*8901")
        #expect(Masking.idNumber.apply(to: "1234567890") == "**********")
        #expect(Masking.idNumber.apply(to: "12345") == "*****")
    }

    @Test func name() {
        #expect(Masking.name.apply(to: "张三丰") == "张**")
        #expect(Masking.name.apply(to: "张三") == "张*")
        #expect(Masking.name.apply(to: "Li Wei") == "L*****")
        #expect(Masking.name.apply(to: "阿卜杜拉·买买提") == "阿*******")
        #expect(Masking.name.apply(to: "e\u{301}lise") == "e\u{301}****")
        #expect(Masking.name.apply(to: "👩‍💻程序") == "👩‍💻**")
    }

    @Test func phone() {
        #expect(Masking.phone.apply(to: "13812345678") == "138****5678")
        #expect(Masking.phone.apply(to: "+8613812345678") == "+86*******5678")
        #expect(Masking.phone.apply(to: "12345678") == "123*5678")
        #expect(Masking.phone.apply(to: "1234567") == "*******")
    }

    @Test func bankCard() {
        #expect(Masking.bankCard.apply(to: "6222021234567890123") == "***************0123")
        #expect(Masking.bankCard.apply(to: "12345") == "*2345")
        #expect(Masking.bankCard.apply(to: "1234") == "****")
    }

    @Test func address() {
        // One `*` per masked character: 红星路1号 has five.
        #expect(Masking.address.apply(to: "四川省成都市锦江区红星路1号") == "四川省成都市锦江区*****")
        #expect(Masking.address.apply(to: "四川省成都市简阳市东城路8号") == "四川省成都市简阳市*****")
        #expect(Masking.address.apply(to: "北京市朝阳区建国路") == "北京市朝阳区***")
        #expect(Masking.address.apply(to: "四川省阿坝藏族羌族自治州汶川县映秀镇") == "四川省阿坝藏族羌族自治州汶川县***")
        #expect(Masking.address.apply(to: "内蒙古自治区鄂尔多斯市伊金霍洛旗阿勒腾席热镇") == "内蒙古自治区鄂尔多斯市伊金霍洛旗******")
        #expect(Masking.address.apply(to: "广西壮族自治区南宁市青秀区民族大道100号") == "广西壮族自治区南宁市青秀区********")
        #expect(Masking.address.apply(to: "香港特别行政区中西区皇后大道") == "香港特别行政区中西区****")
        #expect(Masking.address.apply(to: "成都市武侯区") == "成都市武侯区")
        #expect(Masking.address.apply(to: "成都市人民南路四段") == "成都市人民南***")
        #expect(Masking.address.apply(to: "Room 5, Renmin Road") == "Room 5*************")
        #expect(Masking.address.apply(to: "红星路1号") == "*****")
    }

    @Test func email() {
        #expect(Masking.email.apply(to: "zhangsan@example.cn") == "z*******@example.cn")
        #expect(Masking.email.apply(to: "a@b.cn") == "*@b.cn")
        #expect(Masking.email.apply(to: "张三@例子.中国") == "张*@例子.中国")
        #expect(Masking.email.apply(to: "\"a@b\"@example.cn") == "\"****@example.cn")
        #expect(Masking.email.apply(to: "@example.cn") == "@example.cn")
        #expect(Masking.email.apply(to: "nodomain") == "n*******")
    }

    @Test func full() {
        #expect(Masking.full.apply(to: "abc") == "***")
        #expect(Masking.full.apply(to: "张三丰") == "***")
        #expect(Masking.full.apply(to: "👍🏽x") == "**")
    }
}
