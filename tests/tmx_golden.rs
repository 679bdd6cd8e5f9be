//! Golden TMX files: the writer's exact bytes, and the reader on files modelled on real
//! exports (translate-toolkit's po2tmx, memoQ, Trados in UTF-16) and on a malformed file.
//! The fixtures are described in `tests/fixtures/tmx/README.md`.
//!
//! `POLYALIGN_BLESS=1 cargo test --test tmx_golden` rewrites `golden-3lang.tmx` after a
//! deliberate change of the output.

mod common;
use common::{fixture, temp_dir, validate_with_xmllint};

use polyalign::tmx::{
    read_tmx_file, write_tmx, write_tmx_file, Header, Prop, Tmx, TmxError, TmxReader, Tu, Tuv,
};

/// A small three-language memory: sentences of the bundled sample article.
fn three_languages() -> Tmx {
    let mut header = Header::new("en");
    header.creationtoolversion = "0.1.0".into();
    header.creationdate = Some("20250101T120000Z".into());
    header
        .props
        .push(Prop::new("x-corpus", "samples/harbour-bridge"));
    header
        .notes
        .push("Aligned by polyalign; golden file of its tests.".into());
    let unit = |id: &str, score: &str, en: &str, ru: &str, uk: &str| Tu {
        tuid: Some(id.into()),
        // The unit's calibrated score, then each pair's link score, as `polyalign align`
        // writes them.
        props: vec![
            Prop::new("x-score", score),
            Prop::new("x-score-en-ru", score),
            Prop::new("x-score-en-uk", score),
            Prop::new("x-score-ru-uk", score),
            Prop::new("x-link", "1-1-1"),
        ],
        notes: Vec::new(),
        variants: vec![Tuv::new("en", en), Tuv::new("ru", ru), Tuv::new("ua", uk)],
    };
    let mut units = vec![
        unit(
            "1",
            "0.99",
            "New Harbour Bridge Opens in Nordhaven After Six Years of Construction",
            "В Нордхавене после шести лет строительства открылся новый Портовый мост",
            "У Нордгавені після шести років будівництва відкрився новий Портовий міст",
        ),
        unit(
            "2",
            "0.97",
            "Mayor Anna Kowalski at the opening of the bridge on 14 May (Photo: City Hall Press Office)",
            "Мэр Анна Ковальски на открытии моста 14 мая (Фото: пресс-служба мэрии)",
            "Міська голова Анна Ковальскі на відкритті мосту 14 травня (Фото: пресслужба міськради)",
        ),
        unit(
            "3",
            "0.93",
            "\"Today we are finally one city, not two halves divided by water,\" Mayor Anna Kowalski said at the ceremony.",
            "«Сегодня мы наконец один город, а не две половины, разделённые водой», — сказала мэр Анна Ковальски на церемонии.",
            "«Сьогодні ми нарешті одне місто, а не дві половини, розділені водою», — сказала міська голова Анна Ковальскі на церемонії.",
        ),
    ];
    units[1]
        .notes
        .push("Photo caption & credit <kept as text>.".into());
    units[2].variants[0]
        .props
        .push(Prop::new("x-quote", "opening \" and 'closing'"));
    units[2].variants[2].text.push('\u{7}'); // a stray BEL: removed and counted
    Tmx { header, units }
}

#[test]
fn writes_the_golden_three_language_memory() {
    let tmx = three_languages();
    let mut bytes = Vec::new();
    let report = write_tmx(&mut bytes, &tmx).unwrap();
    assert_eq!(report.units, 3);
    assert_eq!(report.removed_control_chars, 1);
    let golden = fixture("tmx/golden-3lang.tmx");
    if std::env::var_os("POLYALIGN_BLESS").is_some() {
        std::fs::write(&golden, &bytes).unwrap();
    }
    let want = std::fs::read(&golden).unwrap();
    assert!(
        bytes == want,
        "output differs from {}:\n{}",
        golden.display(),
        String::from_utf8_lossy(&bytes)
    );

    // The file writer makes the same bytes, and the result is valid TMX 1.4b.
    let dir = temp_dir();
    let path = dir.path().join("out.tmx");
    write_tmx_file(&path, &tmx).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), want);
    validate_with_xmllint(&[&golden, &path]);

    // And it reads back (`ua` written as `uk`, the BEL removed).
    let back = read_tmx_file(&golden).unwrap();
    assert_eq!(back.header, tmx.header);
    assert_eq!(back.units.len(), 3);
    assert_eq!(back.units[2].variants[2].lang, "uk");
    assert_eq!(
        back.units[2].text("uk"),
        Some("«Сьогодні ми нарешті одне місто, а не дві половини, розділені водою», — сказала міська голова Анна Ковальскі на церемонії.")
    );
    assert_eq!(back.units[1].notes, tmx.units[1].notes);
    assert_eq!(
        back.units[2].variants[0].props,
        tmx.units[2].variants[0].props
    );
}

