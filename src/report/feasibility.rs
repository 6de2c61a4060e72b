//! A configurable scale that turns P(hit) into a verdict in the plan documents' own words.
//!
//! The city's planning documents grade targets with a small, fixed vocabulary. The 2024 plan to
//! finish the 2021–2025 targets (seed `003_ee97c6aad744c515.txt`) sorts its 17 indicators into
//! "đã đạt kế hoạch" (met), "rất thách thức" (very challenging) and "khó khăn" (difficult):
//!
//! - line 13: "03/17 chỉ tiêu/nhóm chỉ tiêu đã đạt kế hoạch sớm từ 1-2 năm, còn 04/17 chỉ
//!   tiêu/nhóm chỉ tiêu về tăng trưởng kinh tế rất thách thức và 05/17 chỉ tiêu/nhóm chỉ tiêu
//!   đang còn khó khăn cần tập trung thực hiện";
//! - line 210: "04/17 chỉ tiêu rất thách thức, cần phấn đấu để đạt mức cao nhất mục tiêu đề ra;
//!   05/17 chỉ tiêu còn khó khăn cần tập trung cao độ";
//! - line 110 puts the strongest verdict on GRDP growth itself: "nhiệm vụ rất thách thức, dự
//!   kiến không đạt" (very challenging, expected not to be met);
//! - seed `001_a5d28ec365456f50.txt` line 980 calls the private-investment plan "tính khả thi
//!   cao" (highly feasible).
//!
//! The documents attach these words to judgement, not to numbers. [`FeasibilityScale::default`]
//! therefore fixes one mapping, in steps of 20 points of probability, and documents it so that
//! a reader can disagree with it and pass another one ([`FeasibilityScale::from_bands`]):
//!
//! | P(hit) | Vietnamese | English | Where the words come from |
//! |---|---|---|---|
//! | ≥ 0.8 | khả thi cao | highly feasible | 001 line 980 |
//! | ≥ 0.6 | có khả năng đạt | likely to be met | the plan's "có khả năng" (able to) |
//! | ≥ 0.4 | khó khăn | difficult | 003 lines 13, 210 |
//! | ≥ 0.2 | rất thách thức | very challenging | 003 lines 13, 110, 210 |
//! | < 0.2 | khó có khả năng đạt | unlikely to be met | 003 line 110 ("dự kiến không đạt") |

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// One step of a [`FeasibilityScale`]: probabilities at or above `min_prob` (and below the
/// previous band's threshold) get this phrase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// Lowest probability of the band, in [0, 1].
    pub min_prob: f64,
    /// Vietnamese phrase (stored in NFC).
    pub vi: String,
    /// English phrase.
    pub en: String,
}

impl Band {
    /// A band from a threshold and its two phrases.
    pub fn new(min_prob: f64, vi: &str, en: &str) -> Self {
        Band {
            min_prob,
            vi: vi.nfc().collect(),
            en: en.to_string(),
        }
    }
}

/// Maps a probability of meeting a target to a verdict phrase.
///
/// Bands are ordered from the highest threshold to the lowest; the last band starts at 0, so
/// every probability has a phrase.
///
/// # Examples
/// ```
/// use grdpsim::report::{Lang, feasibility::FeasibilityScale};
/// let scale = FeasibilityScale::default();
/// assert_eq!(scale.phrase(0.206, Lang::Vi), "rất thách thức");
/// assert_eq!(scale.phrase(0.206, Lang::En), "very challenging");
/// assert_eq!(scale.phrase(0.85, Lang::En), "highly feasible");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeasibilityScale {
    /// Bands, thresholds strictly decreasing, the last one at 0.
    pub bands: Vec<Band>,
}

