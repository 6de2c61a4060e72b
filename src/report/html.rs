//! The self-contained HTML report: one file, inline CSS, charts inlined as SVG.
//!
//! The file makes no external request and runs no code: there is no `<script>`, no `<link>`,
//! no `<img>`, no web font (CSS uses the system font stack) and no `http://` or `https://`
//! anywhere (the `xmlns` attributes of inlined SVG are dropped, as HTML5 allows; any other URL
//! in a chart is removed, and a URL in scenario text is written with `&#58;` for the colon).
//!
//! It is written as XHTML-compatible HTML5: every element is closed, attributes are quoted and
//! text is escaped, so an XML parser reads it (with DTDs allowed, for `<!DOCTYPE html>`; in
//! roxmltree, `ParsingOptions { allow_dtd: true, .. }`). Text is in NFC.
//!
//! Sections: headline and verdict, key figures, charts, per-year table, funding table,
//! assumptions and sources (every citation of the scenario; α, δ and K/Y flagged), how to read.

use super::feasibility::FeasibilityScale;
use super::lang::Lang;
use super::xlsx::{InputKind, apply_name, input_sections, kind_label, target_name};
use crate::model::Projection;
use crate::montecarlo::{Sampler, Summary};
use crate::scenario::uncertainty::Target;
use crate::scenario::{Engine, Scenario};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use unicode_normalization::UnicodeNormalization;

/// The headline sentence of a Monte Carlo report, e.g.
/// vi `Xác suất đạt tăng trưởng bình quân ≥ 11,0%: 20,6% (KTC 95% 20,5–20,7%)`,
/// en `Probability of average growth ≥ 11.0%: 20.6% (95% CI 20.5–20.7%)`.
pub fn headline(s: &Summary, lang: Lang) -> String {
    format!(
        "{} ≥ {}: {} ({} {}–{})",
        crate::report::msg(lang, "probability_of_average_growth"),
        lang.pct(s.target, 1),
        lang.pct(s.prob_hit, 1),
        crate::report::msg(lang, "95_ci"),
        lang.num(100.0 * s.prob_hit_ci95[0], 1),
        lang.pct(s.prob_hit_ci95[1], 1),
    )
}

/// The headline sentence of a deterministic report, e.g.
/// en `Average growth of the central projection: 11.00% against a target of 11.0% (meets the target)`.
pub fn headline_deterministic(p: &Projection, lang: Lang) -> String {
    format!(
        "{}: {} {} {} ({})",
        crate::report::msg(lang, "average_growth_of_the_central_projection"),
        lang.pct(p.cagr, 2),
        crate::report::msg(lang, "against_a_target_of"),
        lang.pct(p.target, 1),
        super::Verdict::of(p.cagr, p.target).phrase(lang)
    )
}

