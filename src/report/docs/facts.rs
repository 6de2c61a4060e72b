//! The key-figures table of a run or projection (indicator, value with its own kind, note):
//! the headline's companions, the feasibility verdict, targets, medians against the central
//! projection, paths and seed, and where the numbers come from.

use crate::model::Projection;
use crate::montecarlo::{Sampler, Summary};
use crate::report::doc::{Cell, Column, Kind, Table};
use crate::report::feasibility::FeasibilityScale;
use crate::report::{Lang, Verdict, msg, msgf};
use crate::scenario::{Engine, Scenario};

/// Rows of the key-figures table: indicator, value (with its own kind), note.
pub(super) struct Facts(pub Table);

impl Facts {
    pub fn new(sheet: &str, l: Lang) -> Self {
        let t = Table::new(
            "key_figures",
            msg(l, "key_figures"),
            vec![
                Column::new(
                    "indicator",
                    msg(l, "indicator"),
                    Kind::Number { decimals: 2 },
                ),
                Column::new("value", msg(l, "value"), Kind::Number { decimals: 2 }),
                Column::new("note", msg(l, "note"), Kind::Number { decimals: 2 }),
            ],
        )
        .on_sheet(sheet);
        Facts(t)
    }

    fn num(&mut self, key: &str, label: String, v: Option<f64>, kind: Kind, note: String) {
        let value = v.map_or(Cell::Empty, |v| Cell::Value(v, kind));
        let label = Cell::Key {
            key: key.into(),
            label,
        };
        self.0.row(vec![label, value, Cell::Text(note)]);
    }

    fn text(&mut self, key: &str, label: String, v: String, note: String) {
        let label = Cell::Key {
            key: key.into(),
            label,
        };
        self.0.row(vec![label, Cell::Text(v), Cell::Text(note)]);
    }
}

fn target_note(t: Option<f64>, kind: Kind, l: Lang) -> String {
    t.map_or(String::new(), |t| {
        format!(
            "{} {}",
            msg(l, "target_2"),
            crate::report::render::format_number(l, kind, t)
        )
    })
}

const R1: Kind = Kind::Rate { decimals: 1 };
const R2: Kind = Kind::Rate { decimals: 2 };
const N0: Kind = Kind::Number { decimals: 0 };
const N1: Kind = Kind::Number { decimals: 1 };

