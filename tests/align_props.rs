//! Property tests of the aligner's invariants, for English, Russian, Ukrainian and a
//! language with generic rules (German).
//!
//! - `Aligner::align_pair`: the links cover every sentence of both sides exactly once, in
//!   order; no link is empty on both sides; every link type is allowed; scores are finite
//!   and in [0, 1].
//! - `Aligner::align`: the units partition every version's sentences in order, no unit is
//!   empty in all versions, every pairwise alignment covers both sides in order, and every
//!   pairwise link lies inside one unit.
//! - Coarse to fine (a small `full_dp_cells`): still a cover in order; and on documents
//!   that are translations of each other with 1-1 structure, the banded search finds the
//!   same links as the full dynamic programme.
//! - `parse_link_types`: round trip and rejections.
//!
//! Documents are built from words, numbers (`84,000`, `84 тыс.`), names in Latin and
//! Cyrillic and punctuation, with non-decreasing paragraph numbers; the mix includes empty
//! documents, one side empty, 1 sentence against 200, and identical texts.

mod common;
use common::{cases, generic_lang, proptest_config};

use std::ops::Range;

use polyalign::align::{parse_link_types, AlignConfig, AlignError, Aligner, Document, Link};
use polyalign::lang::Lang;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Cases per property: 128, or `PROPTEST_CASES` from the environment for longer hunts.
const CASES: u32 = 128;

// ---------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------

const LATIN_WORDS: &[&str] = &[
    "the",
    "bridge",
    "opened",
    "city",
    "government",
    "said",
    "on",
    "a",
    "of",
    "international",
    "minister",
    "traffic",
    "about",
    "vehicles",
    "day",
    "Wednesday",
    "construction",
    "harbour",
    "und",
    "die",
    "Brücke",
    "wurde",
    "eröffnet",
    "Stadt",
    "it",
    "was",
    "x",
];

const CYRILLIC_WORDS: &[&str] = &[
    "мост",
    "открылся",
    "город",
    "правительство",
    "заявил",
    "в",
    "на",
    "около",
    "автомобилей",
    "сутки",
    "среду",
    "строительства",
    "міст",
    "відкрився",
    "місто",
    "уряд",
    "заявив",
    "у",
    "близько",
    "автомобілів",
    "добу",
    "будівництва",
    "і",
    "ї",
    "є",
    "т. е.",
];

const NUMBERS: &[&str] = &[
    "84,000",
    "84 000",
    "84 тыс.",
    "84 тис.",
    "1.5",
    "1,5",
    "2025",
    "26 марта",
    "26 березня",
    "March 26",
    "$2.3 million",
    "2,3 млн",
    "18%",
    "7:55",
    "26.03.2025",
    "2010–2012",
    "F-16",
    "COVID-19",
    "4th",
    "0",
    "1",
    "12",
    "007",
    "3/4/2025",
];

const NAMES: &[&str] = &[
    "Kowalski",
    "Ковальски",
    "Ковальскі",
    "Anna",
    "Анна",
    "Nordhaven",
    "Нордхавен",
    "Нордгавен",
    "CECOT",
    "Bukele",
    "Букеле",
    "Noem",
    "Ноэм",
    "Zelensky",
    "Зеленский",
    "Зеленський",
    "NATO",
    "НАТО",
    "Н. Букеле",
    "U.S.",
];

const PUNCT: &[&str] = &[
    ",",
    ";",
    ":",
    "\"",
    "«",
    "»",
    "“",
    "”",
    "(",
    ")",
    "—",
    "–",
    "-",
    "...",
    "?",
    "!",
    "'",
    "Read also:",
    "Читайте также:",
    "Читайте також:",
];

const ENDINGS: &[&str] = &[".", ".", ".", "?", "!", "", "...", "»."];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => prop::sample::select(LATIN_WORDS),
        5 => prop::sample::select(CYRILLIC_WORDS),
        2 => prop::sample::select(NUMBERS),
        2 => prop::sample::select(NAMES),
        2 => prop::sample::select(PUNCT),
    ]
    .prop_map(str::to_string)
}

