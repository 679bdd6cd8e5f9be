//! Property tests of the TMX writer and reader.
//!
//! - Round trip: writing a memory and reading it back gives the same header and units
//!   (language tags normalised by the writer), for arbitrary Unicode text (markup
//!   characters, quotes, tabs, `\r`, `\r\n`, `]]>`, braces, astral characters) in texts,
//!   notes, properties, identifiers and attributes, with 1 to 4 variants per unit.
//! - Forbidden characters: C0 controls other than tab, LF and CR, U+FFFE and U+FFFF
//!   inserted anywhere are removed, and `WriteReport::removed_control_chars` counts them.
//! - Every document written is valid against the TMX 1.4b DTD (`xmllint`, when installed).

mod common;
use common::{cases, load_tmx, proptest_config, temp_dir, validate_with_xmllint};

use std::cell::RefCell;
use std::path::PathBuf;

use polyalign::tmx::{normalize_lang, read_tmx, write_tmx, Header, Prop, Tmx, Tu, Tuv};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;

/// 128 cases per property, or `PROPTEST_CASES`.
fn runner() -> TestRunner {
    TestRunner::new(proptest_config(cases(128)))
}

/// Characters XML 1.0 forbids (those a Rust string can hold).
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Any character XML allows, with markup and white space characters often.
fn allowed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>().prop_filter("allowed in XML", |c| !forbidden(*c)),
        2 => prop::sample::select(vec![
            '&', '<', '>', '"', '\'', ';', '#', '\r', '\n', '\t', ' ', ']', '{', '}', '/', '=',
            'a', 'Ї', 'ы', '😀', '\u{85}', '\u{2028}', '\u{FEFF}', '\u{FFFD}', '\u{10FFFF}',
        ]),
    ]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(allowed_char(), 0..max).prop_map(|cs| cs.into_iter().collect())
}

fn lang() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "en", "ru", "uk", "ua", "UA", "uk-UA", "EN-us", "en_GB", "de", "zh-hant-tw",
            "x-klingon", "fil-PH", "*all*",
        ])
        .prop_map(String::from),
        1 => text(6),
    ]
}

fn props() -> impl Strategy<Value = Vec<Prop>> {
    prop::collection::vec((text(8), text(12)).prop_map(|(k, v)| Prop::new(k, v)), 0..3)
}

fn notes() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(20), 0..3)
}

fn tuv() -> impl Strategy<Value = Tuv> {
    (lang(), text(60), props(), notes()).prop_map(|(lang, text, props, notes)| Tuv {
        lang,
        text,
        props,
        notes,
    })
}

fn tu() -> impl Strategy<Value = Tu> {
    (
        prop::option::of(text(8)),
        props(),
        notes(),
        prop::collection::vec(tuv(), 1..=4),
    )
        .prop_map(|(tuid, props, notes, variants)| Tu {
            tuid,
            props,
            notes,
            variants,
        })
}

fn tmx() -> impl Strategy<Value = Tmx> {
    (
        (text(10), text(6), lang(), lang()),
        prop::option::of(text(16)),
        props(),
        notes(),
        prop::collection::vec(tu(), 0..6),
    )
        .prop_map(
            |((tool, version, srclang, adminlang), date, props, notes, units)| {
                let mut header = Header::new(srclang);
                header.creationtool = tool;
                header.creationtoolversion = version;
                header.adminlang = adminlang;
                header.creationdate = date;
                header.props = props;
                header.notes = notes;
                Tmx { header, units }
            },
        )
}

/// The memory as the writer puts it: language tags normalised.
fn normalised(mut tmx: Tmx) -> Tmx {
    tmx.header.srclang = normalize_lang(&tmx.header.srclang);
    tmx.header.adminlang = normalize_lang(&tmx.header.adminlang);
    for v in tmx.units.iter_mut().flat_map(|u| u.variants.iter_mut()) {
        v.lang = normalize_lang(&v.lang);
    }
    tmx
}

/// Keeps up to 300 written documents in a temporary directory for `xmllint`.
struct Written {
    dir: tempfile::TempDir,
    files: RefCell<Vec<PathBuf>>,
}

impl Written {
    fn new() -> Self {
        Written {
            dir: temp_dir(),
            files: RefCell::new(Vec::new()),
        }
    }

    fn keep(&self, bytes: &[u8]) {
        let mut files = self.files.borrow_mut();
        if files.len() < 300 {
            let path = self.dir.path().join(format!("{}.tmx", files.len()));
            std::fs::write(&path, bytes).unwrap();
            files.push(path);
        }
    }