/// Key figures of a Monte Carlo run, below the headline on the summary sheet.
pub(super) fn run_facts(
    sc: &Scenario,
    s: &Summary,
    scale: &FeasibilityScale,
    f: &mut Facts,
    l: Lang,
) {
    let p = &s.deterministic;
    let cite = |k: &str| {
        sc.citations
            .get(k)
            .map(|c| crate::report::humanise_citation(c, l))
    };
    let median = msg(l, "median_2");
    let end = sc.end_year();
    let legend: Vec<String> = scale
        .legend(l)
        .into_iter()
        .map(|(r, p)| format!("{r}: {p}"))
        .collect();
    let note = format!("{}: {}", msg(l, "scale"), legend.join("; "));
    f.text(
        "feasibility",
        msg(l, "feasibility").into(),
        scale.phrase(s.prob_hit, l).into(),
        note,
    );
    let c = cite("meta.target_growth").unwrap_or_default();
    f.num(
        "target",
        msg(l, "average_growth_target").into(),
        Some(s.target),
        R1,
        c,
    );
    let wilson = msg(l, "wilson_interval").to_string();
    f.num(
        "prob_hit_ci95_low",
        msg(l, "95_ci_lower_bound").into(),
        Some(s.prob_hit_ci95[0]),
        R1,
        wilson,
    );
    f.num(
        "prob_hit_ci95_high",
        msg(l, "95_ci_upper_bound").into(),
        Some(s.prob_hit_ci95[1]),
        R1,
        String::new(),
    );
    f.num(
        "prob_hit_se",
        msg(l, "monte_carlo_standard_error").into(),
        Some(s.prob_hit_se),
        R2,
        String::new(),
    );
    f.num(
        "prob_above",
        msg(l, "probability_of_average_growth_target_2").into(),
        Some(s.prob_above),
        R1,
        String::new(),
    );
    let cagr = msg(l, "average_growth_cagr");
    f.num(
        "cagr_p50",
        format!("{cagr}, {median}"),
        Some(s.cagr.p50),
        R2,
        String::new(),
    );
    f.num(
        "cagr_p10",
        "CAGR, P10".into(),
        Some(s.cagr.p10),
        R2,
        String::new(),
    );
    f.num(
        "cagr_p90",
        "CAGR, P90".into(),
        Some(s.cagr.p90),
        R2,
        String::new(),
    );
    let verdict = Verdict::of(p.cagr, p.target).phrase(l).to_string();
    f.num(
        "cagr_central",
        msg(l, "cagr_of_the_central_projection_deterministic").into(),
        Some(p.cagr),
        R2,
        verdict,
    );
    let tfp = msg(l, "tfp_share_of_growth_over_the_period");
    let tn = target_note(sc.targets.tfp_share_period, R1, l);
    f.num(
        "tfp_share_p50",
        format!("{tfp}, {median}"),
        Some(s.tfp_share.p50),
        R1,
        tn,
    );
    f.num(
        "tfp_share_central",
        msg(l, "tfp_share_central_projection").into(),
        p.tfp_share,
        R1,
        String::new(),
    );
    let pc = msg(l, "grdp_per_capita");
    let q = &s.grdp_per_capita_usd_end;
    let range = format!("P10–P90: {}–{}", l.num(q.p10, 0), l.num(q.p90, 0));
    f.num(
        "grdp_per_capita_usd_p50",
        format!("{pc} {end} (USD), {median}"),
        Some(q.p50),
        N0,
        range,
    );
    let c = cite("targets.grdp_per_capita_usd").unwrap_or_default();
    let label = format!("{} {end} (USD)", msg(l, "grdp_per_capita_target"));
    f.num(
        "grdp_per_capita_usd_target",
        label,
        sc.targets.grdp_per_capita_usd,
        N0,
        c,
    );
    if let Some(pr) = s.prob_per_capita_target {
        f.num(
            "prob_per_capita_target",
            msg(l, "probability_of_grdp_per_capita_target").into(),
            Some(pr),
            R1,
            String::new(),
        );
    }
    let last = p.years.last().map(|y| y.grdp_per_capita_usd);
    f.num(
        "grdp_per_capita_usd_central",
        format!("{pc} {end} (USD), {}", msg(l, "central_projection")),
        last,
        N0,
        String::new(),
    );
    let tn = target_note(sc.targets.grdp_usd_bn, N1, l);
    f.num(
        "grdp_usd_bn_p50",
        format!("GRDP {end} ({}), {median}", msg(l, "bn_usd")),
        Some(s.grdp_end_usd.p50),
        N1,
        tn,
    );
    f.num(
        "grdp_nominal_p50",
        format!(
            "GRDP {end} ({}), {median}",
            msg(l, "current_prices_k_bn_vnd")
        ),
        Some(s.grdp_end.p50),
        N1,
        String::new(),
    );
    let label = format!(
        "{} {} ({}), {median}",
        msg(l, "total_investment"),
        sc.period(),
        msg(l, "k_bn_vnd")
    );
    let central = format!(
        "{}: {}",
        msg(l, "central_projection"),
        l.num(p.investment_nominal_total, 1)
    );
    f.num(
        "investment_total_p50",
        label,
        Some(s.investment_total.p50),
        N1,
        central,
    );
    for c in &s.compensation {
        let label = format!(
            "{} {} ({})",
            msg(l, "mean_compensation_added_rule"),
            crate::analysis::lever_names::compensation_name(sc, &c.id, l),
            msg(l, "k_bn_vnd")
        );
        let on = msg(l, if c.enabled { "on" } else { "off" }).to_string();
        f.num(
            &format!("compensation_{}", c.id),
            label,
            Some(c.added_mean),
            N1,
            on,
        );
    }
    f.num(
        "paths",
        msg(l, "paths_2").into(),
        Some(s.paths as f64),
        Kind::Count,
        String::new(),
    );
    if let Some(why) = precision_sentence(s, l) {
        f.text(
            "precision_stop",
            msg(l, "stopping_rule").into(),
            why,
            String::new(),
        );
    }
    let first = s.first_invalid.clone().unwrap_or_default();
    f.num(
        "invalid_paths",
        msg(l, "invalid_paths_excluded").into(),
        Some(s.invalid_paths as f64),
        Kind::Count,
        first,
    );
    if s.seed < (1u64 << 53) {
        f.num(
            "seed",
            "Seed".into(),
            Some(s.seed as f64),
            Kind::Id,
            String::new(),
        );
    } else {
        f.text("seed", "Seed".into(), s.seed.to_string(), String::new());
    }
    f.text(
        "sampler",
        msg(l, "sampler").into(),
        sampler_name(s.sampler).into(),
        String::new(),
    );
}

