@testable import JixiaoCore

/// Project tables transcribed from seeds/000_f6b97af974f3ec0e.txt, with their source lines.
enum SeedProjects {
    /// 2024年全县一般干部考核优秀奖金 (lines 96–119): funds 140, but the cost indicator says 160.
    static let bonus = projectTable(
        name: "2024年全县一般干部考核优秀奖金",
        total: "140",
        fiscal: "140",
        goals: ["用于对2024年考核优秀的一般干部发放奖金, 进一步激励广大干部的工作积极性。"],
        indicators: [
            row(1, "成本指标", "经济成本指标", "涉及资金", .eq, "160", "万元", content: "涉及资金", line: 106),
            row(2, "成本指标", "环境成本指标", "环境影响", .qualitative, "无影响", content: "环境影响", line: 107),
            row(3, "成本指标", "社会成本指标", "社会值效率", .eq, "100", "%", content: "社会值效率", line: 108),
            row(4, "产出指标", "数量指标", "连续三年发放标准", .eq, "3000", "元", content: "连续三年发放标准", line: 109),
            row(5, "产出指标", "数量指标", "当年优秀发放标准", .eq, "1500", "元", content: "当年优秀发放标准", line: 110),
            row(6, "产出指标", "数量指标", "预计发放对象人数", .eq, "900", "人", content: "预计发放对象人数", line: 111),
            row(7, "产出指标", "质量指标", "奖金发放工作质量", .eq, "100", "%", content: "奖金发放工作质量", line: 112),
            row(8, "产出指标", "质量指标", "提高全县干部工作积极性", .qualitative, "较好", line: 113),
            row(9, "产出指标", "时效指标", "资金拨付使用率", .eq, "100", "%", line: 114),
            row(10, "产出指标", "时效指标", "资金拨付及时性", .qualitative, "及时", line: 115),
            row(11, "效益指标", "社会效益指标", "提高全县干部工作积极性", .qualitative, "提高", line: 116),
            row(12, "效益指标", "生态效益指标", "生态环境影响", .qualitative, "无影响", line: 117),
            row(13, "效益指标", "经济效益指标", "发挥经济效益", .eq, "100", "%", line: 118),
            row(14, "满意度指标", "服务对象满意度指标", "服务对象满意度", .eq, "98", "%", line: 119),
        ]
    )

    /// 三支一扶生活补助及社会保险差额部分 (lines 79–94): 58 人 × 1.105 万元/人 = 64.09 exactly;
    /// its 效益 rows carry the level-2 name 社会效益指标 in the level-1 column.
    static let sanzhiyifu = projectTable(
        name: "三支一扶生活补助及社会保险差额部分",
        total: "64.09",
        fiscal: "64.09",
        goals: ["目标1: 保障三支一扶人员社会权益, 提高三支一扶人员生活补助。"],
        indicators: [
            row(1, "成本指标", "经济成本指标", "成本控制", .eq, "64.09", "万元", content: "涉及资金", line: 81),
            row(2, "成本指标", "环境成本指标", "环境影响", .qualitative, "无影响", line: 82),
            row(3, "产出指标", "数量指标", "三支一扶社会保险受益人数", .eq, "58", "人", content: "月拨付标准", line: 84),
            row(4, "产出指标", "数量指标", "拨付标准", .eq, "1.105", "万元/人", content: "月拨付标准", line: 85),
            row(5, "产出指标", "时效指标", "资金拨付使用率", .eq, "100", "%", line: 88),
            row(6, "社会效益指标", "社会效益指标", "提高三支一扶人员的生活水平", .qualitative, "提高", line: 90),
            row(7, "满意度指标", "服务对象满意度指标", "干部满意度", .eq, "98", "%", content: "干部满意度", line: 93),
        ]
    )

    /// 企业职工养老保险退休职工取暖费(2021年后退休) (lines 294–311): 150 人 × 1250 元/人 = 18.75 万元 > 17.
    static let heating = projectTable(
        name: "企业职工养老保险退休职工取暖费(2021年后退休)",
        total: "17",
        fiscal: "17",
        other: "0",
        goals: ["财政补贴资金均足额拨付至专户, 机关事业单位基本养老保险待遇按时足额发放, 保证职工取暖。"],
        indicators: [
            row(1, "成本指标", "经济成本指标", "机关事业单位养老保险养老金财政补贴", .quantitative, "17", "万元", line: 305),
            row(2, "产出指标", "数量指标", "新增退休人员", .gte, "150", "人", line: 306),
            row(3, "产出指标", "质量指标", "发放标准", .gte, "1250", "元/人", line: 307),
            row(4, "产出指标", "时效指标", "养老金发放方法", .quantitative, "按月", line: 308),
            row(5, "效益指标", "社会效益指标", "退休业家庭帮扶率", .gte, "60", "%", line: 309),
            row(6, "效益指标", "经济效益指标", "减轻生活负担", .qualitative, "减轻", line: 310),
            row(7, "满意度指标", "服务对象满意度指标", "享受补贴资金个人满意度", .gte, "80", "%", line: 311),
        ]
    )
}
