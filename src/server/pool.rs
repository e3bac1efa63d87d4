//! The threads that run checks: a few long-lived ones, not tokio's blocking
//! pool.
//!
//! Every thread that runs the engine ends up holding its own regex caches
//! (lazy DFA states for every word list, megabytes in all), and they are
//! never given back. So checks run on a fixed, small set of threads (two on
//! a two-core machine: enough that one long draft never holds up the
//! others). [`CheckPool::warm_up`] compiles the word lists ahead of the
//! first check.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use tracing::error;

type Job = Box<dyn FnOnce() + Send>;

#[derive(Debug, Clone)]
pub struct CheckPool {
    jobs: Sender<Job>,
}

impl CheckPool {
    /// Start `threads` threads (at least one).
    pub fn start(threads: usize) -> CheckPool {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..threads.max(1) {
            let queue = Arc::clone(&queue);
            let spawned = std::thread::Builder::new()
                .name(format!("check-{i}"))
                .spawn(move || work(&queue));
            if let Err(e) = spawned {
                error!("cannot start a check thread: {e}");
            }
        }
        CheckPool { jobs }
    }

    /// Compile the engine's word lists now, on a check thread, without
    /// waiting: called once `initialize` is answered, so that compilation
    /// neither slows the answer nor waits for the first check. A check that
    /// needs a list meanwhile waits for it rather than compiling it twice.
    pub fn warm_up(&self) {
        let _ = self.jobs.send(Box::new(copydesk::warm_up));
    }

    /// The number of check threads for this machine: two, or one per core
    /// up to four.
    pub fn default_threads() -> usize {
        std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4))
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
        self.jobs.send(job).ok()?;
        result.await.ok()
    }
}

fn work(queue: &Mutex<Receiver<Job>>) {
    loop {
        let job = {
            let queue = queue
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            queue.recv()
        };
        let Ok(job) = job else { return };
        // A panicking job drops its result sender; its caller sees `None`.
        if catch_unwind(AssertUnwindSafe(job)).is_err() {
            error!("a check job panicked");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
