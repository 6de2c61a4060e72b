//! Readable terminal reports in Vietnamese or English.

use super::lang::Lang;
use super::table::TextTable;
use crate::model::{Projection, Required};
use crate::montecarlo::Summary;
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
    let verdict = super::Verdict::of(p.cagr, p.target).loud(l);
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
            l.pick("Thực hiện (trung tâm)", "Realised (central)"),
            l.pick("Thực hiện cả kỳ", "Realised, total"),
            l.pick("Đơn vị", "Unit"),
            l.pick("Độ trễ", "Lag"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    let n = sc.horizon();
    for (si, s) in sc.sources.iter().enumerate() {
        let total: f64 = s.plan.iter().sum();
        let real = &sc.central.realisation[si * n..(si + 1) * n];
        let realised: f64 = s.plan.iter().zip(real).map(|(p, r)| p * r).sum();
        let (lo, hi) = real
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), r| {
                (a.min(*r), b.max(*r))
            });
        let share = if (hi - lo).abs() < 1e-12 {
            l.pct(lo, 1)
        } else {
            format!("{}–{}", l.num(100.0 * lo, 1), l.pct(hi, 1))
        };
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
            share,
            l.num(realised, 1),
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
    let u = &sc.uncertainty;
    if !u.inputs.is_empty() || !u.events.is_empty() {
        out.push_str(&format!(
            "\n{}:\n",
            l.pick(
                "Đầu vào bất định (Monte Carlo)",
                "Uncertain inputs (Monte Carlo)"
            )
        ));
        for i in &u.inputs {
            out.push_str(&format!(
                "  {}: {} {}, {} {} ({} {}){}\n",
                i.name,
                l.pick("áp dụng", "apply"),
                format!("{:?}", i.apply).to_lowercase(),
                l.pick("mức trung bình", "level mean"),
                l.num(i.level_mean, 4),
                l.pick("độ lệch chuẩn", "sd"),
                l.num(i.level_sd, 4),
                if i.shock.is_some() {
                    l.pick(", có cú sốc hằng năm", ", with yearly shocks")
                } else {
                    ""
                },
            ));
        }
        for e in &u.events {
            out.push_str(&format!(
                "  {} {} ({}): {} {}, P({}) = {}\n",
                l.pick("dự án", "project"),
                e.id,
                sc.sources[e.source].id,
                l.num(e.amounts.iter().sum(), 1),
                l.pick("nghìn tỷ đồng", "k-bn VND"),
                l.pick("chậm", "delay"),
                l.pct(e.delay_probability, 0),
            ));
        }
        if let Some(c) = &u.correlation {
            out.push_str(&format!(
                "  {}: {} {}{}\n",
                l.pick("tương quan", "correlation"),
                c.inputs.len(),
                l.pick("đầu vào", "inputs"),
                c.repaired_distance
                    .map(|d| format!(
                        " ({} {:.4})",
                        l.pick("đã hiệu chỉnh, khoảng cách", "repaired, distance"),
                        d
                    ))
                    .unwrap_or_default(),
            ));
        }
        for c in &u.compensation {
            out.push_str(&format!(
                "  {} {}: {} ← {} ({})\n",
                l.pick("bù đắp", "compensation"),
                c.id,
                sc.sources[c.covers].id,
                c.from
                    .iter()
                    .map(|f| sc.sources[*f].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                if c.enabled {
                    l.pick("bật", "on")
                } else {
                    l.pick("tắt", "off")
                },
            ));
        }
    }
    out
}

