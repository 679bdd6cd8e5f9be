//! The match score: word-level Levenshtein similarity on normalised tokens, with a
//! character-level tie-breaker.

use std::collections::HashMap;

use super::normalize::{for_each_token, nfc, TokenKind};

/// The score of a source text against a query, as [`score`] computes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// The match percentage, 0 to 100: `100 × (1 − d / max(len))` rounded down, where
    /// `d` is the word-level Levenshtein distance between the sequences of word and
    /// number tokens (`tokenize`; punctuation is split off and not
    /// counted) and `len` their lengths; 100 only when the texts are identical (after
    /// NFC and trimming white space at either end), 99 at most otherwise, so texts that
    /// differ only in case, spacing or punctuation score 99.
    pub percent: u8,
    /// The character-level similarity of the two texts (NFC), `1 − d / max(len)` over
    /// characters: ranks matches of equal `percent`.
    pub chars: f64,
}

/// Scores `source` (a memory's text) against `query`, as lookups do.
///
/// ```
/// use polyalign::tm::score;
///
/// // Identical.
/// assert_eq!(score("Noem visited a prison.", "Noem visited a prison.").percent, 100);
/// // Identical after normalisation (case, spacing, apostrophe, punctuation): 99, not 100.
/// assert_eq!(score("Noem’s visit.", "noem's  visit").percent, 99);
/// // One word of four replaced: 100 × (1 − 1/4) = 75.
/// assert_eq!(score("Noem visited a prison.", "Noem visited a jail.").percent, 75);
/// // Ties at the word level are broken by characters.
/// let (a, b) = (score("He visits Kyiv", "He visited Kyiv"), score("He visits Kyiv", "He saw Kyiv"));
/// assert_eq!(a.percent, b.percent);
/// assert!(a.chars > b.chars);
/// ```
pub fn score(query: &str, source: &str) -> Score {
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut ids = |text: &str| {
        let mut out = Vec::new();
        for_each_token(text, |t, kind, _| {
            if kind == TokenKind::Punct {
                return;
            }
            let next = vocab.len() as u32;
            out.push(*vocab.entry(t.to_string()).or_insert(next));
        });
        out
    };
    let (q, s) = (ids(query), ids(source));
    let m = q.len().max(s.len());
    let percent = match m {
        0 => percent(1, 0, || identical(query, source)),
        _ => {
            let d = distance(&q, &s, m).unwrap_or(m);
            percent(m, d, || identical(query, source))
        }
    };
    Score {
        percent,
        chars: char_similarity(&nfc(query), &nfc(source)),
    }
}

/// The percentage for a word distance `d` between sequences of which the longer has `m`
/// tokens (`m > 0`); `identical` is asked only when `d` is 0.
pub(crate) fn percent(m: usize, d: usize, identical: impl FnOnce() -> bool) -> u8 {
    if d == 0 {
        return if identical() { 100 } else { 99 };
    }
    (100 * (m - d.min(m)) / m).min(99) as u8
}

/// The largest word distance that still scores at least `min` percent when the longer
/// sequence has `m` tokens: `d ≤ ⌊(100 − min) · m / 100⌋`.
pub(crate) fn max_distance(m: usize, min: u8) -> usize {
    (100 - usize::from(min.min(100))) * m / 100
}

/// Whether two texts are identical for the score: equal in NFC, ignoring white space at
/// either end.
pub(crate) fn identical(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a == b || nfc(a) == nfc(b)
}

/// The character-level similarity `1 − d / max(len)` of two texts (1 for two empty ones).
pub(crate) fn char_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let m = a.len().max(b.len());
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (x, y) = (&a[pre..], &b[pre..]);
    let suf = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    let (x, y) = (&x[..x.len() - suf], &y[..y.len() - suf]);
    let mut row: Vec<u32> = (0..=y.len() as u32).collect();
    for (i, cx) in x.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i as u32 + 1;
        for (j, cy) in y.iter().enumerate() {
            let v = (diag + u32::from(cx != cy))
                .min(row[j + 1] + 1)
                .min(row[j] + 1);
            diag = row[j + 1];
            row[j + 1] = v;
        }
    }
    1.0 - f64::from(row[y.len()]) / m as f64
}

/// The Levenshtein distance between two token sequences when it is at most `max`, else
/// `None`; stops as soon as the distance can no longer be `max` or less.
///
/// Common leading and trailing tokens are skipped first; then one row of the dynamic
/// programme is kept, limited to the diagonal band `|i − j| ≤ max`.
pub(crate) fn distance(a: &[u32], b: &[u32], max: usize) -> Option<usize> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suf], &b[..b.len() - suf]);
    // a is the shorter one.
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.len() - a.len() > max {
        return None;
    }
    if a.is_empty() {
        return Some(b.len());
    }
    // Sentences fit a row on the stack.
    let mut stack = [0u32; 128];
    let mut heap = Vec::new();
    let row: &mut [u32] = if b.len() < stack.len() {
        &mut stack[..=b.len()]
    } else {
        heap.resize(b.len() + 1, 0);
        &mut heap
    };
    banded(a, b, max, row)
}