/// The report as one HTML file.
///
/// `summary` is the Monte Carlo result (`None` for a deterministic run: the headline is then
/// the central projection's growth against the target and there is no verdict); `charts` are
/// (title, SVG document) pairs, inlined in order after an XML declaration, DOCTYPE, comments,
/// scripts, event handlers, namespace declarations and external references are stripped;
/// `scale` turns P(hit) into the verdict phrase.
pub fn report(
    sc: &Scenario,
    projection: &Projection,
    summary: Option<&Summary>,
    charts: &[(String, String)],
    scale: &FeasibilityScale,
    lang: Lang,
) -> String {
    let l = lang;
    let p = projection;
    let mut h = String::with_capacity(64 * 1024);
    let title = l.pick(&sc.meta.title_vi, &sc.meta.title_en);
    h.push_str("<!DOCTYPE html>\n");
    let _ = writeln!(h, "<html lang=\"{}\">", l);
    h.push_str("<head>\n<meta charset=\"utf-8\"/>\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    let _ = writeln!(
        h,
        "<meta name=\"generator\" content=\"grdpsim {}\"/>",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(h, "<title>{}</title>", esc(title));
    let _ = writeln!(h, "<style>{CSS}</style>\n</head>\n<body>");

    // header
    h.push_str("<header>\n");
    let _ = writeln!(h, "<h1>{}</h1>", esc(title));
    let mut sub = vec![
        sc.meta.name.clone(),
        period(sc),
        format!(
            "{} {}",
            crate::report::msg(l, "engine"),
            match p.engine {
                Engine::GrowthAccounting => crate::report::msg(l, "growth_accounting"),
                Engine::Icor => "ICOR",
            }
        ),
    ];
    match summary {
        Some(s) => {
            sub.push(format!(
                "{} {} {}",
                l.num(s.paths as f64, 0),
                crate::report::msg(l, "paths"),
                match s.sampler {
                    Sampler::Mc => "Monte Carlo",
                    Sampler::Lhs => "Latin hypercube",
                }
            ));
            sub.push(format!("seed {}", s.seed));
        }
        None => sub.push(crate::report::msg(l, "deterministic_projection_central_values").into()),
    }
    sub.push(format!(
        "{} {}",
        crate::report::msg(l, "hash"),
        sc.content_hash
    ));
    let _ = writeln!(h, "<p class=\"sub\">{}</p>", esc(&sub.join(" · ")));
    h.push_str("</header>\n");

    // headline
    h.push_str("<section class=\"headline\" id=\"headline\">\n");
    match summary {
        Some(s) => {
            let _ = writeln!(h, "<p class=\"headline\">{}</p>", esc(&headline(s, l)));
            let _ = writeln!(
                h,
                "<p class=\"verdict\">{}: <strong>{}</strong></p>",
                crate::report::msg(l, "assessment"),
                esc(scale.phrase(s.prob_hit, l))
            );
        }
        None => {
            let _ = writeln!(
                h,
                "<p class=\"headline\">{}</p>",
                esc(&headline_deterministic(p, l))
            );
        }
    }
    key_figures(&mut h, sc, p, summary, l);
    h.push_str("</section>\n");

    // charts
    if !charts.is_empty() {
        let _ = writeln!(
            h,
            "<section id=\"charts\">\n<h2>{}</h2>",
            crate::report::msg(l, "charts")
        );
        for (t, svg) in charts {
            let _ = writeln!(
                h,
                "<figure class=\"chart\">\n{}\n<figcaption>{}</figcaption>\n</figure>",
                inline_svg(svg),
                esc(t)
            );
        }
        h.push_str("</section>\n");
    }

    years_table(&mut h, sc, p, summary, l);
    funding_table(&mut h, sc, p, summary, l);
    assumptions(&mut h, sc, l);
    how_to_read(&mut h, sc, summary, scale, l);

    scenario_footer(&mut h, sc);
    h.push_str("</body>\n</html>\n");
    h.nfc().collect()
}

/// This page's rules around the shared style (see [`PageCss`]).
const CSS: PageCss = PageCss {
    after_h2: "h3{font-size:1.02em;margin:20px 0 6px}\n",
    headline: "p.headline{font-size:1.3em;font-weight:600;margin:0 0 6px}
p.verdict{font-size:1.1em;margin:0 0 10px}
ul.keys{margin:6px 0 0;padding-left:20px}
",
    after_table: "td.cite{font-size:.92em;color:#333}
tr.flag td{background:#fff6e0}
span.flag{font-weight:700;color:#8a4b00}
p.note{font-size:.88em;color:var(--muted)}
.scroll{overflow-x:auto}
dl dt{font-weight:600;margin-top:8px}
dl dd{margin:2px 0 0 18px}
",
    print: "table{break-inside:auto}",
};

/// The inline style sheet of a self-contained page (report.html, compare.html,
/// sensitivity.html): the rules every page shares, with four slots for a page's own rules.
/// `Display` writes the whole sheet, starting with a newline; each slot is either empty or
/// whole rules ending in a newline (`print` holds rules inside `@media print`).
pub(crate) struct PageCss {
    /// Rules after the `h2` rule (e.g. `h3`).
    pub after_h2: &'static str,
    /// The `p.headline` rule and any rules after it, before the chart figure rules.
    pub headline: &'static str,
    /// Rules after the table rules and before the footer rule (notes, `.scroll`, lists).
    pub after_table: &'static str,
    /// Extra print rules, written after `h2{break-after:avoid}`.
    pub print: &'static str,
}

impl std::fmt::Display for PageCss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "
:root{color-scheme:light;--ink:#1d2733;--muted:#5b6775;--line:#d5dbe3;--accent:#1f4e79;--bg:#f5f7fa}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:24px 28px 48px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Helvetica Neue',Arial,sans-serif;color:var(--ink);line-height:1.45;font-size:15px;background:#fff}
h1{font-size:1.55em;margin:0 0 4px;color:var(--accent)}
h2{font-size:1.2em;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--accent);color:var(--accent)}
",
        )?;
        f.write_str(self.after_h2)?;
        f.write_str(
            "p.sub{color:var(--muted);margin:0 0 16px;font-size:.9em}
section.headline{background:var(--bg);border-left:5px solid var(--accent);padding:14px 18px;margin:12px 0 8px}
",
        )?;
        f.write_str(self.headline)?;
        f.write_str(
            "figure.chart{margin:16px 0;padding:8px;border:1px solid var(--line);break-inside:avoid}
figure.chart svg{display:block;max-width:100%;height:auto;margin:0 auto}
figure.chart svg text{font-family:'DejaVu Sans',system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif}
figcaption{font-size:.9em;color:var(--muted);text-align:center;margin-top:4px}
table{border-collapse:collapse;width:100%;margin:8px 0 4px;font-size:.88em}
th,td{border:1px solid var(--line);padding:4px 7px;vertical-align:top}
th{background:var(--bg);text-align:left;font-weight:600}
td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
",
        )?;
        f.write_str(self.after_table)?;
        f.write_str(
            "footer{margin-top:40px;font-size:.8em;color:var(--muted);border-top:1px solid var(--line);padding-top:8px}
@page{size:A4;margin:12mm 10mm}
@media print{body{max-width:none;padding:0;font-size:9.5pt}h2{break-after:avoid}\
.scroll{overflow:visible}table{font-size:7.5pt}th,td{padding:2px 3px;overflow-wrap:anywhere;word-break:break-word}\
td.n{white-space:normal}td:first-child,th:first-child{white-space:nowrap;overflow-wrap:normal;word-break:normal}code{font-size:7pt;overflow-wrap:anywhere}\
figure.chart{padding:2px}figure.chart svg{max-height:112mm;width:auto}",
        )?;
        f.write_str(self.print)?;
        f.write_str("tr{break-inside:avoid}}\n")
    }
}

/// Writes the page footer line: `grdpsim <version>`, then each of `parts` escaped, joined by
/// ` · `.
pub(crate) fn footer(h: &mut String, parts: &[&str]) {
    let _ = write!(h, "<footer><p>grdpsim {}", env!("CARGO_PKG_VERSION"));
    for p in parts {
        let _ = write!(h, " · {}", esc(p));
    }
    h.push_str("</p></footer>\n");
}

/// The footer of a one-scenario page: version, scenario name and its file chain.
pub(crate) fn scenario_footer(h: &mut String, sc: &Scenario) {
    let files = sc
        .files
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(" ← ");
    footer(h, &[&sc.meta.name, &files]);
}

fn period(sc: &Scenario) -> String {
    format!(
        "{}–{}",
        sc.meta.years.first().copied().unwrap_or(sc.meta.base_year),
        end_year(sc)
    )
}

fn end_year(sc: &Scenario) -> i32 {
    sc.meta.years.last().copied().unwrap_or(sc.meta.base_year)
}

fn key_figures(h: &mut String, sc: &Scenario, p: &Projection, s: Option<&Summary>, l: Lang) {
    let end = end_year(sc);
    let mut items: Vec<String> = Vec::new();
    if let Some(s) = s {
        items.push(format!(
            "{}: {} ({} P10–P90: {}–{}); {}: {}",
            crate::report::msg(l, "average_growth_cagr_median"),
            l.pct(s.cagr.p50, 2),
            crate::report::msg(l, "range"),
            l.num(100.0 * s.cagr.p10, 2),
            l.pct(s.cagr.p90, 2),
            crate::report::msg(l, "central_projection"),
            l.pct(p.cagr, 2),
        ));
        let mut pc = format!(
            "{} {end}: {} {} USD ({} P10–P90: {}–{})",
            crate::report::msg(l, "grdp_per_capita"),
            crate::report::msg(l, "median_2"),
            l.num(s.grdp_per_capita_usd_end.p50, 0),
            crate::report::msg(l, "range"),
            l.num(s.grdp_per_capita_usd_end.p10, 0),
            l.num(s.grdp_per_capita_usd_end.p90, 0),
        );
        if let Some(t) = sc.targets.grdp_per_capita_usd {
            let _ = write!(
                pc,
                "; {} {} USD",
                crate::report::msg(l, "target_2"),
                l.num(t, 0)
            );
            if let Some(pr) = s.prob_per_capita_target {
                let _ = write!(
                    pc,
                    ", {} {}",
                    crate::report::msg(l, "probability_2"),
                    l.pct(pr, 1)
                );
            }
        }
        items.push(pc);
        let mut tfp = format!(
            "{}: {} {}",
            crate::report::msg(l, "tfp_share_of_growth_over_the_period"),
            crate::report::msg(l, "median_2"),
            l.pct(s.tfp_share.p50, 1)
        );
        if let Some(t) = sc.targets.tfp_share_period {
            let _ = write!(
                tfp,
                " ({} {})",
                crate::report::msg(l, "target_2"),
                l.pct(t, 0)
            );
        }
        items.push(tfp);
        items.push(format!(
            "{} {}: {} {} {} ({} {})",
            crate::report::msg(l, "total_investment"),
            period(sc),
            crate::report::msg(l, "median_2"),
            l.num(s.investment_total.p50, 1),
            crate::report::msg(l, "k_bn_vnd"),
            crate::report::msg(l, "plan"),
            l.num(p.investment_nominal_total, 1),
        ));
    } else {
        if let Some(last) = p.years.last() {
            let mut pc = format!(
                "{} {end}: {} USD",
                crate::report::msg(l, "grdp_per_capita"),
                l.num(last.grdp_per_capita_usd, 0)
            );
            if let Some(t) = sc.targets.grdp_per_capita_usd {
                let _ = write!(
                    pc,
                    " ({} {})",
                    crate::report::msg(l, "target_2"),
                    l.num(t, 0)
                );
            }
            items.push(pc);
        }
        if let Some(tfp) = p.tfp_share {
            let mut t = format!(
                "{}: {}",
                crate::report::msg(l, "tfp_share_of_growth_over_the_period"),
                l.pct(tfp, 1)
            );
            if let Some(x) = sc.targets.tfp_share_period {
                let _ = write!(
                    t,
                    " ({} {})",
                    crate::report::msg(l, "target_2"),
                    l.pct(x, 0)
                );
            }
            items.push(t);
        }
        items.push(format!(
            "{} {}: {} {} ({} {})",
            crate::report::msg(l, "total_investment"),
            period(sc),
            l.num(p.investment_nominal_total, 1),
            crate::report::msg(l, "k_bn_vnd"),
            crate::report::msg(l, "investment_grdp"),
            l.pct(p.investment_ratio_period, 1),
        ));
    }
    h.push_str("<ul class=\"keys\">\n");
    for i in items {
        let _ = writeln!(h, "<li>{}</li>", esc(&i));
    }
    h.push_str("</ul>\n");
}

/// A table: header cells, then rows of (text, numeric?) cells.
fn table(h: &mut String, head: &[String], rows: &[Vec<(String, bool)>]) {
    // wider than an A4 page: column groups that each repeat the first column
    let groups = super::render::column_groups(head.len());
    for g in &groups {
        h.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
        for &j in g {
            let _ = write!(h, "<th>{}</th>", esc(&head[j]));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for r in rows {
            h.push_str("<tr>");
            for &j in g {
                let Some((c, numeric)) = r.get(j) else {
                    h.push_str("<td></td>");
                    continue;
                };
                if *numeric {
                    let _ = write!(h, "<td class=\"n\">{}</td>", esc(c));
                } else {
                    let _ = write!(h, "<td>{}</td>", esc(c));
                }
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table></div>\n");
    }
}

fn n(s: String) -> (String, bool) {
    (s, true)
}

fn t(s: &str) -> (String, bool) {
    (s.to_string(), false)
}

fn years_table(h: &mut String, sc: &Scenario, p: &Projection, s: Option<&Summary>, l: Lang) {
    let _ = writeln!(
        h,
        "<section id=\"years\">\n<h2>{}</h2>",
        crate::report::msg(l, "year_by_year")
    );
    let mut head: Vec<String> = vec![
        crate::report::msg(l, "year").into(),
        crate::report::msg(l, "growth_central").into(),
    ];
    if s.is_some() {
        head.extend([
            crate::report::msg(l, "growth_p10").into(),
            crate::report::msg(l, "growth_p50").into(),
            crate::report::msg(l, "growth_p90").into(),
            crate::report::msg(l, "p_target").into(),
        ]);
    }
    head.extend([
        crate::report::msg(l, "tfp_contr").into(),
        crate::report::msg(l, "capital_contr").into(),
        crate::report::msg(l, "labour_contr").into(),
        crate::report::msg(l, "tfp_share").into(),
        crate::report::msg(l, "investment_k_bn_vnd").into(),
        crate::report::msg(l, "investment_grdp_2").into(),
        crate::report::msg(l, "nominal_grdp_k_bn_vnd").into(),
    ]);
    let plan_nominal = sc.plan_reference.grdp_nominal.as_ref();
    if plan_nominal.is_some() {
        head.push(crate::report::msg(l, "plan_nominal_grdp").into());
    }
    head.push(crate::report::msg(l, "grdp_per_capita_usd").into());
    if s.is_some() {
        head.push(crate::report::msg(l, "grdp_per_capita_p50_usd").into());
    }
    let plan_pc = sc.plan_reference.grdp_per_capita_usd.as_ref();
    if plan_pc.is_some() {
        head.push(crate::report::msg(l, "plan_grdp_per_capita_usd").into());
    }
    let dash = || "–".to_string();
    let rows: Vec<Vec<(String, bool)>> = p
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let mut r = vec![n(y.year.to_string()), n(l.pct(y.growth, 2))];
            if let Some(ys) = s.and_then(|s| s.years.get(i)) {
                r.extend([
                    n(l.pct(ys.growth.p10, 2)),
                    n(l.pct(ys.growth.p50, 2)),
                    n(l.pct(ys.growth.p90, 2)),
                    n(l.pct(ys.prob_hit, 1)),
                ]);
            } else if s.is_some() {
                r.extend([n(dash()), n(dash()), n(dash()), n(dash())]);
            }
            r.extend([
                n(l.pct(y.contrib_tfp, 2)),
                n(l.pct(y.contrib_capital, 2)),
                n(l.pct(y.contrib_labour, 2)),
                n(y.tfp_share.map(|x| l.pct(x, 1)).unwrap_or_else(dash)),
                n(l.num(y.investment_nominal, 1)),
                n(l.pct(y.investment_ratio, 1)),
                n(l.num(y.grdp_nominal, 1)),
            ]);
            if let Some(v) = plan_nominal {
                r.push(n(v.get(i).map(|x| l.num(*x, 1)).unwrap_or_else(dash)));
            }
            r.push(n(l.num(y.grdp_per_capita_usd, 0)));
            if let Some(s) = s {
                r.push(n(s
                    .years
                    .get(i)
                    .map(|y| l.num(y.grdp_per_capita_usd.p50, 0))
                    .unwrap_or_else(dash)));
            }
            if let Some(v) = plan_pc {
                r.push(n(v.get(i).map(|x| l.num(*x, 0)).unwrap_or_else(dash)));
            }
            r
        })
        .collect();
    table(h, &head, &rows);
    let _ = writeln!(
        h,
        "<p class=\"note\">{}</p>\n</section>",
        // the percentile sentence only where there are simulated paths
        esc(crate::report::msg(
            l,
            if s.is_some() {
                "contributions_the_parts_of_growth_due_to_tfp_cap"
            } else {
                "contributions_note_deterministic"
            }
        ))
    );
}

fn funding_table(h: &mut String, sc: &Scenario, p: &Projection, s: Option<&Summary>, l: Lang) {
    let _ = writeln!(
        h,
        "<section id=\"funding\">\n<h2>{}</h2>",
        crate::report::msg(l, "funding_by_source")
    );
    let role = |financing: bool| {
        if financing {
            crate::report::msg(l, "finances")
        } else {
            crate::report::msg(l, "invests")
        }
    };
    match s {
        Some(s) => {
            let head: Vec<String> = [
                crate::report::msg(l, "source"),
                crate::report::msg(l, "role"),
                crate::report::msg(l, "plan_2"),
                "P10",
                "P50",
                "P90",
                crate::report::msg(l, "mean_shortfall"),
                crate::report::msg(l, "p_short"),
                crate::report::msg(l, "p_hit_short"),
            ]
            .iter()
            .map(|x| x.to_string())
            .collect();
            let rows: Vec<Vec<(String, bool)>> = s
                .funding
                .iter()
                .map(|f| {
                    vec![
                        t(l.pick(&f.label_vi, &f.label_en)),
                        t(role(f.financing)),
                        n(l.num(f.plan, 1)),
                        n(l.num(f.realised.p10, 1)),
                        n(l.num(f.realised.p50, 1)),
                        n(l.num(f.realised.p90, 1)),
                        n(l.num(f.shortfall_mean, 1)),
                        n(l.pct(f.prob_short, 1)),
                        n(f.prob_hit_given_short
                            .map(|x| l.pct(x, 1))
                            .unwrap_or_else(|| "–".into())),
                    ]
                })
                .collect();
            table(h, &head, &rows);
            for c in &s.compensation {
                let _ = writeln!(
                    h,
                    "<p class=\"note\">{}</p>",
                    esc(&format!(
                        "{} {} ({}): {} {} {}.",
                        crate::report::msg(l, "compensation_rule"),
                        c.id,
                        if c.enabled {
                            crate::report::msg(l, "on")
                        } else {
                            crate::report::msg(l, "off")
                        },
                        crate::report::msg(l, "adds_on_average"),
                        l.num(c.added_mean, 1),
                        crate::report::msg(l, "k_bn_vnd"),
                    ))
                );
            }
            let _ = writeln!(
                h,
                "<p class=\"note\">{}</p>",
                esc(crate::report::msg(
                    l,
                    "thousand_bn_vnd_over_the_period_current_prices_a"
                ))
            );
        }
        None => {
            let head: Vec<String> = [
                crate::report::msg(l, "source"),
                crate::report::msg(l, "role"),
                crate::report::msg(l, "plan_k_bn_vnd"),
                crate::report::msg(l, "projected_k_bn_vnd"),
            ]
            .iter()
            .map(|x| x.to_string())
            .collect();
            let rows: Vec<Vec<(String, bool)>> = sc
                .sources
                .iter()
                .enumerate()
                .map(|(si, src)| {
                    let plan: f64 = (0..sc.horizon())
                        .map(|t| sc.plan_vnd(si, t, sc.central.exchange_rate[t]))
                        .sum();
                    let realised: f64 = p
                        .years
                        .iter()
                        .filter_map(|y| {
                            if src.financing {
                                y.financing_realised.get(&src.id)
                            } else {
                                y.investment_by_source.get(&src.id)
                            }
                        })
                        .sum();
                    vec![
                        t(l.pick(&src.label_vi, &src.label_en)),
                        t(role(src.financing)),
                        n(l.num(plan, 1)),
                        n(l.num(realised, 1)),
                    ]
                })
                .collect();
            table(h, &head, &rows);
        }
    }
    h.push_str("</section>\n");
}

fn assumptions(h: &mut String, sc: &Scenario, l: Lang) {
    let _ = writeln!(
        h,
        "<section id=\"assumptions\">\n<h2>{}</h2>",
        crate::report::msg(l, "assumptions_and_sources")
    );
    let sections = input_sections(sc, l);
    let mut used: BTreeSet<&str> = BTreeSet::new();

    // the assumptions first
    let flagged: Vec<_> = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter())
        .filter(|r| {
            matches!(
                r.input_kind(),
                InputKind::Assumption | InputKind::Calibrated
            )
        })
        .collect();
    let _ = writeln!(
        h,
        "<h3>{}</h3>\n<p>{}</p>\n<ul>",
        crate::report::msg(l, "assumptions_not_in_the_documents"),
        esc(crate::report::msg(
            l,
            "these_values_are_not_in_the_plan_documents_and_t"
        ))
    );
    for r in &flagged {
        let _ = writeln!(
            h,
            "<li><span class=\"flag\">{}</span> {} = {}: {}</li>",
            esc(kind_label(r.input_kind(), l)),
            esc(&r.desc),
            esc(&r.value_text(l)),
            esc(&super::humanise_citation(&r.citation, l))
        );
    }
    h.push_str("</ul>\n");

    // every input
    let _ = writeln!(
        h,
        "<h3>{}</h3>",
        crate::report::msg(l, "inputs_and_citations")
    );
    let head: Vec<String> = [
        crate::report::msg(l, "key"),
        crate::report::msg(l, "description"),
        crate::report::msg(l, "value"),
        crate::report::msg(l, "unit"),
        crate::report::msg(l, "type"),
        crate::report::msg(l, "source_citation"),
    ]
    .iter()
    .map(|x| x.to_string())
    .collect();
    h.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
    for c in &head {
        let _ = write!(h, "<th>{}</th>", esc(c));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (_, rows) in &sections {
        for r in rows {
            used.insert(r.key.as_str());
            let k = r.input_kind();
            let flag = matches!(k, InputKind::Assumption | InputKind::Calibrated);
            let _ = writeln!(
                h,
                "<tr{}><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"cite\">{}</td></tr>",
                if flag { " class=\"flag\"" } else { "" },
                esc(&r.key),
                esc(&r.desc),
                esc(&r.value_text(l)),
                esc(&r.unit),
                if flag {
                    format!("<span class=\"flag\">{}</span>", esc(kind_label(k, l)))
                } else {
                    esc(kind_label(k, l))
                },
                esc(&super::humanise_citation(&r.citation, l))
            );
        }
    }
    h.push_str("</tbody>\n</table></div>\n");

    // Monte Carlo
    let u = &sc.uncertainty;
    if !u.inputs.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>",
            crate::report::msg(l, "distributions_of_the_monte_carlo")
        );
        let head: Vec<String> = [
            crate::report::msg(l, "input"),
            crate::report::msg(l, "acts_on"),
            crate::report::msg(l, "applied_as"),
            crate::report::msg(l, "level_mean"),
            crate::report::msg(l, "sd"),
            crate::report::msg(l, "source_reason"),
        ]
        .iter()
        .map(|x| x.to_string())
        .collect();
        let rows: Vec<Vec<(String, bool)>> = u
            .inputs
            .iter()
            .map(|i| {
                vec![
                    t(&i.name),
                    t(&target_name(sc, i.target, l)),
                    t(apply_name(i.apply, l)),
                    n(l.num(i.level_mean, 4)),
                    n(l.num(i.level_sd, 4)),
                    t(&super::humanise_citation(&i.citation, l)),
                ]
            })
            .collect();
        table(h, &head, &rows);
    }
    if !u.events.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>",
            crate::report::msg(l, "projects_that_may_be_delayed_events")
        );
        let head: Vec<String> = [
            crate::report::msg(l, "project"),
            crate::report::msg(l, "part_of"),
            crate::report::msg(l, "total_k_bn_vnd"),
            crate::report::msg(l, "delay_probability"),
            crate::report::msg(l, "source_2"),
        ]
        .iter()
        .map(|x| x.to_string())
        .collect();
        let rows: Vec<Vec<(String, bool)>> = u
            .events
            .iter()
            .map(|e| {
                let src = &sc.sources[e.source];
                vec![
                    t(&e.id),
                    t(l.pick(&src.label_vi, &src.label_en)),
                    n(l.num(e.amounts.iter().sum(), 1)),
                    n(l.pct(e.delay_probability, 0)),
                    t(&super::humanise_citation(&e.citation, l)),
                ]
            })
            .collect();
        table(h, &head, &rows);
    }
    if let Some(c) = &u.correlation {
        let names: Vec<&str> = c
            .inputs
            .iter()
            .map(|&i| u.inputs[i].name.as_str())
            .collect();
        let _ = writeln!(
            h,
            "<h3>{}</h3>",
            crate::report::msg(l, "correlation_between_inputs_assumed")
        );
        let mut head = vec![String::new()];
        head.extend(names.iter().map(|x| x.to_string()));
        let rows: Vec<Vec<(String, bool)>> = c
            .matrix
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut r = vec![t(names.get(i).copied().unwrap_or(""))];
                r.extend(row.iter().enumerate().map(|(j, v)| {
                    let asked = c.requested.get(i).and_then(|q| q.get(j)).copied();
                    match asked {
                        // a repaired entry shows what was asked and what is used
                        Some(q) if (q - v).abs() > 5e-3 => n(format!(
                            "{} ({} {})",
                            l.num(*v, 2),
                            crate::report::msg(l, "requested"),
                            l.num(q, 2)
                        )),
                        _ => n(l.num(*v, 2)),
                    }
                }));
                r
            })
            .collect();
        table(h, &head, &rows);
        if let Some(d) = c.repaired_distance {
            let _ = writeln!(
                h,
                "<p class=\"note\">{} {}.</p>",
                esc(crate::report::msg(
                    l,
                    "the_matrix_as_written_is_not_a_valid_correlation"
                )),
                l.num(d, 4)
            );
        }
    }
    if !u.compensation.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<ul>",
            crate::report::msg(l, "compensation_rules")
        );
        for c in &u.compensation {
            let _ = writeln!(
                h,
                "<li>{}</li>",
                esc(&format!(
                    "{} ({}): {} ← {}. {}",
                    c.id,
                    if c.enabled {
                        crate::report::msg(l, "on")
                    } else {
                        crate::report::msg(l, "off")
                    },
                    sc.sources[c.covers].id,
                    c.from
                        .iter()
                        .map(|i| sc.sources[*i].id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    super::humanise_citation(&c.citation, l)
                ))
            );
        }
        h.push_str("</ul>\n");
    }
    let rest: Vec<(&String, &String)> = sc
        .citations
        .iter()
        .filter(|(k, _)| !used.contains(k.as_str()))
        .collect();
    if !rest.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<dl>",
            crate::report::msg(l, "other_citations")
        );
        for (k, v) in rest {
            let _ = writeln!(h, "<dt><code>{}</code></dt><dd>{}</dd>", esc(k), esc(v));
        }
        h.push_str("</dl>\n");
    }
    h.push_str("</section>\n");
}

