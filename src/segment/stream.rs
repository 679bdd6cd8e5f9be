//! Streaming segmentation: reads a text paragraph by paragraph, so memory stays
//! proportional to the longest paragraph, not to the file.

use std::collections::VecDeque;
use std::io::BufRead;
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
        if let Some(pos) = memchr::memchr(0, &self.line) {
            return Err(ReadError::Binary {
                offset: (self.offset + pos) as u64,
                line: self.line_no,
            });
        }
        let text = match std::str::from_utf8(&self.line) {
            Ok(t) => t,
            Err(e) => {
                return Err(ReadError::InvalidUtf8 {
                    offset: (self.offset + e.valid_up_to()) as u64,
                    line: self.line_no,
                })
            }
        };
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
