//! Property tests of the segmenter's invariants, for English, Russian, Ukrainian and a
//! language with generic rules (German).
//!
//! For any text, `Segmenter::sentences` must return byte spans that are in order,
//! non-overlapping, non-empty, on char boundaries and trimmed of white space; together they
//! must cover every non-space char exactly once, so that the spans and the (white space)
//! gaps between them rebuild the input. The streaming API must agree with the in-memory one.

mod common;
use common::{cases, generic_lang, proptest_config};

use std::io::BufReader;

use polyalign::lang::Lang;
use polyalign::segment::{is_space, ReadError, SegmentConfig, Segmenter, Sentence};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Cases per property: 512, or `PROPTEST_CASES` from the environment for longer hunts.
const CASES: u32 = 512;

/// The nasty alphabet: Latin and Cyrillic letters in both cases and digits.
const CHARS: &[&str] = &[
    "a", "b", "e", "i", "p", "s", "x", "A", "B", "E", "I", "J", "M", "S", "U", "X", "а", "б", "г",
    "е", "п", "т", "я", "ї", "є", "А", "Б", "Г", "Н", "П", "Т", "Я", "Ї", "Є", "0", "1", "2", "5",
    "9",
];

/// Sentence and clause punctuation, quotes, brackets and dashes.
const PUNCT: &[&str] = &[
    ".", "!", "?", "…", ",", ";", ":", "\"", "'", "«", "»", "„", "“", "”", "(", ")", "[", "]", "-",
    "–", "—", "...", "•",
];

/// White space of all kinds: spaces, line breaks, CRLF, BOM, no-break space.
const WHITE: &[&str] = &[
    " ", " ", " ", "\n", "\n\n", "\r\n", "\u{feff}", "\u{a0}", "\t",
];

/// Words, numbers and abbreviation-like tokens, so that the rules get exercised.
const WORDS: &[&str] = &[
    "Mr",
    "Dr",
    "Smith",
    "The",
    "the",
    "we",
    "U.S",
    "a.m",
    "e.g",
    "p",
    "No",
    "CECOT",
    "Н",
    "Букеле",
    "тюрьма",
    "Президент",
    "т",
    "е",
    "тыс",
    "г",
    "ст",
    "вул",
    "м",
    "Київ",
    "він",
    "її",
    "Її",
    "ЄС",
    "84",
    "2023",
    "26.03.2025",
    "84,000",
    "1.5",
];

/// One piece of a nasty string.
fn nasty_piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        2 => prop::sample::select(CHARS),
        3 => prop::sample::select(PUNCT),
        4 => prop::sample::select(WHITE),
        3 => prop::sample::select(WORDS),
    ]
}

/// A string of up to 120 nasty pieces.
fn nasty_string() -> impl Strategy<Value = String> {
    prop::collection::vec(nasty_piece(), 0..120).prop_map(|v| v.concat())
}

/// Arbitrary Unicode, nasty strings, and arbitrary Unicode spliced with nasty strings.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        4 => nasty_string(),
        1 => (any::<String>(), nasty_string(), any::<String>())
            .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

/// The segmenters to test for `lang`: default settings and without headline breaks.
fn segmenters(lang: Lang) -> Vec<Segmenter> {
    let mut no_headlines = SegmentConfig::default();
    no_headlines.headline_breaks = false;
    vec![
        Segmenter::new(lang),
        Segmenter::with_config(lang, no_headlines),
    ]
}

