//! Translation memories as JSON lines: one JSON object per unit and line.
//!
//! This is what `polyalign tmx convert` writes and reads, what `polyalign align
//! --format jsonl` writes, and what `lookup`, `pretranslate` and `tm build` read as a
//! memory. One convention holds for the keys of an object:
//!
//! | key | meaning |
//! |---|---|
//! | a language code (`en`, `uk`, `en-GB`, `ua`) | the unit's text in that language: a string, or an object with a `text` string (`{"ids": [0, 1], "text": "..."}`, as `align` writes it); an empty text is no text |
//! | `tuid`, else `unit`, else `id` | the unit's identifier: a string, or any other JSON value as JSON writes it (`7` → `"7"`) |
//! | `document` or `doc` | the unit's document (a string): its `x-document` property |
//! | `score` | the alignment score: its `x-score` property, as JSON writes it |
//! | `scores` | the score of each pair of versions, `{"en-ru": 0.99}` as `align` writes it: `x-score-en-ru` properties |
//!
//! Any other key with a text is read as a language tag too (a memory leaves out tags that
//! are not language codes); keys of other values are ignored. Blank lines are skipped, and
//! so are units without any text.
//!
//! Writing ([`write()`]) gives each unit its `tuid`, when it has one, and its texts under
//! their language codes, normalised (`ua` → `uk`); keys are in alphabetical order.
//!
//! ```
//! use polyalign::formats::jsonl;
//!
//! let input = r#"{"unit": 1, "en": {"ids": [0], "text": "Hello."}, "uk": {"ids": [0], "text": "Привіт."}, "score": 0.93}
//! {"tuid": "b7", "en": "Bye.", "ru": "Пока.", "document": "cecot"}
//! "#;
//! let memory = jsonl::read(input.as_bytes())?;
//! let [hello, bye] = &memory.units[..] else { panic!() };
//! assert_eq!((hello.tuid.as_deref(), hello.text("uk")), (Some("1"), Some("Привіт.")));
//! assert_eq!(hello.props[0].kind, "x-score");
//! assert_eq!((bye.tuid.as_deref(), bye.props[0].value.as_str()), (Some("b7"), "cecot"));
//! let mut out = Vec::new();
//! jsonl::write(&mut out, &memory).unwrap();
//! assert_eq!(
//!     String::from_utf8(out).unwrap(),
//!     "{\"en\":\"Hello.\",\"tuid\":\"1\",\"uk\":\"Привіт.\"}\n{\"en\":\"Bye.\",\"ru\":\"Пока.\",\"tuid\":\"b7\"}\n"
//! );
//! # Ok::<(), polyalign::formats::FormatError>(())
//! ```

use std::io::{self, BufRead, Write};

use serde_json::Value;

use super::FormatError;
use crate::tmx::{normalize_lang, Header, Prop, Tmx, Tu};

/// The units of a JSON lines memory, read one line at a time; see [`units`].
#[derive(Debug)]
pub struct Units<R> {
    lines: io::Lines<R>,
    line: usize,
}

/// The units of a JSON lines memory in `reader`, read as a stream: each a [`Tu`] with its
/// `tuid` (`None` when the object has no identifier), texts and properties, following
/// the key convention of the [module](self). Blank lines and units without text are
/// skipped.
pub fn units<R: BufRead>(reader: R) -> Units<R> {
    Units {
        lines: reader.lines(),
        line: 0,
    }
}

impl<R: BufRead> Iterator for Units<R> {
    type Item = Result<Tu, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let line = self.lines.next()?;
            self.line += 1;
            let line = match line {
                Ok(l) => l,
                Err(source) => {
                    return Some(Err(FormatError::Io {
                        line: self.line,
                        source,
                    }))
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            match parse_unit(&line) {
                Ok(tu) if tu.variants.is_empty() => continue,
                Ok(tu) => return Some(Ok(tu)),
                Err(message) => {
                    return Some(Err(FormatError::Record {
                        line: self.line,
                        message,
                    }))
                }
            }
        }
    }
}

/// One unit from the JSON object `record` (see the [module](self) documentation); the
/// unit has no variant when the object has no text. Errors: the record is not JSON, or
/// not an object.
pub fn parse_unit(record: &str) -> Result<Tu, String> {
    let value: Value = serde_json::from_str(record).map_err(|e| e.to_string())?;
    let Value::Object(obj) = value else {
        return Err("not a JSON object".into());
    };
    let mut tu = Tu::new();
    // The identifier: `tuid`, else `unit`, else `id`.
    let mut id: Option<(u8, &Value)> = None;
    for (key, val) in &obj {
        match (key.as_str(), val) {
            ("tuid", v) => id = Some((0, v)),
            ("unit", v) if id.is_none_or(|(rank, _)| rank > 1) => id = Some((1, v)),
            ("id", v) if id.is_none() => id = Some((2, v)),
            ("unit" | "id", _) => {}
            ("document" | "doc", Value::String(d)) => {
                tu.props.push(Prop::new("x-document", d.as_str()));
            }
            ("document" | "doc", _) => {}
            ("score", s) => tu.props.push(Prop::new("x-score", s.to_string())),
            ("scores", Value::Object(pairs)) => {
                for (pair, s) in pairs {
                    tu.props
                        .push(Prop::new(format!("x-score-{pair}"), s.to_string()));
                }
            }
            (lang, Value::String(text)) => push_text(&mut tu, lang, text),
            (lang, Value::Object(o)) => {
                if let Some(text) = o.get("text").and_then(Value::as_str) {
                    push_text(&mut tu, lang, text);
                }
            }
            _ => {}
        }
    }
    tu.tuid = id.map(|(_, v)| v.as_str().map_or_else(|| v.to_string(), str::to_string));
    Ok(tu)
}

