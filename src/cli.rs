//! `copydesk check`: the command-line edge. (stub, being written)
use clap::Args;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files to check; `-` reads stdin.
    pub paths: Vec<String>,
}

pub fn run(_args: CheckArgs) -> i32 {
    0
}
