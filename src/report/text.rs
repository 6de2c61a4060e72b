//! Readable terminal reports in Vietnamese or English.

use super::lang::Lang;
use super::table::TextTable;
use crate::model::{Projection, Required};
use crate::scenario::{Currency, Engine, Group, Scenario};

fn group_label(g: Group, lang: Lang) -> &'static str {
    match g {
        Group::Public => lang.pick("Nhà nước (công)", "Public"),
        Group::Soe => lang.pick("DNNN", "SOE"),
        Group::Private => lang.pick("Tư nhân", "Private"),
        Group::Fdi => lang.pick("FDI", "FDI"),
        Group::Land => lang.pick("Đất đai", "Land"),
        Group::Borrowing => lang.pick("Vốn vay", "Borrowing"),
        Group::Other => lang.pick("Khác", "Other"),
    }
}

fn title(sc: &Scenario, lang: Lang) -> &str {
    match lang {
        Lang::Vi => &sc.meta.title_vi,
        Lang::En => &sc.meta.title_en,
    }
}

/// The projection as a table with a headline, for stdout.
pub fn projection_report(sc: &Scenario, p: &Projection, lang: Lang) -> String {
    let l = lang;
    let mut out = String::new();
    out.push_str(&format!(
        "{} — {} ({}–{}, {} {})\n\n",
        sc.meta.name,
        title(sc, l),
        sc.meta.years[0],
        sc.meta.years[sc.horizon() - 1],
        l.pick("mô hình", "engine"),
        p.engine.as_str_lang(l),
    ));
    let mut t = TextTable::new(
        [
            l.pick("Năm", "Year"),
            l.pick("Tăng trưởng", "Growth"),
            l.pick("GRDP (nghìn tỷ)", "GRDP (k-bn VND)"),
            l.pick("Vốn ĐT (nghìn tỷ)", "Investment (k-bn)"),
            l.pick("Vốn ĐT/GRDP", "Inv./GRDP"),
            l.pick("Đóng góp TFP", "TFP contr."),
            l.pick("Vốn", "Capital"),
            l.pick("Lao động", "Labour"),
            l.pick("Tỷ trọng TFP", "TFP share"),
            "ICOR",
            l.pick("GRDP/người (tr.đ)", "GRDP/cap (m VND)"),
            l.pick("GRDP/người (USD)", "GRDP/cap (USD)"),
            l.pick("NSLĐ (tr.đ/LĐ)", "Prod. (m VND/worker)"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for r in &p.years {
        t.row(vec![
            r.year.to_string(),
            l.pct(r.growth, 2),
            l.num(r.grdp_nominal, 1),
            l.num(r.investment_nominal, 1),
            l.pct(r.investment_ratio, 2),
            l.pct(r.contrib_tfp, 2),
            l.pct(r.contrib_capital, 2),
            l.pct(r.contrib_labour, 2),
            r.tfp_share
                .map(|s| l.pct(s, 1))
                .unwrap_or_else(|| "–".into()),
            r.icor.map(|s| l.num(s, 2)).unwrap_or_else(|| "–".into()),
            l.num(r.grdp_per_capita_vnd, 1),
            l.num(r.grdp_per_capita_usd, 0),
            l.num(r.labour_productivity, 1),
        ]);
    }
    out.push_str(&t.render());
    out.push('\n');
    let verdict = if p.meets_target {
        l.pick("ĐẠT", "MEETS")
    } else {
        l.pick("KHÔNG ĐẠT", "MISSES")
    };
    out.push_str(&format!(
        "{}: {} ({} {}: {})\n",
        l.pick("Tăng trưởng bình quân (CAGR)", "Average growth (CAGR)"),
        l.pct(p.cagr, 2),
        verdict,
        l.pick("mục tiêu", "the target"),
        l.pct(p.target, 1)
    ));
    if let Some(s) = p.tfp_share {
        out.push_str(&format!(
            "{}: {}",
            l.pick(
                "Tỷ trọng đóng góp TFP cả giai đoạn",
                "TFP share of growth over the period"
            ),
            l.pct(s, 1)
        ));
        if let Some(target) = sc.targets.tfp_share_period {
            out.push_str(&format!(
                " ({} {})",
                l.pick("mục tiêu", "target"),
                l.pct(target, 0)
            ));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "{}: {} {} / {} {} = {}; ICOR {}\n",
        l.pick(
            "Vốn đầu tư/GRDP cả giai đoạn",
            "Investment/GRDP over the period"
        ),
        l.num(p.investment_nominal_total, 1),
        l.pick("nghìn tỷ", "k-bn"),
        l.num(p.grdp_nominal_total, 1),
        l.pick("nghìn tỷ", "k-bn"),
        l.pct(p.investment_ratio_period, 2),
        p.icor_period
            .map(|x| l.num(x, 2))
            .unwrap_or_else(|| "–".into()),
    ));
    if let Some(last) = p.years.last() {
        out.push_str(&format!(
            "{} {}: {} USD/{}",
            l.pick("GRDP bình quân đầu người", "GRDP per capita"),
            last.year,
            l.num(last.grdp_per_capita_usd, 0),
            l.pick("người", "person")
        ));
        if let Some(target) = sc.targets.grdp_per_capita_usd {
            out.push_str(&format!(
                " ({} {})",
                l.pick("mục tiêu", "target"),
                l.num(target, 0)
            ));
        }
        out.push_str(&format!(
            "; GRDP {} {} USD\n",
            l.num(last.grdp_usd_bn, 1),
            l.pick("tỷ", "bn")
        ));
    }
    if let Some(plan) = &sc.plan_reference.grdp_nominal {
        out.push_str(&format!(
            "{}:",
            l.pick(
                "GRDP giá hiện hành theo kế hoạch (nghìn tỷ)",
                "Plan's nominal GRDP (k-bn VND)"
            )
        ));
        for (r, v) in p.years.iter().zip(plan) {
            out.push_str(&format!(
                " {} {} ({:+.1}%)",
                r.year,
                l.num(*v, 0),
                100.0 * (r.grdp_nominal / v - 1.0)
            ));
        }
        out.push('\n');
    }
    out
}

trait EngineLang {
    fn as_str_lang(&self, l: Lang) -> &'static str;
}

impl EngineLang for Engine {
    fn as_str_lang(&self, l: Lang) -> &'static str {
        match self {
            Engine::GrowthAccounting => l.pick("hạch toán tăng trưởng", "growth accounting"),
            Engine::Icor => "ICOR",
        }
    }
}

/// The inverse modes as a table with the documents' TFP targets beside them.
pub fn required_report(sc: &Scenario, r: &Required, lang: Lang) -> String {
    let l = lang;
    let mut out = format!(
        "{} — {}\n{} {}\n\n",
        sc.meta.name,
        title(sc, l),
        l.pick("Để đạt tăng trưởng mỗi năm", "To grow every year by"),
        l.pct(r.target, 1)
    );
    let mut t = TextTable::new(
        [
            l.pick("Năm", "Year"),
            l.pick("TFP cần tăng", "TFP growth needed"),
            l.pick("Tỷ trọng TFP cần", "TFP share needed"),
            l.pick("Mục tiêu tỷ trọng", "Target share"),
            l.pick("ICOR ngầm định", "Implied ICOR"),
            l.pick("Vốn kế hoạch", "Planned inv."),
            l.pick("Vốn cần", "Required inv."),
            l.pick("Thiếu hụt", "Gap"),
            l.pick("Vốn cần/GRDP", "Required/GRDP"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for (i, y) in r.years.iter().enumerate() {
        let target = sc
            .targets
            .tfp_share
            .as_ref()
            .map(|v| l.pct(v[i], 1))
            .unwrap_or_else(|| "–".into());
        t.row(vec![
            y.year.to_string(),
            l.pct(y.implied_tfp_growth, 2),
            l.pct(y.implied_tfp_share, 1),
            target,
            l.num(y.implied_icor, 2),
            l.num(y.planned_investment, 1),
            l.num(y.required_investment, 1),
            l.num(y.gap, 1),
            l.pct(y.required_investment_ratio, 1),
        ]);
    }
    t.row(vec![
        l.pick("Cả kỳ", "Period").to_string(),
        l.pct(r.implied_tfp_growth_mean, 2),
        l.pct(r.implied_tfp_share_period, 1),
        sc.targets
            .tfp_share_period
            .map(|v| l.pct(v, 0))
            .unwrap_or_else(|| "–".into()),
        String::new(),
        l.num(r.planned_total, 1),
        l.num(r.required_total, 1),
        l.num(r.gap_total, 1),
        String::new(),
    ]);
    out.push_str(&t.render());
    out.push('\n');
    out.push_str(&match l {
        Lang::Vi => format!(
            "(a) Với nguồn vốn theo kế hoạch, TFP phải tăng bình quân {}/năm, tức đóng góp {} tăng trưởng.\n",
            l.pct(r.implied_tfp_growth_mean, 2),
            l.pct(r.implied_tfp_share_period, 1)
        ),
        Lang::En => format!(
            "(a) With the planned funding, TFP must grow {} a year on average: {} of growth.\n",
            l.pct(r.implied_tfp_growth_mean, 2),
            l.pct(r.implied_tfp_share_period, 1)
        ),
    });
    let basis = match sc.meta.engine {
        Engine::GrowthAccounting => l.pick("TFP", "TFP"),
        Engine::Icor => "ICOR",
    };
    out.push_str(&match l {
        Lang::Vi => format!(
            "(b) Với {basis} của kịch bản, để đạt {} cần {} nghìn tỷ đồng vốn đầu tư so với {} theo kế hoạch: {} {} nghìn tỷ đồng (giá hiện hành).\n",
            l.pct(r.target, 1),
            l.num(r.required_total, 1),
            l.num(r.planned_total, 1),
            if r.gap_total > 0.0 { "thiếu" } else { "dư" },
            l.num(r.gap_total.abs(), 1)
        ),
        Lang::En => format!(
            "(b) With the scenario's {basis}, {} needs {} k-bn VND of investment against the plan's {}: a {} of {} k-bn VND (current prices).\n",
            l.pct(r.target, 1),
            l.num(r.required_total, 1),
            l.num(r.planned_total, 1),
            if r.gap_total > 0.0 { "gap" } else { "surplus" },
            l.num(r.gap_total.abs(), 1)
        ),
    });
    out
}

/// What a scenario contains, for `grdpsim validate`.
pub fn scenario_summary(sc: &Scenario, lang: Lang) -> String {
    let l = lang;
    let x = &sc.central;
    let n = sc.horizon();
    let mut out = format!(
        "{}: {}\n  {}\n  {}: {}\n",
        l.pick("Kịch bản hợp lệ", "Valid scenario"),
        sc.meta.name,
        title(sc, l),
        l.pick("Tệp", "Files"),
        sc.files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(" ← "),
    );
    out.push_str(&format!(
        "  {}: {}–{} ({} {}), {} {}; {}: {}\n",
        l.pick("Giai đoạn", "Years"),
        sc.meta.years[0],
        sc.meta.years[n - 1],
        n,
        l.pick("năm", "years"),
        l.pick("mục tiêu", "target"),
        l.pct(sc.meta.target_growth, 1),
        l.pick("mô hình", "engine"),
        sc.meta.engine.as_str(),
    ));
    out.push_str(&format!(
        "  GRDP {} {} = {} {}; K/Y = {}; α = {}; δ = {}\n",
        sc.meta.base_year,
        l.pick("giá hiện hành", "current prices"),
        l.num(x.grdp_base_nominal, 1),
        l.pick("nghìn tỷ đồng", "k-bn VND"),
        l.num(x.capital_output_ratio, 2),
        l.num(x.capital_share, 2),
        l.num(x.depreciation, 3),
    ));
    let mut t = TextTable::new(
        [
            l.pick("Nguồn vốn", "Funding source"),
            "id",
            l.pick("Nhóm", "Group"),
            l.pick("Vai trò", "Role"),
            l.pick("Kế hoạch cả kỳ", "Plan, total"),
            l.pick("Đơn vị", "Unit"),
            l.pick("Độ trễ", "Lag"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for s in &sc.sources {
        let total: f64 = s.plan.iter().sum();
        t.row(vec![
            match l {
                Lang::Vi => s.label_vi.clone(),
                Lang::En => s.label_en.clone(),
            },
            s.id.clone(),
            group_label(s.group, l).to_string(),
            if s.financing {
                l.pick("tài trợ", "finances")
            } else {
                l.pick("đầu tư", "invests")
            }
            .to_string(),
            l.num(total, 1),
            match s.currency {
                Currency::Vnd => l.pick("nghìn tỷ đồng", "k-bn VND"),
                Currency::Usd => l.pick("tỷ USD", "bn USD"),
            }
            .to_string(),
            s.lag.to_string(),
        ]);
    }
    out.push('\n');
    out.push_str(&t.render());
    for link in &sc.links {
        out.push_str(&format!(
            "  {} → {}: {}\n",
            sc.sources[link.from].id,
            sc.sources[link.to].id,
            l.pct(link.share, 1)
        ));
    }
    out
}