impl Default for FeasibilityScale {
    /// The documented scale: ≥ 0.8 "khả thi cao", ≥ 0.6 "có khả năng đạt", ≥ 0.4 "khó khăn",
    /// ≥ 0.2 "rất thách thức", otherwise "khó có khả năng đạt" (see the module documentation
    /// for the seed lines each phrase comes from).
    fn default() -> Self {
        FeasibilityScale {
            bands: vec![
                Band::new(0.8, "khả thi cao", "highly feasible"),
                Band::new(0.6, "có khả năng đạt", "likely to be met"),
                Band::new(0.4, "khó khăn", "difficult"),
                Band::new(0.2, "rất thách thức", "very challenging"),
                Band::new(0.0, "khó có khả năng đạt", "unlikely to be met"),
            ],
        }
    }
}

impl FeasibilityScale {
    /// A scale from bands given from the highest threshold to the lowest.
    ///
    /// Vietnamese phrases are normalised to NFC.
    ///
    /// # Errors
    /// When there are no bands, a threshold is not a number in [0, 1], the thresholds are not
    /// strictly decreasing, the last threshold is not 0 (a probability would have no phrase),
    /// or a phrase is blank.
    pub fn from_bands(bands: Vec<Band>) -> Result<Self, String> {
        if bands.is_empty() {
            return Err("a feasibility scale needs at least one band".into());
        }
        for (i, b) in bands.iter().enumerate() {
            if !(b.min_prob.is_finite() && (0.0..=1.0).contains(&b.min_prob)) {
                return Err(format!(
                    "band {}: threshold {} is not a probability in [0, 1]",
                    i + 1,
                    b.min_prob
                ));
            }
            if i > 0 && b.min_prob >= bands[i - 1].min_prob {
                return Err(format!(
                    "band {}: threshold {} must be below the previous band's {} (thresholds go \
                     from the highest to the lowest)",
                    i + 1,
                    b.min_prob,
                    bands[i - 1].min_prob
                ));
            }
            if b.vi.trim().is_empty() || b.en.trim().is_empty() {
                return Err(format!("band {}: both phrases must be non-empty", i + 1));
            }
        }
        let last = bands[bands.len() - 1].min_prob;
        if last != 0.0 {
            return Err(format!(
                "the last band starts at {last}; it must start at 0 so that every probability \
                 has a phrase"
            ));
        }
        Ok(FeasibilityScale {
            bands: bands
                .into_iter()
                .map(|b| Band {
                    min_prob: b.min_prob,
                    vi: b.vi.nfc().collect(),
                    en: b.en,
                })
                .collect(),
        })
    }

    /// The band `p` falls in: the first whose threshold `p` reaches. Values above 1 count as 1;
    /// values below 0 and NaN fall in the last band.
    pub fn band(&self, p: f64) -> &Band {
        self.bands
            .iter()
            .find(|b| p >= b.min_prob)
            .unwrap_or_else(|| self.bands.last().expect("a scale has at least one band"))
    }

    /// The phrase for probability `p` in `lang`.
    pub fn phrase(&self, p: f64, lang: Lang) -> &str {
        let b = self.band(p);
        lang.pick(&b.vi, &b.en)
    }

