//! Segmentation: text → paragraphs → sentences.
//!
//! A [`Sentence`] is a byte span of the original text (plus its paragraph number), so the
//! text is never copied or altered: concatenating the sentences and the white space between
//! them rebuilds the input exactly.
//!
//! # Paragraphs
//! Blank lines separate blocks. Inside a block, a line break is a paragraph break when the
//! line before it does not end a sentence and the next line does not start in lowercase (a
//! headline, a caption, a list item), or when it follows a sentence end in a block whose
//! lines are not hard-wrapped. A line break followed by a lowercase word, or after a comma
//! or a hyphen, marks hard-wrapped text and is read as a space.
//!
//! # Sentences
//! Inside a paragraph, sentences end at `.`, `!`, `?`, `…` (with any closing quotes and
//! brackets), subject to the language rules in `src/segment/data/<lang>.txt`: abbreviations
//! (`Mr.`, `т. е.`, `вул.`), initials (`Н. Букеле`), numbers (`84,000`, `26.03.2025`),
//! list enumerators, quotations and dialogue dashes.
//!
//! ```
//! use polyalign::lang::Lang;
//! use polyalign::segment::Segmenter;
//!
//! let seg = Segmenter::new(Lang::RU);
//! let text = "Заголовок без точки\nВ 2023 г. Н. Букеле открыл CECOT. Там 84 тыс. мест.";
//! assert_eq!(
//!     seg.split(text),
//!     ["Заголовок без точки", "В 2023 г. Н. Букеле открыл CECOT.", "Там 84 тыс. мест."]
//! );
//! let sentences = seg.sentences(text);
//! assert_eq!(sentences[0].paragraph, 0);
//! assert_eq!(sentences[1].paragraph, 1);
//! assert_eq!(&text[sentences[2].range()], "Там 84 тыс. мест.");
//! ```

mod boilerplate;
mod lexical;
pub(crate) mod rules;
mod scan;
pub mod srx;
mod stream;

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Support};
pub use boilerplate::{strip_boilerplate, Boilerplate, Furniture};
pub use lexical::is_space;
use rules::Rules;
use scan::Scanner;

pub use stream::{read_text, Paragraph, ParagraphReader, ReadError};

/// One sentence: a byte span of the text and the number of its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Byte offset of the first char (never white space).
    pub start: usize,
    /// Byte offset just after the last char (never white space).
    pub end: usize,
    /// Paragraph number, counted from 0 in document order.
    pub paragraph: usize,
}

impl Sentence {
    /// The byte range, to slice the text with.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The sentence's text in `doc` (the text it was found in).
    pub fn text<'t>(&self, doc: &'t str) -> &'t str {
        &doc[self.range()]
    }
}

/// The line (from 1) of each byte offset of `text`, in one pass: `offsets` go in order.
///
/// ```
/// use polyalign::segment::line_numbers;
/// assert_eq!(line_numbers("a\nb\n\nc", [0, 2, 5]), [1, 2, 4]);
/// ```
pub fn line_numbers(text: &str, offsets: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let bytes = text.as_bytes();
    let (mut line, mut at) = (1usize, 0usize);
    offsets
        .into_iter()
        .map(|pos| {
            line += memchr::memchr_iter(b'\n', &bytes[at..pos]).count();
            at = pos;
            line
        })
        .collect()
}

/// Settings of a [`Segmenter`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SegmentConfig {
    /// Treat a line break after a line without final punctuation as a sentence and
    /// paragraph end (headlines, captions, list items). Default: `true`.
    pub headline_breaks: bool,
}

impl Default for SegmentConfig {
    fn default() -> Self {
        SegmentConfig {
            headline_breaks: true,
        }
    }
}

/// Splits text into paragraphs and sentences with the rules of one language.
///
/// Cheap to create and to clone; the language data is parsed once per process.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: Lang,
    rules: &'static Rules,
    config: SegmentConfig,
    /// SRX rules that replace the built-in sentence rules, when given.
    srx: Option<Arc<srx::SrxRules>>,
}

impl Segmenter {
    /// A segmenter with the default settings for `lang` (generic rules for languages
    /// without their own; see [`Segmenter::support`]).
    pub fn new(lang: Lang) -> Segmenter {
        Segmenter::with_config(lang, SegmentConfig::default())
    }

    /// A segmenter with explicit settings.
    pub fn with_config(lang: Lang, config: SegmentConfig) -> Segmenter {
        Segmenter {
            lang,
            rules: Rules::for_lang(lang),
            config,
            srx: None,
        }
    }

    /// A segmenter for `lang` that splits paragraphs with SRX rules
    /// ([`srx::SrxFile::rules_for`]) instead of the built-in ones; paragraphs are found
    /// as usual.
    pub fn with_srx(lang: Lang, rules: Arc<srx::SrxRules>) -> Segmenter {
        let config = SegmentConfig {
            headline_breaks: rules.headline_breaks(),
        };
        Segmenter {
            srx: Some(rules),
            ..Segmenter::with_config(lang, config)
        }
    }

