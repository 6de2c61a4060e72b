//! The commented starter scenario written by `grdpsim init`.

/// A complete, valid starter scenario named `name`, with a comment on every field.
pub fn starter_scenario(name: &str) -> String {
    TEMPLATE.replace("{{NAME}}", name)
}

const TEMPLATE: &str = r#"# grdpsim scenario: {{NAME}}
# Units: money in thousand billion VND (nghìn tỷ đồng) unless a field ends in _usd (billion USD);
# rates and shares as fractions (0.11 = 11%); people in thousands (nghìn người).
# A per-year field takes one number (every year) or an array with one value per projection year.
# Cite the source of every number in a comment. Full reference: docs/scenario-format.md.
#
# To build on the shipped Hanoi plan instead, delete everything below and write e.g.
#   extends = "hanoi-2026-2030.toml"
#   [[sources]]
#   id = "land_revenue"
#   realisation = 0.335   # land revenue 268 instead of 800

[meta]
name = "{{NAME}}"
title_vi = "Kịch bản mẫu"
title_en = "Starter scenario"
description = "Replace these numbers with your own, each with its source."
base_year = 2025              # last year with data
end_year = 2030               # last projection year (1 to 40 years after base_year)
target_growth = 0.11          # real GRDP growth target per year
engine = "growth_accounting"  # or "icor"

[economy]
grdp_base_nominal = 1537.8    # base-year GRDP at current prices, thousand bn VND
capital_output_ratio = 3.0    # K/Y in the base year (assumption)
capital_share = 0.40          # α, capital's share of income (assumption)
depreciation = 0.05           # δ per year (assumption)
deflator_growth = 0.03        # GRDP deflator growth per year
exchange_rate_base = 24500    # VND per USD, base year
exchange_rate = 25500         # VND per USD, each projection year

[labour]
population_base = 8717.6                               # thousand persons, base year
population = [8800.0, 8890.0, 8980.0, 9070.0, 9160.0]  # thousand persons per year
employment_base = 4109.4                               # thousand employed, base year
employment = [4160.0, 4210.0, 4260.0, 4310.0, 4360.0]  # thousand employed per year

[productivity]
tfp_growth = 0.05             # TFP growth per year (growth_accounting engine)
# icor = 4.0                  # ICOR per year (icor engine)

[[sources]]
id = "public_investment"
label_vi = "Đầu tư công"
label_en = "Public investment"
group = "public"              # public | soe | private | fdi | land | borrowing | other
amounts = [150.0, 160.0, 170.0, 180.0, 190.0]   # plan, thousand bn VND per year
lag = 0                       # years before spending becomes productive capital
citation = "replace with file and line"

[[sources]]
id = "private"
label_vi = "Đầu tư tư nhân"
label_en = "Private investment"
group = "private"
amounts = [450.0, 520.0, 600.0, 680.0, 760.0]
citation = "replace with file and line"

[[sources]]
id = "fdi"
label_vi = "Vốn FDI thực hiện"
label_en = "Realised FDI"
group = "fdi"
amounts_usd = [1.9, 2.5, 3.3, 3.8, 4.5]   # plan, billion USD per year
citation = "replace with file and line"

[[sources]]
id = "land_revenue"
label_vi = "Thu tiền sử dụng đất"
label_en = "Land revenue"
group = "land"
amounts = [100.0, 100.0, 100.0, 100.0, 100.0]
realisation = 1.0             # realised / plan (0.8 = 80% of plan)
citation = "replace with file and line"

# land revenue finances public investment: half of it goes to development spending
[[links]]
from = "land_revenue"
to = "public_investment"
share = 0.5
citation = "assumption"
"#;