fn how_to_read(
    h: &mut String,
    sc: &Scenario,
    s: Option<&Summary>,
    scale: &FeasibilityScale,
    l: Lang,
) {
    let _ = writeln!(
        h,
        "<section id=\"how-to-read\">\n<h2>{}</h2>\n<dl>",
        crate::report::msg(l, "how_to_read_this_report")
    );
    let n = sc.horizon();
    let (y0, y1) = (sc.meta.base_year, end_year(sc));
    let g = l.pct(sc.meta.target_growth, 1);
    let ga = l.pct((1.0 + sc.meta.target_growth).powf(0.6) - 1.0, 2);
    let mut items: Vec<(String, String)> = vec![
        (
            crate::report::msg(l, "average_growth_cagr").into(),
            match l {
                Lang::Vi => format!(
                    "Tăng trưởng kép bình quân năm của GRDP giá so sánh: (GRDP {y1} / GRDP {y0})^(1/{n}) − 1. Mục tiêu {} là mục tiêu về mức bình quân này; một năm thấp có thể được bù bằng năm cao.",
                    l.pct(sc.meta.target_growth, 1)
                ),
                Lang::En => format!(
                    "The compound annual growth of real GRDP: (GRDP {y1} / GRDP {y0})^(1/{n}) − 1. The {} target is a target for this average; a weak year can be made up by a strong one.",
                    l.pct(sc.meta.target_growth, 1)
                ),
            },
        ),
        (
            crate::report::msg(l, "tfp_share_of_growth_log_terms").into(),
            match l {
                Lang::Vi => format!(
                    "Phần tăng trưởng do năng suất các nhân tố tổng hợp, tính theo logarit: Σ ln(1 + g_TFP) / ln(GRDP {y1} / GRDP {y0}). Theo cách này ba phần đóng góp (TFP, vốn, lao động) cộng lại đúng bằng tăng trưởng. Ví dụ: với tăng trưởng {g}, tỷ trọng 60% nghĩa là TFP tăng (1 + {g})^0,6 − 1 = {ga}/năm."
                ),
                Lang::En => format!(
                    "The part of growth due to total factor productivity, in log terms: Σ ln(1 + g_TFP) / ln(GRDP {y1} / GRDP {y0}). In log terms the three contributions (TFP, capital, labour) add up exactly to growth. Example: with {g} growth a 60% share means TFP growth of (1 + {g})^0.6 − 1 = {ga} a year."
                ),
            },
        ),
    ];
    let u = &sc.uncertainty;
    if s.is_some() {
        let drawn = u
            .inputs
            .iter()
            .map(|i| target_name(sc, i.target, l))
            .collect::<Vec<_>>()
            .join("; ");
        let with_shock = u.inputs.iter().filter(|i| i.shock.is_some()).count();
        let shocks = match (with_shock, l) {
            (0, _) => String::new(),
            (k, Lang::Vi) if k == u.inputs.len() => ", cộng một cú sốc hằng năm".to_string(),
            (k, Lang::En) if k == u.inputs.len() => ", plus a yearly shock".to_string(),
            (k, Lang::Vi) => format!(", {k} đầu vào có thêm cú sốc hằng năm"),
            (k, Lang::En) => format!(", and {k} of them add a yearly shock"),
        };
        let correlated = match (&u.correlation, l) {
            (None, _) => String::new(),
            (Some(_), Lang::Vi) => {
                " Các mức có tương quan với nhau theo ma trận ở phần giả định.".to_string()
            }
            (Some(_), Lang::En) => {
                " The levels are correlated as in the matrix under assumptions.".to_string()
            }
        };
        let events = match (u.events.len(), l) {
            (0, _) => String::new(),
            (k, Lang::Vi) => format!(
                " Ngoài ra {k} dự án lớn có thể bị chậm (sự kiện); phần vốn bị đẩy sau {y1} nằm ngoài kỳ."
            ),
            (k, Lang::En) => format!(
                " In addition {k} large projects may be delayed (events); spending pushed past {y1} leaves the period."
            ),
        };
        let drawn_targets: Vec<Target> = u.inputs.iter().map(|i| i.target).collect();
        let mut fixed: Vec<&str> = [
            (Target::CapitalShare, "α"),
            (Target::Depreciation, "δ"),
            (Target::CapitalOutputRatio, "K/Y"),
        ]
        .into_iter()
        .filter(|(t, _)| !drawn_targets.contains(t))
        .map(|(_, name)| name)
        .collect();
        fixed.push(crate::report::msg(l, "population"));
        if !drawn_targets.contains(&Target::Employment) {
            fixed.push(crate::report::msg(l, "employment"));
        }
        let fixed = fixed.join(", ");
        items.push((
            crate::report::msg(l, "what_the_monte_carlo_draws").into(),
            match l {
                Lang::Vi => format!(
                    "Mỗi đường mô phỏng rút một bộ đầu vào bất định: {drawn}. Mỗi đầu vào có một mức rút một lần cho cả đường{shocks}.{correlated}{events} Mô hình tính tăng trưởng từng năm cho mỗi đường. Xác suất đạt là tỷ lệ số đường có tăng trưởng bình quân ≥ mục tiêu; khoảng tin cậy 95% (KTC) chỉ đo sai số do số đường hữu hạn, không đo độ bất định của các giả định. Không rút ngẫu nhiên: {fixed}."
                ),
                Lang::En => format!(
                    "Every simulated path draws one set of uncertain inputs: {drawn}. Each input has a level drawn once per path{shocks}.{correlated}{events} The model then computes growth year by year for each path. The probability of meeting the target is the share of paths whose average growth is ≥ the target; the 95% confidence interval (CI) measures only the error from the finite number of paths, not the uncertainty of the assumptions. Not drawn: {fixed}."
                ),
            },
        ));
        items.push((
            crate::report::msg(l, "percentiles").into(),
            crate::report::msg(l, "p10_p50_median_p90_10_50_90_of_the_simulated_pat").into(),
        ));
        let legend = scale
            .legend(l)
            .into_iter()
            .map(|(r, p)| format!("{r}: {p}"))
            .collect::<Vec<_>>()
            .join("; ");
        items.push((
            crate::report::msg(l, "assessment_scale").into(),
            match l {
                Lang::Vi => format!(
                    "Xác suất đạt được diễn đạt bằng từ ngữ của chính các văn bản kế hoạch (\"khả thi cao\", \"khó khăn\", \"rất thách thức\"): {legend}. Ngưỡng là quy ước của báo cáo này, không phải của văn bản."
                ),
                Lang::En => format!(
                    "The probability is put in the plan documents' own words (\"highly feasible\", \"difficult\", \"very challenging\"): {legend}. The thresholds are this report's convention, not the documents'."
                ),
            },
        ));
    }
    items.push((
        crate::report::msg(l, "units").into(),
        crate::report::msg(l, "money_thousand_billion_vnd_at_current_prices_unl").into(),
    ));
    for (dt, dd) in items {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", esc(&dt), esc(&dd));
    }
    h.push_str("</dl>\n</section>\n");
}

