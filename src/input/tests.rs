use super::*;
use crate::lang::Lang;

const RU: &str = "Министр внутренней безопасности США Кристи Ноэм посетила тюрьму CECOT.\n\n\
                  Это крупнейшая тюрьма в Латинской Америке, рассчитанная на 40 000 заключённых.\n";
const UK: &str = "Міністерка внутрішньої безпеки США Крісті Ноем відвідала в'язницю CECOT.\n\n\
                  Це найбільша в'язниця в Латинській Америці, розрахована на 40 000 ув'язнених. Ґанок, їжа, єдність.\n";
/// Ukrainian without `ґ`, which ISO-8859-5 lacks.
const UK_NO_G: &str =
    "Міністерка внутрішньої безпеки США відвідала в'язницю. Їжа, єдність і ще 40 000 ув'язнених.\n";
const EN: &str = "Homeland Security Secretary Kristi Noem visited the CECOT prison \u{2014} \u{201C}a warning\u{201D}, she said, in caf\u{E9}s.\n";

fn read(bytes: &[u8], lang: Lang) -> Result<Read, InputError> {
    decode(
        bytes,
        &ReadOptions {
            lang: Some(lang),
            ..ReadOptions::default()
        },
    )
}

#[test]
fn each_single_byte_encoding_is_detected_for_its_language() {
    for (text, lang, encoding) in [
        (RU, Lang::RU, encoding_rs::WINDOWS_1251),
        (RU, Lang::RU, encoding_rs::KOI8_R),
        (RU, Lang::RU, encoding_rs::ISO_8859_5),
        (RU, Lang::RU, encoding_rs::IBM866),
        (UK, Lang::UK, encoding_rs::WINDOWS_1251),
        (UK, Lang::UK, encoding_rs::KOI8_U),
        (UK_NO_G, Lang::UK, encoding_rs::ISO_8859_5),
        (EN, Lang::EN, encoding_rs::WINDOWS_1252),
    ] {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{} cannot write the sample", encoding.name());
        let got = read(&bytes, lang).unwrap_or_else(|e| panic!("{}: {e}", encoding.name()));
        assert_eq!(got.text, text, "{}", encoding.name());
        assert_eq!(got.encoding, encoding, "read as {}", got.encoding.name());
        assert_eq!(got.how, How::Detected);
        assert!(got.note().unwrap().contains(encoding.name()));
    }
}

#[test]
fn utf8_and_its_byte_order_mark_say_nothing() {
    let got = read(UK.as_bytes(), Lang::UK).unwrap();
    assert_eq!((got.text.as_str(), got.how), (UK, How::Utf8));
    assert!(got.note().is_none());
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(UK.as_bytes());
    let got = read(&bom, Lang::UK).unwrap();
    assert_eq!((got.text.as_str(), got.how), (UK, How::Utf8));
}

#[test]
fn utf16_is_read_with_or_without_a_byte_order_mark() {
    let le: Vec<u8> = UK.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = UK.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, encoding) in [(le, encoding_rs::UTF_16LE), (be, encoding_rs::UTF_16BE)] {
        let got = read(&bytes, Lang::UK).unwrap();
        assert_eq!(
            (got.text.as_str(), got.encoding, got.how),
            (UK, encoding, How::Utf16Guessed)
        );
        let mut with_bom = if encoding == encoding_rs::UTF_16LE {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        with_bom.extend_from_slice(&bytes);
        let got = read(&with_bom, Lang::UK).unwrap();
        assert_eq!(
            (got.text.as_str(), got.encoding, got.how),
            (UK, encoding, How::Bom)
        );
    }
    // English UTF-16 too (zero high bytes).
    let en: Vec<u8> = EN.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(read(&en, Lang::EN).unwrap().text, EN);
}

#[test]
fn a_given_encoding_wins_and_a_byte_it_cannot_read_is_an_error_with_its_place() {
    let (bytes, _, _) = encoding_rs::KOI8_U.encode(UK);
    let given = decode(
        &bytes,
        &ReadOptions {
            encoding: Some(encoding_rs::KOI8_U),
            lang: None,
            format: None,
        },
    )
    .unwrap();
    assert_eq!((given.text.as_str(), given.how), (UK, How::Given));
    let err = decode(
        b"ok\nbad \xff\n",
        &ReadOptions {
            encoding: Some(encoding_rs::UTF_8),
            lang: None,
            format: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "not valid UTF-8 at byte 7 (line 2)");
}

#[test]
fn bytes_that_read_as_no_language_are_an_error_with_the_first_bad_byte() {
    // Random high bytes: no encoding makes words of them.
    let bytes: Vec<u8> = b"ok\n"
        .iter()
        .copied()
        .chain((0..200u32).map(|i| 0x80 + (i * 37 % 64) as u8))
        .collect();
    let err = read(&bytes, Lang::RU).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("invalid UTF-8 at byte 3 (line 2)"),
        "{message}"
    );
    assert!(message.contains("--encoding"), "{message}");
}

#[test]
fn binary_formats_are_named() {
    for (bytes, says) in [
        (&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"[..], "Word 97-2003"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
    ] {
        let message = read(bytes, Lang::EN).unwrap_err().to_string();
        assert!(message.contains(says), "{message}");
    }
    let message = read(b"ab\0cd", Lang::EN).unwrap_err().to_string();
    assert_eq!(
        message,
        "binary data, not text: NUL byte at byte 2 (line 1)"
    );
}

#[test]
fn needs_decoding_lets_utf8_stream() {
    assert!(!needs_decoding(UK.as_bytes()));
    // A character cut at the end of the sample is no reason.
    let cut = &UK.as_bytes()[..UK.len() - 2];
    assert!(!needs_decoding(&UK.as_bytes()[..3]));
    assert!(!needs_decoding(cut) || std::str::from_utf8(cut).is_err());
    assert!(needs_decoding(b"\xFF\xFEa\0"));
    assert!(needs_decoding(b"PK\x03\x04"));
    assert!(needs_decoding(&encoding_rs::WINDOWS_1251.encode(RU).0));
}
