//! The text of Word (`.docx`) and OpenDocument (`.odt`) files.
//!
//! Both are zip archives of XML parts. The body's paragraphs (headings, list items and
//! table cells are paragraphs too) come in document order, each as one blank-line block;
//! a line break inside a paragraph is a line feed, a tab a space. Text boxes come where
//! they are anchored; footnotes and endnotes come after the body, in their order. Deleted
//! text of tracked changes, field codes, comments and the fallback copies of drawings are
//! left out.
//!
//! The archive is read with bounds: a part that inflates beyond [`MAX_PART`] bytes is an
//! error, not memory spent.

use std::io::{Cursor, Read as _};

use quick_xml::events::Event;

use super::{Format, InputError};

/// The most bytes one XML part of a document may inflate to.
pub const MAX_PART: u64 = 512 << 20;

/// Whether `head` starts as a zip archive does.
pub(super) fn sniff_magic(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

/// The document format of a zip archive, `None` when `bytes` are no zip archive; a zip
/// archive that is no text document is an error naming what it is.
pub(super) fn sniff(bytes: &[u8]) -> Result<Option<Format>, InputError> {
    if !sniff_magic(bytes) {
        return Ok(None);
    }
    let archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken("a zip archive", e))?;
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("word/document.xml") {
        return Ok(Some(Format::Docx));
    }
    if has("content.xml") {
        let mut archive = archive;
        let mime = part(&mut archive, "mimetype", "an OpenDocument file").unwrap_or_default();
        if mime.is_empty() || mime.starts_with("application/vnd.oasis.opendocument.text") {
            return Ok(Some(Format::Odt));
        }
        return Err(InputError::Unsupported {
            format: "an OpenDocument file other than text (a spreadsheet or presentation)",
            advice: "save the text as .odt, .docx or plain text (UTF-8) and read that",
        });
    }
    let (format, advice) = if has("xl/workbook.xml") {
        (
            "an Excel workbook (.xlsx)",
            "save the text as .docx or plain text (UTF-8)",
        )
    } else if has("ppt/presentation.xml") {
        (
            "a PowerPoint presentation (.pptx)",
            "save the text as .docx or plain text (UTF-8)",
        )
    } else if has("META-INF/container.xml") {
        (
            "an EPUB book or another zip container",
            "save the text as plain text (UTF-8)",
        )
    } else {
        ("a zip archive", "unpack it and read the text files inside")
    };
    Err(InputError::Unsupported { format, advice })
}

/// The text of a document of `format`: see the [module](self).
pub(super) fn extract(bytes: &[u8], format: Format) -> Result<String, InputError> {
    let name = match format {
        Format::Docx => "a Word document (.docx)",
        Format::Odt => "an OpenDocument text (.odt)",
        Format::Text | Format::Html => unreachable!("text and web pages are not office documents"),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(name, e))?;
    let mut paragraphs = Vec::new();
    match format {
        Format::Docx => {
            let body = part(&mut archive, "word/document.xml", name)?;
            let mut notes = Vec::new();
            docx(&body, name, &mut paragraphs)?;
            for notes_part in ["word/footnotes.xml", "word/endnotes.xml"] {
                if archive.index_for_name(notes_part).is_some() {
                    let xml = part(&mut archive, notes_part, name)?;
                    docx(&xml, name, &mut notes)?;
                }
            }
            paragraphs.extend(notes);
        }
        Format::Odt => {
            let body = part(&mut archive, "content.xml", name)?;
            odt(&body, name, &mut paragraphs)?;
        }
        Format::Text | Format::Html => {}
    }
    Ok(paragraphs.join("\n\n"))
}

fn broken(name: &'static str, e: impl std::fmt::Display) -> InputError {
    InputError::Document {
        format: name,
        message: format!("cannot read the archive: {e}"),
    }
}

