//! Operations on whole memories: statistics and merging with deduplication.

use std::collections::{BTreeMap, HashMap};

use super::{normalize_lang, Header, Tmx, Tu};

/// What a memory holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Translation units.
    pub units: usize,
    /// Variants per language (normalised tags), sorted by language.
    pub languages: BTreeMap<String, usize>,
    /// Units per pair of languages that occur together (`en-ru`), sorted.
    pub pairs: BTreeMap<String, usize>,
    /// Units whose texts repeat an earlier unit's exactly.
    pub duplicates: usize,
    /// Variants with empty text.
    pub empty_variants: usize,
}

/// The texts of a unit, as a key: (language, text) pairs, sorted.
fn key(tu: &Tu) -> Vec<(String, String)> {
    let mut k: Vec<(String, String)> = tu
        .variants
        .iter()
        .map(|v| (normalize_lang(&v.lang), v.text.clone()))
        .collect();
    k.sort();
    k
}

/// Counts units, languages, pairs, duplicates and empty variants.
///
/// ```
/// use polyalign::tmx::{stats, Header, Tmx, Tu};
/// let tu = Tu::new().with_variant("en", "Hi.").with_variant("ua", "Привіт.");
/// let tmx = Tmx { header: Header::new("en"), units: vec![tu.clone(), tu] };
/// let s = stats(&tmx);
/// assert_eq!((s.units, s.duplicates), (2, 1));
/// assert_eq!(s.languages["uk"], 2);
/// assert_eq!(s.pairs["en-uk"], 2);
/// ```
pub fn stats(tmx: &Tmx) -> Stats {
    let mut s = Stats {
        units: tmx.units.len(),
        ..Stats::default()
    };
    let mut seen: HashMap<Vec<(String, String)>, ()> = HashMap::new();
    for tu in &tmx.units {
        let mut langs: Vec<String> = Vec::new();
        for v in &tu.variants {
            let lang = normalize_lang(&v.lang);
            *s.languages.entry(lang.clone()).or_default() += 1;
            s.empty_variants += usize::from(v.text.trim().is_empty());
            if !langs.contains(&lang) {
                langs.push(lang);
            }
        }
        langs.sort();
        for (i, a) in langs.iter().enumerate() {
            for b in &langs[i + 1..] {
                *s.pairs.entry(format!("{a}-{b}")).or_default() += 1;
            }
        }
        if seen.insert(key(tu), ()).is_some() {
            s.duplicates += 1;
        }
    }
    s
}

/// Merges memories in order: units whose texts are identical in every language are kept
/// once, the newest winning: the one from the later memory (or later in its memory), since
/// memories are given oldest first. The header is the first memory's, with `srclang`
/// `*all*` when the memories disagree. Returns the merged memory and how many duplicates
/// were left out.
///
/// ```
/// use polyalign::tmx::{merge, Header, Prop, Tmx, Tu};
/// let old = Tu::new().with_variant("en", "Hi.").with_variant("ru", "Привет.");
/// let mut new = old.clone();
/// new.props.push(Prop::new("x-document", "later"));
/// let a = Tmx { header: Header::new("en"), units: vec![old] };
/// let b = Tmx { header: Header::new("en"), units: vec![new.clone()] };
/// let (merged, dropped) = merge(vec![a, b]);
/// assert_eq!((merged.units.len(), dropped), (1, 1));
/// assert_eq!(merged.units[0], new);
/// ```
pub fn merge(memories: Vec<Tmx>) -> (Tmx, usize) {
    let mut header: Option<Header> = None;
    let mut all: Vec<Tu> = Vec::new();
    for m in memories {
        match &mut header {
            None => header = Some(m.header),
            Some(h) => {
                if normalize_lang(&h.srclang) != normalize_lang(&m.header.srclang) {
                    h.srclang = "*all*".into();
                }
            }
        }
        all.extend(m.units);
    }
    // The last occurrence of each key wins; units keep the order of their first occurrence.
    let mut last: HashMap<Vec<(String, String)>, usize> = HashMap::new();
    for (i, tu) in all.iter().enumerate() {
        last.insert(key(tu), i);
    }
    let mut placed: HashMap<Vec<(String, String)>, bool> = HashMap::new();
    let mut units = Vec::with_capacity(last.len());
    let total = all.len();
    let keys: Vec<Vec<(String, String)>> = all.iter().map(key).collect();
    let mut taken: Vec<Option<Tu>> = all.into_iter().map(Some).collect();
    for k in &keys {
        if placed.insert(k.clone(), true).is_none() {
            let i = last[k];
            if let Some(tu) = taken[i].take() {
                units.push(tu);
            }
        }
    }
    let dropped = total - units.len();
    (
        Tmx {
            header: header.unwrap_or_default(),
            units,
        },
        dropped,
    )
}
