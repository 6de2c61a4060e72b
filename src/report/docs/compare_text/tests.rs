//! Unit tests of `compare_text`.

use super::*;

#[test]
fn formats() {
    assert_eq!(pp(Lang::Vi, -0.0314, 2), "-3,14");
    assert_eq!(pp(Lang::En, 0.0314, 2), "+3.14");
    assert_eq!(pp(Lang::En, 0.0, 2), "0.00");
    assert_eq!(p_value(Lang::Vi, 1e-9), "< 0,0001");
    assert_eq!(
        plus_minus(Lang::En, -0.00098, 0.0000029),
        "-0.09800 ± 0.00029"
    );
    assert_eq!(plus_minus(Lang::Vi, -0.0021, 0.00012), "-0,210 ± 0,012");
    assert_eq!(plus_minus(Lang::En, 0.0, 0.0), "0.000 ± 0.000");
    assert_eq!(p_value(Lang::En, 0.052479), "0.0525");
}