/// One part of the archive as text, at most [`MAX_PART`] bytes.
fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    path: &str,
    name: &'static str,
) -> Result<String, InputError> {
    let file = archive.by_name(path).map_err(|e| InputError::Document {
        format: name,
        message: format!("{path}: {e}"),
    })?;
    let mut out = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut out)
        .map_err(|e| InputError::Document {
            format: name,
            message: format!("{path}: {e}"),
        })?;
    if out.len() as u64 > MAX_PART {
        return Err(InputError::Document {
            format: name,
            message: format!("{path} inflates beyond {} MB", MAX_PART >> 20),
        });
    }
    String::from_utf8(out).map_err(|e| InputError::Document {
        format: name,
        message: format!(
            "{path}: invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// Paragraph texts being built, one per open paragraph element (a text box's paragraphs
/// sit inside another paragraph); a closed paragraph goes to `out` when it has text.
#[derive(Default)]
struct Builder {
    open: Vec<String>,
}

impl Builder {
    fn start(&mut self) {
        self.open.push(String::new());
    }

    fn push(&mut self, s: &str) {
        if let Some(p) = self.open.last_mut() {
            p.push_str(s);
        }
    }

    fn end(&mut self, out: &mut Vec<String>) {
        if let Some(p) = self.open.pop() {
            let text = tidy(&p);
            if !text.is_empty() {
                out.push(text);
            }
        }
    }
}

/// A paragraph's text with its spaces trimmed and no blank line inside.
fn tidy(p: &str) -> String {
    p.lines()
        .map(|l| l.trim_matches(|c: char| c == ' ' || c == '\t'))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The error for XML that does not parse, with its byte position in the part.
fn xml_error(name: &'static str, at: u64, e: impl std::fmt::Display) -> InputError {
    InputError::Document {
        format: name,
        message: format!("malformed XML at byte {at}: {e}"),
    }
}

/// The paragraphs of a WordprocessingML part (`document.xml`, `footnotes.xml`).
fn docx(xml: &str, name: &'static str, out: &mut Vec<String>) -> Result<(), InputError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut builder = Builder::default();
    // Inside `w:t`; depth inside a skipped element (fallback copy, separator note).
    let mut in_text = false;
    let mut skip = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(name, reader.buffer_position(), e))?;
        match event {
            Event::Start(e) => {
                let tag = e.name();
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                match tag.as_ref() {
                    b"mc:Fallback" | b"w:delText" | b"w:instrText" | b"w:comment" => skip = 1,
                    b"w:footnote" | b"w:endnote" => {
                        let separator = e
                            .attributes()
                            .flatten()
                            .any(|a| a.key.as_ref() == b"w:type" && a.value.as_ref() != b"normal");
                        if separator {
                            skip = 1;
                        }
                    }
                    b"w:p" => builder.start(),
                    b"w:t" => in_text = true,
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                match e.name().as_ref() {
                    b"w:tab" => builder.push(" "),
                    b"w:br" | b"w:cr" => builder.push("\n"),
                    b"w:noBreakHyphen" => builder.push("\u{2011}"),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    b"w:p" => builder.end(out),
                    b"w:t" => in_text = false,
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                let text = t
                    .decode()
                    .map_err(|e| xml_error(name, reader.buffer_position(), e))?;
                builder.push(&text);
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                builder.push(&entity(&r, name, reader.buffer_position())?);
            }
            Event::CData(t) if in_text && skip == 0 => {
                builder.push(&String::from_utf8_lossy(&t));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// The text a character or predefined entity reference stands for.
fn entity(
    r: &quick_xml::events::BytesRef<'_>,
    name: &'static str,
    at: u64,
) -> Result<String, InputError> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Ok(c.to_string());
    }
    let raw = r.decode().map_err(|e| xml_error(name, at, e))?;
    match quick_xml::escape::resolve_predefined_entity(&raw) {
        Some(s) => Ok(s.to_string()),
        None => Err(xml_error(name, at, format!("unknown entity &{raw};"))),
    }
}

/// The paragraphs of an OpenDocument `content.xml`; notes go after the body.
fn odt(xml: &str, name: &'static str, out: &mut Vec<String>) -> Result<(), InputError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut body = Builder::default();
    let mut notes = Builder::default();
    let mut note_paragraphs = Vec::new();
    // Depth inside `text:note-body` (notes' paragraphs), inside a skipped element
    // (`text:note-citation`, `office:annotation`), inside `office:text`.
    let mut in_note = 0usize;
    let mut skip = 0usize;
    let mut in_body = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(name, reader.buffer_position(), e))?;
        let b = if in_note > 0 { &mut notes } else { &mut body };
        match event {
            Event::Start(e) => {
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                if in_note > 0 {
                    in_note += 1;
                }
                match e.name().as_ref() {
                    b"office:text" => in_body = true,
                    b"text:note-citation" | b"office:annotation" | b"text:tracked-changes" => {
                        skip = 1;
                        in_note = in_note.saturating_sub(1);
                    }
                    b"text:note-body" => in_note = 1,
                    b"text:p" | b"text:h" if in_body => b.start(),
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip > 0 || !in_body {
                    continue;
                }
                match e.name().as_ref() {
                    b"text:s" => {
                        let n = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == b"text:c")
                            .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse::<usize>().ok())
                            .unwrap_or(1)
                            .min(64);
                        b.push(&" ".repeat(n));
                    }
                    b"text:tab" => b.push(" "),
                    b"text:line-break" => b.push("\n"),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    b"office:text" => in_body = false,
                    b"text:p" | b"text:h" if in_body => {
                        if in_note > 0 {
                            b.end(&mut note_paragraphs);
                        } else {
                            b.end(out);
                        }
                    }
                    _ => {}
                }
                in_note = in_note.saturating_sub(1);
            }
            Event::Text(t) if skip == 0 && in_body => {
                let text = t
                    .decode()
                    .map_err(|e| xml_error(name, reader.buffer_position(), e))?;
                // Layout white space between elements is no text; inside a paragraph,
                // runs of spaces count as one (`text:s` gives more).
                let collapsed: String = collapse(&text);
                b.push(&collapsed);
            }
            Event::GeneralRef(r) if skip == 0 && in_body => {
                b.push(&entity(&r, name, reader.buffer_position())?);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out.extend(note_paragraphs);
    Ok(())
}

/// White space runs as one space, as OpenDocument reads text.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}
