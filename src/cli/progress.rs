//! Progress on stderr while a command simulates (indicatif): paths done, elapsed time and the
//! time left, in the report's language, redrawn ten times a second. Nothing is drawn when
//! stderr is not a terminal or under `--quiet`.

use crate::montecarlo::progress;
use crate::report::Lang;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// A running progress display; stops and clears itself when dropped.
pub struct Progress {
    bar: Option<ProgressBar>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// The bar's template in `lang`: with a known total, a bar and the time left; without one, a
/// spinner with the count.
fn template(lang: Lang, known: bool) -> String {
    match (lang, known) {
        (Lang::Vi, true) => {
            "{msg} {bar:30.cyan/blue} {pos}/{len} đường · đã chạy {elapsed} · còn {eta}".into()
        }
        (Lang::En, true) => {
            "{msg} {bar:30.cyan/blue} {pos}/{len} paths · {elapsed} elapsed · {eta} left".into()
        }
        (Lang::Vi, false) => "{spinner} {msg}: {pos} đường · đã chạy {elapsed}".into(),
        (Lang::En, false) => "{spinner} {msg}: {pos} paths · {elapsed} elapsed".into(),
    }
}

/// Runs `work` while showing progress of `total` paths (None: unknown) under the catalogue
/// message `key`; returns its result and the seconds it took.
pub fn timed<T>(
    lang: Lang,
    key: &str,
    total: Option<u64>,
    quiet: bool,
    work: impl FnOnce() -> T,
) -> (T, f64) {
    let start = std::time::Instant::now();
    let shown = Progress::start(lang, crate::report::msg(lang, key), total, quiet);
    let result = work();
    drop(shown);
    (result, start.elapsed().as_secs_f64())
}

impl Progress {
    /// Starts showing progress of `total` simulated paths (None: unknown) under `message`.
    pub fn start(lang: Lang, message: &str, total: Option<u64>, quiet: bool) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        if quiet || !std::io::stderr().is_terminal() {
            return Progress {
                bar: None,
                stop,
                thread: None,
            };
        }
        let bar = match total {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
            None => ProgressBar::new_spinner(),
        };
        if let Ok(style) = ProgressStyle::with_template(&template(lang, total.is_some())) {
            bar.set_style(style.progress_chars("█▉▊▋▌▍▎▏ "));
        }
        bar.set_message(message.to_string());
        bar.enable_steady_tick(Duration::from_millis(100));
        let base = progress::done();
        let (b, s) = (bar.clone(), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                let done = progress::done().saturating_sub(base);
                match b.length() {
                    Some(n) => b.set_position(done.min(n)),
                    None => b.set_position(done),
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        Progress {
            bar: Some(bar),
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
