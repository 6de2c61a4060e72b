//! Whether a growth rate reaches its target, aware of how the figure is shown: a rate that
//! prints as the target (to 0.01 percentage point) is "at the target", never "misses".

use super::Lang;
use crate::report::msg;

/// Half of the 0.01-point display step: closer than this to the target prints as the target.
pub const DISPLAY_TOLERANCE: f64 = 0.5e-4;

/// A rate against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Above the target by more than the display tolerance.
    Meets,
    /// Within the display tolerance of the target (an exact reproduction).
    AtTarget,
    /// Below the target by more than the display tolerance.
    Misses,
}

impl Verdict {
    /// The verdict of `value` against `target` (both fractions).
    ///
    /// # Examples
    /// ```
    /// use grdpsim::report::Verdict;
    /// assert_eq!(Verdict::of(0.109_999_9, 0.11), Verdict::AtTarget);
    /// assert_eq!(Verdict::of(0.1097, 0.11), Verdict::Misses);
    /// assert_eq!(Verdict::of(0.1143, 0.11), Verdict::Meets);
    /// ```
    pub fn of(value: f64, target: f64) -> Self {
        if (value - target).abs() < DISPLAY_TOLERANCE {
            Verdict::AtTarget
        } else if value > target {
            Verdict::Meets
        } else {
            Verdict::Misses
        }
    }

    /// Upper-case word for terminal text ("MEETS", "AT", "MISSES").
    pub fn loud(self, l: Lang) -> &'static str {
        match self {
            Verdict::Meets => msg(l, "meets"),
            Verdict::AtTarget => msg(l, "equals_to_rounding"),
            Verdict::Misses => msg(l, "misses"),
        }
    }

    /// Phrase for reports ("meets the target").
    pub fn phrase(self, l: Lang) -> &'static str {
        match self {
            Verdict::Meets => msg(l, "meets_the_target"),
            Verdict::AtTarget => msg(l, "equals_the_target_to_rounding"),
            Verdict::Misses => msg(l, "misses_the_target"),
        }
    }
}