    /// The SRX rules used instead of the built-in ones, if any.
    pub fn srx(&self) -> Option<&srx::SrxRules> {
        self.srx.as_deref()
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the language has its own rules or the generic ones.
    pub fn support(&self) -> Support {
        self.lang.support()
    }

    /// The sentences of `text`, in order.
    pub fn sentences(&self, text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut builder = ParagraphBuilder::new(self.config.headline_breaks);
        let mut index = 0;
        let mut emit = |range: Range<usize>, out: &mut Vec<Sentence>| {
            self.paragraph_sentences(text, range, index, out);
            index += 1;
        };
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            if let Some(range) = builder.push_line(line_start, line) {
                emit(range, &mut out);
            }
            line_start += line.len();
        }
        if let Some(range) = builder.finish() {
            emit(range, &mut out);
        }
        out
    }

    /// The sentences of `text` as string slices.
    pub fn split<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.sentences(text).iter().map(|s| s.text(text)).collect()
    }

    /// The sentences of one paragraph `range` of `text`, appended to `out`.
    fn paragraph_sentences(
        &self,
        text: &str,
        range: Range<usize>,
        paragraph: usize,
        out: &mut Vec<Sentence>,
    ) {
        let para = &text[range.clone()];
        let ends = match &self.srx {
            Some(srx) => srx.breaks(para),
            None => {
                let latin = self.lang.is_cyrillic().then(|| Rules::for_lang(Lang::EN));
                Scanner::new(para, self.rules, latin).run()
            }
        };
        srx::push_sentences(text, range, &ends, paragraph, out);
    }

    /// Segments a stream paragraph by paragraph, holding one paragraph in memory at a time.
    /// Offsets in the results are global byte offsets into the stream.
    ///
    /// ```
    /// use polyalign::{lang::Lang, segment::Segmenter};
    /// let seg = Segmenter::new(Lang::EN);
    /// let input = "First. Second.\n\nThird.\n";
    /// let mut all = Vec::new();
    /// for para in seg.stream(input.as_bytes()) {
    ///     let para = para.unwrap();
    ///     all.extend(para.sentences.iter().map(|s| s.text(&input).to_string()));
    /// }
    /// assert_eq!(all, ["First.", "Second.", "Third."]);
    /// ```
    pub fn stream<R: std::io::BufRead>(&self, reader: R) -> ParagraphReader<R> {
        ParagraphReader::new(self.clone(), reader)
    }
}

/// Decides, line by line, where paragraphs start and end. Used by both the in-memory and
/// the streaming paths so that they agree exactly.
#[derive(Debug)]
pub(crate) struct ParagraphBuilder {
    headline_breaks: bool,
    /// Start and end (trimmed) of the open paragraph.
    open: Option<(usize, usize)>,
    /// The last non-space char of the previous line, and the one before it.
    last: (char, char),
    /// Whether the current block has shown a hard-wrapped line break.
    wrapped: bool,
}

impl ParagraphBuilder {
    pub(crate) fn new(headline_breaks: bool) -> Self {
        ParagraphBuilder {
            headline_breaks,
            open: None,
            last: (' ', ' '),
            wrapped: false,
        }
    }

    /// Takes the next line (with its line break) starting at byte `start`; returns the
    /// paragraph this line closes, if any.
    pub(crate) fn push_line(&mut self, start: usize, line: &str) -> Option<Range<usize>> {
        let content = line.trim_start_matches(is_space);
        let lead = line.len() - content.len();
        let content = content.trim_end_matches(is_space);
        if content.is_empty() {
            self.wrapped = false;
            return self.finish();
        }
        let (c_start, c_end) = (start + lead, start + lead + content.len());
        let mut rev = content.chars().rev();
        let last = (rev.next().unwrap_or(' '), rev.next().unwrap_or(' '));
        let closed = match self.open {
            None => {
                self.open = Some((c_start, c_end));
                None
            }
            Some((p_start, p_end)) => {
                let first = content.chars().next().unwrap_or(' ');
                let (prev, prev2) = self.last;
                let soft = first.is_lowercase()
                    || matches!(prev, ',' | '-' | '(' | '[' | '«' | '„' | '/' | '&')
                    || (matches!(first, ',' | ';' | ')' | ']' | '»'));
                let final_punct = matches!(prev, '.' | '!' | '?' | '…')
                    || (matches!(prev, '"' | '”' | '»' | ')' | '\'' | '’' | '“')
                        && matches!(prev2, '.' | '!' | '?' | '…'));
                let paragraph_break = if soft {
                    self.wrapped = true;
                    false
                } else if self.wrapped {
                    false
                } else {
                    final_punct || self.headline_breaks
                };
                if paragraph_break {
                    self.open = Some((c_start, c_end));
                    Some(p_start..p_end)
                } else {
                    self.open = Some((p_start, c_end));
                    None
                }
            }
        };
        self.last = last;
        closed
    }

    /// Closes the open paragraph at the end of the input or of a block.
    pub(crate) fn finish(&mut self) -> Option<Range<usize>> {
        self.open.take().map(|(s, e)| s..e)
    }
}

#[cfg(test)]
mod tests;
