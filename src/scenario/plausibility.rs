//! Plausibility thresholds (`[plausibility]`): Hanoi's 2021–2025 record and the bounds of what
//! fast-growing economies have sustained, against which projections are checked
//! (`analysis::plausibility`). The defaults and their sources: docs/plausibility.md.

use super::raw::F;
use serde::{Deserialize, Serialize};

macro_rules! thresholds {
    ($( $(#[$m:meta])* $f:ident = $d:expr, $ok:expr, $expected:literal; )*) => {
        /// Thresholds of the plausibility warnings; fractions unless said otherwise.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        pub struct Plausibility {
            $( $(#[$m])* pub $f: f64, )*
        }

        impl Default for Plausibility {
            fn default() -> Self {
                Plausibility { $( $f: $d, )* }
            }
        }

        impl Plausibility {
            /// Each field: name, current value, whether a value is acceptable, and what is
            /// expected (for the validator's message).
            #[allow(clippy::type_complexity)]
            pub(crate) fn fields(&mut self) -> Vec<(&'static str, &mut f64, fn(f64) -> bool, &'static str)> {
                vec![ $( (stringify!($f), &mut self.$f, $ok, $expected), )* ]
            }
        }
    };
}

fn rate(x: f64) -> bool {
    x > -1.0 && x < 1.0
}
fn share(x: f64) -> bool {
    x > 0.0 && x <= 1.0
}
fn ratio(x: f64) -> bool {
    x > 0.0 && x < 100.0
}

thresholds! {
    /// 2021–2025 average real growth, 6.60% (001 line 624).
    record_growth = 0.066, rate, "a growth rate (fraction) such as 0.066";
    /// 2021–2025 TFP growth a year: 1.066^0.53 − 1 = 3.44% (001 lines 624, 629).
    record_tfp_growth = 0.0344, rate, "a growth rate (fraction) such as 0.0344";
    /// 2021–2025 TFP share of growth, 53% (001 line 629).
    record_tfp_share = 0.53, share, "a share in (0, 1] such as 0.53";
    /// 2021–2025 ICOR, 37.95 / 6.60 = 5.75 (001 lines 624, 636).
    record_icor = 5.75, ratio, "a positive ratio such as 5.75";
    /// 2021–2025 investment / GRDP, 37.95% (001 line 636).
    record_investment_ratio = 0.3795, share, "a share in (0, 1] such as 0.3795";
    /// 2021–2025 employment growth a year, 1.066/1.0607 − 1 = 0.50% (001 lines 624, 658).
    record_employment_growth = 0.005, rate, "a growth rate (fraction) such as 0.005";
    /// 2021–2025 GRDP deflator growth a year, 1.41% (derived: scenarios/hanoi-2021-2025-actual.toml).
    record_deflator_growth = 0.0141, rate, "a growth rate (fraction) such as 0.0141";
    /// Highest average TFP growth a year over the horizon before a warning: 5%, above what
    /// fast-growing economies have sustained over five years or more.
    tfp_growth_max = 0.05, rate, "a growth rate (fraction) such as 0.05";
    /// Highest TFP share of growth over the horizon before a warning: 60%.
    tfp_share_max = 0.60, share, "a share in (0, 1] such as 0.60";
    /// Lowest period ICOR before a warning: 3.0 (investment converting to growth faster than
    /// in the fastest-growing economies).
    icor_min = 3.0, ratio, "a positive ratio such as 3.0";
    /// Highest period ICOR before a warning: 9.0.
    icor_max = 9.0, ratio, "a positive ratio such as 9.0";
    /// Largest fall of the period ICOR below the 2021–2025 record before a warning: 25%.
    icor_fall_max = 0.25, share, "a share in (0, 1] such as 0.25";
    /// Highest investment / GRDP in any year before a warning: 50%.
    investment_ratio_max = 0.50, share, "a share in (0, 1] such as 0.50";
    /// Largest rise of investment / GRDP above the 2021–2025 record in any year before a
    /// warning: 5 points.
    investment_ratio_rise_max = 0.05, share, "a share in (0, 1] such as 0.05";
    /// Largest employment change in one year (either way) before a warning: 2.5%.
    employment_growth_max = 0.025, share, "a share in (0, 1] such as 0.025";
    /// Lowest deflator growth in a year before a warning: −2%.
    deflator_growth_min = -0.02, rate, "a growth rate (fraction) such as -0.02";
    /// Highest deflator growth in a year before a warning: 10%.
    deflator_growth_max = 0.10, rate, "a growth rate (fraction) such as 0.10";
    /// Largest change of deflator growth from one year to the next before a warning: 3 points.
    deflator_change_max = 0.03, share, "a share in (0, 1] such as 0.03";
}

/// `[plausibility]`: every field optional (the defaults are in `Plausibility::default`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlausibility {
    /// See `Plausibility::record_growth`.
    pub record_growth: F<f64>,
    /// See `Plausibility::record_tfp_growth`.
    pub record_tfp_growth: F<f64>,
    /// See `Plausibility::record_tfp_share`.
    pub record_tfp_share: F<f64>,
    /// See `Plausibility::record_icor`.
    pub record_icor: F<f64>,
    /// See `Plausibility::record_investment_ratio`.
    pub record_investment_ratio: F<f64>,
    /// See `Plausibility::record_employment_growth`.
    pub record_employment_growth: F<f64>,
    /// See `Plausibility::record_deflator_growth`.
    pub record_deflator_growth: F<f64>,
    /// See `Plausibility::tfp_growth_max`.
    pub tfp_growth_max: F<f64>,
    /// See `Plausibility::tfp_share_max`.
    pub tfp_share_max: F<f64>,
    /// See `Plausibility::icor_min`.
    pub icor_min: F<f64>,
    /// See `Plausibility::icor_max`.
    pub icor_max: F<f64>,
    /// See `Plausibility::icor_fall_max`.
    pub icor_fall_max: F<f64>,
    /// See `Plausibility::investment_ratio_max`.
    pub investment_ratio_max: F<f64>,
    /// See `Plausibility::investment_ratio_rise_max`.
    pub investment_ratio_rise_max: F<f64>,
    /// See `Plausibility::employment_growth_max`.
    pub employment_growth_max: F<f64>,
    /// See `Plausibility::deflator_growth_min`.
    pub deflator_growth_min: F<f64>,
    /// See `Plausibility::deflator_growth_max`.
    pub deflator_growth_max: F<f64>,
    /// See `Plausibility::deflator_change_max`.
    pub deflator_change_max: F<f64>,
}

impl RawPlausibility {
    /// The field named `name` (`None` for a name it does not have).
    pub fn get(&self, name: &str) -> &F<f64> {
        match name {
            "record_growth" => &self.record_growth,
            "record_tfp_growth" => &self.record_tfp_growth,
            "record_tfp_share" => &self.record_tfp_share,
            "record_icor" => &self.record_icor,
            "record_investment_ratio" => &self.record_investment_ratio,
            "record_employment_growth" => &self.record_employment_growth,
            "record_deflator_growth" => &self.record_deflator_growth,
            "tfp_growth_max" => &self.tfp_growth_max,
            "tfp_share_max" => &self.tfp_share_max,
            "icor_min" => &self.icor_min,
            "icor_max" => &self.icor_max,
            "icor_fall_max" => &self.icor_fall_max,
            "investment_ratio_max" => &self.investment_ratio_max,
            "investment_ratio_rise_max" => &self.investment_ratio_rise_max,
            "employment_growth_max" => &self.employment_growth_max,
            "deflator_growth_min" => &self.deflator_growth_min,
            "deflator_growth_max" => &self.deflator_growth_max,
            "deflator_change_max" => &self.deflator_change_max,
            _ => &None,
        }
    }
}
