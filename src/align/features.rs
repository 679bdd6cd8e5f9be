//! Per-sentence features for the aligner: length and dictionary-free anchors.

use crate::lang::Lang;
use crate::segment::is_space;
use crate::segment::rules::Rules;

use super::numbers::number_tokens;
use super::translit::{name_similarity, skeleton, to_latin};

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
    /// Punctuation signature: bit 0 `?`, 1 `!`, 2 `:`, 3 quotes, 4 brackets.
    pub punct: u8,
    /// Whether the sentence opens a paragraph.
    pub para_start: bool,
    /// Whether the sentence is an aside that versions add or drop on their own: a
    /// cross-reference such as `Read also: ...`, `Читайте также: ...`.
    pub aside: bool,
}

/// Openings of cross-references that one version adds or drops on its own.
const ASIDES: &[&str] = &[
    "read also",
    "read more",
    "see also",
    "related:",
    "also read",
    "читайте также",
    "читайте еще",
    "читайте ещё",
    "смотрите также",
    "см. также",
    "читайте також",
    "читайте ще",
    "дивіться також",
    "див. також",
];

fn is_aside(text: &str) -> bool {
    let head: String = text.chars().take(20).flat_map(char::to_lowercase).collect();
    ASIDES.iter().any(|a| head.starts_with(a))
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
pub(crate) fn features(lang: Lang, sentences: &[String], paragraphs: &[usize]) -> Vec<Feat> {
    let rules = Rules::for_lang(lang);
    sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let para_start = i == 0 || paragraphs.get(i) != paragraphs.get(i - 1);
            sentence_features(lang, rules, s, para_start)
        })
        .collect()
}

fn sentence_features(lang: Lang, rules: &Rules, text: &str, para_start: bool) -> Feat {
    let len = text.chars().filter(|&c| !is_space(c)).count() as f64;
    let mut nums: Vec<u64> = number_tokens(text, lang)
        .iter()
        .map(|t| hash(1, t))
        .collect();
    nums.sort_unstable();
    nums.dedup();

    let mut names: Vec<Name> = Vec::new();
    let mut words: Vec<u64> = Vec::new();
    let cyrillic_text = lang.is_cyrillic();
    for (n, word) in text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        let word = word.trim_matches(|c| c == '\'' || c == '’');
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 || word.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let first = word.chars().next().unwrap_or(' ');
        let latin_word = word
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '’');
        let latin = to_latin(word, lang);
        let is_name = first.is_uppercase() && letters >= 3 && !(n == 0 && is_starter(rules, word));
        let foreign = cyrillic_text && latin_word;
        if is_name || foreign {
            let sk = skeleton(&latin);
            if sk.chars().count() >= 2 {
                names.push(Name {
                    key: hash(2, &sk),
                    latin: latin.clone(),
                });
            }
        }
        if letters >= 5 {
            let sk: String = skeleton(&latin).chars().take(4).collect();
            if sk.chars().count() >= 3 {
                words.push(hash(3, &sk));
            }
        }
    }
    names.sort_by_key(|n| n.key);
    names.dedup_by_key(|n| n.key);
    words.sort_unstable();
    words.dedup();

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
    Feat {
        len,
        nums,
        names,
        words,
        punct,
        para_start,
        aside: is_aside(text),
    }
}

fn is_starter(rules: &Rules, word: &str) -> bool {
    let lower: String = word.chars().flat_map(char::to_lowercase).collect();
    rules.is_starter(&lower)
}

/// Merges consecutive features into one (a block at a coarser level).
pub(crate) fn merge(items: &[Feat]) -> Feat {
    let mut out = Feat {
        para_start: items.first().is_some_and(|f| f.para_start),
        ..Feat::default()
    };
    for f in items {
        out.len += f.len;
        out.nums.extend_from_slice(&f.nums);
        out.names.extend(f.names.iter().cloned());
        out.words.extend_from_slice(&f.words);
        out.punct |= f.punct;
    }
    out.nums.sort_unstable();
    out.nums.dedup();
    out.names.sort_by_key(|n| n.key);
    out.names.dedup_by_key(|n| n.key);
    out.words.sort_unstable();
    out.words.dedup();
    out
}

/// Anchor evidence between two groups of sentences: how many numbers, names and words
/// they share, and how many numbers only one side has.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Evidence {
    pub nums: usize,
    pub nums_unmatched: usize,
    pub names: usize,
    pub words: usize,
    pub punct: u32,
}

/// Compares two groups (each a few consecutive sentences).
pub(crate) fn evidence(a: &[Feat], b: &[Feat]) -> Evidence {
    let mut ev = Evidence::default();
    // Numbers: distinct keys of each group.
    let (mut na, mut nb) = (0usize, 0usize);
    for (i, f) in a.iter().enumerate() {
        for &k in &f.nums {
            if a[..i].iter().any(|g| g.nums.binary_search(&k).is_ok()) {
                continue;
            }
            na += 1;
            if b.iter().any(|g| g.nums.binary_search(&k).is_ok()) {
                ev.nums += 1;
            }
        }
    }
    for (i, f) in b.iter().enumerate() {
        for &k in &f.nums {
            if !b[..i].iter().any(|g| g.nums.binary_search(&k).is_ok()) {
                nb += 1;
            }
        }
    }
    ev.nums_unmatched = (na - ev.nums) + nb.saturating_sub(ev.nums);
    for (i, f) in a.iter().enumerate() {
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
                    .is_ok_and(|p| name_similarity(&name.latin, &g.names[p].latin) >= 0.7)
            });
            ev.names += usize::from(matched);
        }
        for &k in &f.words {
            if a[..i].iter().any(|g| g.words.binary_search(&k).is_ok()) {
                continue;
            }
            ev.words += usize::from(b.iter().any(|g| g.words.binary_search(&k).is_ok()));
        }
    }
    let pa = a.iter().fold(0u8, |p, f| p | f.punct);
    let pb = b.iter().fold(0u8, |p, f| p | f.punct);
    ev.punct = (pa & pb).count_ones();
    ev
}