/// Key figures of the central projection.
pub(super) fn projection_facts(sc: &Scenario, p: &Projection, f: &mut Facts, l: Lang) {
    let end = sc.end_year();
    let last = p.years.last();
    let tn = target_note(sc.targets.tfp_share_period, R1, l);
    f.num(
        "tfp_share",
        msg(l, "tfp_share_of_growth_over_the_period").into(),
        p.tfp_share,
        R1,
        tn,
    );
    let tn = target_note(sc.targets.grdp_per_capita_usd, N0, l);
    let label = format!("{} {end} (USD)", msg(l, "grdp_per_capita"));
    f.num(
        "grdp_per_capita_usd",
        label,
        last.map(|y| y.grdp_per_capita_usd),
        N0,
        tn,
    );
    let tn = target_note(sc.targets.grdp_usd_bn, N1, l);
    let label = format!("GRDP {end} ({})", msg(l, "bn_usd"));
    f.num("grdp_usd_bn", label, last.map(|y| y.grdp_usd_bn), N1, tn);
    let label = format!(
        "{} {} ({})",
        msg(l, "total_investment"),
        sc.period(),
        msg(l, "k_bn_vnd")
    );
    f.num(
        "investment_total",
        label,
        Some(p.investment_nominal_total),
        N1,
        String::new(),
    );
    let label = msg(l, "investment_grdp_over_the_period_2").to_string();
    f.num(
        "investment_ratio_period",
        label,
        Some(p.investment_ratio_period),
        R1,
        String::new(),
    );
    f.num(
        "icor_period",
        "ICOR".into(),
        p.icor_period,
        Kind::Number { decimals: 2 },
        String::new(),
    );
}

/// Common closing rows: engine, scenario, hash, software.
pub(super) fn provenance(sc: &Scenario, p: &Projection, f: &mut Facts, l: Lang) {
    let none = String::new;
    f.text(
        "engine",
        msg(l, "engine_2").into(),
        engine_name(p.engine, l).into(),
        none(),
    );
    let title = l.pick(&sc.meta.title_vi, &sc.meta.title_en).to_string();
    f.text(
        "scenario",
        msg(l, "scenario").into(),
        sc.meta.name.clone(),
        title,
    );
    let files: Vec<String> = sc.files.iter().map(|f| f.display().to_string()).collect();
    f.text(
        "scenario_hash",
        msg(l, "scenario_hash_fnv_1a").into(),
        sc.content_hash.clone(),
        files.join(" ← "),
    );
    let version = format!("grdpsim {}", env!("CARGO_PKG_VERSION"));
    f.text("software", msg(l, "software").into(), version, none());
}

/// How a run with `--precision` ended, in words (`None` without the rule).
pub(crate) fn precision_sentence(s: &Summary, l: Lang) -> Option<String> {
    let p = s.precision.as_ref()?;
    let key = if p.met {
        "precision_stop_met"
    } else {
        "precision_stop_not_met"
    };
    Some(msgf(
        l,
        key,
        &[
            ("width", &l.pct(p.target_width, 2)),
            ("paths", &l.num(p.stopped_at as f64, 0)),
            ("every", &l.num(p.checked_every as f64, 0)),
        ],
    ))
}

/// The sampler's name.
pub(crate) fn sampler_name(s: Sampler) -> &'static str {
    match s {
        Sampler::Mc => "Monte Carlo",
        Sampler::Lhs => "Latin hypercube",
    }
}

/// The engine's name in `l`.
pub(crate) fn engine_name(e: Engine, l: Lang) -> &'static str {
    match e {
        Engine::GrowthAccounting => msg(l, "growth_accounting"),
        Engine::Icor => "ICOR",
    }
}
