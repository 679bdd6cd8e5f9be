//! What many documents teach the aligner about a pair of languages: the length ratio and a
//! translation lexicon, learned from the 1-1 links of a first alignment of every document
//! ([`Priors::learn`]).
//!
//! One article says little: its 10 to 30 links give a noisy length ratio, and a lexicon
//! learned from them alone has few words that recur in two links. Learned over the articles
//! of a batch (`align --jsonl`, a corpus, `eval align`), the ratio becomes a prior that each
//! document's own estimate is shrunk towards (by [`PRIOR_LINKS`] pseudo-links), and the
//! lexicon's entries (IBM Model 1 over the confident links of all the documents) join the
//! document's own in its second pass. No gold data and no external model: the documents
//! themselves.

use std::collections::HashMap;
use std::fmt;

use rayon::prelude::*;

use super::cost::confidence;
use super::dp::align_features_model;
use super::features::{features, Feat};
use super::lexicon::{model1_stems, MAX_TRAIN_COST};
use super::{AlignConfig, Document};
use crate::lang::Lang;

/// Pseudo-links a prior weighs in a document's estimates: of the ratio (towards the
/// learned one) and of the variance (towards Gale and Church's 6.8).
pub(crate) const PRIOR_LINKS: f64 = 20.0;

/// What the documents of one pair of languages (in that order) taught.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PairPrior {
    /// Characters of the second language per character of the first.
    pub ratio: f64,
    /// The 1-1 links learned from.
    pub links: usize,
    /// First-language stem → second-language stems it translates to.
    pub table: HashMap<u64, Vec<u64>>,
}

/// Priors per ordered pair of languages, learned from many documents ([`Priors::learn`]);
/// give them to the aligner with [`AlignConfig::priors`].
#[derive(Clone, PartialEq, Default)]
pub struct Priors {
    pairs: HashMap<(Lang, Lang), PairPrior>,
}

impl fmt::Debug for Priors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut keys: Vec<&(Lang, Lang)> = self.pairs.keys().collect();
        keys.sort();
        let mut list = f.debug_list();
        for k in keys {
            let p = &self.pairs[k];
            list.entry(&format_args!(
                "{}-{}: ratio {:.3}, {} links, {} lexicon entries",
                k.0,
                k.1,
                p.ratio,
                p.links,
                p.table.values().map(Vec::len).sum::<usize>()
            ));
        }
        list.finish()
    }
}

/// The 1-1 links of one pair of languages in one article.
type PairSamples = ((Lang, Lang), Vec<Sample>);

/// One 1-1 link of the first alignment: both sides' lengths, and stems when it is
/// confident.
struct Sample {
    len: (f64, f64),
    /// For confident links.
    stems: Option<(Vec<u64>, Vec<u64>)>,
}

impl Priors {
    /// Learns the priors of every pair of languages the articles hold (each article: its
    /// language versions, in the order they are aligned), from a first alignment of each
    /// with `config` (its own priors ignored). Pairs with fewer than 50
    /// confident 1-1 links are left out.
    ///
    /// Articles with a version of more than 2,000 sentences are not learned from: a long
    /// document has links enough of its own, and learning would align it twice. Nothing
    /// is learned from fewer than two articles.
    pub fn learn<'t, D: AsRef<[Document<'t>]> + Sync>(
        articles: &[D],
        config: &AlignConfig,
    ) -> Priors {
        let mut config = config.clone();
        config.priors = None;
        let short: Vec<&[Document<'t>]> = articles
            .iter()
            .map(AsRef::as_ref)
            .filter(|docs| docs.iter().all(|d| d.len() <= MAX_SENTENCES))
            .collect();
        if short.len() < 2 {
            return Priors::default();
        }
        let per_article: Vec<Vec<PairSamples>> = short
            .par_iter()
            .map(|docs| {
                let feats: Vec<Vec<Feat>> = docs.iter().map(features).collect();
                let mut out = Vec::new();
                for a in 0..docs.len() {
                    for b in a + 1..docs.len() {
                        let (fa, fb) = (&feats[a], &feats[b]);
                        let (links, _) = align_features_model(fa, fb, &config, None);
                        // Every 1-1 link for the ratio, the confident ones for the
                        // lexicon.
                        let samples = links
                            .iter()
                            .filter(|l| l.src.len() == 1 && l.tgt.len() == 1)
                            .map(|l| {
                                let (x, y) = (&fa[l.src.start], &fb[l.tgt.start]);
                                let confident = l.score >= confidence(MAX_TRAIN_COST);
                                Sample {
                                    len: (x.len, y.len),
                                    stems: confident.then(|| (x.stems.clone(), y.stems.clone())),
                                }
                            })
                            .collect();
                        out.push(((docs[a].lang, docs[b].lang), samples));
                    }
                }
                out
            })
            .collect();
        let mut by_pair: HashMap<(Lang, Lang), Vec<Sample>> = HashMap::new();
        for (key, samples) in per_article.into_iter().flatten() {
            by_pair.entry(key).or_default().extend(samples);
        }
        let pairs = by_pair
            .into_par_iter()
            .filter(|(_, s)| s.iter().filter(|x| x.stems.is_some()).count() >= MIN_LINKS)
            .map(|(key, samples)| (key, pair_prior(&samples)))
            .collect();
        Priors { pairs }
    }

    /// The priors of the languages `a` then `b`, when they were learned.
    pub(crate) fn get(&self, a: Lang, b: Lang) -> Option<&PairPrior> {
        self.pairs.get(&(a, b))
    }

    /// Whether nothing was learned.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The pairs learned, with their 1-1 links and lexicon entries.
    pub fn summary(&self) -> Vec<(Lang, Lang, usize, usize)> {
        let mut out: Vec<(Lang, Lang, usize, usize)> = self
            .pairs
            .iter()
            .map(|(k, p)| (k.0, k.1, p.links, p.table.values().map(Vec::len).sum()))
            .collect();
        out.sort();
        out
    }
}

