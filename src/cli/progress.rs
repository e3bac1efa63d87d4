//! A progress bar on stderr for long runs, and nothing otherwise.
//!
//! It appears only when stderr is a terminal and the run has already taken
//! `DELAY`, so a quick check, a pipe, a redirect and a CI log never see it.
//! Whatever else is written to the terminal while it shows goes through
//! `suspend`, which takes the bar down for the write and draws it again.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before it earns a bar.
const DELAY: Duration = Duration::from_millis(800);

pub struct Progress {
    total: usize,
    start: Instant,
    /// Whether a bar may be shown at all: stderr is a terminal, and there is
    /// more than one draft.
    wanted: bool,
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        Progress {
            total,
            start: Instant::now(),
            wanted: total > 1 && std::io::stderr().is_terminal(),
            bar: None,
        }
    }

    /// `done` drafts of the total are reported.
    pub fn tick(&mut self, done: usize) {
        if self.bar.is_none() && self.wanted && self.start.elapsed() >= DELAY {
            let bar = ProgressBar::with_draw_target(
                Some(self.total as u64),
                ProgressDrawTarget::stderr(),
            );
            let style = ProgressStyle::with_template(
                "{spinner} checking {pos}/{len} drafts [{bar:30}] {elapsed}, about {eta} left",
            )
            .map(|s| s.progress_chars("=> "));
            if let Ok(style) = style {
                bar.set_style(style);
            }
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(done as u64);
        }
    }

    /// Whether the bar is on the screen.
    pub fn showing(&self) -> bool {
        self.bar.is_some()
    }

    /// Run `write` with the bar off the screen.
    pub fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    /// Take the bar off the screen for good, before the summary.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