fn push_text(tu: &mut Tu, lang: &str, text: &str) {
    if !text.is_empty() {
        *tu = std::mem::take(tu).with_variant(lang, text);
    }
}

/// Reads a whole memory (see the [module](self) documentation). Units without an
/// identifier are numbered by their place among the units read (`tuid` 1, 2, ...); the
/// first language of the first unit is the memory's source language.
///
/// Errors: [`FormatError::Record`] for a line that is not a JSON object,
/// [`FormatError::Io`] when reading fails or a line is not UTF-8; both say the line.
pub fn read(reader: impl BufRead) -> Result<Tmx, FormatError> {
    let mut units = Vec::new();
    for tu in self::units(reader) {
        let mut tu = tu?;
        if tu.tuid.is_none() {
            tu.tuid = Some((units.len() + 1).to_string());
        }
        units.push(tu);
    }
    let srclang = units
        .first()
        .and_then(|tu: &Tu| tu.variants.first())
        .map_or_else(|| "*all*".to_string(), |v| v.lang.clone());
    Ok(Tmx {
        header: Header::new(srclang),
        units,
    })
}

/// Writes a memory (see the [module](self) documentation).
pub fn write<W: Write>(mut out: W, tmx: &Tmx) -> io::Result<()> {
    for tu in &tmx.units {
        let mut m = serde_json::Map::new();
        if let Some(id) = &tu.tuid {
            m.insert("tuid".into(), Value::from(id.as_str()));
        }
        for v in &tu.variants {
            m.insert(normalize_lang(&v.lang), Value::from(v.text.as_str()));
        }
        serde_json::to_writer(&mut out, &Value::Object(m))?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_keys_in_order_of_precedence() {
        for (record, want) in [
            (r#"{"en": "a"}"#, None),
            (r#"{"en": "a", "id": "i"}"#, Some("i")),
            (r#"{"en": "a", "id": "i", "unit": 3}"#, Some("3")),
            (
                r#"{"en": "a", "id": "i", "unit": 3, "tuid": "t"}"#,
                Some("t"),
            ),
            (r#"{"en": "a", "unit": 3, "tuid": 9}"#, Some("9")),
            (r#"{"en": "a", "tuid": null}"#, Some("null")),
        ] {
            assert_eq!(
                parse_unit(record).unwrap().tuid.as_deref(),
                want,
                "{record}"
            );
        }
    }

    #[test]
    fn texts_documents_and_scores() {
        let tu = parse_unit(
            r#"{"en": {"ids": [1], "text": "A."}, "ru": "", "uk": {"ids": []}, "doc": "d", "score": 0.5, "scores": {"en-uk": 0.25}, "n": 3, "x-note": "kept"}"#,
        )
        .unwrap();
        let langs: Vec<_> = tu.variants.iter().map(|v| v.lang.as_str()).collect();
        assert_eq!(langs, ["en", "x-note"]);
        let props: Vec<_> = tu
            .props
            .iter()
            .map(|p| (p.kind.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            props,
            [
                ("x-document", "d"),
                ("x-score", "0.5"),
                ("x-score-en-uk", "0.25")
            ]
        );
        // A document that is not a string is not a text either.
        let tu = parse_unit(r#"{"document": {"text": "x"}, "en": "a"}"#).unwrap();
        assert!(tu.props.is_empty() && tu.variants.len() == 1);
    }

    #[test]
    fn errors_say_the_line_and_blank_lines_and_empty_units_are_skipped() {
        let input = "{\"en\": \"a\"}\n\n{\"score\": 1}\n[1]\n";
        let got: Vec<_> = units(input.as_bytes()).collect();
        assert_eq!(got.len(), 2);
        match &got[1] {
            Err(FormatError::Record { line, message }) => {
                assert_eq!((*line, message.as_str()), (4, "not a JSON object"))
            }
            other => panic!("{other:?}"),
        }
        let err = read("{\"en\": \"a\"}\n{bad\n".as_bytes()).unwrap_err();
        assert_eq!(err.line(), Some(2));
        let err = read(&b"\xff\n"[..]).unwrap_err();
        assert!(matches!(err, FormatError::Io { line: 1, .. }), "{err:?}");
    }

    #[test]
    fn units_without_an_identifier_are_numbered() {
        let tmx = read(
            "{\"en\": \"a\"}\n{\"score\": 1}\n{\"tuid\": \"x\", \"uk\": \"b\"}\n{\"ru\": \"c\"}\n"
                .as_bytes(),
        )
        .unwrap();
        let ids: Vec<_> = tmx
            .units
            .iter()
            .map(|u| u.tuid.as_deref().unwrap())
            .collect();
        assert_eq!(ids, ["1", "x", "3"]);
        assert_eq!(tmx.header.srclang, "en");
        assert_eq!(read(&b""[..]).unwrap().header.srclang, "*all*");
    }
}