#[test]
fn the_default_date_comes_from_source_date_epoch() {
    // No other test of this file depends on the variable: they fix the date themselves.
    std::env::set_var("SOURCE_DATE_EPOCH", "1735732800");
    let date = Header::default().creationdate;
    std::env::remove_var("SOURCE_DATE_EPOCH");
    assert_eq!(date.as_deref(), Some("20250101T120000Z"));
    let now = Header::default().creationdate.unwrap();
    assert_eq!((now.len(), &now[8..9], &now[15..]), (16, "T", "Z"));
}

#[test]
fn reads_a_po2tmx_export() {
    let tmx = read_tmx_file(fixture("tmx/po2tmx-en-uk.tmx")).unwrap();
    assert_eq!(tmx.header.creationtool, "Translate Toolkit");
    assert_eq!(tmx.header.srclang, "en");
    assert_eq!(tmx.header.creationdate, None);
    let texts: Vec<_> = tmx
        .units
        .iter()
        .map(|u| (u.tuid.clone(), u.text("en").unwrap(), u.text("uk").unwrap()))
        .collect();
    assert_eq!(
        texts,
        [
            (None, "Open file", "Відкрити файл"),
            (None, "%d file deleted", "Вилучено %d файл"),
            (
                None,
                "Save & close\nChanges are kept in \"Drafts\".",
                "Зберегти й закрити\nЗміни зберігаються в «Чернетках»."
            ),
            (
                None,
                "<b>Warning:</b> the disk is almost full",
                "<b>Увага:</b> диск майже заповнено"
            ),
        ]
    );
    // po2tmx puts notes after the variants; they are read all the same.
    assert_eq!(
        tmx.units[1].notes,
        ["Translators: %d is the number of files"]
    );
    assert_eq!(tmx.units[3].notes, ["src/ui/status.c:118"]);
}

#[test]
fn reads_a_utf16le_trados_export_with_lang_attributes() {
    let bytes = std::fs::read(fixture("tmx/trados-utf16le.tmx")).unwrap();
    assert_eq!(
        &bytes[..2],
        b"\xFF\xFE",
        "the fixture starts with a UTF-16LE BOM"
    );
    let tmx = read_tmx_file(fixture("tmx/trados-utf16le.tmx")).unwrap();
    assert_eq!(tmx.header.srclang, "EN-US");
    assert_eq!(tmx.header.creationdate.as_deref(), Some("20080305T112233Z"));
    assert_eq!(
        tmx.header.props,
        [Prop::new("RTFFontTable", "{\\fonttbl{\\f1 Arial;}}")]
    );
    assert_eq!(tmx.units.len(), 3);
    let u = &tmx.units[0];
    assert_eq!(u.variants[0].lang, "EN-US");
    assert_eq!(u.variants[1].lang, "UK-UA");
    assert_eq!(u.text("en"), Some("The bridge is {1}1.5 km{/1} long."));
    assert_eq!(u.text("uk"), Some("Довжина мосту — {1}1,5 км{/1}."));
    assert_eq!(
        u.props,
        [
            Prop::new("Txt::Client", "Nordhaven"),
            Prop::new("Att::Subject", "Transport")
        ]
    );
    let u = &tmx.units[1];
    assert_eq!(
        u.text("en-us"),
        Some("{ut}84,000{ut} vehicles a day{ph}are expected.")
    );
    assert_eq!(
        u.text("ru"),
        Some("Ожидается {ut}84 000{ut} автомобилей в день{ph}.")
    );
    assert_eq!(
        tmx.units[2].text("uk-UA"),
        Some("Міська голова Анна Ковальскі й гості — «Ласкаво просимо!» 🌉")
    );
}