    /// Validates every kept document against the DTD, when `xmllint` is installed.
    fn validate(&self) {
        validate_with_xmllint(&self.files.borrow());
    }
}

#[test]
fn write_then_read_gives_the_memory_back() {
    let written = Written::new();
    runner()
        .run(&tmx(), |tmx| {
            let mut bytes = Vec::new();
            let report = write_tmx(&mut bytes, &tmx).unwrap();
            prop_assert_eq!(report.removed_control_chars, 0);
            prop_assert_eq!(report.units, tmx.units.len());
            written.keep(&bytes);
            let back = read_tmx(&bytes[..]).map_err(|e| {
                TestCaseError::fail(format!("{e}\n{}", String::from_utf8_lossy(&bytes)))
            })?;
            prop_assert_eq!(back, normalised(tmx));
            Ok(())
        })
        .unwrap();
    written.validate();
}

/// A string with forbidden characters inserted, and how many.
fn with_forbidden() -> impl Strategy<Value = (String, String, u64)> {
    let forbidden_char = prop_oneof![
        (0u32..0x20)
            .prop_filter("forbidden", |c| !matches!(c, 9 | 10 | 13))
            .prop_map(|c| char::from_u32(c).unwrap()),
        Just('\u{FFFE}'),
        Just('\u{FFFF}'),
    ];
    prop::collection::vec(
        prop_oneof![3 => allowed_char().prop_map(|c| (c, false)), 1 => forbidden_char.prop_map(|c| (c, true))],
        0..40,
    )
    .prop_map(|cs| {
        let dirty: String = cs.iter().map(|(c, _)| *c).collect();
        let clean: String = cs.iter().filter(|(_, bad)| !bad).map(|(c, _)| *c).collect();
        let count = cs.iter().filter(|(_, bad)| *bad).count() as u64;
        (dirty, clean, count)
    })
}

#[test]
fn forbidden_characters_are_removed_and_counted() {
    let written = Written::new();
    let fields = prop::collection::vec(with_forbidden(), 6);
    runner()
        .run(&fields, |fields| {
            let [text, note, kind, value, tuid, lang] = &fields[..] else {
                unreachable!()
            };
            let mut header = Header::new("en");
            header.creationdate = Some("20250101T000000Z".into());
            header.notes.push(note.0.clone());
            let tu = Tu {
                tuid: Some(tuid.0.clone()),
                props: vec![Prop::new(kind.0.clone(), value.0.clone())],
                notes: vec![note.0.clone()],
                variants: vec![
                    Tuv::new(lang.0.clone(), text.0.clone()),
                    Tuv::new("uk", text.0.clone()),
                ],
            };
            let mut bytes = Vec::new();
            let tmx = Tmx {
                header,
                units: vec![tu],
            };
            let report = write_tmx(&mut bytes, &tmx).unwrap();
            let want = 2 * text.2 + 2 * note.2 + kind.2 + value.2 + tuid.2 + lang.2;
            prop_assert_eq!(report.removed_control_chars, want);
            written.keep(&bytes);
            let back = read_tmx(&bytes[..]).unwrap();
            let tu = &back.units[0];
            prop_assert_eq!(&tu.variants[0].text, &text.1);
            prop_assert_eq!(&tu.variants[1].text, &text.1);
            prop_assert_eq!(&tu.variants[0].lang, &normalize_lang(&lang.1));
            prop_assert_eq!(&tu.notes[0], &note.1);
            prop_assert_eq!(&back.header.notes[0], &note.1);
            prop_assert_eq!(tu.tuid.as_deref(), Some(tuid.1.as_str()));
            prop_assert_eq!(&tu.props[0], &Prop::new(kind.1.clone(), value.1.clone()));
            Ok(())
        })
        .unwrap();
    written.validate();
}

#[test]
fn a_large_memory_round_trips_through_a_file() {
    let dir = temp_dir();
    let path = dir.path().join("big.tmx");
    let units: Vec<Tu> = (0..5000)
        .map(|i| {
            Tu {
                tuid: Some(i.to_string()),
                ..Tu::new()
            }
            .with_variant("en", format!("Sentence number {i} & more."))
            .with_variant("uk", format!("Речення номер {i} і ще."))
        })
        .collect();
    let tmx = Tmx {
        header: Header::new("en"),
        units,
    };
    let report = polyalign::tmx::write_tmx_file(&path, &tmx).unwrap();
    assert_eq!(report.units, 5000);
    assert_eq!(load_tmx(&path), tmx);
    validate_with_xmllint(&[path]);
}
