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

/// The message `key` in `lang` with each `{name}` in it replaced by the value named `name`
/// (one pass: a value's own braces are left as they are; an unknown name stays as written).
pub fn msgf(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let template = msg(lang, key);
    let mut out = String::with_capacity(template.len() + 16 * args.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(&v.to_string()),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
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
                    for call in ["msg(", "msgf("] {
                        for (i, _) in s.match_indices(call) {
                            let rest = &s[i + call.len()..];
                            // msg(lang, "key"…): the first literal, if it comes before any ')'
                            let (Some(q), close) = (rest.find('"'), rest.find(')')) else {
                                continue;
                            };
                            if close.is_some_and(|c| c < q) || rest[..q].contains('(') {
                                continue;
                            }
                            let Some(end) = rest[q + 1..].find('"') else {
                                continue;
                            };
                            let key = &rest[q + 1..q + 1 + end];
                            if !table(Lang::Vi).contains_key(key) {
                                missing.push(format!("{}: {key}", p.display()));
                            }
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn msgf_fills_named_values_once() {
        // "Mục tiêu {target}/năm" style templates: every name replaced, braces in values kept
        let key = table(Lang::En)
            .iter()
            .find(|(_, v)| v.contains("{t}"))
            .map(|(k, _)| k.clone())
            .expect("a template with {t}");
        let out = msgf(Lang::En, &key, &[("t", &"{x}")]);
        assert!(out.contains("{x}") && !out.contains("{t}"), "{out}");
        assert_eq!(msgf(Lang::En, "no such key", &[("t", &1)]), "");
    }
}
