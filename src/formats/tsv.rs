//! Translation memories as tab-separated values.
//!
//! The first row holds the language codes, one per column; each further row is a unit,
//! its cells the texts in those languages, separated by single tabs (shown here as `→`):
//!
//! ```text
//! en→uk→score
//! The bridge opened.→Міст відкрили.→0.912
//! ```
//!
//! - Reading ([`read()`]): blank rows are skipped; cells are trimmed, and an empty cell is
//!   no text; a `score` column becomes the unit's `x-score` property (as `polyalign align`
//!   writes it); a row without any text is left out; units are numbered (`tuid` 1, 2, ...)
//!   in the order read; the header's first language is the memory's source language.
//! - Writing ([`write()`]): one column per language, in the order the languages first
//!   appear (their codes normalised, `ua` → `uk`), and a cell per unit and language,
//!   empty when the unit has no text in it; rows are written by [`write_row`], so
//!   texts go through [`cell`].
//!
//! ```
//! use polyalign::formats::tsv;
//!
//! let memory = tsv::read("en\tuk\nHello.\tПривіт.\nBye.\t\n".as_bytes())?;
//! assert_eq!(memory.units.len(), 2);
//! assert_eq!(memory.units[0].text("uk"), Some("Привіт."));
//! assert_eq!(memory.units[1].text("uk"), None);
//! let mut out = Vec::new();
//! tsv::write(&mut out, &memory).unwrap();
//! assert_eq!(String::from_utf8(out).unwrap(), "en\tuk\nHello.\tПривіт.\nBye.\t\n");
//! # Ok::<(), polyalign::formats::FormatError>(())
//! ```

use std::io::{self, BufRead, Write};

use super::FormatError;
use crate::tmx::{normalize_lang, Header, Prop, Tmx, Tu};

/// Text made fit for one cell of a TSV row: tabs and line breaks become single spaces.
///
/// ```
/// assert_eq!(polyalign::formats::tsv::cell("a\tb\r\nc\n"), "a b c");
/// ```
pub fn cell(s: &str) -> String {
    s.split(['\t', '\n', '\r'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a memory (see the [module](self) documentation).
///
/// Errors: [`FormatError::Empty`] for an input without a header row,
/// [`FormatError::Io`] (with the line) when reading fails or a line is not UTF-8.
pub fn read(reader: impl BufRead) -> Result<Tmx, FormatError> {
    let mut lines = reader.lines();
    let header = lines
        .next()
        .transpose()
        .map_err(|source| FormatError::Io { line: 1, source })?
        .ok_or(FormatError::Empty)?;
    let cols: Vec<String> = header.split('\t').map(|c| c.trim().to_string()).collect();
    let mut units = Vec::new();
    for (n, line) in lines.enumerate() {
        let line = line.map_err(|source| FormatError::Io {
            line: n + 2,
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let mut tu = Tu::new();
        tu.tuid = Some((units.len() + 1).to_string());
        for (col, cell) in cols.iter().zip(line.split('\t')) {
            if col == "score" {
                tu.props.push(Prop::new("x-score", cell.trim()));
            } else if !cell.trim().is_empty() {
                tu = tu.with_variant(col.as_str(), cell.trim());
            }
        }
        if !tu.variants.is_empty() {
            units.push(tu);
        }
    }
    Ok(Tmx {
        header: Header::new(cols.first().cloned().unwrap_or_else(|| "*all*".into())),
        units,
    })
}

/// Writes a memory (see the [module](self) documentation).
pub fn write<W: Write>(mut out: W, tmx: &Tmx) -> io::Result<()> {
    let langs = languages(tmx);
    write_row(&mut out, &langs)?;
    for tu in &tmx.units {
        write_row(
            &mut out,
            langs.iter().map(|l| tu.text(l).unwrap_or_default()),
        )?;
    }
    Ok(())
}

/// Writes one row: the cells through [`cell`], separated by tabs, and a line feed.
///
/// ```
/// let mut out = Vec::new();
/// polyalign::formats::tsv::write_row(&mut out, ["en", "two\nlines", "0.912"]).unwrap();
/// assert_eq!(out, b"en\ttwo lines\t0.912\n");
/// ```
pub fn write_row<W: Write>(
    mut out: W,
    cells: impl IntoIterator<Item = impl AsRef<str>>,
) -> io::Result<()> {
    let mut row = String::new();
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            row.push('\t');
        }
        row.push_str(&cell(c.as_ref()));
    }
    row.push('\n');
    out.write_all(row.as_bytes())
}

/// The languages of a memory, normalised, in the order they first appear.
fn languages(tmx: &Tmx) -> Vec<String> {
    let mut langs: Vec<String> = Vec::new();
    for tu in &tmx.units {
        for v in &tu.variants {
            let l = normalize_lang(&v.lang);
            if !langs.contains(&l) {
                langs.push(l);
            }
        }
    }
    langs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_scores_and_skips_blank_rows_and_rows_without_text() {
        let tmx =
            read("en\tru\tscore\n\nA.\tА.\t0.9\n\t\t0.1\n  \nB.\t\t0.5\n".as_bytes()).unwrap();
        assert_eq!(tmx.header.srclang, "en");
        let got: Vec<_> = tmx
            .units
            .iter()
            .map(|u| {
                (
                    u.tuid.clone().unwrap(),
                    u.variants.len(),
                    u.props[0].value.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [("1".into(), 2, "0.9".into()), ("2".into(), 1, "0.5".into())]
        );
    }

    #[test]
    fn errors_say_the_line() {
        assert!(matches!(read(&b""[..]), Err(FormatError::Empty)));
        let err = read(&b"en\tru\nok\tok\n\xff\n"[..]).unwrap_err();
        assert_eq!(err.line(), Some(3));
        assert!(matches!(err, FormatError::Io { .. }));
        let err = read(&b"\xff\n"[..]).unwrap_err();
        assert_eq!(err.line(), Some(1));
    }

    #[test]
    fn writes_languages_in_order_of_appearance_with_clean_cells() {
        let tmx = Tmx {
            header: Header::new("en"),
            units: vec![
                Tu::new()
                    .with_variant("en", "a\tb")
                    .with_variant("ua", "в\nг"),
                Tu::new().with_variant("ru", "д").with_variant("en", "e"),
            ],
        };
        let mut out = Vec::new();
        write(&mut out, &tmx).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "en\tuk\tru\na b\tв г\t\ne\t\tд\n"
        );
    }
}
