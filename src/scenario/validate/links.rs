//! Financing links between sources: endpoints that exist, no self-financing, no duplicates,
//! no chains, shares summing to at most 1; then the financed part of each investment source's
//! plan (which may not exceed its plan).

use super::R;
use super::checker::{Table, V};
use crate::scenario::diagnostic::closest;
use crate::scenario::loc::Loc;
use crate::scenario::raw::{F, RawFile, RawSource};
use crate::scenario::{Currency, Link, ScenarioError, Source};

/// Checks the links, marks financing sources and fills each source's `financed_plan_vnd`.
pub(super) fn links(
    v: &V,
    raw: &RawFile,
    top: &Table,
    sources: &mut [Source],
    source_locs: &[&Loc<RawSource>],
    years: &[i32],
    exchange_rate: &[f64],
) -> R<Vec<Link>> {
    // ---- links ------------------------------------------------------------------------
    let ids_owned: Vec<String> = sources.iter().map(|s| s.id.clone()).collect();
    let ids: Vec<&str> = ids_owned.iter().map(String::as_str).collect();
    let mut links: Vec<Link> = Vec::new();
    let mut link_locs = Vec::new();
    for (i, ll) in raw.links.iter().enumerate() {
        let l = &ll.value;
        let tk = Table {
            file: ll.file,
            span: ll.span.clone(),
            name: format!("links[{i}]"),
        };
        let endpoint = |field: &str, f: &F<String>| -> R<usize> {
            let e = v.req(f, &tk, field, "the id of a funding source")?;
            ids.iter().position(|id| *id == e.value).ok_or_else(|| {
                let mut d = *v
                    .at(
                        e,
                        V::path(&tk, field),
                        format!(
                            "unknown source id {:?}; the sources are: {}",
                            e.value,
                            ids.join(", ")
                        ),
                    )
                    .0;
                if let Some(c) = closest(&e.value, ids.iter().copied()) {
                    d = d.with_suggestion(format!("did you mean \"{c}\"?"));
                }
                ScenarioError::from(d)
            })
        };
        let from = endpoint("from", &l.from)?;
        let to = endpoint("to", &l.to)?;
        if from == to {
            let e = l.to.as_ref().expect("checked above");
            return Err(v.at(
                e,
                V::path(&tk, "to"),
                "a source cannot finance itself".into(),
            ));
        }
        if links.iter().any(|o: &Link| o.from == from && o.to == to) {
            return Err(v
                .map
                .diag(
                    ll.file,
                    ll.span.clone(),
                    format!("links[{i}]"),
                    format!("duplicate link {} → {}", ids[from], ids[to]),
                )
                .into());
        }
        let share = v.num(&l.share, &tk, "share",
            "the share of the financing source that goes to the financed source, a fraction in (0, 1]", |x| x > 0.0 && x <= 1.0)?;
        links.push(Link {
            from,
            to,
            share,
            citation: v.text(&l.citation).unwrap_or_default(),
        });
        link_locs.push(ll);
    }
    for l in &links {
        sources[l.from].financing = true;
    }
    for (i, l) in links.iter().enumerate() {
        if sources[l.to].financing {
            let e = raw.links[i].value.to.as_ref().expect("checked above");
            return Err(v.at(e, format!("links[{i}].to"), format!(
                "{:?} finances other sources, so it cannot itself be financed (links may not form chains); \
                 link the financing sources directly to the investment source", ids[l.to])));
        }
    }
    for (s, src) in sources.iter().enumerate() {
        let total: f64 = links.iter().filter(|l| l.from == s).map(|l| l.share).sum();
        if total > 1.0 + 1e-9 {
            let i = links.iter().rposition(|l| l.from == s).expect("has links");
            return Err(v.map.diag(link_locs[i].file, link_locs[i].span.clone(), format!("links[{i}].share"),
                format!("the shares of {:?} sum to {total:.4}; a source cannot finance more than all of itself (≤ 1)", src.id)).into());
        }
    }
    if sources.iter().all(|s| s.financing) {
        return Err(v.missing(
            top,
            "sources",
            "at least one investment source (one that is not only the `from` of a link)",
        ));
    }
    // financed part of each investment source's plan, at central exchange rates; own part ≥ 0
    let plan_vnd = |s: &Source, t: usize| match s.currency {
        Currency::Vnd => s.plan[t],
        Currency::Usd => s.plan[t] * exchange_rate[t] / 1000.0,
    };
    let mut owns = Vec::with_capacity(sources.len());
    for (s, src) in sources.iter().enumerate() {
        if src.financing {
            owns.push(vec![0.0; v.n]);
            continue;
        }
        let mut financed = Vec::with_capacity(v.n);
        for (t, year) in years.iter().enumerate() {
            let inflow: f64 = links
                .iter()
                .filter(|l| l.to == s)
                .map(|l| l.share * plan_vnd(&sources[l.from], t))
                .sum();
            let o = plan_vnd(src, t) - inflow;
            if o < -1e-9 * (1.0 + inflow.abs()) {
                let sl = source_locs[s];
                let at = sl.value.amounts.as_ref().or(sl.value.amounts_usd.as_ref());
                let msg = format!(
                    "the plan of {:?} in {} ({:.2} thousand bn VND) is smaller than what its financing links supply at plan ({inflow:.2}); \
                     `amounts` of a financed source include the financed part",
                    src.id,
                    year,
                    plan_vnd(src, t)
                );
                return Err(match at {
                    Some(a) => v.at(a, format!("sources.{}.amounts", src.id), msg),
                    None => v
                        .map
                        .diag(sl.file, sl.span.clone(), format!("sources.{}", src.id), msg)
                        .into(),
                });
            }
            financed.push(inflow);
        }
        owns.push(financed);
    }
    for (src, financed) in sources.iter_mut().zip(owns) {
        src.financed_plan_vnd = financed;
    }

    Ok(links)
}