/// A sentence: 1 to 12 tokens and an ending (an empty or blank sentence now and then).
fn sentence() -> impl Strategy<Value = String> {
    prop_oneof![
        30 => (prop::collection::vec(token(), 1..13), prop::sample::select(ENDINGS))
            .prop_map(|(words, end)| format!("{}{}", words.join(" "), end)),
        1 => prop::sample::select(&["", " ", "\u{a0}", "."][..]).prop_map(str::to_string),
    ]
}

fn lang() -> impl Strategy<Value = Lang> {
    prop::sample::select(vec![Lang::EN, Lang::RU, Lang::UK, generic_lang()])
}

/// Non-decreasing paragraph numbers for `n` sentences; sometimes shorter than `n`
/// (`Document::from_sentences` fills in the rest).
fn paragraphs(n: usize) -> impl Strategy<Value = Vec<usize>> {
    (
        prop::collection::vec(
            prop_oneof![3 => Just(0usize), 2 => Just(1usize), 1 => 2..5usize],
            n,
        ),
        0..4usize,
        prop::bool::weighted(0.1),
    )
        .prop_map(move |(steps, start, short)| {
            let mut p = start;
            let mut out: Vec<usize> = steps
                .iter()
                .map(|s| {
                    p += s;
                    p
                })
                .collect();
            if short {
                out.truncate(n / 2);
            }
            out
        })
}

fn document_with(lang: Lang, sentences: Vec<String>) -> impl Strategy<Value = Document<'static>> {
    let n = sentences.len();
    paragraphs(n).prop_map(move |p| Document::from_sentences(lang, sentences.clone(), p))
}

/// 0 to 60 sentences, mostly few: the aligner is quadratic on small documents and the
/// tests run in debug builds.
fn sentences() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        7 => prop::collection::vec(sentence(), 0..=10),
        2 => prop::collection::vec(sentence(), 11..=25),
        1 => prop::collection::vec(sentence(), 26..=60),
    ]
}

/// One random document: 0 to 60 sentences, now and then empty or a single one.
fn document() -> impl Strategy<Value = Document<'static>> {
    let sents = prop_oneof![
        12 => sentences(),
        2 => Just(Vec::new()),
        1 => prop::collection::vec(sentence(), 1..=1),
    ];
    (lang(), sents).prop_flat_map(|(l, s)| document_with(l, s))
}

/// `count` versions: independent random ones, or the special shapes (identical texts, one
/// empty side, 1 against 200).
fn documents(count: usize) -> impl Strategy<Value = Vec<Document<'static>>> {
    let independent = prop::collection::vec(document(), count);
    let identical =
        (sentences(), prop::collection::vec(lang(), count)).prop_flat_map(|(s, langs)| {
            langs
                .into_iter()
                .map(|l| document_with(l, s.clone()))
                .collect::<Vec<_>>()
        });
    let one_empty =
        (prop::collection::vec(document(), count), 0..count).prop_map(|(mut docs, k)| {
            docs[k] = Document::from_sentences(docs[k].lang, Vec::new(), Vec::new());
            docs
        });
    // One sentence, 200 sentences, and (with three versions) a short third one.
    let one_vs_200 = (
        prop::collection::vec(lang(), count),
        sentence(),
        prop::collection::vec(sentence(), 200),
        prop::collection::vec(sentence(), 0..=3),
    )
        .prop_flat_map(|(langs, one, many, few)| {
            langs
                .into_iter()
                .enumerate()
                .map(|(k, l)| {
                    let s = match k {
                        0 => vec![one.clone()],
                        1 => many.clone(),
                        _ => few.clone(),
                    };
                    document_with(l, s)
                })
                .collect::<Vec<_>>()
        });
    let all_empty = prop::collection::vec(lang(), count).prop_map(|langs| {
        langs
            .into_iter()
            .map(|l| Document::from_sentences(l, Vec::new(), Vec::new()))
            .collect::<Vec<_>>()
    });
    prop_oneof![
        10 => independent,
        3 => identical,
        2 => one_empty,
        1 => one_vs_200,
        1 => all_empty,
    ]
}

