//! Check one draft N times in a loop, for profilers that want a plain
//! process rather than criterion's harness:
//!
//! ```text
//! cargo build --release --example check_loop
//! valgrind --tool=callgrind --toggle-collect='check_loop::steady' \
//!     target/release/examples/check_loop benches/data/draft-10k.md 20
//! perf record -e cpu-clock --call-graph dwarf target/release/examples/check_loop benches/data/draft-10k.md 200
//! ```
//!
//! The first check (which compiles the lazily built matchers) is made
//! before the loop; `--cold` leaves it out, to profile start-up.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "benches/data/draft-10k.md".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let cold = args.next().is_some_and(|a| a == "--cold");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("check_loop: {path}: {e}");
        std::process::exit(2)
    });
    let format = copydesk::Format::from_path(&path);
    let config = copydesk::Config::default();
    if !cold {
        copydesk::check(&text, format, &config);
    }
    let findings = steady(&text, format, &config, n);
    eprintln!("{n} checks, {findings} findings");
}

/// The loop, apart, so that `valgrind --tool=callgrind
/// --toggle-collect=check_loop::steady` counts it alone.
#[inline(never)]
fn steady(text: &str, format: copydesk::Format, config: &copydesk::Config, n: usize) -> usize {
    (0..n)
        .map(|_| copydesk::check(text, format, config).len())
        .sum()
}