    /// The probability range of each band as text, highest first (`≥ 80%` / `20–40%` /
    /// `< 20%`), with its phrase, for a report's legend.
    pub fn legend(&self, lang: Lang) -> Vec<(String, String)> {
        let n = self.bands.len();
        self.bands
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let range = if i == 0 {
                    format!("≥ {}", lang.pct(b.min_prob, 0))
                } else if i == n - 1 {
                    format!("< {}", lang.pct(self.bands[i - 1].min_prob, 0))
                } else {
                    format!(
                        "{}–{}",
                        lang.num(100.0 * b.min_prob, 0),
                        lang.pct(self.bands[i - 1].min_prob, 0)
                    )
                };
                (range, lang.pick(&b.vi, &b.en).to_string())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_thresholds() {
        let s = FeasibilityScale::default();
        let cases = [
            (1.0, "khả thi cao", "highly feasible"),
            (0.8, "khả thi cao", "highly feasible"),
            (0.799, "có khả năng đạt", "likely to be met"),
            (0.6, "có khả năng đạt", "likely to be met"),
            (0.5, "khó khăn", "difficult"),
            (0.4, "khó khăn", "difficult"),
            (0.206, "rất thách thức", "very challenging"),
            (0.2, "rất thách thức", "very challenging"),
            (0.1999, "khó có khả năng đạt", "unlikely to be met"),
            (0.0, "khó có khả năng đạt", "unlikely to be met"),
        ];
        for (p, vi, en) in cases {
            assert_eq!(s.phrase(p, Lang::Vi), vi, "p = {p}");
            assert_eq!(s.phrase(p, Lang::En), en, "p = {p}");
        }
        assert_eq!(s.phrase(f64::NAN, Lang::En), "unlikely to be met");
        assert_eq!(s.phrase(1.5, Lang::En), "highly feasible");
        assert_eq!(s.phrase(-0.1, Lang::En), "unlikely to be met");
    }

    #[test]
    fn default_is_valid_and_nfc() {
        let s = FeasibilityScale::default();
        let again = FeasibilityScale::from_bands(s.bands.clone()).unwrap();
        assert_eq!(s, again);
        for b in &s.bands {
            assert!(unicode_normalization::is_nfc(&b.vi));
        }
    }

    #[test]
    fn from_bands_validates() {
        let b = |p: f64| Band::new(p, "x", "x");
        assert!(FeasibilityScale::from_bands(vec![]).is_err());
        assert!(FeasibilityScale::from_bands(vec![b(0.0)]).is_ok());
        assert!(FeasibilityScale::from_bands(vec![b(0.5), b(0.0)]).is_ok());
        // not decreasing
        let e = FeasibilityScale::from_bands(vec![b(0.5), b(0.5), b(0.0)]).unwrap_err();
        assert!(e.contains("band 2"), "{e}");
        assert!(FeasibilityScale::from_bands(vec![b(0.2), b(0.5), b(0.0)]).is_err());
        // out of range
        assert!(FeasibilityScale::from_bands(vec![b(1.2), b(0.0)]).is_err());
        assert!(FeasibilityScale::from_bands(vec![b(0.5), b(-0.1)]).is_err());
        assert!(FeasibilityScale::from_bands(vec![b(f64::NAN), b(0.0)]).is_err());
        // no band at 0
        let e = FeasibilityScale::from_bands(vec![b(0.5), b(0.1)]).unwrap_err();
        assert!(e.contains("must start at 0"), "{e}");
        // blank phrase
        assert!(FeasibilityScale::from_bands(vec![Band::new(0.0, " ", "x")]).is_err());
    }

    #[test]
    fn from_bands_normalises_to_nfc() {
        let decomposed: String = "khó khăn".nfd().collect();
        assert!(!unicode_normalization::is_nfc(&decomposed));
        let s = FeasibilityScale::from_bands(vec![Band {
            min_prob: 0.0,
            vi: decomposed,
            en: "difficult".into(),
        }])
        .unwrap();
        assert_eq!(s.phrase(0.3, Lang::Vi), "khó khăn");
    }

    #[test]
    fn custom_scale() {
        let s = FeasibilityScale::from_bands(vec![
            Band::new(0.5, "đạt", "met"),
            Band::new(0.0, "không đạt", "missed"),
        ])
        .unwrap();
        assert_eq!(s.phrase(0.5, Lang::Vi), "đạt");
        assert_eq!(s.phrase(0.49, Lang::En), "missed");
    }

    #[test]
    fn legend_covers_every_band() {
        let l = FeasibilityScale::default().legend(Lang::Vi);
        assert_eq!(l.len(), 5);
        assert_eq!(l[0], ("≥ 80%".to_string(), "khả thi cao".to_string()));
        assert_eq!(l[3], ("20–40%".to_string(), "rất thách thức".to_string()));
        assert_eq!(
            l[4],
            ("< 20%".to_string(), "khó có khả năng đạt".to_string())
        );
        let l = FeasibilityScale::default().legend(Lang::En);
        assert_eq!(l[1], ("60–80%".to_string(), "likely to be met".to_string()));
    }
}
