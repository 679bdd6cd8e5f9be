//! Scoring sentence alignment against gold links (strict and lax precision, recall, F1),
//! for the alignment task (gold sentences given) and end to end (from raw text).
//!
//! A link is `(source ids, target ids)`. Strict: a predicted link counts when the same link
//! is in the gold. Lax: when some gold link shares a source and a target id with it.
//! Precision is over predicted links, recall over gold links; gold links empty on one side
//! are left out of recall.
//!
//! ```
//! use polyalign::eval::align::score_links;
//! let gold = vec![(vec![0], vec![0]), (vec![1], vec![1, 2]), (vec![2], vec![])];
//! let pred = vec![(vec![0], vec![0]), (vec![1], vec![1]), (vec![], vec![2]), (vec![2], vec![])];
//! let s = score_links(&pred, &gold);
//! assert_eq!((s.strict.right, s.strict.predicted), (2, 4));
//! assert_eq!((s.strict.found, s.strict.gold), (1, 2));
//! assert_eq!((s.lax.right, s.lax.found), (3, 2));
//! ```

use crate::align::{AlignError, Aligner, Alignment, Link};
use crate::doc::{Document, Record, RecordError};
use crate::lang::Lang;

/// A link as sentence id lists.
pub use crate::doc::IdLink;

/// Link counts: predicted links that are right, and gold links that were found.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct LinkPrf {
    /// Predicted links that count as right.
    pub right: usize,
    /// Predicted links.
    pub predicted: usize,
    /// Gold links (both sides non-empty) that were found.
    pub found: usize,
    /// Gold links with both sides non-empty.
    pub gold: usize,
}

impl LinkPrf {
    /// right / predicted (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.right as f64 / self.predicted as f64
        }
    }

    /// found / gold (1 when there is no gold link).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.found as f64 / self.gold as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        super::harmonic_mean(self.precision(), self.recall())
    }

    fn add(&mut self, o: LinkPrf) {
        self.right += o.right;
        self.predicted += o.predicted;
        self.found += o.found;
        self.gold += o.gold;
    }
}

/// Strict and lax counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct AlignScore {
    /// Exact links.
    pub strict: LinkPrf,
    /// Overlapping links.
    pub lax: LinkPrf,
}

impl AlignScore {
    /// Adds another document's counts.
    pub fn add(&mut self, other: AlignScore) {
        self.strict.add(other.strict);
        self.lax.add(other.lax);
    }
}

/// Scores predicted links against gold links of one document and pair. Linear in the
/// number of links (hash sets and an index from sentence ids to links).
pub fn score_links(pred: &[IdLink], gold: &[IdLink]) -> AlignScore {
    use std::collections::{HashMap, HashSet};
    let pred: Vec<&IdLink> = pred
        .iter()
        .filter(|l| !(l.0.is_empty() && l.1.is_empty()))
        .collect();
    let gold_full: Vec<&IdLink> = gold
        .iter()
        .filter(|l| !l.0.is_empty() && !l.1.is_empty())
        .collect();
    let gold_set: HashSet<&IdLink> = gold.iter().collect();
    let pred_set: HashSet<&IdLink> = pred.iter().copied().collect();
    // Links by source id, to find overlaps.
    let index = |links: &[&IdLink]| {
        let mut m: HashMap<usize, Vec<usize>> = HashMap::new();
        for (n, l) in links.iter().enumerate() {
            for &s in &l.0 {
                m.entry(s).or_default().push(n);
            }
        }
        m
    };
    let overlaps = |x: &IdLink, y: &IdLink| {
        x.0.iter().any(|s| y.0.contains(s)) && x.1.iter().any(|t| y.1.contains(t))
    };
    let gold_refs: Vec<&IdLink> = gold.iter().collect();
    let by_src_gold = index(&gold_refs);
    let by_src_pred = index(&pred);
    let overlaps_any = |l: &IdLink, others: &[&IdLink], by_src: &HashMap<usize, Vec<usize>>| {
        l.0.iter()
            .filter_map(|s| by_src.get(s))
            .flatten()
            .any(|&n| overlaps(l, others[n]))
    };
    let mut s = AlignScore::default();
    s.strict.predicted = pred.len();
    s.lax.predicted = pred.len();
    s.strict.gold = gold_full.len();
    s.lax.gold = gold_full.len();
    for p in &pred {
        let exact = gold_set.contains(p);
        s.strict.right += usize::from(exact);
        s.lax.right += usize::from(exact || overlaps_any(p, &gold_refs, &by_src_gold));
    }
    for g in &gold_full {
        s.strict.found += usize::from(pred_set.contains(g));
        s.lax.found += usize::from(overlaps_any(g, &pred, &by_src_pred));
    }
    s
}