/// The short readable summary of a run.
pub fn summary_report(sc: &Scenario, s: &Summary, lang: Lang) -> String {
    let l = lang;
    let title = match l {
        Lang::Vi => &sc.meta.title_vi,
        Lang::En => &sc.meta.title_en,
    };
    let mut out = format!(
        "{} — {}\n{} {} {}, seed {}, {}\n\n",
        s.scenario,
        title,
        l.num(s.paths as f64, 0),
        l.pick("đường mô phỏng", "paths"),
        match s.sampler {
            crate::montecarlo::Sampler::Mc => "Monte Carlo",
            crate::montecarlo::Sampler::Lhs => "Latin hypercube",
        },
        s.seed,
        l.pick(
            "bình quân = tăng trưởng kép (CAGR)",
            "average = compound annual growth (CAGR)"
        ),
    );
    out.push_str(&format!(
        "{} {}: {} ({} {}–{}; {} {})\n",
        l.pick(
            "Xác suất đạt tăng trưởng bình quân ≥",
            "Probability of average growth ≥"
        ),
        l.pct(s.target, 1),
        l.pct(s.prob_hit, 1),
        l.pick("KTC 95%", "95% CI"),
        l.pct(s.prob_hit_ci95[0], 1),
        l.pct(s.prob_hit_ci95[1], 1),
        l.pick("sai số chuẩn", "standard error"),
        l.pct(s.prob_hit_se, 2),
    ));
    let c = &s.cagr;
    out.push_str(&format!(
        "{}: {} {} ({} P10–P90: {} – {}); {}: {}\n",
        l.pick("Tăng trưởng bình quân", "Average growth"),
        l.pick("trung vị", "median"),
        l.pct(c.p50, 2),
        l.pick("khoảng", "range"),
        l.pct(c.p10, 2),
        l.pct(c.p90, 2),
        l.pick("kịch bản trung tâm", "central projection"),
        l.pct(s.deterministic.cagr, 2),
    ));
    if let Some(p) = s.prob_per_capita_target {
        out.push_str(&format!(
            "{} {}: {} USD ({} P10–P90: {} – {}); P(≥ {}) = {}\n",
            l.pick("GRDP/người", "GRDP per capita"),
            sc.meta.years.last().copied().unwrap_or_default(),
            l.num(s.grdp_per_capita_usd_end.p50, 0),
            l.pick("khoảng", "range"),
            l.num(s.grdp_per_capita_usd_end.p10, 0),
            l.num(s.grdp_per_capita_usd_end.p90, 0),
            l.num(sc.targets.grdp_per_capita_usd.unwrap_or(0.0), 0),
            l.pct(p, 1),
        ));
    }
    out.push('\n');
    let mut t = TextTable::new(
        [
            l.pick("Năm", "Year"),
            "P10",
            "P50",
            "P90",
            l.pick("P(≥ mục tiêu)", "P(≥ target)"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for y in &s.years {
        t.row(vec![
            y.year.to_string(),
            l.pct(y.growth.p10, 2),
            l.pct(y.growth.p50, 2),
            l.pct(y.growth.p90, 2),
            l.pct(y.prob_hit, 1),
        ]);
    }
    out.push_str(&t.render());
    out.push('\n');
    let mut t = TextTable::new(
        [
            l.pick("Nguồn vốn", "Funding source"),
            l.pick("Kế hoạch", "Plan"),
            "P10",
            "P50",
            "P90",
            l.pick("Thiếu hụt TB", "Mean shortfall"),
            l.pick("P(thiếu)", "P(short)"),
            l.pick("P(đạt | thiếu)", "P(hit | short)"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for f in &s.funding {
        t.row(vec![
            match l {
                Lang::Vi => f.label_vi.clone(),
                Lang::En => f.label_en.clone(),
            },
            l.num(f.plan, 1),
            l.num(f.realised.p10, 1),
            l.num(f.realised.p50, 1),
            l.num(f.realised.p90, 1),
            l.num(f.shortfall_mean, 1),
            l.pct(f.prob_short, 1),
            f.prob_hit_given_short
                .map(|p| l.pct(p, 1))
                .unwrap_or_else(|| "–".into()),
        ]);
    }
    out.push_str(&t.render());
    for c in &s.compensation {
        out.push_str(&format!(
            "{} {} ({}): {} {} {}\n",
            l.pick("Quy tắc bù đắp", "Compensation rule"),
            c.id,
            if c.enabled {
                l.pick("bật", "on")
            } else {
                l.pick("tắt", "off")
            },
            l.pick("bổ sung bình quân", "adds on average"),
            l.num(c.added_mean, 1),
            l.pick("nghìn tỷ đồng", "k-bn VND"),
        ));
    }
    if let Some(d) = s.rank_correlations.iter().find_map(|r| r.repaired_distance) {
        out.push_str(&format!(
            "{} {}\n",
            l.pick(
                "Ma trận tương quan không hợp lệ đã được hiệu chỉnh về ma trận hợp lệ gần nhất (Higham 2002, repair = true); khoảng cách Frobenius",
                "The correlation matrix was not valid and was repaired to the nearest valid one (Higham 2002, repair = true); Frobenius distance"
            ),
            l.num(d, 4)
        ));
    }
    for r in s
        .rank_correlations
        .iter()
        .filter(|r| r.target != 0.0 || r.requested != 0.0)
    {
        let used = if (r.requested - r.target).abs() > 5e-3 {
            format!(
                "{} {} → {} {}",
                l.pick("yêu cầu", "requested"),
                l.num(r.requested, 2),
                l.pick("dùng sau hiệu chỉnh", "used after repair"),
                l.num(r.target, 2)
            )
        } else {
            format!(
                "{} {}",
                l.pick("yêu cầu", "requested"),
                l.num(r.requested, 2)
            )
        };
        out.push_str(&format!(
            "{} {} ~ {}: {} ({} {}), {} {}\n",
            l.pick("Tương quan", "Correlation"),
            r.a,
            r.b,
            used,
            l.pick("tương quan hạng kỳ vọng", "expected rank correlation"),
            l.num(r.expected, 3),
            l.pick("đạt", "achieved"),
            l.num(r.achieved, 3),
        ));
    }
    if s.invalid_paths > 0 {
        out.push_str(&format!(
            "{}: {} ({})\n",
            l.pick("Đường không hợp lệ (bị loại)", "Invalid paths (excluded)"),
            s.invalid_paths,
            s.first_invalid.as_deref().unwrap_or("")
        ));
    }
    out
}
