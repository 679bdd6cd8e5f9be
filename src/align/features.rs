//! Per-sentence features for the aligner: length and dictionary-free anchors.

use crate::anchors::numbers::number_tokens;
use crate::anchors::translit::{name_similarity, skeleton_into, to_latin_into};
use crate::doc::Document;
use crate::lang::{is_letter, Lang};
use crate::segment::is_space;
use crate::segment::rules::Rules;

use crate::anchors::asides::is_aside;
use rayon::prelude::*;

use super::lexicon::stems_into;

/// A name or Latin-script token: its skeleton key and its Latin spelling.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Name {
    pub key: u64,
    pub latin: String,
}

/// What the aligner knows of one sentence (or, at coarse levels, of a block of them).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Feat {
    /// Non-space chars.
    pub len: f64,
    /// Hashes of normalised numbers, sorted, without duplicates.
    pub nums: Vec<u64>,
    /// Names and Latin-script tokens, sorted by key, without duplicate keys.
    pub names: Vec<Name>,
    /// Skeleton hashes of longer words (cognates, international words), sorted.
    pub words: Vec<u64>,
    /// Cognate keys of longer words: a normalised transliteration's first letters
    /// (`історія`/`история`, `президент`/`president`), sorted.
    pub cognates: Vec<u64>,
    /// Stem hashes of the words, for the learned lexicon and the dictionary
    /// ([`super::lexicon::stems`]), sorted.
    pub stems: Vec<u64>,
    /// Punctuation signature: bit 0 `?`, 1 `!`, 2 `:`, 3 quotes, 4 brackets.
    pub punct: u8,
    /// Whether the sentence opens a paragraph.
    pub para_start: bool,
    /// How many sentences this stands for (more than 1 for blocks at coarse levels).
    pub count: u32,
    /// Whether the sentence is an aside that versions add or drop on their own: a
    /// cross-reference such as `Read also: ...`, `Читайте также: ...`.
    pub aside: bool,
}

/// 64-bit FNV-1a with a domain byte, so that numbers, names and words never collide.
pub(crate) fn hash(domain: u8, s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(domain);
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Features of every sentence of a document.
pub(crate) fn features(doc: &Document<'_>) -> Vec<Feat> {
    let (lang, rules) = (doc.lang, Rules::for_lang(doc.lang));
    let spans = doc.spans();
    // Each sentence on its own, in parallel; the order of the output is the order of the
    // sentences, whatever the number of threads.
    spans
        .par_iter()
        .enumerate()
        .with_min_len(FEATURES_MIN_LEN)
        .map_init(Scratch::default, |scratch, (k, s)| {
            let para_start = k == 0 || spans[k - 1].paragraph != s.paragraph;
            sentence_features(lang, rules, s.text(doc.text()), para_start, scratch)
        })
        .collect()
}

/// Buffers one thread reuses from sentence to sentence: the sets are built in them and
/// copied out at their exact length, so that a sentence costs one allocation per set.
#[derive(Default)]
struct Scratch {
    nums: Vec<u64>,
    words: Vec<u64>,
    cognates: Vec<u64>,
    stems: Vec<u64>,
    latin: String,
    skeleton: String,
    key: String,
}

/// The sorted, deduplicated keys of `v`, at their exact length.
fn exact(v: &mut Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v.dedup();
    v.as_slice().to_vec()
}

/// Sentences one thread extracts at least, so that short documents are not split.
const FEATURES_MIN_LEN: usize = 256;

fn sentence_features(
    lang: Lang,
    rules: &Rules,
    text: &str,
    para_start: bool,
    scratch: &mut Scratch,
) -> Feat {
    let len = text.chars().filter(|&c| !is_space(c)).count() as f64;
    let Scratch {
        nums,
        words,
        cognates,
        stems: stem_keys,
        latin,
        skeleton: sk,
        key,
    } = scratch;
    nums.clear();
    words.clear();
    cognates.clear();
    nums.extend(number_tokens(text, lang).iter().map(|t| hash(1, t)));

    let mut names: Vec<Name> = Vec::new();
    let cyrillic_text = lang.is_cyrillic();
    for (n, word) in text
        .split(|c: char| !(is_word_char(c) || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        let word = word.trim_matches(|c| c == '\'' || c == '’');
        if word.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let letters = word.chars().filter(|&c| c != '\'' && c != '’').count();
        if letters < 2 || (letters < 3 && !cyrillic_text) {
            continue;
        }
        let first = word.chars().next().unwrap_or(' ');
        let latin_word = word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\'');
        let is_name = first.is_uppercase() && letters >= 3 && !(n == 0 && is_starter(rules, word));
        let foreign = cyrillic_text && latin_word;
        if !(is_name || foreign || letters >= 5.min(COGNATE_LETTERS)) {
            continue;
        }
        to_latin_into(word, lang, latin);
        if letters >= COGNATE_LETTERS && cognate_key_into(latin, key) {
            cognates.push(hash(5, key));
        }
        // The skeleton is ASCII: its chars are its bytes.
        skeleton_into(latin, sk);
        if letters >= 5 && sk.len() >= 3 {
            words.push(hash(3, &sk[..sk.len().min(4)]));
        }
        if (is_name || foreign) && sk.len() >= 2 {
            names.push(Name {
                key: hash(2, sk),
                latin: latin.as_str().to_owned(),
            });
        }
    }
    names.sort_by_key(|n| n.key);
    names.dedup_by_key(|n| n.key);

    let mut punct = 0u8;
    for c in text.chars() {
        punct |= match c {
            '?' => 1,
            '!' => 2,
            ':' => 4,
            '"' | '«' | '»' | '“' | '”' | '„' => 8,
            '(' | ')' | '[' | ']' => 16,
            _ => 0,
        };
    }
    // Exact capacities: a long document holds millions of these small sets.
    stems_into(text, stem_keys);
    names.shrink_to_fit();
    Feat {
        len,
        nums: exact(nums),
        names,
        words: exact(words),
        cognates: exact(cognates),
        stems: exact(stem_keys),
        punct,
        para_start,
        count: 1,
        aside: is_aside(text),
    }
}

/// Letters a word needs to give a cognate key.
const COGNATE_LETTERS: usize = 5;
/// Letters of the normalised transliteration a cognate key keeps.
const COGNATE_KEY: usize = 5;

/// The cognate key of a lowercase Latin spelling: digraphs and letters that
/// transliterations of one sound disagree on are merged (`kh`/`h`/`g` → `g`, `y`/`j`/`i` →
/// `i`, `z`/`s`, `c`/`k`/`q`, `w`/`v`; doubled letters once), then the first letters kept,
/// into `out` (cleared first); false when fewer than [`COGNATE_KEY`] remain.
fn cognate_key_into(latin: &str, out: &mut String) -> bool {
    out.clear();
    let mut prev = ' ';
    let mut n = 0;
    for c in latin.chars() {
        let mapped = match c {
            'h' if matches!(prev, 'k' | 's' | 'c' | 'z') => {
                prev = c;
                continue;
            }
            'h' => 'g',
            'y' | 'j' => 'i',
            'z' => 's',
            'c' | 'q' => 'k',
            'w' => 'v',
            'x' => 'k',
            c if c.is_alphabetic() => c,
            _ => continue,
        };
        prev = c;
        if out.ends_with(mapped) {
            continue;
        }
        out.push(mapped);
        n += 1;
        if n == COGNATE_KEY {
            return true;
        }
    }
    false
}

/// A letter or digit, with the fast paths of [`is_letter`].
fn is_word_char(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c)
}

