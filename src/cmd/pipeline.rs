//! An ordered parallel map: inputs are processed on N threads, outputs come out in input order.
//!
//! A feeder thread pulls inputs and hands each to the workers together with a one-shot channel
//! for its result; the receiving end of that channel goes, in input order, into a bounded queue
//! that the caller's thread drains. So the output order is the input order whatever the thread
//! count, and no more than `threads` inputs wait for a worker and `4 * threads` results wait to
//! be written: memory is bounded by a few articles per thread, never by the corpus size.
//!
//! If the sink fails (say, a closed pipe), the queues close, the feeder stops pulling inputs and
//! the workers finish the input in hand and exit.

use anyhow::Result;
use crossbeam_channel::{bounded, Receiver, Sender};
use std::thread;

/// Maps `work` over `inputs` on `threads` threads and feeds the outputs, in input order, to
/// `sink`, which runs on the calling thread. With one thread, no thread is started.
pub fn ordered_map<I, O>(
    inputs: impl Iterator<Item = I> + Send,
    threads: usize,
    work: impl Fn(I) -> O + Sync,
    mut sink: impl FnMut(O) -> Result<()>,
) -> Result<()>
where
    I: Send,
    O: Send,
{
    if threads <= 1 {
        return inputs.map(work).try_for_each(sink);
    }
    let (job_tx, job_rx) = bounded::<(I, Sender<O>)>(threads);
    let (order_tx, order_rx) = bounded::<Receiver<O>>(4 * threads);
    let work = &work;
    thread::scope(|scope| {
        for _ in 0..threads {
            let job_rx = job_rx.clone();
            scope.spawn(move || {
                for (input, done) in job_rx {
                    // The writer may have stopped; then the result has nowhere to go.
                    let _ = done.send(work(input));
                }
            });
        }
        drop(job_rx);
        scope.spawn(move || {
            for input in inputs {
                let (done, result) = bounded(1);
                if order_tx.send(result).is_err() || job_tx.send((input, done)).is_err() {
                    break;
                }
            }
        });
        for result in order_rx {
            // A worker that panicked dropped its sender; the scope re-raises the panic.
            let Ok(output) = result.recv() else { break };
            sink(output)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_order_is_input_order_for_any_thread_count() {
        for threads in [1, 2, 3, 8] {
            let mut got = Vec::new();
            ordered_map(
                0..500u64,
                threads,
                |i| {
                    // Uneven work, so later inputs often finish first.
                    std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                    i * 2
                },
                |o| {
                    got.push(o);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(got, (0..500).map(|i| i * 2).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    #[test]
    fn results_in_flight_are_bounded_by_the_thread_count() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let (alive, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let threads = 3;
        ordered_map(
            0..2000u64,
            threads,
            |i| {
                let now = alive.fetch_add(1, SeqCst) + 1;
                most.fetch_max(now, SeqCst);
                i
            },
            |i| {
                if i % 100 == 0 {
                    // A slow writer: the workers must wait, not pile up results.
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                alive.fetch_sub(1, SeqCst);
                Ok(())
            },
        )
        .unwrap();
        let most = most.into_inner();
        assert!(most <= 5 * threads + 2, "{most} results alive at once");
    }

    #[test]
    fn a_failing_sink_stops_the_run() {
        let pulled = std::sync::atomic::AtomicUsize::new(0);
        let inputs = (0..100_000).inspect(|_| {
            pulled.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        let mut seen = 0;
        let r = ordered_map(
            inputs,
            2,
            |i| i,
            |_| {
                seen += 1;
                anyhow::ensure!(seen < 10, "closed");
                Ok(())
            },
        );
        assert!(r.is_err());
        assert!(pulled.into_inner() < 100, "the feeder stopped early");
    }
}