/// The banded dynamic programme of [`distance`] over `row` (`b.len() + 1` cells).
fn banded(a: &[u32], b: &[u32], max: usize, row: &mut [u32]) -> Option<usize> {
    const INF: u32 = u32::MAX / 2;
    let max32 = max.min(INF as usize - 1) as u32;
    // row[j] = distance between a[..i] and b[..j].
    for (j, cell) in row.iter_mut().enumerate() {
        *cell = if j <= max { j as u32 } else { INF };
    }
    for (i, &x) in a.iter().enumerate() {
        let i = i + 1;
        let lo = i.saturating_sub(max);
        let hi = (i + max).min(b.len());
        // diag: the previous row's cell left of j; left: this row's cell left of j.
        let (mut diag, mut left, mut row_min, first) = if lo == 0 {
            let d = row[0];
            row[0] = i as u32;
            (d, i as u32, i as u32, 1)
        } else {
            (row[lo - 1], INF, INF, lo)
        };
        for j in first..=hi {
            let up = row[j];
            let v = (diag + u32::from(x != b[j - 1])).min(up + 1).min(left + 1);
            diag = up;
            row[j] = v;
            left = v;
            row_min = row_min.min(v);
        }
        if row_min > max32 {
            return None;
        }
    }
    let d = row[b.len()];
    (d <= max32).then_some(d as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn full(a: &[u32], b: &[u32]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, x) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, y) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(x != y))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn distance_table() {
        for (a, b, want) in [
            (&[][..], &[][..], 0),
            (&[1, 2, 3], &[1, 2, 3], 0),
            (&[1, 2, 3], &[1, 9, 3], 1),
            (&[1, 2, 3], &[2, 3], 1),
            (&[1, 2, 3], &[3, 2, 1], 2),
            (&[1, 2, 3, 4, 5], &[], 5),
            (&[5, 6], &[1, 2, 3], 3),
        ] {
            assert_eq!(distance(a, b, 10), Some(want), "{a:?} {b:?}");
            assert_eq!(full(a, b), want);
            if want > 0 {
                assert_eq!(distance(a, b, want - 1), None, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn percent_and_bounds() {
        assert_eq!(percent(5, 1, || false), 80);
        assert_eq!(percent(3, 1, || false), 66);
        assert_eq!(percent(200, 1, || false), 99);
        assert_eq!(percent(4, 0, || true), 100);
        assert_eq!(percent(4, 0, || false), 99);
        assert_eq!(percent(4, 4, || false), 0);
        assert_eq!(max_distance(10, 70), 3);
        assert_eq!(max_distance(3, 70), 0);
        assert_eq!(max_distance(25, 100), 0);
        // The bound is exact: max_distance scores ≥ min, one more scores below.
        for m in 1..60 {
            for min in 1..=99u8 {
                let d = max_distance(m, min);
                assert!(percent(m, d, || false) >= min, "m {m} min {min}");
                if d < m {
                    assert!(percent(m, d + 1, || false) < min, "m {m} min {min}");
                }
            }
        }
    }

    #[test]
    fn char_similarity_is_levenshtein() {
        for (a, b) in [
            ("", ""),
            ("abc", ""),
            ("kitten", "sitting"),
            ("Ёлка", "ёлки"),
            ("ab", "ba"),
        ] {
            let want = strsim::normalized_levenshtein(a, b);
            assert!((char_similarity(a, b) - want).abs() < 1e-12, "{a:?} {b:?}");
        }
    }

    #[test]
    fn identical_texts() {
        assert!(identical(" Café. ", "Cafe\u{301}."));
        assert!(!identical("Café.", "café."));
        assert_eq!(score("", "").percent, 100);
        assert_eq!(score("...", "…").percent, 99);
        assert_eq!(score("Hello, world!", "hello world").percent, 99);
        assert_eq!(score("a b c d", "a b c").percent, 75);
    }

    proptest! {
        #[test]
        fn bounded_distance_agrees_with_the_full_table(
            a in proptest::collection::vec(0u32..5, 0..14),
            b in proptest::collection::vec(0u32..5, 0..14),
            max in 0usize..15,
        ) {
            let d = full(&a, &b);
            prop_assert_eq!(distance(&a, &b, max), (d <= max).then_some(d));
        }
    }
}
