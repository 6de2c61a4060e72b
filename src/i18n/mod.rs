//! Languages and the message catalogue, beneath every other module: the report's labels, the
//! command line's progress and errors, the live page's words and the human names of levers all
//! come from one table per language (`assets/i18n/vi.toml`, `assets/i18n/en.toml`).

pub mod catalogue;
mod lang;

pub use catalogue::{msg, msgf};
pub use lang::Lang;
