//! `[[sectors]]`: the sector bridge's sectors, checked (shares in [0, 1] summing to at most 1,
//! growth rates as fractions, realised years fewer than the horizon).

use super::R;
use super::checker::{FRACTION_RATE, V};
use crate::scenario::Sector;
use crate::scenario::raw::RawFile;

/// Largest amount by which the base-year shares may exceed 1 (rounding in the documents).
pub const SHARE_TOLERANCE: f64 = 1e-3;

/// The scenario's sectors, in file order.
pub(super) fn sectors(v: &V, raw: &RawFile) -> R<Vec<Sector>> {
    let mut out: Vec<Sector> = Vec::with_capacity(raw.sectors.len());
    for (i, sl) in raw.sectors.iter().enumerate() {
        let s = &sl.value;
        let (id_l, ts) = v.item_id(sl, &s.id, "sectors", i, |id| out.iter().any(|o| o.id == id))?;
        let share_base = v.opt_num(
            &s.share_base,
            &ts,
            "share_base",
            "a share of GRDP in [0, 1], such as 0.1154",
            |x| (0.0..=1.0).contains(&x),
        )?;
        let growth = v.opt_num(&s.growth, &ts, "growth", FRACTION_RATE, |x| {
            x > -1.0 && x < 1.0
        })?;
        let actual = match &s.actual {
            None => Vec::new(),
            Some(al) => {
                if al.value.len() >= v.n || al.value.iter().any(|g| !(*g > -1.0 && *g < 1.0)) {
                    return Err(v.at(
                        al,
                        format!("sectors.{}.actual", id_l.value),
                        format!(
                            "expected realised growth rates as fractions (0.0146 = 1.46%) for fewer than the {} years of the horizon, found {:?}",
                            v.n, al.value
                        ),
                    ));
                }
                al.value.clone()
            }
        };
        if !actual.is_empty() && growth.is_none() {
            return Err(v.at(
                sl,
                format!("sectors.{}.growth", id_l.value),
                "realised years need the sector's plan (growth) to say what the rest must grow"
                    .into(),
            ));
        }
        out.push(Sector {
            id: id_l.value.clone(),
            label_vi: v
                .text(&s.label_vi)
                .or_else(|| v.text(&s.label_en))
                .unwrap_or_else(|| id_l.value.clone()),
            label_en: v.text(&s.label_en).unwrap_or_else(|| id_l.value.clone()),
            share_base,
            growth,
            actual,
            citation: v.text(&s.citation).unwrap_or_default(),
        });
    }
    let total: f64 = out.iter().filter_map(|s| s.share_base).sum();
    if total > 1.0 + SHARE_TOLERANCE
        && let Some(l) = raw.sectors.last()
    {
        return Err(v.at(
            l,
            "sectors.share_base".into(),
            format!(
                "the base-year shares add up to {total:.4}, more than 1 (tolerance {SHARE_TOLERANCE}); shares are fractions of GRDP and the sectors must not overlap"
            ),
        ));
    }
    Ok(out)
}
