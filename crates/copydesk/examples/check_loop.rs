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
//! before the loop; `--cold` leaves it out, to profile start-up. A folder
//! instead of a file checks each of its `.md` files in name order, N times
//! over (the 645 articles: `check_loop /tmp/articles 2`).

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "benches/data/draft-10k.md".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let cold = args.next().is_some_and(|a| a == "--cold");
    let read = |path: &std::path::Path| {
        std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("check_loop: {}: {e}", path.display());
            std::process::exit(2)
        })
    };
    let drafts: Vec<(String, copydesk::Format)> = match std::fs::read_dir(&path) {
        Ok(dir) => {
            let mut paths: Vec<_> = dir
                .filter_map(|e| Some(e.ok()?.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect();
            paths.sort();
            paths
                .iter()
                .map(|p| (read(p), copydesk::Format::Markdown))
                .collect()
        }
        Err(_) => vec![(
            read(std::path::Path::new(&path)),
            copydesk::Format::from_path(&path),
        )],
    };
    let config = copydesk::Config::default();
    if !cold {
        for (text, format) in &drafts {
            copydesk::check(text, *format, &config);
        }
    }
    let findings = steady(&drafts, &config, n);
    eprintln!("{n} × {} checks, {findings} findings", drafts.len());
}

/// The loop, apart, so that `valgrind --tool=callgrind
/// --toggle-collect=check_loop::steady` counts it alone.
#[inline(never)]
fn steady(drafts: &[(String, copydesk::Format)], config: &copydesk::Config, n: usize) -> usize {
    (0..n)
        .flat_map(|_| drafts)
        .map(|(text, format)| copydesk::check(text, *format, config).len())
        .sum()
}
