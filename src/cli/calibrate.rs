//! `grdpsim calibrate`: the base-year K/Y (or α) that reproduces a period's TFP share.

use super::args::{CalibrateArgs, SolveFor};
use super::{EXIT_BAD_INPUT, EXIT_NUMERICAL, Failure, Verbosity, out_dir};
use crate::analysis::calibrate::{self, CalibrationError, Unknown};
use crate::report;
use crate::scenario;

/// Runs `calibrate`.
pub(super) fn calibrate(a: CalibrateArgs, v: Verbosity) -> Result<(), Failure> {
    let lang = a.o.lang;
    let sc = scenario::load(&a.scenario)?;
    let target = match a.tfp_share.or(sc.targets.tfp_share_period) {
        Some(s) if s.is_finite() && s > -1.0 && s < 2.0 => s,
        Some(s) => {
            return Err(Failure {
                code: EXIT_BAD_INPUT,
                message: format!("error: --tfp-share: expected a fraction such as 0.53, found {s}"),
            });
        }
        None => {
            return Err(Failure {
                code: EXIT_BAD_INPUT,
                message: report::msg(lang, "calibrate_needs_a_share").into(),
            });
        }
    };
    let unknown = match a.solve {
        SolveFor::CapitalOutputRatio => Unknown::CapitalOutputRatio,
        SolveFor::CapitalShare => Unknown::CapitalShare,
    };
    let start = std::time::Instant::now();
    let c = calibrate::calibrate(&sc, unknown, target).map_err(|e| Failure {
        code: match e {
            CalibrationError::OutOfReach { .. } => EXIT_BAD_INPUT,
            CalibrationError::Model(_) => EXIT_NUMERICAL,
        },
        message: format!("error: {e}"),
    })?;
    let simulate = start.elapsed().as_secs_f64();
    let dir = out_dir(a.o.out, &format!("{}/calibrate", sc.meta.name));
    let doc = report::docs::calibration(&sc, &c, lang);
    let formats = a.o.formats;
    super::deliver(
        super::Delivery::new(&dir, &sc, "calibrate", lang, simulate),
        || {
            let json = report::to_json(&c).map_err(|e| e.to_string())?;
            report::document_outputs(&doc, Some(json), "calibration", formats, lang)
        },
        || report::render::text(&doc, lang),
        v,
    )
}
