//! From the files people have to text: encodings and document formats.
//!
//! [`decode`] takes the bytes of a file and gives its text, whatever the file is:
//!
//! - **Text in any of the encodings newsrooms use**: UTF-8 (with or without a byte order
//!   mark), UTF-16 LE and BE (with a byte order mark, or recognised by its zero bytes),
//!   and, when the bytes are not UTF-8, the single-byte encodings of Cyrillic and Western
//!   text (Windows-1251, KOI8-R, KOI8-U, ISO-8859-5, CP866, Windows-1252). Which one is
//!   told by [chardetng] and checked against the script the language is written in: the
//!   encoding whose text reads most like the language wins ([`ReadOptions::lang`]).
//!   [`ReadOptions::encoding`] sets the encoding instead.
//! - **Word and OpenDocument files** (`.docx`, `.odt`): the paragraphs, headings, list
//!   items, table cells, text boxes, footnotes and endnotes, in reading order, one
//!   paragraph per blank-line block ([`office`]).
//! - **Formats it cannot read** (a Word 97–2003 `.doc`, a PDF, an RTF file, a spreadsheet,
//!   other binary data) are an error that names the format and says what to do.
//!
//! Nothing is decoded with replacement characters: a byte that fits no encoding is an
//! error with its byte offset and line ([`InputError`]).
//!
//! ```
//! use polyalign::input::{decode, ReadOptions, How};
//! use polyalign::lang::Lang;
//!
//! // "Привет, мир." in Windows-1251.
//! let bytes = b"\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0. \xc4\xee \xe2\xf1\xf2\xf0\xe5\xf7\xe8.";
//! let read = decode(bytes, &ReadOptions { lang: Some(Lang::RU), ..ReadOptions::default() })?;
//! assert_eq!(read.text, "Привет, мир. До встречи.");
//! assert_eq!(read.encoding.name(), "windows-1251");
//! assert_eq!(read.how, How::Detected);
//! # Ok::<(), polyalign::input::InputError>(())
//! ```
//!
//! [chardetng]: https://docs.rs/chardetng

pub use encoding_rs::Encoding;

use crate::lang::Lang;

mod detect;
pub mod html;
pub mod office;

pub use detect::encoding_for_label;

/// How a file is to be read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The encoding to read text in, instead of detecting it (`--encoding`).
    pub encoding: Option<&'static Encoding>,
    /// The language the text is in: the encoding detected must give text in its script.
    pub lang: Option<Lang>,
    /// The format to read the bytes as, instead of recognising it by their content
    /// (`--format`, or the file name's extension). Only [`Format::Html`] and
    /// [`Format::Text`] change how a file is read: an office document is always
    /// recognised by its content.
    pub format: Option<Format>,
}

/// How the encoding of a text was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Valid UTF-8 without a byte order mark: nothing to say.
    Utf8,
    /// A byte order mark said it.
    Bom,
    /// UTF-16 recognised by its zero bytes, without a byte order mark.
    Utf16Guessed,
    /// Detected from the bytes and checked against the language's script.
    Detected,
    /// Given by the caller ([`ReadOptions::encoding`]).
    Given,
    /// Not text: a document format whose parts are UTF-8 XML.
    Document,
    /// A web page whose text was read in this encoding (detected or UTF-8).
    Page,
}

/// The document format of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// An Office Open XML word-processing document (`.docx`).
    Docx,
    /// An OpenDocument text (`.odt`).
    Odt,
    /// A web page (`.html`, `.htm`): its article is read ([`html`]).
    Html,
}

impl Format {
    /// A name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "a Word document (.docx)",
            Format::Odt => "an OpenDocument text (.odt)",
            Format::Html => "a web page (HTML)",
        }
    }

    /// The format a file name's extension says (`.html`, `.htm`, `.docx`, `.odt`, `.txt`),
    /// if any.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "odt" => Some(Format::Odt),
            "txt" => Some(Format::Text),
            _ => None,
        }
    }
}

/// A file read as text.
#[derive(Debug, Clone)]
pub struct Read {
    /// The text: paragraphs are separated by blank lines.
    pub text: String,
    /// The encoding the text was read in (UTF-8 for documents).
    pub encoding: &'static Encoding,
    /// How the encoding was chosen.
    pub how: How,
    /// What the file is.
    pub format: Format,
}

impl Read {
    /// What to tell the user about how the file was read, if anything (`None` for plain
    /// UTF-8 text): `"read as windows-1251 (detected; --encoding chooses another)"`.
    pub fn note(&self) -> Option<String> {
        let name = self.encoding.name();
        match self.how {
            How::Utf8 => None,
            How::Bom => Some(format!("read as {name} (byte order mark)")),
            How::Utf16Guessed => Some(format!(
                "read as {name} (no byte order mark; recognised by its zero bytes)"
            )),
            How::Detected => Some(format!(
                "read as {name} (detected; --encoding chooses another)"
            )),
            How::Given => None,
            How::Document => Some(format!("read as {}", self.format.name())),
            How::Page => Some(format!("read as {}, its article text", self.format.name())),
        }
    }
}

