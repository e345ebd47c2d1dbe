//! An ordered parallel map: inputs are processed on N threads, outputs come out in input order.
//!
//! Inputs travel in chunks (see [`chunks`]: up to [`CHUNK_ITEMS`] inputs or about
//! [`CHUNK_BYTES`]), so a worker wakes once per chunk, not once per small article, and gets the
//! whole chunk at once (the batch runs the pipeline's stages over all of it in turn). A feeder
//! thread pulls chunks and hands each to the workers together with a one-shot channel for its
//! results; the receiving end of that channel goes, in input order, into a bounded queue that
//! the caller's thread drains. So the output order is the input order whatever the thread count
//! or chunking, and no more than `threads` chunks wait for a worker and `4 * threads` chunks of
//! results wait to be written: memory is bounded by a few chunks per thread, never by the
//! corpus size.
//!
//! If the sink fails (say, a closed pipe), the queues close, the feeder stops pulling inputs and
//! the workers finish the chunk in hand and exit.

use anyhow::Result;
use crossbeam_channel::{bounded, Receiver, Sender};
use std::thread;

/// Most inputs in one chunk.
pub const CHUNK_ITEMS: usize = 16;
/// A chunk is closed once its inputs weigh this many bytes or more.
pub const CHUNK_BYTES: u64 = 1 << 20;

/// Groups `inputs` into chunks of up to [`CHUNK_ITEMS`] inputs, closing a chunk once the
/// `weight`s (bytes) of its inputs reach [`CHUNK_BYTES`], or when `ready` says the next input is
/// not already at hand (a stream waiting for more input): a chunk never waits for input.
pub fn chunks<I>(
    inputs: impl Iterator<Item = I>,
    weight: impl Fn(&I) -> u64,
    mut ready: impl FnMut() -> bool,
) -> impl Iterator<Item = Vec<I>> {
    let mut inputs = inputs.peekable();
    std::iter::from_fn(move || {
        let mut chunk = vec![inputs.next()?];
        let mut bytes = weight(&chunk[0]);
        while chunk.len() < CHUNK_ITEMS && bytes < CHUNK_BYTES && ready() {
            let Some(input) = inputs.next() else { break };
            bytes += weight(&input);
            chunk.push(input);
        }
        Some(chunk)
    })
}

/// Maps `work` over the chunks of `inputs` on `threads` threads and feeds the outputs, in input
/// order, to `sink`, which runs on the calling thread. `work` takes a whole chunk (so it can run
/// its stages over all of the chunk's inputs in turn) and hands `emit` one output per input, in
/// the chunk's order. With one thread, no thread is started and each output goes to `sink` as
/// soon as it is emitted (so a buffer the sink frees can serve the next output while in cache);
/// after a failure of `sink`, the chunk's later outputs are dropped and the run stops.
pub fn ordered_map<I, O>(
    inputs: impl Iterator<Item = Vec<I>> + Send,
    threads: usize,
    work: impl Fn(Vec<I>, &mut dyn FnMut(O)) + Sync,
    mut sink: impl FnMut(O) -> Result<()>,
) -> Result<()>
where
    I: Send,
    O: Send,
{
    if threads <= 1 {
        for chunk in inputs {
            let mut written = Ok(());
            work(chunk, &mut |output| {
                if written.is_ok() {
                    written = sink(output);
                }
            });
            written?;
        }
        return Ok(());
    }
    let (job_tx, job_rx) = bounded::<(Vec<I>, Sender<Vec<O>>)>(threads);
    let (order_tx, order_rx) = bounded::<Receiver<Vec<O>>>(4 * threads);
    let work = &work;
    thread::scope(|scope| {
        for _ in 0..threads {
            let job_rx = job_rx.clone();
            scope.spawn(move || {
                for (chunk, done) in job_rx {
                    // The writer may have stopped; then the results have nowhere to go.
                    let mut outputs = Vec::with_capacity(chunk.len());
                    work(chunk, &mut |output| outputs.push(output));
                    let _ = done.send(outputs);
                }
            });
        }
        drop(job_rx);
        scope.spawn(move || {
            for chunk in inputs {
                let (done, result) = bounded(1);
                if order_tx.send(result).is_err() || job_tx.send((chunk, done)).is_err() {
                    break;
                }
            }
        });
        for result in order_rx {
            // A worker that panicked dropped its sender; the scope re-raises the panic.
            let Ok(outputs) = result.recv() else { break };
            outputs.into_iter().try_for_each(&mut sink)?;
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
                chunks(0..500u64, |&i| i * 40_000, || true),
                threads,
                |chunk, emit| {
                    for i in chunk {
                        // Uneven work, so later inputs often finish first.
                        std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                        emit(i * 2);
                    }
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
            chunks(0..2000u64, |_| 1, || true),
            threads,
            |chunk, emit| {
                for i in chunk {
                    let now = alive.fetch_add(1, SeqCst) + 1;
                    most.fetch_max(now, SeqCst);
                    emit(i);
                }
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
        assert!(most <= (5 * threads + 2) * CHUNK_ITEMS, "{most} results alive at once");
    }

    #[test]
    fn with_one_thread_each_output_is_written_before_the_next_is_made() {
        use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
        let (made, written) = (AtomicU64::new(0), AtomicU64::new(0));
        ordered_map(
            chunks(0..40u64, |_| 1, || true),
            1,
            |chunk, emit| {
                for i in chunk {
                    assert_eq!(
                        made.load(SeqCst),
                        written.load(SeqCst),
                        "output {i} made before the last was written"
                    );
                    made.fetch_add(1, SeqCst);
                    emit(i);
                }
            },
            |i| {
                assert_eq!(i, written.fetch_add(1, SeqCst));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(written.into_inner(), 40);
    }

    #[test]
    fn a_failing_sink_stops_the_run() {
        for threads in [1, 2] {
            let pulled = std::sync::atomic::AtomicUsize::new(0);
            let inputs = (0..100_000).inspect(|_| {
                pulled.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            });
            let mut seen = 0;
            let r = ordered_map(
                chunks(inputs, |_| 1, || true),
                threads,
                |chunk, emit| chunk.into_iter().for_each(emit),
                |_| {
                    seen += 1;
                    anyhow::ensure!(seen < 10, "closed");
                    Ok(())
                },
            );
            assert!(r.is_err());
            assert_eq!(seen, 10, "no output written after the failure ({threads} threads)");
            assert!(pulled.into_inner() < 100 * CHUNK_ITEMS, "the feeder stopped early");
        }
    }

    #[test]
    fn chunks_close_at_the_item_limit_the_byte_limit_or_when_input_is_not_ready() {
        let sizes = |c: Vec<Vec<u64>>| c.iter().map(Vec::len).collect::<Vec<_>>();
        assert_eq!(sizes(chunks(0..40u64, |_| 10, || true).collect()), [16, 16, 8]);
        // 400 KB each: the third input takes a chunk past 1 MB.
        assert_eq!(sizes(chunks(0..7u64, |_| 400 << 10, || true).collect()), [3, 3, 1]);
        assert_eq!(sizes(chunks(0..3u64, |_| 2 << 20, || true).collect()), [1, 1, 1]);
        // A stream with nothing more at hand: one input per chunk, never waiting.
        assert_eq!(sizes(chunks(0..5u64, |_| 1, || false).collect()), [1, 1, 1, 1, 1]);
        let flat: Vec<u64> = chunks(0..40u64, |_| 10, || true).flatten().collect();
        assert_eq!(flat, (0..40).collect::<Vec<_>>());
    }
}