#[test]
fn reads_inline_codes_notes_and_props_of_a_memoq_export() {
    let bytes = std::fs::read(fixture("tmx/memoq-inline-codes.tmx")).unwrap();
    assert_eq!(
        &bytes[..3],
        b"\xEF\xBB\xBF",
        "the fixture starts with a UTF-8 BOM"
    );
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "the fixture has CRLF line ends"
    );
    let tmx = read_tmx_file(fixture("tmx/memoq-inline-codes.tmx")).unwrap();
    assert_eq!(tmx.header.srclang, "en-gb");
    assert_eq!(tmx.header.props.len(), 2);
    assert_eq!(
        tmx.header.notes,
        ["Inline codes, notes and properties on every level."]
    );
    let u = &tmx.units[0];
    assert_eq!(u.tuid.as_deref(), Some("101"));
    assert_eq!(u.notes, ["Bold and a line break in the source."]);
    assert_eq!(u.props[1], Prop::new("x-context-pre", "Bridge article"));
    assert_eq!(u.variants[0].props, [Prop::new("x-user", "editor")]);
    assert_eq!(u.variants[1].notes, ["Checked by the editor."]);
    for (lang, want) in [
        ("en-GB", "Press {1}Save{/1} to continue.{2/}"),
        ("uk", "Натисніть {1}Зберегти{/1}, щоб продовжити.{2/}"),
        ("ru-RU", "Нажмите {1}Сохранить{/1}, чтобы продолжить.{2/}"),
    ] {
        assert_eq!(u.text(lang), Some(want), "{lang}");
    }
    assert_eq!(
        tmx.units[1].text("en"),
        Some("See the {1}map of the bridge{/1}, updated daily.")
    );
    let u = &tmx.units[2];
    assert_eq!(u.variants.len(), 3, "two variants in uk-ua are both kept");
    assert_eq!(u.variants[1].text, "Логотип {1/} новий.{ut}");
    assert_eq!(u.variants[2].text, "Емблема {1/} нова.{ut}");
}

#[test]
fn a_malformed_file_fails_at_its_line_and_is_not_taken_as_complete() {
    let path = fixture("tmx/malformed-unclosed-tuv.tmx");
    match read_tmx_file(&path) {
        Err(TmxError::Malformed { line, message, .. }) => {
            assert_eq!(line, 13, "{message}");
            assert!(message.contains("</tuv>"), "{message}");
        }
        other => panic!("expected a malformed-file error, got {other:?}"),
    }
    // Streaming: the first unit, then the error, then nothing.
    let mut reader = TmxReader::new(std::fs::File::open(&path).unwrap());
    assert_eq!(reader.next().unwrap().unwrap().tuid.as_deref(), Some("1"));
    let err = reader.next().unwrap().unwrap_err();
    assert!(
        err.to_string()
            .starts_with("malformed TMX at line 13, column 5:"),
        "{err}"
    );
    assert!(reader.next().is_none());
}

#[test]
fn missing_files_and_non_tmx_files_are_errors_that_say_so() {
    let err = read_tmx_file(fixture("tmx/no-such-file.tmx")).unwrap_err();
    assert!(matches!(err, TmxError::Io { .. }));
    assert!(err.to_string().contains("no-such-file.tmx"), "{err}");
    let err = read_tmx_file(fixture("tmx/README.md")).unwrap_err();
    assert!(matches!(err, TmxError::NotTmx { .. }), "{err}");
    let err = read_tmx_file(fixture("tmx/tmx14.dtd")).unwrap_err();
    assert!(!err.to_string().is_empty());
}

#[test]
fn reads_real_po2tmx_output() {
    let tmx = read_tmx_file(fixture("tmx/po2tmx-translate-toolkit-3.20.4.tmx"))
        .expect("translate-toolkit's TMX reads");
    assert_eq!(tmx.header.creationtool, "Translate Toolkit");
    assert_eq!(tmx.units.len(), 3);
    assert_eq!(
        tmx.units[1].text("en"),
        Some("The crossing will carry about 84,000 vehicles a day & more.")
    );
    assert_eq!(
        tmx.units[1].text("uk"),
        Some("Переправа пропускатиме близько 84 тис. автомобілів на добу & більше.")
    );
    assert_eq!(
        tmx.units[2].text("en"),
        Some("\"Welcome to the new Nordhaven!\"")
    );
    assert_eq!(
        tmx.units[2].text("ua"),
        Some("«Ласкаво просимо до нового Нордгавена!»")
    );
}
