//! Lexical evidence learned from the documents being aligned, and an optional user
//! dictionary.
//!
//! A first alignment pass gives 1-1 links; the confident ones train IBM Model 1
//! ([`Lexicon::learn`]): a few EM iterations of `t(b-word | a-word)` over word stems (the
//! first [`STEM_CHARS`] letters of a lowercase word, so that inflected forms share an
//! entry). Word pairs whose translation probability is high and that co-occur in at least
//! two links form the learned lexicon. A second pass adds, to the cost of every link, a
//! bonus for each word of the first side whose translation the second side contains
//! (`AlignConfig::lexicon_weight`). A [`Dictionary`] (`--dict FILE`) adds its entries to
//! the same evidence, counted separately (`AlignConfig::dictionary`).
//!
//! Cost is bounded for long documents: at most [`MAX_TRAIN_LINKS`] links (taken evenly
//! over the document) with at most [`MAX_TOKENS`] stems each train the model, so its
//! tables hold at most `MAX_TRAIN_LINKS × MAX_TOKENS²` co-occurrences whatever the length;
//! the second pass is one more search over the same band as the first. A document long
//! enough to be searched in more than three pieces runs its first pass on three of them
//! only, which give the model more links than it takes.

use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

use super::features::{shared, Feat};
use super::AlignError;
use crate::lang::is_letter;

/// Letters of a word kept as its stem.
pub(crate) const STEM_CHARS: usize = 6;
/// Links used to train the model, at most.
pub(crate) const MAX_TRAIN_LINKS: usize = 5_000;
/// Stems per sentence used in training, at most.
pub(crate) const MAX_TOKENS: usize = 40;
/// EM iterations.
const ITERATIONS: usize = 5;
/// Translation probability a learned entry needs.
const MIN_PROB: f32 = 0.3;
/// Links a learned word pair must co-occur in.
const MIN_COUNT: u32 = 2;
/// Confidence a first-pass 1-1 link needs to train the model (its cost at most this).
pub(crate) const MAX_TRAIN_COST: f64 = 2.0;

