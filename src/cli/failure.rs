//! A command's failure (message and exit code) and how it is told to the user: in the
//! command's language, with the exit codes of the README.

use super::{EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_NUMERICAL};
use crate::model::ModelError;
use crate::montecarlo;
use crate::report::{self, Lang};
use crate::scenario::ScenarioError;

/// A command's failure: what to tell the user and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// Exit code.
    pub code: i32,
    /// Message for stderr.
    pub message: String,
}

impl From<ScenarioError> for Failure {
    fn from(e: ScenarioError) -> Self {
        Failure {
            code: EXIT_BAD_INPUT,
            message: format!("error: {e}"),
        }
    }
}

impl From<montecarlo::RunError> for Failure {
    fn from(e: montecarlo::RunError) -> Self {
        let code = match &e {
            montecarlo::RunError::Model(_)
            | montecarlo::RunError::AllInvalid(_)
            | montecarlo::RunError::TooManyInvalid { .. } => EXIT_NUMERICAL,
            montecarlo::RunError::Interrupted { .. } => EXIT_INTERRUPTED,
            montecarlo::RunError::Merge(_) => EXIT_BAD_INPUT,
        };
        Failure {
            code,
            message: format!("error: {e}"),
        }
    }
}

impl From<ModelError> for Failure {
    fn from(e: ModelError) -> Self {
        Failure {
            code: EXIT_NUMERICAL,
            message: format!("error: the inputs make the model impossible in {e}"),
        }
    }
}

/// An error message's frame in the user's language: the `error:` label, a diagnostic's
/// `field` and `help:` (the diagnostic's own text stays as the validator wrote it).
pub(super) fn localise(message: &str, lang: Lang) -> String {
    let label = report::msg(lang, "error_label");
    let body = message.strip_prefix("error: ").unwrap_or(message);
    let body = body
        .replace(
            ": field `",
            &format!(": {} `", report::msg(lang, "field_label")),
        )
        .replace(
            "\nhelp: ",
            &format!("\n{}: ", report::msg(lang, "help_label")),
        );
    format!("{label}: {body}")
}
