//! The `grdpsim` command: parses arguments and calls the library.

use clap::Parser;

fn main() {
    let cli = grdpsim::cli::Cli::parse();
    std::process::exit(grdpsim::cli::run(cli));
}
