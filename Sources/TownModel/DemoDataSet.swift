/// The demo data set. SYNTHETIC: the source document gives only town totals, so the per-village
/// figures are invented, constructed so that the derived 2023 indicators reproduce the published
/// figures exactly: collective income 14,000,000 (+27.59% on 2022), operating income 10,470,000
/// (+34.02%), and exactly the seven named villages (曲尺潭、卢梨、张宅、戬州、上武垟、薛外、刘宅)
/// at or above 500,000 operating income. The 2023 town figures and the 2024 targets are the
/// document's; project money is the document's where it gives any, progress is invented.
public enum DemoDataSet {
    /// One write of the data set and who makes it (`village:<vid>` or `admin`).
    public struct Write: Sendable, Equatable {
        public var key: String
        public var value: String
        public var writer: String
    }

    /// (village, collective 2022, operating 2022, collective 2023, operating 2023), in yuan.
    public static let villageFigures: [(String, Int64, Int64, Int64, Int64)] = [
        ("luli", 1_410_647, 1_029_267, 1_800_000, 1_380_000),
        ("zhangzhai", 1_254_000, 940_000, 1_600_000, 1_260_000),
        ("xiawuyang", 549_000, 336_000, 700_000, 450_000),
        ("liuzhai", 862_000, 619_000, 1_100_000, 830_000),
        ("dongyangdi", 470_000, 284_000, 600_000, 380_000),
        ("anqian", 509_000, 313_000, 650_000, 420_000),
        ("shanshui", 470_000, 269_000, 600_000, 360_000),
        ("xiuxibian", 549_000, 351_000, 700_000, 470_000),
        ("quchitan", 1_411_000, 1_082_000, 1_800_000, 1_450_000),
        ("jianzhou", 1_097_000, 858_000, 1_400_000, 1_150_000),
        ("shangwuyang", 1_019_000, 806_000, 1_300_000, 1_080_000),
        ("xuewai", 941_000, 686_000, 1_200_000, 920_000),
        ("xuenei", 431_000, 239_000, 550_000, 320_000),
    ]

    /// The town's own 2023 figures (FACTS.md).
    public static let townFigures2023: [(String, String)] = [
        ("fixed_asset_investment", "121000000"),
        ("hq_return_enterprises", "4"),
        ("new_above_scale_enterprises", "1"),
        ("smart_elderly_care_beds", "160"),
        ("abandoned_farmland_restored_mu", "649.2"),
        ("high_standard_farmland_mu", "180"),
        ("new_rural_roads_km", "5.3"),
        ("motions_handled", "25"),
        ("petitions_resolved", "103"),
        ("disputes_mediated", "48"),
    ]

    /// Projects named in the document: id, name, village (if it has one), category, planned
    /// investment (if given), status, completed investment, progress.
    public static let projects: [(String, String, String?, String, String?, String, String?, String)] = [
        ("beihang-lab", "北航光电技术研究所泰顺实验室", nil, "research", nil, "in_use", nil, "100"),
        ("nongguiba-park", "农归巴三位一体数智产业园", nil, "industry", nil, "main_structure_done", nil, "70"),
        ("culture-sports-centre", "镇文体中心", nil, "public", nil, "main_structure_done", nil, "65"),
        ("yinggangdian-street", "营岗店宋韵瓯风街区", nil, "tourism", nil, "completed", nil, "100"),
        ("changyang-parking", "长垟智慧停车场", nil, "public", nil, "under_construction", nil, "40"),
        ("townscape-upgrade", "建成区风貌提升", nil, "public", nil, "under_construction", nil, "50"),
        ("jiaoxi-water", "交溪流域供排水及清洁小流域工程", nil, "water", "35000000", "under_construction", nil, "45"),
        ("sewage-zero-direct", "污水零直排区及污水厂搬迁、西垟至三魁污水管网", nil, "water", "40000000", "under_construction", nil, "40"),
        ("farmland-canals", "2个农田水渠及3个供水站提升工程", nil, "water", "5000000", "completed", "5000000", "100"),
        ("rural-roads", "农村公路、浪笼山山塘、飞龙溪景观道、廊桥博物馆、戬州配套工程", nil, "transport", "80000000", "under_construction", nil, "55"),
        ("langlongshan-pond", "浪笼山山塘", "xiuxibian", "water", nil, "under_construction", nil, "60"),
        ("hall-xuenei", "薛内村文化礼堂", "xuenei", "culture", nil, "under_construction", nil, "50"),
        ("hall-xuewai", "薛外村文化礼堂", "xuewai", "culture", nil, "under_construction", nil, "50"),
        ("hall-dongyangdi", "东垟底村文化礼堂", "dongyangdi", "culture", nil, "under_construction", nil, "50"),
        ("hall-shanshui", "山水村文化礼堂", "shanshui", "culture", nil, "under_construction", nil, "50"),
    ]

    /// Each village's own writes (what its agent reports).
    public static func villageWrites(_ village: String) -> [Write] {
        guard let row = villageFigures.first(where: { $0.0 == village }) else { return [] }
        let writer = "village:\(village)"
        return [
            Write(key: "/village/\(village)/2022/collective_income", value: String(row.1), writer: writer),
            Write(key: "/village/\(village)/2022/operating_income", value: String(row.2), writer: writer),
            Write(key: "/village/\(village)/2023/collective_income", value: String(row.3), writer: writer),
            Write(key: "/village/\(village)/2023/operating_income", value: String(row.4), writer: writer),
        ]
    }

    /// The town's writes: its 2023 figures, the targets of the built-in catalog, and the projects.
    public static func townWrites(catalog: Catalog = .sankui) -> [Write] {
        var writes = townFigures2023.map { Write(key: "/town/2023/\($0.0)", value: $0.1, writer: "admin") }
        for year in catalog.targets.keys.sorted() {
            for (id, value) in catalog.targets[year]!.sorted(by: { $0.key < $1.key }) {
                writes.append(Write(key: "/target/\(year)/\(id)", value: value, writer: "admin"))
            }
        }
        for project in projects {
            let base = "/project/\(project.0)/"
            writes.append(Write(key: base + "name", value: project.1, writer: "admin"))
            if let village = project.2 { writes.append(Write(key: base + "village", value: village, writer: "admin")) }
            writes.append(Write(key: base + "category", value: project.3, writer: "admin"))
            if let planned = project.4 { writes.append(Write(key: base + "investment_planned", value: planned, writer: "admin")) }
            let progressWriter = project.2.map { "village:\($0)" } ?? "admin"
            writes.append(Write(key: base + "status", value: project.5, writer: progressWriter))
            if let completed = project.6 {
                writes.append(Write(key: base + "investment_completed", value: completed, writer: progressWriter))
            }
            writes.append(Write(key: base + "progress", value: project.7, writer: progressWriter))
        }
        return writes
    }

    /// Everything: the town's writes first (projects must be registered before their villages
    /// report progress), then every village's.
    public static func allWrites(registry: VillageRegistry = .sankui) -> [Write] {
        townWrites() + registry.villages.flatMap { villageWrites($0.id) }
    }
}
