//! The terminal view of a run: the same answer as the report (headline, verdict, key
//! figures), growth by year and funding by source as readers see them in the report, the
//! compensation rules, correlations asked for and achieved, and excluded paths. Built from
//! the report's own table builders, so the two cannot disagree.

use super::run::headline;
use super::run_tables as rt;
use crate::analysis::lever_names::input_name;
use crate::montecarlo::Summary;
use crate::report::doc::{Block, Document};
use crate::report::feasibility::FeasibilityScale;
use crate::report::{Lang, msg};
use crate::scenario::Scenario;

/// The run's document for the terminal.
pub fn run_brief(sc: &Scenario, s: &Summary, scale: &FeasibilityScale, l: Lang) -> Document {
    let title = format!(
        "{} — {}",
        s.scenario,
        l.pick(&sc.meta.title_vi, &sc.meta.title_en)
    );
    let sampler = super::facts::sampler_name(s.sampler);
    let sub = format!(
        "{} {} {sampler}, seed {}, {}",
        l.num(s.paths as f64, 0),
        msg(l, "paths"),
        s.seed,
        msg(l, "average_compound_annual_growth_cagr")
    );
    let mut doc = Document::new("summary", title, sub);
    doc.lead = vec![
        format!(
            "{}; {} {}",
            headline(s, l),
            msg(l, "standard_error"),
            l.pct(s.prob_hit_se, 2)
        ),
        format!("{}: {}", msg(l, "assessment"), scale.phrase(s.prob_hit, l)),
    ];
    doc.lead.extend(super::facts::precision_sentence(s, l));
    let c = &s.cagr;
    doc.blocks.push(Block::Paragraph(format!(
        "{}: {} {} ({} P10–P90: {} – {}); {}: {}",
        msg(l, "average_growth"),
        msg(l, "median_2"),
        l.pct(c.p50, 2),
        msg(l, "range"),
        l.pct(c.p10, 2),
        l.pct(c.p90, 2),
        msg(l, "central_projection"),
        l.pct(s.deterministic.cagr, 2),
    )));
    if let Some(p) = s.prob_per_capita_target {
        let q = &s.grdp_per_capita_usd_end;
        doc.blocks.push(Block::Paragraph(format!(
            "{} {}: {} USD ({} P10–P90: {} – {}); P(≥ {}) = {}",
            msg(l, "grdp_per_capita_2"),
            sc.end_year(),
            l.num(q.p50, 0),
            msg(l, "range"),
            l.num(q.p10, 0),
            l.num(q.p90, 0),
            l.num(sc.targets.grdp_per_capita_usd.unwrap_or(0.0), 0),
            l.pct(p, 1),
        )));
    }
    let none = "";
    doc.blocks.push(Block::Table(rt::years(s, none, l)));
    if let Some(t) = super::run_data::milestones(sc, s, none, l) {
        doc.blocks.push(Block::Table(t));
    }
    doc.blocks.push(Block::Table(rt::funding(s, none, l)));
    if let Some(t) = rt::compensation(sc, s, none, l) {
        doc.blocks.push(Block::Table(t));
    }
    if let Some(d) = s.rank_correlations.iter().find_map(|r| r.repaired_distance) {
        doc.blocks.push(Block::Warning(format!(
            "{} {}",
            msg(l, "the_correlation_matrix_was_not_valid_and_was_rep"),
            l.num(d, 4)
        )));
    }
    for r in s
        .rank_correlations
        .iter()
        .filter(|r| r.target != 0.0 || r.requested != 0.0)
    {
        let asked = format!("{} {}", msg(l, "requested"), l.num(r.requested, 2));
        let used = if (r.requested - r.target).abs() > 5e-3 {
            format!(
                "{asked} → {} {}",
                msg(l, "used_after_repair"),
                l.num(r.target, 2)
            )
        } else {
            asked
        };
        doc.blocks.push(Block::Paragraph(format!(
            "{} {} ~ {}: {used} ({} {}), {} {}",
            msg(l, "correlation_2"),
            input_name(sc, &r.a, l),
            input_name(sc, &r.b, l),
            msg(l, "expected_rank_correlation"),
            l.num(r.expected, 3),
            msg(l, "achieved"),
            l.num(r.achieved, 3),
        )));
    }
    let ws = crate::analysis::plausibility::check_projection(sc, &s.deterministic);
    doc.blocks.extend(super::plausibility_blocks(&ws, l));
    if s.invalid_paths > 0 {
        doc.blocks.push(Block::Warning(format!(
            "{}: {} ({})",
            msg(l, "invalid_paths_excluded"),
            s.invalid_paths,
            s.first_invalid.as_deref().unwrap_or("")
        )));
    }
    doc
}