/// Sentences of a version beyond which an article is not learned from.
const MAX_SENTENCES: usize = 2_000;

/// Confident 1-1 links a pair needs for priors.
pub(crate) const MIN_LINKS: usize = 50;

fn pair_prior(samples: &[Sample]) -> PairPrior {
    let (s1, s2) = samples
        .iter()
        .filter(|s| s.len.0 > 0.0 && s.len.1 > 0.0)
        .fold((0.0, 0.0), |(a, b), s| (a + s.len.0, b + s.len.1));
    let ratio = if s1 > 0.0 {
        (s2 / s1).clamp(0.2, 5.0)
    } else {
        1.0
    };
    let pairs: Vec<(&[u64], &[u64])> = samples
        .iter()
        .filter_map(|s| s.stems.as_ref())
        .map(|(a, b)| (a.as_slice(), b.as_slice()))
        .collect();
    PairPrior {
        ratio,
        links: samples.len(),
        table: model1_stems(&pairs),
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::stems;
    use super::*;

    /// Articles of `n` sentence pairs: English sentences of a few recurring words, their
    /// "translations" the same words mapped to Russian ones and `stretch` times as long.
    fn articles(count: usize, n: usize) -> Vec<Vec<Document<'static>>> {
        let words = [
            ("bridge", "мост"),
            ("river", "река"),
            ("city", "город"),
            ("mayor", "мэр"),
            ("ferry", "паром"),
            ("winter", "зима"),
        ];
        (0..count)
            .map(|k| {
                let (mut en, mut ru) = (Vec::new(), Vec::new());
                for i in 0..n {
                    let len = 3 + (i * 7 + k) % 9;
                    let pick: Vec<(&str, &str)> = (0..len)
                        .map(|w| words[(w * 5 + i + k) % words.len()])
                        .collect();
                    en.push(pick.iter().map(|p| p.0).collect::<Vec<_>>().join(" ") + ".");
                    ru.push(
                        pick.iter()
                            .map(|p| format!("{}ами", p.1))
                            .collect::<Vec<_>>()
                            .join(" ")
                            + ".",
                    );
                }
                let paras = vec![0; n];
                vec![
                    Document::from_sentences(Lang::EN, en, paras.clone()),
                    Document::from_sentences(Lang::RU, ru, paras),
                ]
            })
            .collect()
    }

    #[test]
    fn many_articles_teach_the_ratio_and_the_words() {
        let docs = articles(12, 10);
        let priors = Priors::learn(&docs, &AlignConfig::default());
        let p = priors.get(Lang::EN, Lang::RU).expect("en-ru learned");
        assert!(priors.get(Lang::RU, Lang::EN).is_none());
        assert_eq!(p.links, 120);
        // Every sentence is linked 1-1: the ratio is the totals'.
        let total = |k: usize| -> f64 {
            docs.iter()
                .flat_map(|d| features(&d[k]))
                .map(|f| f.len)
                .sum()
        };
        let expected = total(1) / total(0);
        assert!(
            (p.ratio - expected).abs() < 1e-9,
            "{} vs {expected}",
            p.ratio
        );
        assert!(p.ratio > 1.2, "{}", p.ratio);
        let bridge = stems("bridge")[0];
        assert_eq!(p.table.get(&bridge), Some(&stems("мостами")));
        let summary = priors.summary();
        assert_eq!(summary.len(), 1);
        assert_eq!(
            (summary[0].0, summary[0].1, summary[0].2),
            (Lang::EN, Lang::RU, 120)
        );
    }

    #[test]
    fn one_article_or_long_ones_teach_nothing() {
        let one = articles(1, 80);
        assert!(Priors::learn(&one, &AlignConfig::default()).is_empty());
        let long = articles(2, MAX_SENTENCES + 1);
        assert!(Priors::learn(&long, &AlignConfig::default()).is_empty());
    }

    #[test]
    fn too_few_links_teach_nothing() {
        let priors = Priors::learn(&articles(2, 10), &AlignConfig::default());
        assert!(priors.is_empty(), "{priors:?}");
    }
}
