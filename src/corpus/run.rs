//! A job on every item on all cores, handed on in input order.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use rayon::prelude::*;

/// Runs `work` on every item of `items` in parallel on `pool` (a rayon pool of the number
/// of threads wanted; `None`: rayon's global pool, one thread per core) and hands each
/// item and its result to `sink` in the order of `items`, whatever order they finish in.
///
/// Items are taken `batch` at a time (at least 1): at most `batch` results wait for the
/// sink, so memory is bounded by the batch, not by the number of items, and `items` can
/// be a stream. A panic in `work` is caught at the item's boundary: the item's result is
/// `Err` with the panic's message ([`panic_message`]) and the other items go on. The
/// first error `sink` returns stops the run and is returned.
///
/// ```
/// use polyalign::corpus::for_each_ordered;
///
/// let mut seen = Vec::new();
/// for_each_ordered(1..=5, None, 2, |&n: &i32| if n == 4 { panic!("four") } else { n * 10 }, |n, r| {
///     seen.push((n, r));
///     Ok::<(), ()>(())
/// })
/// .unwrap();
/// assert_eq!(seen[2], (3, Ok(30)));
/// assert_eq!(seen[3], (4, Err("four".to_string())));
/// assert_eq!(seen.len(), 5);
/// ```
pub fn for_each_ordered<I, T, E, W, S>(
    items: impl IntoIterator<Item = I>,
    pool: Option<&rayon::ThreadPool>,
    batch: usize,
    work: W,
    mut sink: S,
) -> Result<(), E>
where
    I: Send + Sync,
    T: Send,
    W: Fn(&I) -> T + Sync,
    S: FnMut(I, Result<T, String>) -> Result<(), E>,
{
    let batch = batch.max(1);
    let mut items = items.into_iter();
    loop {
        let chunk: Vec<I> = items.by_ref().take(batch).collect();
        if chunk.is_empty() {
            return Ok(());
        }
        let run = || -> Vec<Result<T, String>> {
            chunk
                .par_iter()
                .map(|item| catch_unwind(AssertUnwindSafe(|| work(item))).map_err(panic_message))
                .collect()
        };
        let results = match pool {
            Some(p) => p.install(run),
            None => run(),
        };
        for (item, result) in chunk.into_iter().zip(results) {
            sink(item, result)?;
        }
    }
}

/// The message of a caught panic (`panic!("...")`'s text), or a general one.
pub fn panic_message(payload: Box<dyn Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(payload) => match payload.downcast::<&'static str>() {
            Ok(s) => s.to_string(),
            Err(_) => "a panic without a message".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_holds_whatever_the_finishing_order() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let mut got = Vec::new();
        {
            for_each_ordered(
                0..200u64,
                Some(&pool),
                16,
                |&n| {
                    // Early items take longest.
                    std::thread::sleep(std::time::Duration::from_micros(200 - n));
                    n * 2
                },
                |n, r| {
                    got.push((n, r.unwrap()));
                    Ok::<(), ()>(())
                },
            )
        }
        .unwrap();
        assert_eq!(got, (0..200).map(|n| (n, n * 2)).collect::<Vec<_>>());
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let mut n = 0;
        let r = for_each_ordered(
            0..100,
            None,
            8,
            |&i: &i32| i,
            |i, _| {
                n += 1;
                if i == 10 {
                    Err("stop")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err("stop"));
        assert_eq!(n, 11);
    }
}
