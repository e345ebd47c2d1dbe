//! Progress bar and end-of-run summary, both on standard error.
//!
//! The bar (files, MB, rate, ETA) is drawn only when standard error is a terminal and `--quiet`
//! is off, so logs and pipes never see it; the summary line is printed unless `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// What a batch run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Inputs extracted.
    pub articles: u64,
    /// Inputs that failed (each has an error record).
    pub failed: u64,
    /// Input bytes seen.
    pub bytes: u64,
    /// Claims found.
    pub claims: u64,
    /// Mentions found.
    pub mentions: u64,
}

/// Counts outcomes and keeps the bar, if any, up to date.
pub struct Progress {
    bar: Option<ProgressBar>,
    tally: Tally,
    files: Option<u64>,
    started: Instant,
}

impl Progress {
    /// A progress display for `files` inputs of `bytes` bytes in all (None for a stream).
    pub fn new(files: Option<u64>, bytes: Option<u64>, quiet: bool) -> Progress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| bar(bytes));
        Progress {
            bar,
            tally: Tally::default(),
            files,
            started: Instant::now(),
        }
    }

    /// Counts one input of `bytes` bytes: an extraction with these counts, or a failure.
    pub fn record(&mut self, bytes: u64, counts: Option<(usize, usize)>) {
        let t = &mut self.tally;
        t.bytes += bytes;
        match counts {
            Some((claims, mentions)) => {
                t.articles += 1;
                t.claims += claims as u64;
                t.mentions += mentions as u64;
            }
            None => t.failed += 1,
        }
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            let done = t.articles + t.failed;
            bar.set_message(match self.files {
                Some(n) => format!("{done}/{n} files"),
                None => format!("{done} records"),
            });
        }
    }

    /// Prints `message` (an input's error) without tearing the bar.
    pub fn report(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }

    /// Clears the bar and returns the tally and the elapsed time.
    pub fn finish(self) -> (Tally, Duration) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
        (self.tally, self.started.elapsed())
    }
}

fn bar(bytes: Option<u64>) -> ProgressBar {
    let (bar, template) = match bytes {
        Some(total) => (
            ProgressBar::new(total),
            "{wide_bar} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta} {msg}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {decimal_bytes} {decimal_bytes_per_sec} {elapsed} {msg}",
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    bar.set_style(ProgressStyle::with_template(template).expect("valid progress template"));
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// The one-line summary: `N articles, F failed, X MB, C claims, M mentions in T s (R MB/s)`.
pub fn summary(t: &Tally, elapsed: Duration) -> String {
    let mb = t.bytes as f64 / 1e6;
    let secs = elapsed.as_secs_f64();
    format!(
        "{} articles, {} failed, {mb:.1} MB, {} claims, {} mentions in {secs:.1} s ({:.1} MB/s)",
        t.articles,
        t.failed,
        t.claims,
        t.mentions,
        mb / secs.max(1e-9)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_and_rate() {
        let mut p = Progress::new(Some(3), Some(3_000_000), true);
        p.record(1_000_000, Some((2, 5)));
        p.record(2_000_000, Some((1, 1)));
        p.record(0, None);
        let (t, _) = p.finish();
        assert_eq!(
            summary(&t, Duration::from_secs(2)),
            "2 articles, 1 failed, 3.0 MB, 3 claims, 6 mentions in 2.0 s (1.5 MB/s)"
        );
    }
}
