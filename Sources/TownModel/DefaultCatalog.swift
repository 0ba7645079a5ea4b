/// The built-in catalog as JSON, from the Sankui town 2023 work summary and 2024 plan
/// (`../shared/seed/FACTS.md`). The 2023 fixed-asset target is derived: 121,000,000 was 108% of it.
enum DefaultCatalog {
    static let json = #"""
        {
          "first_year": 2015,
          "last_year": 2035,
          "project_year": 2023,
          "indicators": [
            {"id": "village_collective_income_total", "name_zh": "村级集体经济收入", "name_en": "Village collective-economy income, all villages", "unit": "yuan", "compute": {"kind": "sum_villages", "field": "collective_income"}},
            {"id": "village_collective_income_growth_pct", "name_zh": "村级集体经济收入增长", "name_en": "Collective-economy income growth", "unit": "percent", "compute": {"kind": "growth_villages", "field": "collective_income"}},
            {"id": "village_operating_income_total", "name_zh": "村级经营性收入", "name_en": "Village operating income, all villages", "unit": "yuan", "compute": {"kind": "sum_villages", "field": "operating_income"}},
            {"id": "village_operating_income_growth_pct", "name_zh": "经营性收入增长", "name_en": "Operating income growth", "unit": "percent", "compute": {"kind": "growth_villages", "field": "operating_income"}},
            {"id": "villages_operating_income_ge_500k", "name_zh": "经营性收入50万元以上村", "name_en": "Villages with operating income >= 500,000", "unit": "count", "compute": {"kind": "count_villages_at_least", "field": "operating_income", "threshold": 500000}},
            {"id": "project_investment_completed_total", "name_zh": "项目完成投资", "name_en": "Investment completed, all projects", "unit": "yuan", "compute": {"kind": "sum_projects", "field": "investment_completed"}},
            {"id": "fixed_asset_investment", "name_zh": "固定资产投资", "name_en": "Fixed-asset investment", "unit": "yuan", "compute": {"kind": "town"}},
            {"id": "fixed_asset_investment_completion_pct", "name_zh": "固定资产投资完成率", "name_en": "Fixed-asset investment against target", "unit": "percent", "compute": {"kind": "ratio_to_target", "figure": "fixed_asset_investment"}},
            {"id": "fixed_asset_investment_growth_pct", "name_zh": "固定资产投资增长", "name_en": "Fixed-asset investment growth", "unit": "percent", "compute": {"kind": "growth_town", "figure": "fixed_asset_investment"}},
            {"id": "hq_return_enterprises", "name_zh": "总部回归企业", "name_en": "Headquarters-return enterprises attracted", "unit": "count", "compute": {"kind": "town"}},
            {"id": "hq_return_projects", "name_zh": "总部回归项目", "name_en": "Headquarters-return projects", "unit": "count", "compute": {"kind": "town"}},
            {"id": "new_above_scale_enterprises", "name_zh": "规上工业企业新增", "name_en": "New above-scale industrial enterprises", "unit": "count", "compute": {"kind": "town"}},
            {"id": "new_innovative_smes", "name_zh": "创新型中小企业新增", "name_en": "New innovative SMEs", "unit": "count", "compute": {"kind": "town"}},
            {"id": "head_projects", "name_zh": "省市县领导联系重大项目", "name_en": "Provincial/municipal/county head projects", "unit": "count", "compute": {"kind": "town"}},
            {"id": "industrial_projects_100m", "name_zh": "亿元以上产业项目", "name_en": "Industrial projects of 100,000,000+", "unit": "count", "compute": {"kind": "town"}},
            {"id": "smart_elderly_care_beds", "name_zh": "智能养老床位", "name_en": "New smart elderly-care beds", "unit": "count", "compute": {"kind": "town"}},
            {"id": "abandoned_farmland_restored_mu", "name_zh": "土地抛荒整治", "name_en": "Abandoned farmland restored", "unit": "mu", "compute": {"kind": "town"}},
            {"id": "high_standard_farmland_mu", "name_zh": "高标准农田", "name_en": "High-standard farmland built", "unit": "mu", "compute": {"kind": "town"}},
            {"id": "new_rural_roads_km", "name_zh": "四好农村路", "name_en": "New rural roads", "unit": "km", "compute": {"kind": "town"}},
            {"id": "construction_land_quota_mu", "name_zh": "新增建设用地指标", "name_en": "New construction-land quota", "unit": "mu", "compute": {"kind": "town"}},
            {"id": "talents_introduced", "name_zh": "引育人才", "name_en": "Talents introduced or trained", "unit": "count", "compute": {"kind": "town"}},
            {"id": "fine_build_projects", "name_zh": "精建精美项目", "name_en": "\"Fine build\" projects", "unit": "count", "compute": {"kind": "town"}},
            {"id": "new_parking_spaces", "name_zh": "新增停车位", "name_en": "New parking spaces", "unit": "count", "compute": {"kind": "town"}},
            {"id": "boutique_villages", "name_zh": "省级特色精品村", "name_en": "Provincial featured boutique villages", "unit": "count", "compute": {"kind": "town"}},
            {"id": "liveable_demo_villages", "name_zh": "省级美丽宜居示范村", "name_en": "Provincial beautiful liveable demonstration villages", "unit": "count", "compute": {"kind": "town"}},
            {"id": "scenic_3a_villages", "name_zh": "3A级景区村", "name_en": "3A scenic villages", "unit": "count", "compute": {"kind": "town"}},
            {"id": "common_prosperity_workshops", "name_zh": "共富工坊", "name_en": "Common-prosperity workshops", "unit": "count", "compute": {"kind": "town"}},
            {"id": "low_income_income_growth_pct", "name_zh": "低收入农户人均可支配收入增长", "name_en": "Low-income households' per-capita disposable income growth", "unit": "percent", "compute": {"kind": "town"}},
            {"id": "motions_handled", "name_zh": "议案提案办理", "name_en": "People's-congress motions handled", "unit": "count", "compute": {"kind": "town"}},
            {"id": "petitions_resolved", "name_zh": "信访化解", "name_en": "Petitions resolved", "unit": "count", "compute": {"kind": "town"}},
            {"id": "disputes_mediated", "name_zh": "矛盾调解", "name_en": "Disputes mediated", "unit": "count", "compute": {"kind": "town"}}
          ],
          "targets": {
            "2023": {
              "fixed_asset_investment": "112037037"
            },
            "2024": {
              "fixed_asset_investment_growth_pct": "20.00",
              "fixed_asset_investment": "145200000",
              "head_projects": "1",
              "industrial_projects_100m": "1",
              "hq_return_projects": "2",
              "new_above_scale_enterprises": "1",
              "new_innovative_smes": "2",
              "construction_land_quota_mu": "100",
              "talents_introduced": "100",
              "fine_build_projects": "5",
              "new_parking_spaces": "100",
              "boutique_villages": "1",
              "liveable_demo_villages": "2",
              "scenic_3a_villages": "1",
              "common_prosperity_workshops": "5",
              "low_income_income_growth_pct": "15.00"
            }
          }
        }
        """#
}
