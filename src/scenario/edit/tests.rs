//! Unit tests of `edit`.

use super::*;

#[test]
fn parses_selectors() {
    let p = FieldPath::parse("sources.land.amounts.total").unwrap();
    assert_eq!(p.segments, ["sources", "land", "amounts"]);
    assert_eq!(p.selector, Selector::Total);
    let p = FieldPath::parse("sources.land.amounts[2027]").unwrap();
    assert_eq!(p.selector, Selector::Year(2027));
    assert_eq!(
        FieldPath::parse("economy.capital_share").unwrap().selector,
        Selector::Set
    );
    assert!(FieldPath::parse("economy").is_err());
    assert!(FieldPath::parse("a..b").is_err());
    assert!(FieldPath::parse("a.b[20x]").is_err());
}

#[test]
fn total_mean_and_scale_keep_the_profile() {
    let e = |sel, v| Edit {
        path: FieldPath {
            segments: vec!["a".into(), "b".into()],
            selector: sel,
            text: "a.b".into(),
        },
        value: v,
    };
    let cur = Value::Array(vec![Value::Float(1.0), Value::Float(3.0)]);
    let years = [2026, 2027];
    let nums = |v: Value| as_numbers(&v).unwrap();
    assert_eq!(
        nums(new_value(Some(&cur), &e(Selector::Total, 8.0), &years).unwrap()),
        [2.0, 6.0]
    );
    assert_eq!(
        nums(new_value(Some(&cur), &e(Selector::Mean, 3.0), &years).unwrap()),
        [2.0, 4.0]
    );
    assert_eq!(
        nums(new_value(Some(&cur), &e(Selector::Scale, 0.5), &years).unwrap()),
        [0.5, 1.5]
    );
    assert_eq!(
        nums(new_value(Some(&cur), &e(Selector::Year(2027), 9.0), &years).unwrap()),
        [1.0, 9.0]
    );
    assert!(new_value(Some(&cur), &e(Selector::Year(2031), 9.0), &years).is_err());
    let scalar = Value::Float(0.5);
    assert_eq!(
        nums(new_value(Some(&scalar), &e(Selector::Total, 3.0), &years).unwrap()),
        [1.5, 1.5]
    );
}
