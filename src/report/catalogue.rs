//! The message catalogue: every user-facing label, note and message of the reports and the
//! command line in Vietnamese and English, one TOML table per language
//! (`assets/i18n/vi.toml`, `assets/i18n/en.toml`, compiled in). The same keys in both files,
//! checked by a test; Vietnamese is the default language.

use super::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

const VI: &str = include_str!("../../assets/i18n/vi.toml");
const EN: &str = include_str!("../../assets/i18n/en.toml");

fn parse(text: &str) -> HashMap<String, String> {
    // the files are part of the build and tested; a broken one yields an empty table
    text.parse::<toml::Table>()
        .map(|t| {
            t.into_iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// The table of `lang`.
pub fn table(lang: Lang) -> &'static HashMap<String, String> {
    static TABLES: OnceLock<[HashMap<String, String>; 2]> = OnceLock::new();
    let t = TABLES.get_or_init(|| [parse(VI), parse(EN)]);
    match lang {
        Lang::Vi => &t[0],
        Lang::En => &t[1],
    }
}

/// The message `key` in `lang` (the key itself if the catalogue lacks it, which a test
/// rules out for every key the code uses).
pub fn msg(lang: Lang, key: &str) -> &'static str {
    match table(lang).get(key) {
        Some(s) => s.as_str(),
        None => match table(Lang::Vi).get(key) {
            Some(s) => s.as_str(),
            None => "",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_keys_and_parse() {
        let (vi, en) = (table(Lang::Vi), table(Lang::En));
        assert!(vi.len() > 100, "catalogue too small: {}", vi.len());
        let mut a: Vec<&String> = vi.keys().collect();
        let mut b: Vec<&String> = en.keys().collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "vi.toml and en.toml must have the same keys");
        // the raw files hold as many entries as the parsed tables (nothing unparsable)
        assert_eq!(
            VI.parse::<toml::Table>().map(|t| t.len()).ok(),
            Some(vi.len())
        );
        assert_eq!(
            EN.parse::<toml::Table>().map(|t| t.len()).ok(),
            Some(en.len())
        );
    }

    #[test]
    fn vietnamese_is_nfc() {
        use unicode_normalization::UnicodeNormalization;
        for (k, v) in table(Lang::Vi) {
            assert_eq!(&v.nfc().collect::<String>(), v, "{k}");
        }
    }

    #[test]
    fn every_key_the_code_uses_is_in_the_catalogue() {
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("catalogue.rs") {
                    let s = std::fs::read_to_string(&p).unwrap();
                    let mut rest = s.as_str();
                    while let Some(i) = rest.find("report::msg(") {
                        rest = &rest[i + 12..];
                        let Some(q) = rest.find('"') else { break };
                        let Some(end) = rest[q + 1..].find('"') else {
                            break;
                        };
                        let key = &rest[q + 1..q + 1 + end];
                        if !table(Lang::Vi).contains_key(key) {
                            missing.push(format!("{}: {key}", p.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{missing:?}");
    }
}