/// Escapes text for HTML/XML content and attribute values, drops characters XML does not
/// allow, and writes the colon of `http://` / `https://` as `&#58;` so the file holds no URL.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    defang_urls(&out)
}

/// Replaces the `:` of `http://` and `https://` (any case) with `&#58;`.
fn defang_urls(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &lower[i..];
        let scheme = if rest.starts_with("https://") {
            5
        } else if rest.starts_with("http://") {
            4
        } else {
            0
        };
        if scheme > 0 {
            out.push_str(&s[i..i + scheme]);
            out.push_str("&#58;//");
            i += scheme + 3;
        } else {
            let c = s[i..].chars().next().expect("in bounds");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Makes an SVG document safe to inline: drops the XML declaration, DOCTYPE, comments and
/// processing instructions, `<script>` and `<foreignObject>` elements, event-handler (`on…`)
/// attributes, namespace declarations (`xmlns`, `xmlns:…`: HTML5 puts inline `<svg>` in the
/// SVG namespace itself), attributes holding a URL (`…://…`), and `href`/`src` values that are
/// not fragment (`#…`) or `data:` references; `xlink:href` becomes `href`.
pub fn inline_svg(svg: &str) -> String {
    let s = svg.trim_start_matches('\u{feff}');
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with("<!--") {
            rest = skip_past(rest, "-->");
        } else if rest.starts_with("<![CDATA[") {
            let end = rest.find("]]>").map_or(rest.len(), |e| e + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if rest.starts_with("<?") {
            rest = skip_past(rest, "?>");
        } else if rest.starts_with("<!") {
            rest = &rest[declaration_end(rest)..];
        } else if rest.starts_with("</") {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            let end = tag_end(rest);
            let tag = &rest[..end];
            rest = &rest[end..];
            let (name, attrs, self_closing) = parse_tag(tag);
            let lname = name.to_ascii_lowercase();
            if lname == "script" || lname == "foreignobject" {
                if !self_closing {
                    rest = skip_element(rest, &lname);
                }
                continue;
            }
            out.push('<');
            out.push_str(name);
            for (k, v, q) in attrs {
                let lk = k.to_ascii_lowercase();
                let lv = v.to_ascii_lowercase();
                if lk == "xmlns" || lk.starts_with("xmlns:") || lk.starts_with("on") {
                    continue;
                }
                if lv.contains("://") || lv.contains("url(") && lv.contains("//") {
                    continue;
                }
                let k = if lk == "xlink:href" { "href" } else { k };
                if (k == "href" || lk == "src")
                    && !(v.starts_with('#') || lv.trim_start().starts_with("data:"))
                {
                    continue;
                }
                match (v.is_empty() && q == '\0', q) {
                    (true, _) => {
                        let _ = write!(out, " {k}=\"{k}\"");
                    }
                    (false, '\0') => {
                        let _ = write!(out, " {k}=\"{}\"", v.replace('"', "&quot;"));
                    }
                    (false, q) => {
                        let _ = write!(out, " {k}={q}{v}{q}");
                    }
                }
            }
            out.push_str(if self_closing { "/>" } else { ">" });
        }
    }
    out.push_str(rest);
    defang_urls(out.trim())
}

fn skip_past<'a>(s: &'a str, end: &str) -> &'a str {
    match s.find(end) {
        Some(e) => &s[e + end.len()..],
        None => "",
    }
}

/// End (exclusive) of a `<!…>` declaration, counting `[ … ]` internal subsets.
fn declaration_end(s: &str) -> usize {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') => depth -= 1,
            (None, '>') if depth <= 0 => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// End (exclusive) of a start tag, ignoring `>` inside quoted attribute values.
fn tag_end(s: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// Splits a start tag into its name, its attributes (name, raw value, quote char or `\0` when
/// unquoted) and whether it is self-closing.
fn parse_tag(tag: &str) -> (&str, Vec<(&str, &str, char)>, bool) {
    let inner = tag.strip_prefix('<').unwrap_or(tag);
    let inner = inner.strip_suffix('>').unwrap_or(inner);
    let (inner, self_closing) = match inner.trim_end().strip_suffix('/') {
        Some(x) => (x, true),
        None => (inner, false),
    };
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    let mut attrs = Vec::new();
    let mut r = &inner[name_end..];
    loop {
        r = r.trim_start();
        if r.is_empty() {
            break;
        }
        let kend = r
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(r.len());
        let key = &r[..kend];
        r = r[kend..].trim_start();
        if key.is_empty() {
            // stray character: skip it
            let c = r.chars().next().map_or(0, char::len_utf8).max(1);
            r = r.get(c..).unwrap_or("");
            continue;
        }
        if let Some(after) = r.strip_prefix('=') {
            let after = after.trim_start();
            match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let vend = body.find(q).unwrap_or(body.len());
                    attrs.push((key, &body[..vend], q));
                    r = body.get(vend + 1..).unwrap_or("");
                }
                _ => {
                    let vend = after
                        .find(|c: char| c.is_whitespace())
                        .unwrap_or(after.len());
                    attrs.push((key, &after[..vend], '\0'));
                    r = &after[vend..];
                }
            }
        } else {
            attrs.push((key, "", '\0'));
        }
    }
    (name, attrs, self_closing)
}

/// Skips to just after the end tag of `name` (case-insensitive), allowing nesting.
fn skip_element<'a>(s: &'a str, name: &str) -> &'a str {
    let lower = s.to_ascii_lowercase();
    let open = format!("<{name}");
    let close = format!("</{name}");
    let mut depth = 1;
    let mut i = 0;
    while i < lower.len() {
        let rest = &lower[i..];
        if rest.starts_with(&close) {
            depth -= 1;
            let end = i + rest.find('>').map_or(rest.len(), |e| e + 1);
            if depth == 0 {
                return &s[end..];
            }
            i = end;
        } else if rest.starts_with(&open) {
            let end = i + tag_end(rest);
            if !lower[i..end].trim_end_matches('>').ends_with('/') {
                depth += 1;
            }
            i = end;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    ""
}

#[cfg(test)]
mod tests;