/// The non-space char offsets where each sentence starts and ends, located in `text`
/// (sentences are found in order; white space is ignored when matching). Returns `None`
/// when a sentence cannot be found. Gold sentences need this; a [`Document`]'s own
/// sentences are spans already ([`nonspace_spans`]).
pub fn locate(text: &str, sentences: &[String]) -> Option<Vec<(usize, usize)>> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| !crate::segment::is_space(*c))
        .collect();
    let mut pos = 0;
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let needle: Vec<char> = s
            .chars()
            .filter(|c| !crate::segment::is_space(*c))
            .collect();
        if needle.is_empty() {
            out.push((pos, pos));
            continue;
        }
        let found = (pos..=chars.len().saturating_sub(needle.len()))
            .find(|&k| chars[k..k + needle.len()] == needle[..])?;
        out.push((found, found + needle.len()));
        pos = found + needle.len();
    }
    Some(out)
}

/// A document's sentence spans as non-space char offsets of its text (the measure
/// [`locate`] gives), in one pass.
///
/// ```
/// use polyalign::{doc::Document, eval::align::{locate, nonspace_spans}, lang::Lang};
/// let text = "One two.  Three\nfour.";
/// let doc = Document::from_text(Lang::EN, text);
/// let own: Vec<String> = doc.sentences().map(str::to_string).collect();
/// assert_eq!(nonspace_spans(&doc), locate(text, &own).unwrap());
/// ```
pub fn nonspace_spans(doc: &Document<'_>) -> Vec<(usize, usize)> {
    let text = doc.text();
    let mut out = Vec::with_capacity(doc.len());
    let (mut at, mut count) = (0usize, 0usize);
    let mut advance = |to: usize| {
        count += text[at..to]
            .chars()
            .filter(|c| !crate::segment::is_space(*c))
            .count();
        at = to;
        count
    };
    for s in doc.spans() {
        let start = advance(s.start);
        let end = advance(s.end);
        out.push((start, end));
    }
    out
}

/// Maps each predicted sentence span to the gold sentence it overlaps most (both as
/// non-space char offsets); `None` for a predicted sentence that overlaps none.
pub fn map_to_gold(pred: &[(usize, usize)], gold: &[(usize, usize)]) -> Vec<Option<usize>> {
    pred.iter()
        .map(|&(ps, pe)| {
            let mut best = None;
            let mut best_overlap = 0;
            for (g, &(gs, ge)) in gold.iter().enumerate() {
                if ge <= ps {
                    continue;
                }
                if gs >= pe {
                    break;
                }
                let overlap = pe.min(ge) - ps.max(gs);
                if overlap > best_overlap {
                    best_overlap = overlap;
                    best = Some(g);
                }
            }
            best
        })
        .collect()
}

