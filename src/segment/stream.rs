//! Streaming segmentation: reads a text paragraph by paragraph, so memory stays
//! proportional to the longest paragraph, not to the file.

use std::collections::VecDeque;
use std::io::{BufRead, Read};
use std::ops::Range;

use super::{ParagraphBuilder, Segmenter, Sentence};

/// An error while reading text to segment.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The input is not valid UTF-8.
    #[error("invalid UTF-8 at byte {offset} (line {line})")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: u64,
        /// Line number (from 1) of the invalid byte.
        line: u64,
    },
    /// The input holds a NUL byte, so it is binary data rather than text.
    #[error("binary data, not text: NUL byte at byte {offset} (line {line})")]
    Binary {
        /// Byte offset of the NUL byte.
        offset: u64,
        /// Line number (from 1) of the NUL byte.
        line: u64,
    },
    /// Reading failed.
    #[error("read error: {0}")]
    Io(#[from] std::io::Error),
}

/// Reads a whole text from `reader`, checked as [`Segmenter::stream`] checks each line:
/// the first NUL byte is an error ([`ReadError::Binary`]: binary data), else the first
/// byte that is not UTF-8 ([`ReadError::InvalidUtf8`]); both say the byte offset and line.
///
/// ```
/// use polyalign::segment::{read_text, ReadError};
///
/// assert_eq!(read_text("Привіт.\n".as_bytes())?, "Привіт.\n");
/// let err = read_text(&b"ok\nnul \0 here\n"[..]).unwrap_err();
/// assert!(matches!(err, ReadError::Binary { offset: 7, line: 2 }));
/// assert_eq!(err.to_string(), "binary data, not text: NUL byte at byte 7 (line 2)");
/// let err = read_text(&b"ok\nbad \xff\n"[..]).unwrap_err();
/// assert_eq!(err.to_string(), "invalid UTF-8 at byte 7 (line 2)");
/// # Ok::<(), ReadError>(())
/// ```
pub fn read_text(mut reader: impl Read) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    if let Some(err) = binary(&bytes, 0, 1) {
        return Err(err);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        invalid_utf8(e.as_bytes(), at, 0, 1)
    })
}

/// `bytes` as text, checked as [`read_text`] checks it; `offset` and `line` are where
/// `bytes` start in the input.
fn as_text(bytes: &[u8], offset: usize, line: u64) -> Result<&str, ReadError> {
    if let Some(err) = binary(bytes, offset, line) {
        return Err(err);
    }
    std::str::from_utf8(bytes).map_err(|e| invalid_utf8(bytes, e.valid_up_to(), offset, line))
}

/// The error for the first NUL byte of `bytes`, if any.
fn binary(bytes: &[u8], offset: usize, line: u64) -> Option<ReadError> {
    let pos = memchr::memchr(0, bytes)?;
    Some(ReadError::Binary {
        offset: (offset + pos) as u64,
        line: line + lines_before(bytes, pos),
    })
}

/// The error for `bytes` that are valid UTF-8 up to `valid_up_to` only.
fn invalid_utf8(bytes: &[u8], valid_up_to: usize, offset: usize, line: u64) -> ReadError {
    ReadError::InvalidUtf8 {
        offset: (offset + valid_up_to) as u64,
        line: line + lines_before(bytes, valid_up_to),
    }
}

/// How many line feeds come before byte `pos`.
fn lines_before(bytes: &[u8], pos: usize) -> u64 {
    memchr::memchr_iter(b'\n', &bytes[..pos]).count() as u64
}

/// One paragraph read from a stream, with its sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Paragraph number, from 0.
    pub index: usize,
    /// Global byte offset of the paragraph's first char.
    pub start: usize,
    /// The paragraph's text (from its first to its last non-space char).
    pub text: String,
    /// The sentences, with global byte offsets.
    pub sentences: Vec<Sentence>,
}

impl Paragraph {
    /// The text of one of this paragraph's sentences.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.text[s.start - self.start..s.end - self.start]
    }
}