// ---------------------------------------------------------------------------------------
// Simulated translations with 1-1 structure
// ---------------------------------------------------------------------------------------

/// (English, Russian) counterparts; a Russian "translation" replaces each token by its
/// counterpart and reverses the word order of every sentence.
const LEXICON: &[(&str, &str)] = &[
    ("the", "этот"),
    ("bridge", "мост"),
    ("opened", "открылся"),
    ("city", "город"),
    ("government", "правительство"),
    ("said", "заявил"),
    ("on", "на"),
    ("about", "около"),
    ("vehicles", "автомобилей"),
    ("day", "сутки"),
    ("construction", "строительство"),
    ("harbour", "гавань"),
    ("residents", "жители"),
    ("gathered", "собрались"),
    ("despite", "несмотря"),
    ("rain", "дождь"),
    ("84,000", "84 тыс."),
    ("1.5", "1,5"),
    ("2025", "2025"),
    ("18%", "18%"),
    ("$2.3 million", "2,3 млн долларов"),
    ("7:55", "7:55"),
    ("Kowalski", "Ковальски"),
    ("Anna", "Анна"),
    ("Nordhaven", "Нордхавен"),
    ("CECOT", "CECOT"),
    ("Bukele", "Букеле"),
    ("NATO", "НАТО"),
    ("Holm", "Хольм"),
];

fn translation_pair() -> impl Strategy<Value = (Document<'static>, Document<'static>)> {
    let sentence = || prop::collection::vec(0..LEXICON.len(), 3..12);
    let sents = prop_oneof![
        12 => prop::collection::vec(sentence(), 1..=16),
        4 => prop::collection::vec(sentence(), 17..=30),
        1 => prop::collection::vec(sentence(), 31..=60),
    ];
    sents.prop_flat_map(|sents| {
        let en: Vec<String> = sents
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.iter().map(|&k| LEXICON[k].0).collect();
                format!("{}.", words.join(" "))
            })
            .collect();
        let ru: Vec<String> = sents
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.iter().rev().map(|&k| LEXICON[k].1).collect();
                format!("{}.", words.join(" "))
            })
            .collect();
        // The same paragraphs on both sides.
        paragraphs(en.len()).prop_map(move |p| {
            (
                Document::from_sentences(Lang::EN, en.clone(), p.clone()),
                Document::from_sentences(Lang::RU, ru.clone(), p),
            )
        })
    })
}

/// Distinct sentences with strong anchors (four numbers, names): the aligner links equal
/// ones and leaves others unlinked rather than pairing them.
fn anchored(k: usize) -> String {
    const NAMES: &[&str] = &[
        "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
        "Juliet", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra",
        "Tango",
    ];
    let n = |i: usize| NAMES[(k * 3 + i) % NAMES.len()];
    format!(
        "{} {} and {} paid {} dollars, {} euros and {} pounds to {}.",
        n(0),
        n(1),
        n(2),
        100 + 7 * k,
        200 + 11 * k,
        300 + 13 * k,
        n(3)
    )
}

/// Three versions drawn from one pool of anchored sentences: each keeps a random subset,
/// and some swap neighbours (local reordering, as editors do).
fn reordered_versions() -> impl Strategy<Value = Vec<Document<'static>>> {
    let version = (
        prop::collection::vec(prop::bool::weighted(0.7), 6),
        prop::collection::vec(prop::bool::weighted(0.3), 6),
    );
    prop::collection::vec(version, 3).prop_map(|vs| {
        vs.into_iter()
            .map(|(keep, swap)| {
                let mut ids: Vec<usize> = (0..6).filter(|&i| keep[i]).collect();
                let last = ids.len().saturating_sub(1);
                for (i, _) in swap.iter().enumerate().take(last).filter(|(_, &s)| s) {
                    ids.swap(i, i + 1);
                }
                let s: Vec<String> = ids.into_iter().map(anchored).collect();
                Document::from_sentences(Lang::EN, s, Vec::new())
            })
            .collect()
    })
}