fn is_starter(rules: &Rules, word: &str) -> bool {
    let lower = crate::lang::to_lower(word);
    rules.is_starter(&lower)
}

/// Merges consecutive features into one block for a coarser level of the search. Blocks
/// keep lengths, sentence counts and asides, and in `nums` the union of their sentences'
/// numbers and name keys: at coarse levels the share of those two blocks have in common
/// keeps the path on the right content where lengths alone drift (a long document whose
/// blocks all have about the same length). Their other anchor sets and paragraph starts
/// are left empty, since block boundaries fall anywhere in paragraphs.
pub(crate) fn merge(items: &[Feat]) -> Feat {
    let mut keys: Vec<u64> = items
        .iter()
        .flat_map(|f| {
            let names = f.names.iter().map(|n| n.key);
            f.nums.iter().copied().chain(names)
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    // A sketch of the union (its smallest hashes): the blocks of the coarsest levels hold
    // hundreds of sentences, and the share two sketches have in common estimates the
    // share of the whole sets (a bottom-k sketch) at a fixed cost per pair of blocks.
    keys.truncate(BLOCK_KEYS);
    keys.shrink_to_fit();
    Feat {
        len: items.iter().map(|f| f.len).sum(),
        nums: keys,
        count: items.iter().map(|f| f.count).sum(),
        aside: items.iter().all(|f| f.aside),
        ..Feat::default()
    }
}

/// Keys a block of a coarse level keeps at most ([`merge`]).
const BLOCK_KEYS: usize = 64;

/// Anchor evidence between two groups of sentences: how many numbers, names and words
/// they share, how many numbers each side has, and the punctuation marks both use.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Evidence {
    pub nums: u32,
    pub nums_a: u32,
    pub nums_b: u32,
    pub names: u32,
    pub words: u32,
    pub cognates: u32,
    /// Words whose learned translation the other side has.
    pub lex: u32,
    /// Words whose dictionary translation the other side has.
    pub dict: u32,
    pub punct: u32,
}

/// Shared anchors of two sentences, as stored in the search's cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PairEvidence {
    pub nums: u8,
    pub names: u8,
    pub words: u8,
    pub cognates: u8,
    pub lex: u8,
    pub dict: u8,
}

