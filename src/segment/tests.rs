//! Table-driven tests of the segmenter: each case is a text and its expected sentences.

use super::*;

fn check(lang: Lang, cases: &[(&str, &[&str])]) {
    let seg = Segmenter::new(lang);
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = seg.split(text);
        if got != *want {
            failures.push(format!("{text:?}\n   got: {got:?}\n  want: {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn english() {
    check(
        Lang::EN,
        &[
            ("Hello World. My name is Jonas.", &["Hello World.", "My name is Jonas."]),
            ("My name is Jonas E. Smith.", &["My name is Jonas E. Smith."]),
            ("Please turn to p. 55.", &["Please turn to p. 55."]),
            ("I live in the U.S. How about you?", &["I live in the U.S.", "How about you?"]),
            ("I work for the U.S. Government in Virginia.", &["I work for the U.S. Government in Virginia."]),
            ("At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
             &["At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M.", "Mr. Smith then went to the store."]),
            ("She turned to him, \"This is great.\" she said.", &["She turned to him, \"This is great.\" she said."]),
            ("We make a good team, you and I. Did you see Albert I. Jones yesterday?",
             &["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]),
            ("J. R. R. Tolkien wrote it.", &["J. R. R. Tolkien wrote it."]),
            ("Over 84,000 people. That is 1.5 times more.", &["Over 84,000 people.", "That is 1.5 times more."]),
            ("Hello?! Is that you?", &["Hello?!", "Is that you?"]),
            ("1. The first item 2. The second item", &["1. The first item", "2. The second item"]),
            ("a. The first item b. The second item c. The third list item",
             &["a. The first item", "b. The second item", "c. The third list item"]),
            ("Headline without a period\nThe body starts here.", &["Headline without a period", "The body starts here."]),
        ],
    );
}

#[test]
fn russian() {
    check(
        Lang::RU,
        &[
            (
                "«К чему ты готовишься? – спросила мама. – Завтра ведь выходной».",
                &["«К чему ты готовишься? – спросила мама. – Завтра ведь выходной»."],
            ),
            (
                "И т. д. и т. п. В общем, вся газета",
                &["И т. д. и т. п.", "В общем, вся газета"],
            ),
            (
                "Правительство во главе с президентом Н. Букеле приветствовало это.",
                &["Правительство во главе с президентом Н. Букеле приветствовало это."],
            ),
            (
                "Это привело к 84 тыс. арестов. Закон 1798 г. применили.",
                &["Это привело к 84 тыс. арестов.", "Закон 1798 г. применили."],
            ),
            (
                "— Ты ей скажи, что я ей гостинца дам. — А мне дашь?",
                &["— Ты ей скажи, что я ей гостинца дам.", "— А мне дашь?"],
            ),
            (
                "специалистом, к.п.н. И. П. Карташовым.",
                &["специалистом, к.п.н. И. П. Карташовым."],
            ),
            (
                "в данной квартире; 2) отчуждать свою долю",
                &["в данной квартире;", "2) отчуждать свою долю"],
            ),
        ],
    );
}

#[test]
fn ukrainian() {
    check(
        Lang::UK,
        &[
            (
                "Я народився у м. Харків. Нині я мешкаю на вул. Свободи 12, кв. 0.",
                &[
                    "Я народився у м. Харків.",
                    "Нині я мешкаю на вул. Свободи 12, кв. 0.",
                ],
            ),
            (
                "Її довжина 2285 м. Це багато.",
                &["Її довжина 2285 м.", "Це багато."],
            ),
            (
                "Т. Г. Шевченко народився 9 березня 1814 р. в с. Моринці.",
                &["Т. Г. Шевченко народився 9 березня 1814 р. в с. Моринці."],
            ),
            (
                "\"Га?\" — відповів хлопець. \"Що?\" — гукнув Скрудж.",
                &["\"Га?\" — відповів хлопець.", "\"Що?\" — гукнув Скрудж."],
            ),
            (
                "В’язниця і в'язниця. Друге речення.",
                &["В’язниця і в'язниця.", "Друге речення."],
            ),
        ],
    );
}

#[test]
fn paragraphs_and_offsets() {
    let text = "\u{feff}Title\r\n\r\nFirst one. Second one.\r\nThird\r\n";
    let seg = Segmenter::new(Lang::EN);
    let sents = seg.sentences(text);
    let texts: Vec<_> = sents.iter().map(|s| s.text(text)).collect();
    assert_eq!(texts, ["Title", "First one.", "Second one.", "Third"]);
    let paras: Vec<_> = sents.iter().map(|s| s.paragraph).collect();
    assert_eq!(paras, [0, 1, 1, 2]);
}

#[test]
fn hard_wrapped_lines_join() {
    let text = "This sentence is wrapped\nover two lines. And this one\ncontinues too.";
    assert_eq!(
        Segmenter::new(Lang::EN).split(text),
        [
            "This sentence is wrapped\nover two lines.",
            "And this one\ncontinues too."
        ]
    );
}

#[test]
fn stream_matches_in_memory() {
    let text = "Head line\nBody one. Body two.\n\nNext para? Yes!\nLast line\n";
    let seg = Segmenter::new(Lang::EN);
    let whole = seg.sentences(text);
    let streamed: Vec<Sentence> = seg
        .stream(text.as_bytes())
        .flat_map(|p| p.unwrap().sentences)
        .collect();
    assert_eq!(whole, streamed);
}

#[test]
fn stream_reports_invalid_utf8_offset() {
    let bytes = b"Fine line.\nBad \xff byte.\n";
    let err = Segmenter::new(Lang::EN)
        .stream(&bytes[..])
        .find_map(Result::err)
        .unwrap();
    assert!(
        matches!(
            err,
            ReadError::InvalidUtf8 {
                offset: 15,
                line: 2
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_long_run_without_spaces_is_cut_at_each_glued_title_as_a_short_one_is() {
    // `Mr.Mr.Mr.…`: every period may end a token glued to the next sentence. The scanner
    // looks at most MAX_TOKEN bytes around a period, so 60 KB of it (a quadratic scan's
    // billion steps) splits as 5 repetitions do.
    let seg = Segmenter::new(Lang::EN);
    let short: Vec<String> = seg
        .sentences(&"Mr.".repeat(5))
        .iter()
        .map(|s| s.text("Mr.Mr.Mr.Mr.Mr.").to_string())
        .collect();
    assert_eq!(short, ["Mr."; 5]);
    let text = "Mr.".repeat(20_000);
    let sentences = seg.sentences(&text);
    assert_eq!(sentences.len(), 20_000);
    assert!(sentences.iter().all(|s| s.text(&text) == "Mr."));
}