// ---------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------

fn check_score(score: f64, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        score.is_finite() && (0.0..=1.0).contains(&score),
        "{what}: score {score} is not in [0, 1]"
    );
    Ok(())
}

/// Links of a pair: a cover of both sides, in order, with allowed types and valid scores.
/// `types` is `None` when any type may appear (the documented fallback when no path of
/// allowed types exists).
fn check_links(
    links: &[Link],
    n: usize,
    m: usize,
    types: Option<&[(usize, usize)]>,
) -> Result<(), TestCaseError> {
    let (mut i, mut j) = (0, 0);
    for (k, l) in links.iter().enumerate() {
        prop_assert_eq!(
            l.src.start,
            i,
            "link {} {:?}: src does not continue at {}",
            k,
            l,
            i
        );
        prop_assert_eq!(
            l.tgt.start,
            j,
            "link {} {:?}: tgt does not continue at {}",
            k,
            l,
            j
        );
        prop_assert!(
            l.src.start <= l.src.end && l.tgt.start <= l.tgt.end,
            "link {} {:?}: reversed range",
            k,
            l
        );
        prop_assert!(
            !(l.src.is_empty() && l.tgt.is_empty()),
            "link {} {:?} is empty on both sides",
            k,
            l
        );
        if let Some(types) = types {
            prop_assert!(
                types.contains(&(l.src.len(), l.tgt.len())),
                "link {} {:?} has type {} that is not allowed",
                k,
                l,
                l.kind()
            );
        }
        check_score(l.score, &format!("link {k} {l:?}"))?;
        i = l.src.end;
        j = l.tgt.end;
    }
    prop_assert_eq!(i, n, "src ranges end at {} of {}", i, n);
    prop_assert_eq!(j, m, "tgt ranges end at {} of {}", j, m);
    Ok(())
}

/// The full `align` invariants.
fn check_alignment(
    aligner: &Aligner,
    docs: &[Document],
) -> Result<polyalign::align::Alignment, TestCaseError> {
    let al = aligner
        .align(docs)
        .map_err(|e| TestCaseError::fail(format!("align failed: {e}")))?;
    let count = docs.len();
    prop_assert_eq!(al.langs.len(), count);
    for (l, d) in al.langs.iter().zip(docs) {
        prop_assert_eq!(*l, d.lang);
    }
    // Units partition every version, in order.
    let mut cursor = vec![0usize; count];
    for (u, unit) in al.units.iter().enumerate() {
        prop_assert_eq!(
            unit.groups.len(),
            count,
            "unit {} has a wrong number of groups",
            u
        );
        prop_assert!(
            unit.groups.iter().any(|g| !g.is_empty()),
            "unit {} {:?} is empty in every version",
            u,
            unit
        );
        check_score(unit.score, &format!("unit {u}"))?;
        for (k, g) in unit.groups.iter().enumerate() {
            prop_assert_eq!(
                g.start,
                cursor[k],
                "unit {} {:?}: version {} does not continue at {}",
                u,
                unit,
                k,
                cursor[k]
            );
            prop_assert!(g.start <= g.end);
            cursor[k] = g.end;
        }
    }
    for (k, d) in docs.iter().enumerate() {
        prop_assert_eq!(
            cursor[k],
            d.len(),
            "units of version {} end at {} of {}",
            k,
            cursor[k],
            d.len()
        );
    }
    // Every pair, a < b, once.
    let mut want: Vec<(usize, usize)> = Vec::new();
    for a in 0..count {
        for b in a + 1..count {
            want.push((a, b));
        }
    }
    let mut got: Vec<(usize, usize)> = al.pairs.iter().map(|p| (p.a, p.b)).collect();
    got.sort_unstable();
    prop_assert_eq!(got, want, "pairs");
    // The unit of each sentence of each version.
    let unit_of: Vec<Vec<usize>> = (0..count)
        .map(|k| {
            let mut v = vec![usize::MAX; docs[k].len()];
            for (u, unit) in al.units.iter().enumerate() {
                for x in unit.groups[k].clone() {
                    v[x] = u;
                }
            }
            v
        })
        .collect();
    let types = aligner.config().link_types.clone();
    for p in &al.pairs {
        check_links(&p.links, docs[p.a].len(), docs[p.b].len(), Some(&types))?;
        for l in &p.links {
            let u = match (l.src.clone().next(), l.tgt.clone().next()) {
                (Some(x), _) => unit_of[p.a][x],
                (None, Some(y)) => unit_of[p.b][y],
                (None, None) => unreachable!("checked above"),
            };
            let inside = |k: usize, r: &Range<usize>| r.clone().all(|x| unit_of[k][x] == u);
            prop_assert!(
                inside(p.a, &l.src) && inside(p.b, &l.tgt),
                "pair {}-{} link {:?} crosses a unit boundary (unit {} = {:?})",
                p.a,
                p.b,
                l,
                u,
                al.units[u]
            );
        }
    }
    // `links(b, a)` is the mirror of `links(a, b)`.
    if count >= 2 {
        let ab = al.links(0, 1).unwrap_or_default();
        let ba = al.links(1, 0).unwrap_or_default();
        prop_assert_eq!(ab.len(), ba.len());
        for (x, y) in ab.iter().zip(&ba) {
            prop_assert_eq!(&x.src, &y.tgt);
            prop_assert_eq!(&x.tgt, &y.src);
        }
    }
    Ok(al)
}