/// An iterator over the paragraphs of a stream; see [`Segmenter::stream`].
#[derive(Debug)]
pub struct ParagraphReader<R> {
    seg: Segmenter,
    reader: R,
    builder: ParagraphBuilder,
    /// Text of the lines of the open paragraph, starting at global offset `buf_start`.
    buf: String,
    buf_start: usize,
    /// Global offset and line number of the next line.
    offset: usize,
    line_no: u64,
    line: Vec<u8>,
    index: usize,
    pending: VecDeque<Paragraph>,
    done: bool,
}

impl<R: BufRead> ParagraphReader<R> {
    pub(crate) fn new(seg: Segmenter, reader: R) -> Self {
        let builder = ParagraphBuilder::new(seg.config.headline_breaks);
        ParagraphReader {
            seg,
            reader,
            builder,
            buf: String::new(),
            buf_start: 0,
            offset: 0,
            line_no: 1,
            line: Vec::new(),
            index: 0,
            pending: VecDeque::new(),
            done: false,
        }
    }

    fn close(&mut self, range: Range<usize>) {
        let local = range.start - self.buf_start..range.end - self.buf_start;
        let mut sentences = Vec::new();
        self.seg
            .paragraph_sentences(&self.buf, local.clone(), self.index, &mut sentences);
        for s in &mut sentences {
            s.start += self.buf_start;
            s.end += self.buf_start;
        }
        self.pending.push_back(Paragraph {
            index: self.index,
            start: range.start,
            text: self.buf[local].to_string(),
            sentences,
        });
        self.index += 1;
    }

    fn read_line(&mut self) -> Result<bool, ReadError> {
        self.line.clear();
        let n = self.reader.read_until(b'\n', &mut self.line)?;
        if n == 0 {
            return Ok(false);
        }
        let text = as_text(&self.line, self.offset, self.line_no)?;
        if self.builder.open.is_none() {
            self.buf.clear();
            self.buf_start = self.offset;
        }
        let closed = self.builder.push_line(self.offset, text);
        // Borrow ends here: copy the line in after closing the previous paragraph.
        let line = std::mem::take(&mut self.line);
        if let Some(range) = closed {
            self.close(range);
            self.buf.clear();
            self.buf_start = self.offset;
        }
        // The line is valid UTF-8: checked above.
        self.buf
            .push_str(std::str::from_utf8(&line).unwrap_or_default());
        self.line = line;
        self.offset += n;
        self.line_no += 1;
        Ok(true)
    }
}

impl<R: BufRead> Iterator for ParagraphReader<R> {
    type Item = Result<Paragraph, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(p) = self.pending.pop_front() {
                return Some(Ok(p));
            }
            if self.done {
                return None;
            }
            match self.read_line() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    if let Some(range) = self.builder.finish() {
                        self.close(range);
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    /// The error of the stream over `bytes`, if any.
    fn stream_error(bytes: &[u8]) -> Option<String> {
        let seg = Segmenter::new(Lang::EN);
        seg.stream(bytes)
            .find_map(Result::err)
            .map(|e| e.to_string())
    }

    #[test]
    fn a_whole_text_is_checked_as_the_stream_checks_it() {
        for (bytes, want) in [
            (
                &b"ok\nnul \0 here\n"[..],
                "binary data, not text: NUL byte at byte 7 (line 2)",
            ),
            (b"\0", "binary data, not text: NUL byte at byte 0 (line 1)"),
            (
                b"ok line\nbad \xff here\n",
                "invalid UTF-8 at byte 12 (line 2)",
            ),
            (b"\xc3(abc\n", "invalid UTF-8 at byte 0 (line 1)"),
            (b"a\n\nb\n\n\xe2\x82", "invalid UTF-8 at byte 6 (line 5)"),
        ] {
            let err = read_text(bytes).unwrap_err().to_string();
            assert_eq!(err, want, "{bytes:?}");
            assert_eq!(stream_error(bytes).as_deref(), Some(want), "{bytes:?}");
        }
        assert_eq!(read_text(&b"a\r\nb"[..]).unwrap(), "a\r\nb");
        assert_eq!(read_text(&b""[..]).unwrap(), "");
    }
}
