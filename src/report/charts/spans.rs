//! Typography of chart text: a one-year horizon written "2026", not "2026–2026"; a negative
//! number with a true minus sign ("−3,20", not "-3,20").

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

/// A hyphen that starts a number (at the start, or after a space, bracket, slash or dash, and
/// before a digit) written as the minus sign U+2212; hyphens inside names ("hanoi-2026") stay.
pub(super) fn minus_signs(s: &str) -> String {
    let c: Vec<char> = s.chars().collect();
    (0..c.len())
        .map(|i| {
            let starts = i == 0 || matches!(c[i - 1], ' ' | '(' | '[' | '/' | '–' | '≥' | '≤');
            let number = c.get(i + 1).is_some_and(char::is_ascii_digit);
            if c[i] == '-' && starts && number {
                '−'
            } else {
                c[i]
            }
        })
        .collect()
}

#[cfg(test)]
#[test]
fn minus_signs_only_before_numbers() {
    assert_eq!(
        minus_signs("-3,20 (-3,45 – -2,96)"),
        "−3,20 (−3,45 – −2,96)"
    );
    assert_eq!(
        minus_signs("hanoi-2026-2030-mc, P10-P90"),
        "hanoi-2026-2030-mc, P10-P90"
    );
    assert_eq!(minus_signs("B−A: -"), "B−A: -");
}

#[cfg(test)]
#[test]
fn one_year_spans_collapse() {
    assert_eq!(one_year_spans("Tăng trưởng 2026–2026"), "Tăng trưởng 2026");
    assert_eq!(one_year_spans("2026–2030, 2030–2030)"), "2026–2030, 2030)");
    assert_eq!(one_year_spans("12026–20261"), "12026–20261");
}