/// Why a gold document could not be evaluated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A link pair is not `a-b`.
    #[error("bad pair {0:?}")]
    BadPair(String),
    /// A language of the record is not valid, or it lacks a version.
    #[error(transparent)]
    Record(#[from] RecordError),
    /// A language code is not valid.
    #[error(transparent)]
    Lang(#[from] crate::lang::LangError),
    /// The alignment failed.
    #[error(transparent)]
    Align(#[from] AlignError),
    /// No raw text for a language (end-to-end task).
    #[error("no text for {0}")]
    NoText(String),
    /// The gold sentences are not found in the raw text.
    #[error("the gold sentences of {0} are not in its text")]
    GoldNotInText(String),
}

/// The scores of one gold document: per pair (`en-ru`, in the gold's order), and the
/// score and rightness of every predicted link (for confidence curves).
#[derive(Debug, Clone, Default)]
pub struct DocScores {
    /// Scores per pair.
    pub pairs: Vec<(String, AlignScore)>,
    /// `(score, strictly right)` of every non-empty predicted link.
    pub scored: Vec<(f64, bool)>,
    /// `(score, right)` of every unit whose links the gold judges: right when its present
    /// links (both sides non-empty, or all when none is) are all strictly gold links.
    pub units: Vec<(f64, bool)>,
}

fn pair_langs(pair: &str) -> Result<(&str, &str), EvalError> {
    pair.split_once('-')
        .ok_or_else(|| EvalError::BadPair(pair.to_string()))
}

/// The languages of a gold record, in the order its link pairs name them.
pub fn languages(gold: &Record) -> Result<Vec<String>, EvalError> {
    let mut codes: Vec<String> = Vec::new();
    for pair in gold.links.keys() {
        let (a, b) = pair_langs(pair)?;
        for c in [a, b] {
            if !codes.iter().any(|x| x == c) {
                codes.push(c.to_string());
            }
        }
    }
    Ok(codes)
}

fn id_links(links: &[Link]) -> Vec<IdLink> {
    links
        .iter()
        .map(|l| (l.src.clone().collect(), l.tgt.clone().collect()))
        .collect()
}

fn pair_index(codes: &[String], pair: &str) -> Result<(usize, usize), EvalError> {
    let (a, b) = pair_langs(pair)?;
    let ia = codes.iter().position(|c| c == a).unwrap_or(0);
    let ib = codes.iter().position(|c| c == b).unwrap_or(0);
    Ok((ia, ib))
}

/// The gold sentences of a record (with their `paragraph_of` hints, when it has them)
/// aligned: the language codes of the record, in the order of the documents, and the
/// alignment.
pub fn align_gold(gold: &Record, aligner: &Aligner) -> Result<(Vec<String>, Alignment), EvalError> {
    let codes = languages(gold)?;
    let docs = gold_documents(gold)?;
    let al = aligner.align(&docs)?;
    Ok((codes, al))
}

/// The gold sentences of a record as documents (with their `paragraph_of` hints, when it
/// has them), in the order of [`languages`].
pub fn gold_documents(gold: &Record) -> Result<Vec<Document<'static>>, EvalError> {
    let mut docs = Vec::new();
    for c in &languages(gold)? {
        let lang: Lang = c.parse()?;
        let sentences = gold.sentences.get(c).cloned().unwrap_or_default();
        let paras = gold.paragraph_of.get(c).cloned().unwrap_or_default();
        docs.push(Document::from_sentences(lang, sentences, paras));
    }
    Ok(docs)
}

/// Whether each link of `al` is strictly a gold link, per pair of `al.pairs` and link;
/// `None` for the links of a pair the gold has no links for.
pub fn judge_links(al: &Alignment, codes: &[String], gold: &Record) -> Vec<Vec<Option<bool>>> {
    al.pairs
        .iter()
        .map(|p| {
            let (ca, cb) = (&codes[p.a], &codes[p.b]);
            // Sets: a long document has hundreds of thousands of links.
            let set = |k: String| {
                gold.links
                    .get(&k)
                    .map(|g| g.iter().collect::<std::collections::HashSet<&IdLink>>())
            };
            let forward = set(format!("{ca}-{cb}"));
            let backward = set(format!("{cb}-{ca}"));
            p.links
                .iter()
                .map(|l| {
                    let (s, t): IdLink = (l.src.clone().collect(), l.tgt.clone().collect());
                    match (&forward, &backward) {
                        (Some(g), _) => Some(g.contains(&(s, t))),
                        (None, Some(g)) => Some(g.contains(&(t, s))),
                        (None, None) => None,
                    }
                })
                .collect()
        })
        .collect()
}

/// Whether each unit of `al` is right: its present links (both sides non-empty, or all
/// when none is) are all strictly gold links; `None` when the gold judges none of them.
/// `links` is what [`judge_links`] gives.
pub fn judge_units(al: &Alignment, links: &[Vec<Option<bool>>]) -> Vec<Option<bool>> {
    al.unit_links()
        .iter()
        .map(|unit| {
            let both = |&&(p, l): &&(usize, usize)| {
                let x = &al.pairs[p].links[l];
                !x.src.is_empty() && !x.tgt.is_empty()
            };
            let present: Vec<&(usize, usize)> = if unit.iter().any(|x| both(&x)) {
                unit.iter().filter(both).collect()
            } else {
                unit.iter().collect()
            };
            present
                .iter()
                .filter_map(|&&(p, l)| links.get(p).and_then(|v| v.get(l)).copied().flatten())
                .fold(None, |acc: Option<bool>, right| {
                    Some(acc.unwrap_or(true) && right)
                })
        })
        .collect()
}

/// The alignment task: align the gold sentences (with their `paragraph_of` hints, when
/// the record has them) and score the links of every gold pair.
pub fn align_task(gold: &Record, aligner: &Aligner) -> Result<DocScores, EvalError> {
    let (codes, al) = align_gold(gold, aligner)?;
    let mut out = DocScores::default();
    for (pair, links) in &gold.links {
        let (ia, ib) = pair_index(&codes, pair)?;
        let predicted = al.links(ia, ib).unwrap_or_default();
        let pred = id_links(&predicted);
        let gold_set: std::collections::HashSet<&IdLink> = links.iter().collect();
        for (l, p) in predicted.iter().zip(&pred) {
            if !(p.0.is_empty() && p.1.is_empty()) {
                out.scored.push((l.score, gold_set.contains(p)));
            }
        }
        out.pairs.push((pair.clone(), score_links(&pred, links)));
    }
    let judged = judge_links(&al, &codes, gold);
    for (u, right) in al.units.iter().zip(judge_units(&al, &judged)) {
        if let Some(right) = right {
            out.units.push((u.score, right));
        }
    }
    Ok(out)
}

/// The end-to-end task: segment the raw `texts` (one per language of the gold, by code),
/// align, map every predicted sentence to the gold sentence it overlaps most, and score
/// the links of every gold pair.
pub fn e2e_task(
    gold: &Record,
    texts: &[(String, &str)],
    aligner: &Aligner,
) -> Result<DocScores, EvalError> {
    let codes = languages(gold)?;
    let mut docs = Vec::new();
    let mut maps: Vec<Vec<Option<usize>>> = Vec::new();
    for c in &codes {
        let lang: Lang = c.parse()?;
        let text = texts
            .iter()
            .find(|(code, _)| code == c)
            .map(|(_, t)| *t)
            .ok_or_else(|| EvalError::NoText(c.clone()))?;
        let d = Document::from_text(lang, text);
        let gold_sents = gold.sentences.get(c).cloned().unwrap_or_default();
        let gold_spans =
            locate(text, &gold_sents).ok_or_else(|| EvalError::GoldNotInText(c.clone()))?;
        maps.push(map_to_gold(&nonspace_spans(&d), &gold_spans));
        docs.push(d);
    }
    let al = aligner.align(&docs)?;
    let mut out = DocScores::default();
    for (pair, links) in &gold.links {
        let (ia, ib) = pair_index(&codes, pair)?;
        let mut pred: Vec<IdLink> = Vec::new();
        for l in al.links(ia, ib).unwrap_or_default() {
            let mut src: Vec<usize> = l.src.clone().filter_map(|x| maps[ia][x]).collect();
            let mut tgt: Vec<usize> = l.tgt.clone().filter_map(|x| maps[ib][x]).collect();
            src.dedup();
            tgt.dedup();
            if src.is_empty() && tgt.is_empty() {
                continue;
            }
            let link = (src, tgt);
            if pred.last() != Some(&link) {
                pred.push(link);
            }
        }
        out.pairs.push((pair.clone(), score_links(&pred, links)));
    }
    Ok(out)
}
