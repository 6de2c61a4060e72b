//! Output language: Vietnamese or English, and the number formats of each (decimal comma or point).

use std::fmt;
use std::str::FromStr;

/// Report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Vietnamese (default): 11,0% and 1.768.
    #[default]
    Vi,
    /// English: 11.0% and 1,768.
    En,
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            _ => Err(format!("unknown language {s:?}: use vi or en")),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        })
    }
}

impl Lang {
    /// Picks the Vietnamese or English text.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// Formats `x` with `decimals` decimals and the language's separators
    /// (vi: `1.768,0`; en: `1,768.0`).
    ///
    /// # Examples
    /// ```
    /// use grdpsim::report::Lang;
    /// assert_eq!(Lang::Vi.num(1768.04, 1), "1.768,0");
    /// assert_eq!(Lang::En.num(-1768.04, 1), "-1,768.0");
    /// assert_eq!(Lang::En.pct(0.11, 1), "11.0%");
    /// assert_eq!(Lang::Vi.pct(0.11, 1), "11,0%");
    /// ```
    pub fn num(self, x: f64, decimals: usize) -> String {
        if !x.is_finite() {
            return "–".to_string();
        }
        let s = format!("{:.*}", decimals, x.abs());
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i.to_string(), Some(f.to_string())),
            None => (s, None),
        };
        let (thousands, point) = match self {
            Lang::Vi => ('.', ','),
            Lang::En => (',', '.'),
        };
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(thousands);
            }
            grouped.push(c);
        }
        let negative = x < 0.0
            && (grouped.chars().any(|c| c.is_ascii_digit() && c != '0')
                || frac.as_deref().is_some_and(|f| f.chars().any(|c| c != '0')));
        let mut out = String::new();
        if negative {
            out.push('-');
        }
        out.push_str(&grouped);
        if let Some(f) = frac {
            out.push(point);
            out.push_str(&f);
        }
        out
    }

    /// Formats a fraction as a percentage (`0.11` → `11,0%` / `11.0%`).
    pub fn pct(self, x: f64, decimals: usize) -> String {
        if !x.is_finite() {
            return "–".to_string();
        }
        format!("{}%", self.num(100.0 * x, decimals))
    }
}
