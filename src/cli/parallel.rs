//! Checking many drafts on every core, reporting them in order.
//!
//! Workers take drafts by index from a shared counter and send back what
//! each produced; the calling thread puts the results back in input order
//! and hands them on one at a time, so output is byte-for-byte that of a
//! run on one thread. Workers stay at most `WINDOW` drafts ahead of the
//! draft being reported, so one slow draft cannot make the others pile up
//! in memory. The engine's matchers are process-wide (`LazyLock`), compiled
//! once and shared by every worker.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

/// How far ahead of the draft being reported a worker may go.
const WINDOW: usize = 256;

/// How often the calling thread wakes while it waits, for the progress bar.
const TICK: Duration = Duration::from_millis(100);

/// How many workers to use when `--jobs` does not say: one per core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Run `work` on each of `items` on `jobs` threads, and `report` on each
/// result in the order of `items`, on the calling thread. `tick` runs on the
/// calling thread every so often while it waits, with the number reported so
/// far. `report` may stop the run by returning an error.
pub fn for_each_in_order<T, R, E>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut report: impl FnMut(R) -> Result<(), E>,
    mut tick: impl FnMut(usize),
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        for (done, item) in items.iter().enumerate() {
            tick(done);
            report(work(item))?;
        }
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    // How many results the calling thread has reported; workers wait on it.
    let reported = Mutex::new(0usize);
    let moved = Condvar::new();
    // Set when `report` fails, so that workers stop taking drafts.
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::channel::<(usize, R)>();
        for _ in 0..jobs {
            let send = send.clone();
            let (next, reported, moved, stop, work) = (&next, &reported, &moved, &stop, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() || stop.load(Ordering::Relaxed) {
                    break;
                }
                let mut done = reported.lock().unwrap_or_else(PoisonError::into_inner);
                while i >= *done + WINDOW && !stop.load(Ordering::Relaxed) {
                    done = moved.wait(done).unwrap_or_else(PoisonError::into_inner);
                }
                drop(done);
                if send.send((i, work(&items[i]))).is_err() {
                    break;
                }
            });
        }
        drop(send);
        let mut waiting = BTreeMap::new();
        let mut done = 0;
        let result = loop {
            if done == items.len() {
                break Ok(());
            }
            match receive.recv_timeout(TICK) {
                Ok((i, result)) => {
                    waiting.insert(i, result);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    tick(done);
                    continue;
                }
                // Every worker has gone before the last result: one
                // panicked, and the scope passes its panic on below.
                Err(mpsc::RecvTimeoutError::Disconnected) => break Ok(()),
            }
            let before = done;
            let mut failed = None;
            while let Some(result) = waiting.remove(&done) {
                done += 1;
                if let Err(e) = report(result) {
                    failed = Some(e);
                    break;
                }
            }
            if let Some(e) = failed {
                break Err(e);
            }
            if done != before {
                *reported.lock().unwrap_or_else(PoisonError::into_inner) = done;
                moved.notify_all();
                tick(done);
            }
        };
        if result.is_err() {
            // Under the lock, so that no worker is between its check of
            // `stop` and its wait when the news goes out.
            let _done = reported.lock().unwrap_or_else(PoisonError::into_inner);
            stop.store(true, Ordering::Relaxed);
            moved.notify_all();
        }
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_whatever_order_they_finish_in() {
        let items: Vec<u64> = (0..1000).collect();
        let mut seen = Vec::new();
        let ticks = std::cell::Cell::new(0);
        for_each_in_order(
            &items,
            4,
            |&i| {
                // Early items take longest, so later ones finish first.
                if i < 8 {
                    std::thread::sleep(Duration::from_millis(20 - 2 * i));
                }
                i * 2
            },
            |r| {
                seen.push(r);
                Ok::<(), ()>(())
            },
            |_| ticks.set(ticks.get() + 1),
        )
        .unwrap();
        assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_failed_report_stops_the_run() {
        let items: Vec<u32> = (0..10_000).collect();
        let mut seen = 0;
        let result = for_each_in_order(
            &items,
            3,
            |&i| i,
            |r| {
                seen += 1;
                if r == 10 {
                    Err("reader went away")
                } else {
                    Ok(())
                }
            },
            |_| {},
        );
        assert_eq!(result, Err("reader went away"));
        assert_eq!(seen, 11);
    }
}