/// Checks every invariant of `sentences` on `text`.
fn check_spans(text: &str, sentences: &[Sentence]) -> Result<(), TestCaseError> {
    let mut prev_end = 0;
    let mut prev_paragraph: Option<usize> = None;
    let mut rebuilt = String::with_capacity(text.len());
    for (i, s) in sentences.iter().enumerate() {
        prop_assert!(s.start < s.end, "sentence {i} is empty: {s:?}");
        prop_assert!(
            s.end <= text.len(),
            "sentence {i} ends past the text: {s:?}"
        );
        prop_assert!(
            prev_end <= s.start,
            "sentence {i} {s:?} overlaps or precedes the previous one (ending at {prev_end})"
        );
        prop_assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "sentence {i} {s:?} is not on char boundaries"
        );
        let body = s.text(text);
        let first = body.chars().next().unwrap();
        let last = body.chars().next_back().unwrap();
        prop_assert!(
            !is_space(first),
            "sentence {i} {body:?} starts with white space"
        );
        prop_assert!(
            !is_space(last),
            "sentence {i} {body:?} ends with white space"
        );

        // The gap before this sentence holds white space only, so every non-space char is
        // inside a sentence; as sentences do not overlap, it is inside exactly one.
        let gap = &text[prev_end..s.start];
        prop_assert!(
            gap.chars().all(is_space),
            "non-space text {gap:?} lies outside any sentence (before sentence {i})"
        );

        // Paragraphs are numbered from 0, in order, without gaps (a paragraph always holds
        // at least one sentence).
        match prev_paragraph {
            None => prop_assert_eq!(s.paragraph, 0, "first paragraph is not 0"),
            Some(p) => prop_assert!(
                s.paragraph == p || s.paragraph == p + 1,
                "paragraph {} after {p} (sentence {i})",
                s.paragraph
            ),
        }
        prev_paragraph = Some(s.paragraph);

        rebuilt.push_str(gap);
        rebuilt.push_str(body);
        prev_end = s.end;
    }
    let tail = &text[prev_end..];
    prop_assert!(
        tail.chars().all(is_space),
        "non-space text {tail:?} lies after the last sentence"
    );
    rebuilt.push_str(tail);
    prop_assert_eq!(rebuilt, text, "spans and gaps do not rebuild the input");
    Ok(())
}

/// Checks the invariants of the in-memory API for `lang` on `text`.
fn check_sentences(lang: Lang, text: &str) -> Result<(), TestCaseError> {
    for seg in segmenters(lang) {
        let sentences = seg.sentences(text);
        check_spans(text, &sentences)?;
        let split = seg.split(text);
        let texts: Vec<&str> = sentences.iter().map(|s| s.text(text)).collect();
        prop_assert_eq!(split, texts, "split() disagrees with sentences()");
        // Deterministic.
        prop_assert_eq!(seg.sentences(text), sentences);
    }
    Ok(())
}

/// Runs the stream API over `text` with a `BufReader` of `capacity` bytes; returns the
/// sentences and the error, if any. Checks each paragraph's own fields on the way.
fn stream_sentences(
    seg: &Segmenter,
    text: &str,
    capacity: usize,
) -> Result<(Vec<Sentence>, Option<ReadError>), TestCaseError> {
    let reader = BufReader::with_capacity(capacity, text.as_bytes());
    let mut out = Vec::new();
    let mut error = None;
    let mut expected_index = 0;
    for item in seg.stream(reader) {
        prop_assert!(error.is_none(), "the stream went on after an error");
        match item {
            Ok(para) => {
                prop_assert_eq!(para.index, expected_index, "paragraph index");
                expected_index += 1;
                prop_assert!(para.start + para.text.len() <= text.len());
                prop_assert_eq!(
                    &text[para.start..para.start + para.text.len()],
                    para.text.as_str(),
                    "paragraph text is not the input at its offset"
                );
                prop_assert!(!para.sentences.is_empty(), "paragraph without sentences");
                for s in &para.sentences {
                    prop_assert_eq!(s.paragraph, para.index);
                    prop_assert_eq!(para.sentence_text(s), s.text(text));
                }
                out.extend(para.sentences);
            }
            Err(e) => error = Some(e),
        }
    }
    Ok((out, error))
}

