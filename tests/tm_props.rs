//! The translation memory's index against a scan of every unit, and the ranking of edited
//! sentences, on memories made from the bundled sample article.
//!
//! - `indexed_lookup_equals_a_full_scan`: thousands of random queries (edited sentences,
//!   word salad, fragments) at random thresholds; the indexed lookup must return exactly
//!   the matches of `lookup_exhaustive`, which scores every unit.
//! - `edited_sentences_find_their_unit`: a sentence with one or two words changed, a
//!   number changed or a word inserted finds its own unit first.

mod common;
use common::repo_path;

use polyalign::lang::Lang;
use polyalign::segment::Segmenter;
use polyalign::tm::{LookupConfig, TranslationMemory};
use polyalign::tmx::Tu;

/// xorshift64*: a small seeded generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn sentences(lang: Lang) -> Vec<String> {
    let path = repo_path(&format!("samples/harbour-bridge.{}.txt", lang.code()));
    let text = std::fs::read_to_string(path).expect("the samples are part of the repository");
    Segmenter::new(lang)
        .split(&text)
        .into_iter()
        .map(String::from)
        .collect()
}

/// One random edit of a sentence's words: replace, drop, insert, swap, or change a number.
fn edit(rng: &mut Rng, words: &mut Vec<String>, vocab: &[String]) {
    if words.is_empty() {
        words.push(rng.pick(vocab).clone());
        return;
    }
    let i = rng.below(words.len());
    match rng.below(5) {
        0 => words[i] = rng.pick(vocab).clone(),
        1 if words.len() > 1 => {
            words.remove(i);
        }
        2 => words.insert(i, rng.pick(vocab).clone()),
        3 if i + 1 < words.len() => words.swap(i, i + 1),
        _ => {
            let n = rng.below(3000).to_string();
            match words
                .iter()
                .position(|w| w.bytes().any(|b| b.is_ascii_digit()))
            {
                Some(k) => words[k] = n,
                None => words[i] = n,
            }
        }
    }
}

fn variant(rng: &mut Rng, s: &str, edits: usize, vocab: &[String]) -> String {
    let mut words: Vec<String> = s.split_whitespace().map(String::from).collect();
    for _ in 0..edits {
        edit(rng, &mut words, vocab);
    }
    let mut out = words.join(" ");
    if rng.below(4) == 0 {
        out = out.to_uppercase();
    }
    out
}