/// Why a file cannot be read as text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// A UTF-8 text with a byte that is not UTF-8 (the text has characters of several
    /// bytes elsewhere, so it is no single-byte encoding).
    #[error("invalid UTF-8 at byte {offset} (line {line})")]
    InvalidUtf8 {
        /// Byte offset of the first byte that is not UTF-8.
        offset: u64,
        /// Line (from 1) of that byte.
        line: u64,
    },
    /// Bytes that are not UTF-8 and fit none of the single-byte encodings tried.
    #[error(
        "invalid UTF-8 at byte {offset} (line {line}), and the text reads as none of {tried}: \
         pass --encoding with the file's encoding"
    )]
    NoEncoding {
        /// Byte offset of the first byte that is not UTF-8.
        offset: u64,
        /// Line (from 1) of that byte.
        line: u64,
        /// The encodings tried, for the message.
        tried: String,
    },
    /// A byte the encoding given or announced cannot decode.
    #[error("not valid {encoding} at byte {offset} (line {line})")]
    Malformed {
        /// The encoding.
        encoding: &'static str,
        /// Byte offset of the first malformed byte.
        offset: u64,
        /// Line (from 1) of that byte.
        line: u64,
    },
    /// Binary data that is no format this reader knows.
    #[error("binary data, not text: NUL byte at byte {offset} (line {line})")]
    Binary {
        /// Byte offset of the NUL byte.
        offset: u64,
        /// Line (from 1) of the NUL byte.
        line: u64,
    },
    /// A format recognised but not read.
    #[error("{format}, not text: {advice}")]
    Unsupported {
        /// The format (`a PDF document`).
        format: &'static str,
        /// What to do.
        advice: &'static str,
    },
    /// A document format whose content is broken.
    #[error("{format}: {message}")]
    Document {
        /// The format.
        format: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// Reads `bytes` as text: see the [module](self).
pub fn decode(bytes: &[u8], options: &ReadOptions) -> Result<Read, InputError> {
    if let Some(format) = office::sniff(bytes)? {
        let text = office::extract(bytes, format)?;
        return Ok(Read {
            text,
            encoding: encoding_rs::UTF_8,
            how: How::Document,
            format,
        });
    }
    unsupported(bytes)?;
    let (text, encoding, how) = detect::decode_text(bytes, options)?;
    if is_html(bytes, options) {
        return Ok(Read {
            text: html::extract(&text),
            encoding,
            how: How::Page,
            format: Format::Html,
        });
    }
    Ok(Read {
        text,
        encoding,
        how,
        format: Format::Text,
    })
}

/// [`decode`] for bytes the caller owns: plain UTF-8 text becomes the text without a copy.
pub fn decode_vec(bytes: Vec<u8>, options: &ReadOptions) -> Result<Read, InputError> {
    let plain = options.encoding.is_none_or(|e| e == encoding_rs::UTF_8)
        && Encoding::for_bom(&bytes).is_none()
        && !office::sniff_magic(&bytes)
        && !is_html(&bytes, options)
        && memchr::memchr(0, &bytes).is_none();
    if plain && unsupported(&bytes).is_ok() {
        return match String::from_utf8(bytes) {
            Ok(text) => Ok(Read {
                text,
                encoding: encoding_rs::UTF_8,
                how: if options.encoding.is_some() {
                    How::Given
                } else {
                    How::Utf8
                },
                format: Format::Text,
            }),
            // Not UTF-8: the bytes come back with the error.
            Err(e) => decode(e.as_bytes(), options),
        };
    }
    decode(&bytes, options)
}

/// Whether the first bytes of a stream must be read whole by [`decode`] rather than
/// streamed as UTF-8: a byte order mark other than UTF-8's, a document or binary format,
/// a NUL byte, or bytes that are not UTF-8 (a character cut at the end of `head` is not
/// counted).
pub fn needs_decoding(head: &[u8]) -> bool {
    if head.starts_with(b"\xEF\xBB\xBF") {
        return needs_decoding(&head[3..]);
    }
    if unsupported(head).is_err()
        || Encoding::for_bom(head).is_some()
        || office::sniff_magic(head)
        || html::sniff(head)
        || memchr::memchr(0, head).is_some()
    {
        return true;
    }
    match std::str::from_utf8(head) {
        Ok(_) => false,
        Err(e) => e.error_len().is_some() || head.len() - e.valid_up_to() > 3,
    }
}

/// Whether `bytes` are to be read as a web page: the format given, else their start.
fn is_html(bytes: &[u8], options: &ReadOptions) -> bool {
    match options.format {
        Some(Format::Html) => true,
        Some(Format::Text) => false,
        _ => html::sniff(bytes),
    }
}

/// The error for a format recognised by its first bytes and not read.
fn unsupported(bytes: &[u8]) -> Result<(), InputError> {
    let found = |format, advice| Err(InputError::Unsupported { format, advice });
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return found(
            "a Word 97-2003 document (.doc) or another OLE compound file",
            "save it as .docx, .odt or plain text (UTF-8) and read that",
        );
    }
    if bytes.starts_with(b"%PDF-") {
        return found(
            "a PDF document",
            "extract its text first (for example `pdftotext -layout FILE.pdf`) and read the text",
        );
    }
    if bytes.starts_with(b"{\\rtf") {
        return found(
            "an RTF document",
            "save it as .docx, .odt or plain text (UTF-8) and read that",
        );
    }
    Ok(())
}

/// How many line feeds come before byte `pos` of `bytes`, plus one: the line of `pos`.
fn line_of(bytes: &[u8], pos: usize) -> u64 {
    1 + memchr::memchr_iter(b'\n', &bytes[..pos.min(bytes.len())]).count() as u64
}

#[cfg(test)]
mod tests;
