//! Unit tests of `sensitivity_text`.

use super::*;

#[test]
fn levels_read_with_their_units() {
    assert_eq!(
        level_text(LevelUnit::PointsAdded, -0.013355, Lang::Vi),
        "−1,34 điểm %"
    );
    assert_eq!(
        level_text(LevelUnit::PointsAdded, 0.0055, Lang::En),
        "+0.55 pp"
    );
    assert_eq!(
        level_text(LevelUnit::ShareOfPlan, 0.8345, Lang::En),
        "83.5% of plan"
    );
    assert_eq!(level_text(LevelUnit::Factor, 1.0, Lang::Vi), "×1,000");
    assert_eq!(level_text(LevelUnit::Rate, 0.05, Lang::En), "5.00%");
    assert_eq!(level_text(LevelUnit::PointsAdded, 0.0, Lang::En), "0.00 pp");
}