fn banded_config() -> AlignConfig {
    let mut c = AlignConfig::default();
    c.full_dp_cells = 50;
    c.band_radius = 4;
    c
}

fn full_config() -> AlignConfig {
    let mut c = AlignConfig::default();
    c.full_dp_cells = usize::MAX;
    c
}

fn show(docs: &[Document]) -> String {
    docs.iter()
        .map(|d| {
            format!(
                "{} {} sentences {:?} paragraphs {:?}",
                d.lang,
                d.len(),
                d.sentences().collect::<Vec<_>>(),
                d.paragraphs().collect::<Vec<_>>()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(proptest_config(cases(CASES)))]

    #[test]
    fn pair_links_cover_both_sides_in_order(docs in documents(2)) {
        let aligner = Aligner::default();
        let links = aligner.align_pair(&docs[0], &docs[1]).expect("default config is valid");
        let types = aligner.config().link_types.clone();
        check_links(&links, docs[0].len(), docs[1].len(), Some(&types))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{}", show(&docs))))?;
    }

    #[test]
    fn units_partition_two_versions(docs in documents(2)) {
        check_alignment(&Aligner::default(), &docs)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{}", show(&docs))))?;
    }

    #[test]
    fn units_partition_three_versions(docs in documents(3), pivot in 0..3usize) {
        let mut c = AlignConfig::default();
        c.pivot = pivot;
        check_alignment(&Aligner::new(c), &docs)
            .map_err(|e| TestCaseError::fail(format!("pivot {pivot}: {e}\n{}", show(&docs))))?;
    }

    #[test]
    fn coarse_to_fine_still_covers_in_order(docs in prop_oneof![documents(2), documents(3)]) {
        // `check_alignment` checks the pairwise links too (the same search as `align_pair`).
        let aligner = Aligner::new(banded_config());
        check_alignment(&aligner, &docs)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{}", show(&docs))))?;
    }

    #[test]
    fn banded_equals_full_on_one_to_one_translations((en, ru) in translation_pair()) {
        let banded = Aligner::new(banded_config()).align_pair(&en, &ru).expect("valid config");
        let full = Aligner::new(full_config()).align_pair(&en, &ru).expect("valid config");
        let docs = [en, ru];
        check_links(&banded, docs[0].len(), docs[1].len(), None)?;
        prop_assert_eq!(&banded, &full, "banded and full DP differ\n{}", show(&docs));
    }

    #[test]
    fn link_types_round_trip(
        types in prop::collection::vec(
            prop_oneof![4 => (0..5usize, 0..5usize), 1 => (any::<usize>(), any::<usize>())],
            1..10,
        ),
        spaces in prop::collection::vec(prop::sample::select(&["", " ", "  ", "\t"][..]), 2),
    ) {
        let text = types
            .iter()
            .map(|(a, b)| format!("{}{a}-{b}{}", spaces[0], spaces[1]))
            .collect::<Vec<_>>()
            .join(",");
        prop_assert_eq!(parse_link_types(&text), Ok(types.clone()), "{:?}", text);
    }

    #[test]
    fn link_types_reject_garbage(
        good in prop::collection::vec((0..5usize, 0..5usize), 0..4),
        bad in prop::sample::select(&[
            "", "1", "11", "1-", "-1", "1--1", "1-x", "x-1", "a-b", "1-1-1", "1 - 1", "1_1",
            "1–1", "1-0x", "١-١", "99999999999999999999999-1",
        ][..]),
        at in 0..4usize,
    ) {
        let mut parts: Vec<String> = good.iter().map(|(a, b)| format!("{a}-{b}")).collect();
        parts.insert(at.min(parts.len()), bad.to_string());
        let text = parts.join(",");
        prop_assert!(
            matches!(parse_link_types(&text), Err(AlignError::BadLinkTypes(_))),
            "{:?} was accepted: {:?}",
            text,
            parse_link_types(&text)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Fixed cases
// ---------------------------------------------------------------------------------------

fn doc(lang: Lang, sentences: &[&str]) -> Document<'static> {
    Document::from_sentences(
        lang,
        sentences.iter().map(|s| s.to_string()).collect(),
        Vec::new(),
    )
}

#[test]
fn empty_documents_give_no_links_and_no_units() {
    let a = doc(Lang::EN, &[]);
    let b = doc(Lang::RU, &[]);
    assert!(Aligner::default().align_pair(&a, &b).unwrap().is_empty());
    let al = Aligner::default().align(&[a.clone(), b, a]).unwrap();
    assert!(al.units.is_empty());
    assert_eq!(al.pairs.len(), 3);
    assert!(al.pairs.iter().all(|p| p.links.is_empty()));
}

#[test]
fn one_empty_side_leaves_every_sentence_unlinked() {
    let a = doc(Lang::EN, &["One.", "Two 84,000.", "Three Kowalski."]);
    let b = doc(Lang::UK, &[]);
    let links = Aligner::default().align_pair(&a, &b).unwrap();
    assert_eq!(
        links
            .iter()
            .map(|l| (l.src.clone(), l.tgt.clone()))
            .collect::<Vec<_>>(),
        vec![(0..1, 0..0), (1..2, 0..0), (2..3, 0..0)]
    );
    let links = Aligner::default().align_pair(&b, &a).unwrap();
    assert_eq!(links.len(), 3);
    assert!(links.iter().all(|l| l.src.is_empty() && l.tgt.len() == 1));
}

#[test]
fn identical_texts_align_one_to_one() {
    let s = [
        "The Harbour Bridge in Nordhaven opened on Wednesday.",
        "It carries 84,000 vehicles a day.",
        "Mayor Anna Kowalski spoke.",
        "\"Welcome!\"",
        "Residents gathered despite the rain.",
    ];
    let docs = [doc(Lang::EN, &s), doc(Lang::EN, &s), doc(Lang::EN, &s)];
    let al = Aligner::default().align(&docs).unwrap();
    assert_eq!(al.units.len(), s.len());
    for (k, u) in al.units.iter().enumerate() {
        assert_eq!(u.groups, vec![k..k + 1; 3]);
    }
}

#[test]
fn aligner_errors() {
    let a = doc(Lang::EN, &["One."]);
    let b = doc(Lang::RU, &["Один."]);
    assert_eq!(
        Aligner::default()
            .align(std::slice::from_ref(&a))
            .unwrap_err(),
        AlignError::TooFewDocuments(1)
    );
    assert_eq!(
        Aligner::default().align(&[]).unwrap_err(),
        AlignError::TooFewDocuments(0)
    );
    let mut c = AlignConfig::default();
    c.pivot = 2;
    assert_eq!(
        Aligner::new(c).align(&[a.clone(), b.clone()]).unwrap_err(),
        AlignError::BadPivot { pivot: 2, count: 2 }
    );
    for types in ["1-0,0-1", "1-1,0-0", "1-1,5-1", "1-1,1-5", "9-9"] {
        let mut c = AlignConfig::default();
        c.link_types = parse_link_types(types).unwrap();
        let aligner = Aligner::new(c);
        assert!(
            matches!(aligner.align_pair(&a, &b), Err(AlignError::BadLinkTypes(_))),
            "{types}"
        );
        assert!(
            matches!(
                aligner.align(&[a.clone(), b.clone()]),
                Err(AlignError::BadLinkTypes(_))
            ),
            "{types}"
        );
    }
}

#[test]
fn link_types_parse_examples() {
    assert_eq!(parse_link_types("1-1").unwrap(), vec![(1, 1)]);
    assert_eq!(
        parse_link_types("1-1,1-0,0-1,2-1").unwrap(),
        vec![(1, 1), (1, 0), (0, 1), (2, 1)]
    );
    assert_eq!(
        parse_link_types(" 1-1 , 2-2 ").unwrap(),
        vec![(1, 1), (2, 2)]
    );
    for bad in ["", ",", "1-1,", ",1-1", "9-x", "1", "1-1;2-2"] {
        assert!(parse_link_types(bad).is_err(), "{bad:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Regression: pairwise orders that form a cycle across three versions
// ---------------------------------------------------------------------------------------

/// What broke: units out of order when the pairwise orders form a cycle. Version 0 has
/// X Y, version 1 Y Z, version 2 Z X. Each pair links its one shared sentence and leaves
/// the others 1-0 / 0-1, so the units are {x0, x2}, {y0, y1}, {z1, z2}: contiguous in
/// every version and in the same order in every *pair*, so the unit builder merges
/// nothing, but X < Y (v0), Y < Z (v1), Z < X (v2) is a cycle. The global ordering found
/// no ready unit and fell back to the first remaining one, which yielded units such as
/// `[0..1, 0..0, 1..2]` then `[2..2, 1..2, 0..1]`: not a partition in order (version 2
/// went backwards). Fixed by merging the units at the head of every version when none is
/// ready and re-running the merge loop (`src/align/multi.rs`);
/// `units_partition_with_reordered_versions` below is the property that found it.
#[test]
fn regression_pairwise_order_cycle_put_units_out_of_order() {
    let x = "Alpha Bravo and Charlie paid 111 dollars, 222 euros, 333 pounds and 444 francs to Delta Echo Foxtrot.";
    let y = "Golf Hotel and India counted 555 boats, 666 cars, 777 trains and 888 planes near Juliet Kilo Lima.";
    let z = "Mike November and Oscar sold 123 apples, 234 pears, 345 plums and 456 figs to Papa Quebec Romeo.";
    let docs = [
        doc(Lang::EN, &[x, y]),
        doc(Lang::EN, &[y, z]),
        doc(Lang::EN, &[z, x]),
    ];
    let al = Aligner::default().align(&docs).unwrap();
    let mut cursor = [0usize; 3];
    for u in &al.units {
        for (k, g) in u.groups.iter().enumerate() {
            assert_eq!(g.start, cursor[k], "units {:?}", al.units);
            cursor[k] = g.end;
        }
    }
    assert_eq!(cursor, [2, 2, 2], "units {:?}", al.units);
}

proptest! {
    #![proptest_config(proptest_config(cases(CASES).max(3000)))]

    /// Three versions from one pool of sentences, each dropping some and swapping some
    /// neighbours: pairwise orders can form cycles, which the unit builder must repair.
    #[test]
    fn units_partition_with_reordered_versions(docs in reordered_versions()) {
        check_alignment(&Aligner::default(), &docs)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{}", show(&docs))))?;
    }
}
