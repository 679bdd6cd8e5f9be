//! Three versions of long documents: the units stay as small as the links demand.
//!
//! - A property test over long random documents (thousands of sentences per version, with
//!   repeated passages, sentences one version leaves out, three versions): the units
//!   partition every version in order, every pairwise link lies inside one unit, and no
//!   unit holds more than [`MAX_UNIT`] sentences of a version.
//! - A long one-sided insertion (hundreds of sentences of one version inside a long
//!   document, more than the banded search's radius) stays units of its own.
//! - The repeated-article case: a few hundred sentences repeated many times (one
//!   inconsistent pair of links once chained such input into one giant unit).

use polyalign::align::{Aligner, Alignment, Document};
use polyalign::lang::Lang;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};

/// No unit may hold more sentences of one version than this (the documents are built of
/// 1-1 translations, omissions and insertions: a unit is at most a few links).
const MAX_UNIT: usize = 8;

const EN: &[&str] = &[
    "minister",
    "bridge",
    "government",
    "traffic",
    "city",
    "harbour",
    "council",
    "report",
    "station",
    "river",
    "market",
    "school",
    "police",
    "weather",
    "festival",
    "hospital",
];
const RU: &[&str] = &[
    "министр",
    "мост",
    "правительство",
    "движение",
    "город",
    "гавань",
    "совет",
    "доклад",
    "станция",
    "река",
    "рынок",
    "школа",
    "полиция",
    "погода",
    "фестиваль",
    "больница",
];
const UK: &[&str] = &[
    "міністр",
    "міст",
    "уряд",
    "рух",
    "місто",
    "гавань",
    "рада",
    "доповідь",
    "станція",
    "річка",
    "ринок",
    "школа",
    "поліція",
    "погода",
    "фестиваль",
    "лікарня",
];

/// Sentence `id` of the source in one language: words chosen by the id, its length set by
/// the id, and a number on every third sentence.
fn render(words: &[&str], id: u64) -> String {
    let mut h = id.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let count = 3 + (h % 20) as usize;
    let mut out = Vec::new();
    for _ in 0..count {
        h = h.rotate_left(7).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        out.push(words[(h >> 33) as usize % words.len()].to_string());
    }
    if id % 3 == 0 {
        out.push(format!("{}", 100 + id % 997));
    }
    let mut s = out.join(" ");
    if let Some(c) = s.get(..1) {
        s = c.to_uppercase() + &s[1..];
    }
    s + "."
}

/// Three versions of the source `ids`: each leaves out the sentences its mask drops.
fn versions(ids: &[u64], drop: [&dyn Fn(usize) -> bool; 3]) -> Vec<Document<'static>> {
    [(Lang::EN, EN), (Lang::RU, RU), (Lang::UK, UK)]
        .iter()
        .enumerate()
        .map(|(v, (lang, words))| {
            let sentences: Vec<String> = ids
                .iter()
                .enumerate()
                .filter(|&(n, _)| !drop[v](n))
                .map(|(_, &id)| render(words, id))
                .collect();
            let paras = vec![0; sentences.len()];
            Document::from_sentences(*lang, sentences, paras)
        })
        .collect()
}

/// The units partition every version in order, the links lie inside units, and no unit
/// holds more than `max` sentences of a version. Returns the largest unit's size.
fn check(al: &Alignment, docs: &[Document], max: usize) -> Result<usize, TestCaseError> {
    let count = docs.len();
    let mut cursor = vec![0usize; count];
    let mut unit_of: Vec<Vec<usize>> = docs.iter().map(|d| vec![usize::MAX; d.len()]).collect();
    let mut largest = 0;
    for (u, unit) in al.units.iter().enumerate() {
        prop_assert!(
            unit.groups.iter().any(|g| !g.is_empty()),
            "unit {} is empty",
            u
        );
        for (k, g) in unit.groups.iter().enumerate() {
            prop_assert_eq!(
                g.start,
                cursor[k],
                "unit {} {:?}: version {} out of order",
                u,
                unit,
                k
            );
            cursor[k] = g.end;
            largest = largest.max(g.len());
            prop_assert!(
                g.len() <= max,
                "unit {} {:?} is larger than {}",
                u,
                unit,
                max
            );
            for x in g.clone() {
                unit_of[k][x] = u;
            }
        }
    }
    for (k, d) in docs.iter().enumerate() {
        prop_assert_eq!(cursor[k], d.len(), "version {} not covered", k);
    }
    for p in &al.pairs {
        let (mut x, mut y) = (0, 0);
        for l in &p.links {
            prop_assert_eq!(
                (l.src.start, l.tgt.start),
                (x, y),
                "pair {}-{} out of order",
                p.a,
                p.b
            );
            x = l.src.end;
            y = l.tgt.end;
            let u = l
                .src
                .clone()
                .map(|s| unit_of[p.a][s])
                .chain(l.tgt.clone().map(|t| unit_of[p.b][t]));
            let us: Vec<usize> = u.collect();
            prop_assert!(
                us.windows(2).all(|w| w[0] == w[1]),
                "link {:?} crosses units",
                l
            );
        }
        prop_assert_eq!(
            (x, y),
            (docs[p.a].len(), docs[p.b].len()),
            "pair {}-{} not covered",
            p.a,
            p.b
        );
    }
    Ok(largest)
}

