//! The threads that run checks: a few long-lived ones, not tokio's blocking
//! pool.
//!
//! Every thread that runs the engine ends up holding its own regex caches
//! (lazy DFA states for every word list, megabytes in all), and they are
//! never given back. So checks run on one *primary* thread, and the others
//! (one on a two-core machine) are *standbys*: a standby takes a job only
//! once the primary has been busy with a single job for [`GRACE`], so that
//! one long draft never holds up the others, while ordinary work — typing,
//! opening a hundred drafts — never warms a second set of caches. (With
//! jobs shared out evenly, the second thread's caches cost 7.5 MB of the
//! 49 MB the server held with 100 drafts open.) The word lists are
//! compiled ahead of the first check on a short-lived thread of their own,
//! which searches nothing and so keeps no caches
//! ([`copydesk::compile_matchers`]).

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tracing::error;

type Job = Box<dyn FnOnce() + Send>;

/// How long the primary may be busy with one job before a standby takes
/// the next: many full checks of a 10,000-word draft, with room for a
/// loaded machine (at 50 ms, the standby joined in when 100 drafts were
/// opened at once on a busy two-core machine), yet short for a person
/// waiting for a second draft's diagnostics behind a huge one.
pub const GRACE: Duration = Duration::from_millis(200);

#[derive(Debug, Clone)]
pub struct CheckPool {
    handle: Arc<Handle>,
}

/// Dropped with the last `CheckPool`: the threads finish what is queued
/// and stop.
#[derive(Debug)]
struct Handle(Arc<Shared>);

impl Drop for Handle {
    fn drop(&mut self) {
        self.0.lock().closed = true;
        self.0.primary.notify_all();
        self.0.standby.notify_all();
    }
}

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    /// Rung when a job is queued: the primary takes it.
    primary: Condvar,
    /// Rung when jobs wait while the primary is busy.
    standby: Condvar,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Job>,
    /// When the primary started the job it is running.
    primary_busy_since: Option<Instant>,
    /// Threads started; with none, a job is dropped (its caller sees `None`).
    threads: usize,
    closed: bool,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("queued", &self.queue.len())
            .field("primary_busy_since", &self.primary_busy_since)
            .field("closed", &self.closed)
            .finish()
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl CheckPool {
    /// Start `threads` threads (at least one): a primary and standbys. The
    /// first thread that starts is the primary.
    pub fn start(threads: usize) -> CheckPool {
        let shared = Arc::new(Shared::default());
        for i in 0..threads.max(1) {
            let worker = Arc::clone(&shared);
            let is_primary = shared.lock().threads == 0;
            let spawned = std::thread::Builder::new()
                .name(format!("check-{i}"))
                .spawn(move || {
                    if is_primary {
                        primary(&worker)
                    } else {
                        standby(&worker)
                    }
                });
            match spawned {
                Ok(_) => shared.lock().threads += 1,
                Err(e) => error!("cannot start a check thread: {e}"),
            }
        }
        CheckPool {
            handle: Arc::new(Handle(shared)),
        }
    }

    /// The number of check threads for this machine: two, or one per core
    /// up to four.
    pub fn default_threads() -> usize {
        std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4))
    }

    fn submit(&self, job: Job) {
        let shared = &self.handle.0;
        let mut state = shared.lock();
        if state.threads == 0 {
            return;
        }
        state.queue.push_back(job);
        let primary_busy = state.primary_busy_since.is_some();
        drop(state);
        shared.primary.notify_one();
        if primary_busy {
            // A standby times the primary's job from here.
            shared.standby.notify_all();
        }
    }

    /// Run `job` on a check thread, with nothing waiting for it. Dropped
    /// unrun when no thread runs: whatever it owns is dropped then, or
    /// when it panics.
    pub fn spawn(&self, job: impl FnOnce() + Send + 'static) {
        self.submit(Box::new(job));
    }

    /// Run `job` on a check thread. `None` if it panicked or no thread runs.
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(job());
        });
        self.submit(job);
        result.await.ok()
    }
}

fn primary(shared: &Shared) {
    let mut state = shared.lock();
    loop {
        let Some(job) = state.queue.pop_front() else {
            if state.closed {
                return;
            }
            state = shared
                .primary
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            continue;
        };
        state.primary_busy_since = Some(Instant::now());
        let waiting = !state.queue.is_empty();
        drop(state);
        if waiting {
            shared.standby.notify_all();
        }
        run(job);
        state = shared.lock();
        state.primary_busy_since = None;
    }
}

fn standby(shared: &Shared) {
    let mut state = shared.lock();
    loop {
        if state.queue.is_empty() && state.closed {
            return;
        }
        // Wait for jobs queued behind a primary that is busy, then until
        // it has been busy for GRACE with the same job.
        let wait = match (state.queue.is_empty(), state.primary_busy_since) {
            (false, Some(since)) => match GRACE.checked_sub(since.elapsed()) {
                Some(left) if !left.is_zero() => Some(left),
                _ => {
                    if let Some(job) = state.queue.pop_front() {
                        drop(state);
                        run(job);
                        state = shared.lock();
                    }
                    continue;
                }
            },
            _ => None,
        };
        state = match wait {
            Some(left) => {
                shared
                    .standby
                    .wait_timeout(state, left)
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .0
            }
            None => shared
                .standby
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        };
    }
}

fn run(job: Job) {
    // A panicking job drops its result sender; its caller sees `None`.
    if catch_unwind(AssertUnwindSafe(job)).is_err() {
        error!("a check job panicked");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    fn thread_name() -> String {
        std::thread::current().name().unwrap_or("").to_string()
    }

    #[test]
    fn jobs_run_and_a_panicking_one_costs_only_its_result() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let pool = CheckPool::start(1);
        runtime.block_on(async {
            assert_eq!(pool.run(|| 6 * 7).await, Some(42));
            assert_eq!(pool.run(|| -> u8 { panic!("job blew up") }).await, None);
            // The one thread survived the panic.
            assert_eq!(pool.run(|| "still here").await, Some("still here"));
        });
    }

    #[test]
    fn short_jobs_stay_on_the_primary_thread() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let pool = CheckPool::start(2);
        runtime.block_on(async {
            for _ in 0..50 {
                assert_eq!(pool.run(thread_name).await.as_deref(), Some("check-0"));
            }
            // Queued together, still all on the primary: each is short.
            let jobs: Vec<_> = (0..20).map(|_| pool.run(thread_name)).collect();
            for job in jobs {
                assert_eq!(job.await.as_deref(), Some("check-0"));
            }
        });
    }

    #[test]
    fn a_long_job_on_the_primary_hands_the_next_to_a_standby() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let pool = CheckPool::start(2);
        let release = Arc::new(AtomicBool::new(false));
        let (started, on_primary) = std::sync::mpsc::channel();
        let hold = Arc::clone(&release);
        pool.submit(Box::new(move || {
            let _ = started.send(thread_name());
            while !hold.load(Ordering::Acquire) {
                std::thread::sleep(Duration::from_millis(1));
            }
        }));
        assert_eq!(on_primary.recv().as_deref(), Ok("check-0"));
        // Runs although the primary is not free until it has.
        let short = runtime.block_on(pool.run(thread_name));
        release.store(true, Ordering::Release);
        assert_eq!(short.as_deref(), Some("check-1"));
    }
}
