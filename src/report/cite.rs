//! Citations as a reader sees them: the source documents by name, not by their hashed file
//! names ("001_a5d28ec365456f50.txt line 974" → "Chương trình hành động 2026–2030 (001), dòng 974").

use super::Lang;

/// (number, Vietnamese name, English name) of each source document in `shared/seeds/`.
const DOCUMENTS: [(&str, &str, &str); 5] = [
    (
        "000",
        "Phụ lục 2a, chỉ tiêu ngành cho tăng trưởng 11%",
        "Appendix 2a, sector targets for 11% growth",
    ),
    (
        "001",
        "Chương trình hành động 2026–2030",
        "Action programme 2026–2030",
    ),
    (
        "002",
        "Phụ lục 2c, nhiệm vụ theo lĩnh vực",
        "Appendix 2c, tasks by sector",
    ),
    (
        "003",
        "Kế hoạch năm 2024 (đánh giá 2021–2023)",
        "2024 plan (2021–2023 review)",
    ),
    ("004", "Nghị quyết 158/NQ-CP", "Resolution 158/NQ-CP"),
];

/// The citation with every document reference (`001_<hash>.txt`, `001 line`, `(001)`…) named
/// and "line"/"lines" in the report's language.
///
/// # Examples
/// ```
/// use grdpsim::report::{Lang, humanise_citation};
/// assert_eq!(
///     humanise_citation("001_a5d28ec365456f50.txt line 974", Lang::En),
///     "Action programme 2026–2030 (001), line 974"
/// );
/// assert_eq!(
///     humanise_citation("001_a5d28ec365456f50.txt line 974", Lang::Vi),
///     "Chương trình hành động 2026–2030 (001), dòng 974"
/// );
/// assert_eq!(humanise_citation("004 line 50", Lang::En), "Resolution 158/NQ-CP (004), line 50");
/// ```
pub fn humanise_citation(text: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let at_word_start =
            i == 0 || !(chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '.' | ',' | '_'));
        let num: String = chars[i..].iter().take(3).collect();
        let known = DOCUMENTS.iter().find(|d| d.0 == num);
        let after = chars.get(i + 3).copied();
        if let (true, Some(doc)) = (at_word_start, known) {
            // `001_<hex>.txt`
            let mut j = i + 3;
            if after == Some('_') {
                let mut k = j + 1;
                while k < chars.len() && chars[k].is_ascii_hexdigit() {
                    k += 1;
                }
                let ext: String = chars[k..].iter().take(4).collect();
                if k > j + 1 && ext == ".txt" {
                    j = k + 4;
                } else {
                    out.push(chars[i]);
                    i += 1;
                    continue;
                }
            } else if after.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',') {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            let rest: String = chars[j..].iter().collect();
            let ref_line = rest.starts_with(" line") || rest.starts_with(" lines");
            out.push_str(lang.pick(doc.1, doc.2));
            out.push_str(&format!(" ({})", doc.0));
            if ref_line {
                out.push(',');
            }
            i = j;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    match lang {
        Lang::Vi => out.replace(" lines ", " dòng ").replace(" line ", " dòng "),
        Lang::En => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_named_and_other_numbers_left_alone() {
        let t = "2021–2023: 003_ee97c6aad744c515.txt line 216; 2024–2025: split so the mean is 6.60% (001_a5d28ec365456f50.txt line 624)";
        let en = humanise_citation(t, Lang::En);
        assert_eq!(
            en,
            "2021–2023: 2024 plan (2021–2023 review) (003), line 216; 2024–2025: split so the mean is 6.60% (Action programme 2026–2030 (001), line 624)"
        );
        assert!(!en.contains(".txt"));
        // numbers that are not document references stay as they are
        assert_eq!(
            humanise_citation("1000 and 0.001", Lang::En),
            "1000 and 0.001"
        );
        assert_eq!(humanise_citation("800 line 3", Lang::En), "800 line 3");
        let vi = humanise_citation("001 line 34, line 629", Lang::Vi);
        assert_eq!(
            vi,
            "Chương trình hành động 2026–2030 (001), dòng 34, dòng 629"
        );
    }
}
