//! The `mtlint` command: argument parsing, printing, exit status.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