/// Checks that the stream API agrees with `sentences` for `lang` on `text`.
fn check_stream(lang: Lang, text: &str) -> Result<(), TestCaseError> {
    for seg in segmenters(lang) {
        let whole = seg.sentences(text);
        for capacity in [1 << 16, 7, 1] {
            let (streamed, error) = stream_sentences(&seg, text, capacity)?;
            match text.find('\0') {
                None => {
                    prop_assert!(error.is_none(), "unexpected error {error:?}");
                    prop_assert_eq!(
                        &streamed,
                        &whole,
                        "stream (buffer {} bytes) disagrees with sentences()",
                        capacity
                    );
                }
                Some(nul) => {
                    // Text with a NUL byte is binary: the stream stops there with an error
                    // naming the byte; what it gave before is a prefix of the sentences.
                    let line = text[..nul].matches('\n').count() as u64 + 1;
                    match error {
                        Some(ReadError::Binary { offset, line: l }) => {
                            prop_assert_eq!(offset, nul as u64);
                            prop_assert_eq!(l, line);
                        }
                        other => prop_assert!(false, "expected a Binary error, got {other:?}"),
                    }
                    prop_assert!(
                        whole.starts_with(&streamed),
                        "sentences before the NUL are not a prefix of sentences()"
                    );
                }
            }
        }
    }
    Ok(())
}

macro_rules! lang_props {
    ($module:ident, $lang:expr) => {
        mod $module {
            use super::*;

            proptest! {
                #![proptest_config(proptest_config(cases(CASES)))]

                #[test]
                fn sentences_invariants(text in text()) {
                    check_sentences($lang, &text)?;
                }

                #[test]
                fn stream_matches_sentences(text in text()) {
                    check_stream($lang, &text)?;
                }
            }
        }
    };
}

lang_props!(en, Lang::EN);
lang_props!(ru, Lang::RU);
lang_props!(uk, Lang::UK);
lang_props!(generic_de, generic_lang());

/// Arbitrary bytes through the stream: never a panic; valid UTF-8 without NUL gives the
/// same sentences as the in-memory API, anything else ends the stream with one error.
#[test]
fn stream_arbitrary_bytes_never_panics() {
    let mut runner = proptest::test_runner::TestRunner::new(proptest_config(cases(CASES)));
    let bytes = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        text().prop_map(String::into_bytes),
        (text(), prop::collection::vec(any::<u8>(), 0..4), text()).prop_map(|(a, b, c)| {
            let mut v = a.into_bytes();
            v.extend(b);
            v.extend(c.into_bytes());
            v
        }),
    ];
    runner
        .run(&bytes, |bytes| {
            for lang in [Lang::EN, Lang::RU, Lang::UK, generic_lang()] {
                let seg = Segmenter::new(lang);
                let items: Vec<_> = seg.stream(&bytes[..]).collect();
                let errors = items.iter().filter(|i| i.is_err()).count();
                match std::str::from_utf8(&bytes) {
                    Ok(text) if !text.contains('\0') => {
                        prop_assert_eq!(errors, 0);
                        let streamed: Vec<Sentence> = items
                            .into_iter()
                            .flat_map(|p| p.unwrap().sentences)
                            .collect();
                        prop_assert_eq!(streamed, seg.sentences(text));
                    }
                    _ => {
                        prop_assert_eq!(errors, 1, "expected exactly one error");
                        prop_assert!(items.last().unwrap().is_err(), "error is not last");
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

/// A few fixed inputs, as regression anchors next to the random ones.
#[test]
fn invariants_on_fixed_edge_cases() {
    let cases = [
        "",
        " ",
        "\n",
        "\r\n\r\n",
        "\u{feff}",
        "\u{feff}Hello.",
        "\u{a0}.\u{a0}",
        ".",
        "...",
        "…",
        "\"",
        "«»",
        "Mr.\nSmith",
        "т. е.\r\nА",
        "1.\n2.\n3.",
        "a\r\n\r\nb",
        "—\n—",
        "(a.) b.",
        "x\u{200b}.\u{200b}y",
    ];
    for lang in [Lang::EN, Lang::RU, Lang::UK, generic_lang()] {
        for text in cases {
            check_sentences(lang, text)
                .and_then(|()| check_stream(lang, text))
                .unwrap_or_else(|e| panic!("{lang} {text:?}: {e}"));
        }
    }
}