/// A long source: passages of fresh sentences and repeats of earlier passages.
fn long_source() -> impl Strategy<Value = Vec<u64>> {
    (2000usize..3000, any::<u64>()).prop_map(|(n, seed)| {
        let mut ids: Vec<u64> = Vec::with_capacity(n);
        let mut h = seed | 1;
        let mut next = 0u64;
        while ids.len() < n {
            h ^= h << 13;
            h ^= h >> 7;
            h ^= h << 17;
            let len = 20 + (h % 200) as usize;
            if ids.len() > 400 && h % 3 == 0 {
                // Repeat an earlier passage word for word.
                let from = (h >> 20) as usize % (ids.len() - len.min(ids.len()));
                let passage: Vec<u64> = ids[from..from + len.min(ids.len() - from)].to_vec();
                ids.extend(passage);
            } else {
                ids.extend(next..next + len as u64);
                next += len as u64;
            }
        }
        ids.truncate(n);
        ids
    })
}

proptest! {
    #![proptest_config(Config { cases: 4, failure_persistence: None, ..Config::default() })]

    #[test]
    fn long_three_version_units_stay_small(ids in long_source(), seed in any::<u64>()) {
        // Each version leaves out about one sentence in 60, each at its own places.
        let omit = |v: u64| move |n: usize| (n as u64 ^ seed.rotate_left(v as u32 * 21)).wrapping_mul(0x2545_F491_4F6C_DD1D) % 60 == v;
        let (o0, o1, o2) = (omit(0), omit(1), omit(2));
        let docs = versions(&ids, [&o0, &o1, &o2]);
        let al = Aligner::default().align(&docs).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check(&al, &docs, MAX_UNIT)?;
    }
}

/// `len` source sentences; the Ukrainian version has `extra` sentences of its own
/// inside, from sentence `at`.
fn with_insertion(len: usize, at: usize, extra: usize) -> Vec<Document<'static>> {
    let ids: Vec<u64> = (0..len as u64).collect();
    let mut docs = versions(&ids, [&|_| false, &|_| false, &|_| false]);
    let uk: Vec<String> = (0..len + extra)
        .map(|n| {
            if (at..at + extra).contains(&n) {
                format!("Додаток {n}: окремий абзац лише цієї версії про погоду.")
            } else if n < at {
                render(UK, n as u64)
            } else {
                render(UK, (n - extra) as u64)
            }
        })
        .collect();
    docs[2] = Document::from_sentences(Lang::UK, uk, vec![0; len + extra]);
    docs
}

/// How many of the inserted sentences (`at..at + extra` of the Ukrainian version) are
/// units without English or Russian.
fn standing_alone(al: &Alignment, at: usize, extra: usize) -> usize {
    al.units
        .iter()
        .filter(|u| {
            u.groups[0].is_empty()
                && u.groups[1].is_empty()
                && (at..at + extra).contains(&u.groups[2].start)
        })
        .count()
}

#[test]
fn long_one_sided_insertion_keeps_units_small() {
    let docs = with_insertion(3000, 1500, 400);
    let al = Aligner::default().align(&docs).unwrap();
    check(&al, &docs, MAX_UNIT).unwrap();
}

/// The banded search finds a 400-sentence insertion (50 times its radius) that its coarse
/// levels spread over a long run of 1-2 and 1-3 links: the band is widened where the
/// coarse path drifts, and the inserted sentences stand alone as the full search has them.
#[test]
fn long_one_sided_insertion_stays_units_of_its_own() {
    let docs = with_insertion(3000, 1500, 400);
    let al = Aligner::default().align(&docs).unwrap();
    let alone = standing_alone(&al, 1500, 400);
    assert!(
        alone >= 390,
        "only {alone} of the 400 inserted sentences stand alone"
    );
}

/// The same in a document long enough to be searched in parallel pieces (no piece may
/// be cut inside the drift).
#[test]
fn long_insertion_in_a_document_searched_in_pieces() {
    let docs = with_insertion(12_000, 7_000, 600);
    let al = Aligner::default().align(&docs).unwrap();
    check(&al, &docs, MAX_UNIT).unwrap();
    let alone = standing_alone(&al, 7_000, 600);
    assert!(
        alone >= 585,
        "only {alone} of the 600 inserted sentences stand alone"
    );
}

#[test]
fn repeated_article_keeps_the_units_of_one_copy() {
    // A 300-sentence article with omissions in each version, repeated 40 times.
    let article: Vec<u64> = (0..300).collect();
    let ids: Vec<u64> = (0..40).flat_map(|_| article.iter().copied()).collect();
    let drop = |v: usize| move |n: usize| (n % 300) % 37 == 5 + v * 11;
    let (d0, d1, d2) = (drop(0), drop(1), drop(2));
    let one = versions(&article, [&d0, &d1, &d2]);
    let docs = versions(&ids, [&d0, &d1, &d2]);
    let single = Aligner::default().align(&one).unwrap();
    let long = Aligner::default().align(&docs).unwrap();
    check(&long, &docs, MAX_UNIT).unwrap();
    let expected = single.units.len() * 40;
    let got = long.units.len();
    assert!(
        got.abs_diff(expected) * 100 <= expected,
        "{got} units, the single article's {} × 40 = {expected}",
        single.units.len()
    );
}
