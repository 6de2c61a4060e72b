//! The terminal view of a deterministic projection: the year-by-year figures an economist
//! checks first (growth, GRDP, investment, contributions, TFP share, ICOR, per capita,
//! productivity), the verdict against the target in capitals, and the period figures.

use super::facts::engine_name;
use super::run_tables::PROJECTION;
use crate::model::Projection;
use crate::report::doc::{Block, Cell, Column, Document, Kind, Table};
use crate::report::msgf;
use crate::report::{Lang, Verdict, msg};
use crate::scenario::Scenario;

fn table(p: &Projection, l: Lang) -> Table {
    // (key in `projection.csv`, short label for the terminal, kind)
    let r2 = Kind::Rate { decimals: 2 };
    let n1 = Kind::Number { decimals: 1 };
    let cols = [
        ("growth", "growth", r2),
        ("grdp_nominal", "grdp_k_bn_vnd", n1),
        ("investment_nominal", "investment_k_bn", n1),
        ("investment_ratio", "inv_grdp", r2),
        ("contrib_tfp", "tfp_contr", r2),
        ("contrib_capital", "capital", r2),
        ("contrib_labour", "labour", r2),
        ("contrib_human_capital", "human_capital_short", r2),
        ("tfp_share", "tfp_share", Kind::Rate { decimals: 1 }),
        ("icor", "col_icor", Kind::Number { decimals: 2 }),
        ("grdp_per_capita_vnd", "grdp_cap_m_vnd", n1),
        (
            "grdp_per_capita_usd",
            "grdp_cap_usd",
            Kind::Number { decimals: 0 },
        ),
        ("labour_productivity", "prod_m_vnd_worker", n1),
    ];
    let get: Vec<_> = cols
        .iter()
        .filter_map(|(k, _, _)| PROJECTION.iter().find(|c| c.0 == *k).map(|c| c.3))
        .collect();
    let mut columns = vec![Column::new("year", msg(l, "year"), Kind::Year)];
    columns.extend(
        cols.iter()
            .map(|(k, m, kind)| Column::new(k, msg(l, m), *kind)),
    );
    let mut t = Table::new("projection", msg(l, "central_projection_by_year"), columns);
    for r in &p.years {
        let mut row = vec![Cell::Num(f64::from(r.year))];
        row.extend(get.iter().map(|g| Cell::opt(g(r))));
        t.row(row);
    }
    // human capital gets its column only when the scenario has some
    if p.years.iter().all(|r| r.contrib_human_capital == 0.0)
        && let Some(i) = t
            .columns
            .iter()
            .position(|c| c.key == "contrib_human_capital")
    {
        t.columns.remove(i);
        for r in &mut t.rows {
            r.remove(i);
        }
    }
    t
}

/// The projection's document for the terminal.
pub fn projection_brief(sc: &Scenario, p: &Projection, l: Lang) -> Document {
    let title = format!(
        "{} — {}",
        sc.meta.name,
        l.pick(&sc.meta.title_vi, &sc.meta.title_en)
    );
    let sub = format!(
        "{}, {} {}",
        sc.period(),
        msg(l, "engine"),
        engine_name(p.engine, l)
    );
    let mut doc = Document::new("projection", title, sub);
    doc.blocks.push(Block::Table(table(p, l)));
    let mut lines = vec![format!(
        "{}: {} ({} {}: {})",
        msg(l, "average_growth_cagr"),
        l.pct(p.cagr, 2),
        Verdict::of(p.cagr, p.target).loud(l),
        msg(l, "the_target"),
        l.pct(p.target, 1)
    )];
    if let Some(s) = p.tfp_share {
        let target = sc.targets.tfp_share_period.map_or(String::new(), |t| {
            format!(" ({} {})", msg(l, "target_2"), l.pct(t, 0))
        });
        lines.push(format!(
            "{}: {}{target}",
            msg(l, "tfp_share_of_growth_over_the_period_2"),
            l.pct(s, 1)
        ));
    }
    lines.push(format!(
        "{}: {} {} / {} {} = {}; ICOR {}",
        msg(l, "investment_grdp_over_the_period"),
        l.num(p.investment_nominal_total, 1),
        msg(l, "k_bn"),
        l.num(p.grdp_nominal_total, 1),
        msg(l, "k_bn"),
        l.pct(p.investment_ratio_period, 2),
        p.icor_period.map_or_else(|| "–".into(), |x| l.num(x, 2)),
    ));
    if let Some(last) = p.years.last() {
        let target = sc.targets.grdp_per_capita_usd.map_or(String::new(), |t| {
            format!(" ({} {})", msg(l, "target_2"), l.num(t, 0))
        });
        lines.push(format!(
            "{} {}: {} USD/{}{target}; GRDP {} {} USD",
            msg(l, "grdp_per_capita"),
            last.year,
            l.num(last.grdp_per_capita_usd, 0),
            msg(l, "person"),
            l.num(last.grdp_usd_bn, 1),
            msg(l, "bn")
        ));
    }
    if let Some(plan) = &sc.plan_reference.grdp_nominal {
        let years: Vec<String> = p
            .years
            .iter()
            .zip(plan)
            .map(|(r, v)| {
                format!(
                    "{} {} ({:+.1}%)",
                    r.year,
                    l.num(*v, 0),
                    100.0 * (r.grdp_nominal / v - 1.0)
                )
            })
            .collect();
        lines.push(format!(
            "{}: {}",
            msg(l, "plan_s_nominal_grdp_k_bn_vnd"),
            years.join(" ")
        ));
    }
    doc.blocks.push(Block::Paragraph(lines.join("\n")));
    if let Some(w) = actuals_warning(sc, l) {
        doc.blocks.push(Block::Warning(w));
    }
    let ws = crate::analysis::plausibility::check_projection(sc, p);
    doc.blocks.extend(super::plausibility_blocks(&ws, l));
    doc
}

/// Which years' growth is realised and which estimated (`[actuals]`), and that TFP is their
/// residual; `None` when the scenario has no actuals.
pub(crate) fn actuals_warning(sc: &Scenario, l: Lang) -> Option<String> {
    let a = sc.actuals.as_ref()?;
    let list = |est: bool| {
        let ys: Vec<String> = sc
            .meta
            .years
            .iter()
            .filter(|y| a.estimated.contains(y) == est)
            .map(|y| y.to_string())
            .collect();
        if ys.is_empty() {
            "–".to_string()
        } else {
            ys.join(", ")
        }
    };
    Some(msgf(
        l,
        "actuals_warning",
        &[("realised", &list(false)), ("estimated", &list(true))],
    ))
}
