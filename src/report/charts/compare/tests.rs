//! Unit tests of `compare`.

use super::*;

#[test]
fn signs() {
    assert_eq!(signed(Lang::Vi, 1.254, 2), "+1,25");
    assert_eq!(signed(Lang::En, -0.4, 2), "-0.40");
    assert_eq!(signed(Lang::En, 0.0, 2), "0.00");
    assert_eq!(signed(Lang::En, 0.001, 2), "0.00");
}