/// Counts the keys two sorted slices share.
pub(crate) fn shared<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    // Without branches on the comparison: the keys are hashes, so which side advances is a
    // coin toss the branch predictor would lose half the time. The search asks this of
    // every pair of sentences in its band.
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// The anchors two sentences share. Names match when their skeleton keys are equal and
/// their transliterations are similar (Jaro-Winkler at least 0.7).
pub(crate) fn pair_evidence(a: &Feat, b: &Feat) -> PairEvidence {
    let mut names = 0usize;
    let (mut i, mut j) = (0, 0);
    while i < a.names.len() && j < b.names.len() {
        match a.names[i].key.cmp(&b.names[j].key) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if a.names[i].latin == b.names[j].latin
                    || name_similarity(&a.names[i].latin, &b.names[j].latin) >= 0.7
                {
                    names += 1;
                }
                i += 1;
                j += 1;
            }
        }
    }
    let clamp = |n: usize| n.min(u8::MAX as usize) as u8;
    PairEvidence {
        nums: clamp(shared(&a.nums, &b.nums)),
        names: clamp(names),
        words: clamp(shared(&a.words, &b.words)),
        cognates: clamp(shared(&a.cognates, &b.cognates)),
        lex: 0,
        dict: 0,
    }
}

/// The exact evidence of two groups: distinct keys of each group, matched against the
/// other group (a number shared by two sentences of one side counts once).
pub(crate) fn group_evidence(a: &[Feat], b: &[Feat]) -> Evidence {
    let mut ev = Evidence::default();
    let in_b_nums = |k: &u64| b.iter().any(|g| g.nums.binary_search(k).is_ok());
    for (i, f) in a.iter().enumerate() {
        for k in &f.nums {
            if a[..i].iter().any(|g| g.nums.binary_search(k).is_ok()) {
                continue;
            }
            ev.nums_a += 1;
            ev.nums += u32::from(in_b_nums(k));
        }
        for name in &f.names {
            if a[..i]
                .iter()
                .any(|g| g.names.binary_search_by_key(&name.key, |n| n.key).is_ok())
            {
                continue;
            }
            let matched = b.iter().any(|g| {
                g.names
                    .binary_search_by_key(&name.key, |n| n.key)
                    .is_ok_and(|p| {
                        g.names[p].latin == name.latin
                            || name_similarity(&name.latin, &g.names[p].latin) >= 0.7
                    })
            });
            ev.names += u32::from(matched);
        }
        for k in &f.words {
            if a[..i].iter().any(|g| g.words.binary_search(k).is_ok()) {
                continue;
            }
            ev.words += u32::from(b.iter().any(|g| g.words.binary_search(k).is_ok()));
        }
        for k in &f.cognates {
            if a[..i].iter().any(|g| g.cognates.binary_search(k).is_ok()) {
                continue;
            }
            ev.cognates += u32::from(b.iter().any(|g| g.cognates.binary_search(k).is_ok()));
        }
    }
    for (i, f) in b.iter().enumerate() {
        for k in &f.nums {
            if !b[..i].iter().any(|g| g.nums.binary_search(k).is_ok()) {
                ev.nums_b += 1;
            }
        }
    }
    let pa = a.iter().fold(0u8, |p, f| p | f.punct);
    let pb = b.iter().fold(0u8, |p, f| p | f.punct);
    ev.punct = (pa & pb).count_ones();
    ev
}

/// The evidence of two single sentences from their cached pairwise counts.
pub(crate) fn single_evidence(a: &Feat, b: &Feat, p: PairEvidence) -> Evidence {
    Evidence {
        nums: u32::from(p.nums),
        nums_a: a.nums.len() as u32,
        nums_b: b.nums.len() as u32,
        names: u32::from(p.names),
        words: u32::from(p.words),
        cognates: u32::from(p.cognates),
        lex: u32::from(p.lex),
        dict: u32::from(p.dict),
        punct: (a.punct & b.punct).count_ones(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feat(lang: Lang, s: &str) -> Feat {
        features(&Document::from_sentences(
            lang,
            vec![s.to_string()],
            vec![0],
        ))
        .remove(0)
    }

    #[test]
    fn anchors_match_across_languages() {
        let en = feat(
            Lang::EN,
            "Bukele opened CECOT in 2023 after 84,000 arrests, Noem said.",
        );
        let ru = feat(
            Lang::RU,
            "Букеле открыл CECOT в 2023 г. после 84 тыс. арестов, сказала Ноэм.",
        );
        let ev = pair_evidence(&en, &ru);
        assert_eq!(ev.nums, 2, "{en:?} {ru:?}");
        assert!(ev.names >= 3, "{ev:?}");
    }

    #[test]
    fn asides_are_recognised() {
        assert!(feat(Lang::RU, "Читайте также: новости дня").aside);
        assert!(feat(Lang::EN, "Read also: the news").aside);
        assert!(!feat(Lang::EN, "He read also the news").aside);
    }
}
