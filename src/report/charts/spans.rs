//! Year spans in chart text: a one-year horizon written "2026", not "2026–2026".

/// "2026–2026" (a one-year horizon) written as "2026".
pub(super) fn one_year_spans(s: &str) -> String {
    let c: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let digit = |i: usize| c.get(i).is_some_and(char::is_ascii_digit);
    let mut i = 0;
    while i < c.len() {
        let span = (i == 0 || !digit(i - 1))
            && (0..4).all(|k| digit(i + k))
            && c.get(i + 4) == Some(&'–')
            && (5..9).all(|k| digit(i + k))
            && !digit(i + 9)
            && c[i..i + 4] == c[i + 5..i + 9];
        if span {
            out.extend(&c[i..i + 4]);
            i += 9;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
#[test]
fn one_year_spans_collapse() {
    assert_eq!(one_year_spans("Tăng trưởng 2026–2026"), "Tăng trưởng 2026");
    assert_eq!(one_year_spans("2026–2030, 2030–2030)"), "2026–2030, 2030)");
    assert_eq!(one_year_spans("12026–20261"), "12026–20261");
}
