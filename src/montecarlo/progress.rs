//! Work done so far, for progress displays: a process-wide count of simulated paths that the
//! chunk loops add to. It never affects a result (counting is the only thing it does).

use std::sync::atomic::{AtomicU64, Ordering};

static DONE: AtomicU64 = AtomicU64::new(0);

/// Adds `n` simulated paths.
pub fn add(n: u64) {
    DONE.fetch_add(n, Ordering::Relaxed);
}

/// Paths simulated since the process started.
pub fn done() -> u64 {
    DONE.load(Ordering::Relaxed)
}