/// The stem hashes of a sentence's words (lowercase, letters only, at least three
/// letters, cut to [`STEM_CHARS`]), sorted, without duplicates.
pub(crate) fn stems(text: &str) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::with_capacity(text.len() / 4);
    stems_into(text, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// The stem hashes of `text`'s words into `out` (cleared first), in text order, with
/// repeats.
pub(crate) fn stems_into(text: &str, out: &mut Vec<u64>) {
    out.clear();
    out.extend(text.split(|c: char| !is_letter(c)).filter_map(stem_hash));
}

/// The hash of one word's stem (the FNV-1a hash of [`super::features::hash`], domain 4,
/// over the lowercase first [`STEM_CHARS`] letters), or `None` when the word is shorter
/// than three letters. No string is built: this runs on every word of a document.
fn stem_hash(word: &str) -> Option<u64> {
    word.chars().nth(2)?;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ 4;
    let mut feed = |c: char| {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for c in word.chars().take(STEM_CHARS) {
        if c.is_ascii() {
            feed(c.to_ascii_lowercase());
        } else {
            crate::lang::lower(c).for_each(&mut feed);
        }
    }
    Some(h)
}

/// A user dictionary: pairs of phrases that translate each other, read from hunalign's
/// format (one `target phrase @ source phrase` per line).
///
/// The entries count for every pair of versions, in both directions. A multi-word entry
/// links every word of one side with every word of the other (words of fewer than three
/// letters are left out, as in the learned lexicon).
///
/// ```
/// use polyalign::align::Dictionary;
///
/// let dict = Dictionary::parse("мост @ bridge\nгородской совет @ city council\n", "dict.txt").unwrap();
/// assert_eq!(dict.len(), 2);
/// let err = Dictionary::parse("мост bridge\n", "dict.txt").unwrap_err();
/// assert_eq!(err.to_string(), "dict.txt:1: not `target @ source`: `мост bridge`");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dictionary {
    /// (target words, source words) of each entry.
    entries: Vec<(String, String)>,
}

impl Dictionary {
    /// Parses a dictionary; `name` names it in errors. Empty lines and lines starting with
    /// `#` are skipped; any other line must be `target @ source`, both sides non-empty.
    pub fn parse(text: &str, name: &str) -> Result<Dictionary, AlignError> {
        let mut entries = Vec::new();
        for (k, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| AlignError::BadDictionary {
                file: name.to_string(),
                line: k + 1,
                message,
            };
            let Some((target, source)) = line.split_once(" @ ") else {
                return Err(err(format!("not `target @ source`: `{line}`")));
            };
            let (target, source) = (target.trim(), source.trim());
            if target.is_empty() || source.is_empty() {
                return Err(err(format!("an empty side: `{line}`")));
            }
            if source.contains(" @ ") {
                return Err(err(format!("more than one ` @ `: `{line}`")));
            }
            entries.push((target.to_string(), source.to_string()));
        }
        Ok(Dictionary { entries })
    }

    /// Reads and parses a dictionary file.
    pub fn from_file(path: &Path) -> Result<Dictionary, AlignError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| AlignError::BadDictionary {
            file: name.clone(),
            line: 0,
            message: e.to_string(),
        })?;
        Dictionary::parse(&text, &name)
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The stem pairs of every entry, both directions.
    fn stem_pairs(&self) -> Vec<(u64, u64)> {
        let mut out = Vec::new();
        for (t, s) in &self.entries {
            let (ts, ss) = (stems(t), stems(s));
            for &x in &ss {
                for &y in &ts {
                    out.push((x, y));
                    out.push((y, x));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Translations of the first side's sentences, for the second pass: for sentence `r`, the
/// sorted stems a translation of it may contain.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    /// Learned: per first-side sentence.
    pub learned: Vec<Vec<u64>>,
    /// From the dictionary: per first-side sentence.
    pub dict: Vec<Vec<u64>>,
}

impl Lexicon {
    /// Learns the lexicon from the `links` (first-side index, second-side index) of a first
    /// pass and adds the dictionary's entries; `None` when neither gives any entry.
    pub(crate) fn build(
        fa: &[Feat],
        fb: &[Feat],
        links: &[(usize, usize)],
        learn: bool,
        dictionary: Option<&Dictionary>,
        prior: Option<&HashMap<u64, Vec<u64>>>,
    ) -> Option<Lexicon> {
        let mut learned = if learn {
            model1(fa, fb, links)
        } else {
            HashMap::new()
        };
        // What other documents of the same languages taught (`super::priors`) joins what
        // this one teaches.
        if let Some(table) = prior.filter(|_| learn) {
            for (x, ys) in table {
                learned.entry(*x).or_default().extend(ys);
            }
        }
        let mut dict: HashMap<u64, Vec<u64>> = HashMap::new();
        if let Some(d) = dictionary {
            for (x, y) in d.stem_pairs() {
                dict.entry(x).or_default().push(y);
            }
        }
        if learned.is_empty() && dict.is_empty() {
            return None;
        }
        let translate = |table: &HashMap<u64, Vec<u64>>| -> Vec<Vec<u64>> {
            if table.is_empty() {
                return vec![Vec::new(); fa.len()];
            }
            fa.par_iter()
                .with_min_len(TRANSLATE_MIN_LEN)
                .map(|f| {
                    let mut t: Vec<u64> = f
                        .stems
                        .iter()
                        .filter_map(|s| table.get(s))
                        .flatten()
                        .copied()
                        .collect();
                    t.sort_unstable();
                    t.dedup();
                    t
                })
                .collect()
        };
        Some(Lexicon {
            learned: translate(&learned),
            dict: translate(&dict),
        })
    }
}

/// Sentences one thread translates at least ([`Lexicon::build`]).
const TRANSLATE_MIN_LEN: usize = 1024;

/// Distinct second-side stems of `b` that translate stems of the first-side sentences
/// `rows` (`table` holds one sorted list per first-side sentence).
pub(crate) fn shared_translations(
    table: &[Vec<u64>],
    rows: std::ops::Range<usize>,
    b: &[Feat],
) -> u32 {
    if let ([f], 1) = (b, rows.len()) {
        return shared(&table[rows.start], &f.stems) as u32;
    }
    let mut found: Vec<u64> = Vec::new();
    for r in rows {
        for s in &table[r] {
            if b.iter().any(|f| f.stems.binary_search(s).is_ok()) {
                found.push(*s);
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found.len() as u32
}

/// IBM Model 1 over the given sentence pairs: `t(b-stem | a-stem)` with a null word, a
/// few EM iterations; returns, for each a-stem, the b-stems with `t ≥ MIN_PROB` that
/// co-occur in at least `MIN_COUNT` pairs.
fn model1(fa: &[Feat], fb: &[Feat], links: &[(usize, usize)]) -> HashMap<u64, Vec<u64>> {
    let pairs: Vec<(&[u64], &[u64])> = links
        .iter()
        .map(|&(i, j)| (fa[i].stems.as_slice(), fb[j].stems.as_slice()))
        .collect();
    model1_stems(&pairs)
}

/// [`model1`] over the stems of sentence pairs (of one document, or of many:
/// [`super::priors`]).
pub(crate) fn model1_stems(links: &[(&[u64], &[u64])]) -> HashMap<u64, Vec<u64>> {
    // Each distinct sentence pair once (an archive repeats its boilerplate, a repeated
    // link would pass MIN_COUNT on its own), then evenly spaced links, at most
    // MAX_TRAIN_LINKS.
    let mut seen = std::collections::HashSet::new();
    let distinct: Vec<(&[u64], &[u64])> =
        links.iter().copied().filter(|p| seen.insert(*p)).collect();
    let step = distinct.len().div_ceil(MAX_TRAIN_LINKS).max(1);
    let chosen: Vec<(&[u64], &[u64])> = distinct.iter().step_by(step).copied().collect();
    if chosen.len() < 2 {
        return HashMap::new();
    }
    // Word ids per side (0 is the null word of side a).
    let mut ids_a: HashMap<u64, u32> = HashMap::new();
    let mut ids_b: HashMap<u64, u32> = HashMap::new();
    let mut words_a: Vec<u64> = vec![0];
    let mut words_b: Vec<u64> = Vec::new();
    // Co-occurrence cells (a id, b id) → index into the tables.
    let mut cells: HashMap<(u32, u32), u32> = HashMap::new();
    let mut cell_pairs: Vec<(u32, u32)> = Vec::new();
    let mut together: Vec<u32> = Vec::new();
    // Per training pair: its b ids, and for each b id the cells of (every a id, it).
    let mut pairs: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
    for &(sa, sb) in &chosen {
        let a: Vec<u32> = std::iter::once(0)
            .chain(sa.iter().take(MAX_TOKENS).map(|&s| {
                *ids_a.entry(s).or_insert_with(|| {
                    words_a.push(s);
                    (words_a.len() - 1) as u32
                })
            }))
            .collect();
        let b: Vec<u32> = sb
            .iter()
            .take(MAX_TOKENS)
            .map(|&s| {
                *ids_b.entry(s).or_insert_with(|| {
                    words_b.push(s);
                    (words_b.len() - 1) as u32
                })
            })
            .collect();
        let mut idx = Vec::with_capacity(a.len() * b.len());
        for &y in &b {
            for &x in &a {
                let c = *cells.entry((x, y)).or_insert_with(|| {
                    cell_pairs.push((x, y));
                    together.push(0);
                    (cell_pairs.len() - 1) as u32
                });
                if x != 0 {
                    together[c as usize] += 1;
                }
                idx.push(c);
            }
        }
        pairs.push((a, idx));
    }
    drop(cells);
    let mut t = vec![1.0f32; cell_pairs.len()];
    let mut count = vec![0.0f32; cell_pairs.len()];
    let mut total = vec![0.0f32; words_a.len()];
    for _ in 0..ITERATIONS {
        count.iter_mut().for_each(|c| *c = 0.0);
        total.iter_mut().for_each(|c| *c = 0.0);
        for (a, idx) in &pairs {
            for row in idx.chunks(a.len()) {
                let z: f32 = row.iter().map(|&c| t[c as usize]).sum();
                if z <= 0.0 {
                    continue;
                }
                for (&c, &x) in row.iter().zip(a) {
                    let p = t[c as usize] / z;
                    count[c as usize] += p;
                    total[x as usize] += p;
                }
            }
        }
        for (c, &(x, _)) in cell_pairs.iter().enumerate() {
            let tot = total[x as usize];
            t[c] = if tot > 0.0 { count[c] / tot } else { 0.0 };
        }
    }
    let mut out: HashMap<u64, Vec<u64>> = HashMap::new();
    for (c, &(x, y)) in cell_pairs.iter().enumerate() {
        if x != 0 && t[c] >= MIN_PROB && together[c] >= MIN_COUNT {
            out.entry(words_a[x as usize])
                .or_default()
                .push(words_b[y as usize]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::features::hash;
    use super::*;

    fn feat(text: &str) -> Feat {
        Feat {
            stems: stems(text),
            ..Feat::default()
        }
    }

    #[test]
    fn stem_hashes_are_the_hashes_of_the_stems() {
        assert_eq!(stem_hash("Мостами"), Some(hash(4, "мостам")));
        assert_eq!(stem_hash("Bridge"), Some(hash(4, "bridge")));
        assert_eq!(stem_hash("of"), None);
    }

    #[test]
    fn stems_cut_and_lowercase_words() {
        assert_eq!(stems("Bridges bridge"), stems("bridge"));
        assert_eq!(stems("открылся открылась"), stems("открылся"));
        assert!(stems("a of").is_empty());
    }

    #[test]
    fn model1_learns_words_that_recur_together() {
        let a: Vec<Feat> = ["the bridge opened", "the bridge closed", "a ferry opened"]
            .iter()
            .map(|s| feat(s))
            .collect();
        let b: Vec<Feat> = ["мост открылся", "мост закрылся", "паром открылся"]
            .iter()
            .map(|s| feat(s))
            .collect();
        let table = model1(&a, &b, &[(0, 0), (1, 1), (2, 2)]);
        let bridge = stems("bridge")[0];
        assert_eq!(table.get(&bridge), Some(&stems("мост")));
    }

    #[test]
    fn dictionary_errors_name_the_line() {
        let err = Dictionary::parse("# comment\n\nмост @ bridge\n @ x\n", "d.txt").unwrap_err();
        assert!(err.to_string().starts_with("d.txt:4: "), "{err}");
        let err = Dictionary::parse("a @ b @ c", "d").unwrap_err();
        assert!(err.to_string().starts_with("d:1: "), "{err}");
    }

    #[test]
    fn dictionary_entries_translate_both_ways() {
        let d = Dictionary::parse("паром @ ferry\n", "d").unwrap();
        let a = vec![feat("The ferry stops"), feat("Паром остановился")];
        let lex = Lexicon::build(&a, &a, &[], false, Some(&d), None).unwrap();
        assert_eq!(lex.dict[0], stems("паром"));
        assert_eq!(lex.dict[1], stems("ferry"));
    }
}