fn vocabulary(sentences: &[String]) -> Vec<String> {
    let mut v: Vec<String> = sentences
        .iter()
        .flat_map(|s| s.split_whitespace().map(String::from))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// A memory of `n` trilingual units, each language a variant of a sample sentence.
fn memory(rng: &mut Rng, n: usize) -> (TranslationMemory, Vec<Vec<String>>) {
    let langs = [Lang::EN, Lang::RU, Lang::UK];
    let sents: Vec<Vec<String>> = langs.iter().map(|&l| sentences(l)).collect();
    let vocabs: Vec<Vec<String>> = sents.iter().map(|s| vocabulary(s)).collect();
    let mut tm = TranslationMemory::new();
    for _ in 0..n {
        let mut tu = Tu::new();
        for (k, lang) in langs.iter().enumerate() {
            // Some units lack a language, so that the target filter is exercised.
            if rng.below(10) == 0 && k > 0 {
                continue;
            }
            let s = rng.pick(&sents[k]).clone();
            let edits = rng.below(5);
            tu = tu.with_variant(lang.code(), variant(rng, &s, edits, &vocabs[k]));
        }
        tm.add(&tu, "generated.tmx");
    }
    (tm, sents)
}

#[test]
fn indexed_lookup_equals_a_full_scan() {
    let mut rng = Rng(0x005E_ED0F_7A11);
    let (tm, sents) = memory(&mut rng, 2000);
    let vocabs: Vec<Vec<String>> = sents.iter().map(|s| vocabulary(s)).collect();
    let pairs = [
        (0, Lang::EN, Lang::RU),
        (1, Lang::RU, Lang::UK),
        (2, Lang::UK, Lang::EN),
    ];
    let mut compared = 0;
    let mut with_matches = 0;
    for i in 0..2000 {
        let &(k, from, to) = rng.pick(&pairs);
        let query = match rng.below(10) {
            // Word salad.
            0 => (0..1 + rng.below(12))
                .map(|_| rng.pick(&vocabs[k]).as_str())
                .collect::<Vec<_>>()
                .join(" "),
            // A fragment of a sentence.
            1 => {
                let s = rng.pick(&sents[k]);
                let words: Vec<&str> = s.split_whitespace().collect();
                let a = rng.below(words.len());
                let b = a + 1 + rng.below(words.len() - a);
                words[a..b].join(" ")
            }
            _ => {
                let s = rng.pick(&sents[k]).clone();
                let edits = rng.below(7);
                variant(&mut rng, &s, edits, &vocabs[k])
            }
        };
        // Every match at or above the threshold, or the top few (also at thresholds so
        // low that most of the memory matches).
        let (min, max) = if i % 2 == 0 {
            (
                *rng.pick(&[50u8, 60, 70, 75, 80, 85, 90, 95, 99, 100]),
                usize::MAX,
            )
        } else {
            (*rng.pick(&[30u8, 50, 70, 85, 100]), 1 + rng.below(10))
        };
        let config = LookupConfig { min, max };
        let fast = tm.lookup(&query, from, to, &config).expect("lookup");
        let slow = tm
            .lookup_exhaustive(&query, from, to, &config)
            .expect("scan");
        assert_eq!(
            fast, slow,
            "query {i} {query:?} {from}->{to} min {min} max {max}"
        );
        compared += 1;
        with_matches += usize::from(!fast.is_empty());
    }
    assert_eq!(compared, 2000);
    // The queries are not all trivial: most find something.
    assert!(with_matches > 1000, "{with_matches}");
}

#[test]
fn edited_sentences_find_their_unit() {
    // The memory: every sample sentence once, English and Russian paired by position.
    let (en, ru) = (sentences(Lang::EN), sentences(Lang::RU));
    let mut tm = TranslationMemory::new();
    let mut units = Vec::new();
    for (i, s) in en.iter().enumerate() {
        if tm.add(
            &Tu::new()
                .with_variant("en", s.as_str())
                .with_variant("ru", ru[i % ru.len()].as_str()),
            "sample.tmx",
        ) {
            units.push(s.clone());
        }
    }
    let vocab = vocabulary(&en);
    let mut rng = Rng(42);
    let (mut tried, mut top) = (0, 0);
    for (u, s) in units.iter().enumerate() {
        let words: Vec<String> = s.split_whitespace().map(String::from).collect();
        if words.len() < 8 {
            continue;
        }
        for kind in 0..4 {
            let mut w = words.clone();
            match kind {
                0 => {
                    let i = rng.below(w.len());
                    w[i] = rng.pick(&vocab).clone();
                }
                1 => {
                    for _ in 0..2 {
                        let i = rng.below(w.len());
                        w[i] = rng.pick(&vocab).clone();
                    }
                }
                2 => match w.iter().position(|x| x.bytes().any(|b| b.is_ascii_digit())) {
                    Some(i) => w[i] = "1234".into(),
                    None => continue,
                },
                _ => {
                    let i = rng.below(w.len() + 1);
                    w.insert(i, rng.pick(&vocab).clone());
                }
            }
            let q = w.join(" ");
            tried += 1;
            let m = tm
                .lookup(&q, Lang::EN, Lang::RU, &LookupConfig { min: 50, max: 1 })
                .expect("lookup");
            if m.first().is_some_and(|m| m.unit == u || m.source == *s) {
                top += 1;
            } else {
                eprintln!("missed: {q:?} -> {:?}", m.first().map(|m| &m.source));
            }
        }
    }
    assert!(tried >= 100, "{tried}");
    assert!(
        top * 100 >= tried * 99,
        "{top} of {tried} found their unit first"
    );
}
