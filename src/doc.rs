//! The document: one language version of an article, as every stage sees it.
//!
//! A [`Document`] holds its language, its name (where it came from), its text and its
//! sentences as byte spans of that text ([`Sentence`]: start, end, paragraph). Segmenting
//! produces it ([`Document::segment`], [`Document::from_text`]); [`crate::align`],
//! [`crate::qa`], the output formats of [`crate::formats`] and [`crate::eval`] take it. No
//! stage copies a sentence: [`Document::sentence`] borrows it from the text, and line
//! numbers are derived from the spans ([`Document::lines`]).
//!
//! The text is borrowed when the caller keeps it (a file read into memory), or shared
//! (reference-counted) when the document owns it, so cloning a document never copies its
//! text. Sentences that come already segmented ([`Document::from_sentences`], JSON records
//! with `sentences`) build the same type: their text is the sentences joined by one space
//! inside a paragraph and a blank line between paragraphs, so spans, lines and reports
//! work alike.
//!
//! ```
//! use polyalign::doc::Document;
//! use polyalign::lang::Lang;
//!
//! let text = "Noem visits prison\nOn March 26, Kristi Noem visited CECOT. Mr. Bukele opened it.";
//! let doc = Document::new(Lang::EN, "article.en.txt", text);
//! assert_eq!(doc.len(), 3);
//! assert_eq!(doc.sentence(1), "On March 26, Kristi Noem visited CECOT.");
//! assert_eq!(doc.paragraph(0), 0);
//! assert_eq!(doc.paragraph(2), 1);
//! assert_eq!(doc.lines(), [1, 2, 2]);
//! assert_eq!(doc.group_text(&(1..3)), "On March 26, Kristi Noem visited CECOT. Mr. Bukele opened it.");
//!
//! let given = Document::from_sentences(Lang::RU, vec!["Заголовок".into(), "Текст.".into()], vec![0, 1]);
//! assert_eq!(given.text(), "Заголовок\n\nТекст.");
//! assert_eq!(given.lines(), [1, 3]);
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use crate::lang::{Lang, LangError};
use crate::segment::{strip_boilerplate, Boilerplate, Segmenter, Sentence};

/// The text of a document: borrowed from the caller, or shared by the clones of a
/// document that owns it.
#[derive(Debug, Clone)]
enum Text<'t> {
    Borrowed(&'t str),
    Shared(Arc<str>),
}

impl Text<'_> {
    fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            Text::Shared(s) => s,
        }
    }
}

/// One language version of a document: language, name, text and sentence spans.
#[derive(Debug, Clone)]
pub struct Document<'t> {
    /// The language.
    pub lang: Lang,
    name: String,
    text: Text<'t>,
    sentences: Vec<Sentence>,
}

impl PartialEq for Document<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.name == other.name
            && self.text() == other.text()
            && self.sentences == other.sentences
    }
}

impl<'t> Document<'t> {
    /// A document segmented from `text` with the segmenter of `lang`, named `name`.
    pub fn new(lang: Lang, name: impl Into<String>, text: &'t str) -> Self {
        Document::from_text(lang, text).with_name(name)
    }

    /// A document segmented from raw text with the segmenter of its language.
    pub fn from_text(lang: Lang, text: &'t str) -> Self {
        Document::segment(&Segmenter::new(lang), text)
    }

    /// A document segmented from raw text with `segmenter` (and its language).
    pub fn segment(segmenter: &Segmenter, text: &'t str) -> Self {
        Document {
            lang: segmenter.lang(),
            name: String::new(),
            text: Text::Borrowed(text),
            sentences: segmenter.sentences(text),
        }
    }

    /// A document from its text and sentence spans found by another segmenter. Spans
    /// must lie inside the text, on char boundaries, in order; those that do not are an
    /// error naming the first bad one.
    pub fn from_spans(
        lang: Lang,
        text: &'t str,
        sentences: Vec<Sentence>,
    ) -> Result<Self, Range<usize>> {
        let mut at = 0;
        for s in &sentences {
            if s.start < at
                || s.end < s.start
                || s.end > text.len()
                || !text.is_char_boundary(s.start)
                || !text.is_char_boundary(s.end)
            {
                return Err(s.range());
            }
            at = s.end;
        }
        Ok(Document {
            lang,
            name: String::new(),
            text: Text::Borrowed(text),
            sentences,
        })
    }

    /// Leaves out the page furniture a scraper saved with the article (language switcher
    /// lines, photo credits, share lines, a headline repeated in front of the caption:
    /// [`crate::segment::strip_boilerplate`]) and returns what was left out. The text is
    /// unchanged; the sentences are fewer or shorter.
    ///
    /// ```
    /// use polyalign::doc::Document;
    /// use polyalign::lang::Lang;
    ///
    /// let mut doc = Document::new(Lang::EN, "a.en.txt", "ua en ru\n\nThe bridge opened.");
    /// let found = doc.strip_boilerplate();
    /// assert_eq!(doc.len(), 1);
    /// assert_eq!(found[0].text(doc.text()), "ua en ru");
    /// ```
    pub fn strip_boilerplate(&mut self) -> Vec<Boilerplate> {
        let (kept, found) = strip_boilerplate(self.text.as_str(), &self.sentences);
        if !found.is_empty() {
            self.sentences = kept;
        }
        found
    }

    /// The same document with a name (a file name, a record id), for messages and reports.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The name (empty when none was given).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// Whether there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// The sentence spans, in order.
    pub fn spans(&self) -> &[Sentence] {
        &self.sentences
    }

    /// Sentence `i`'s text. Panics when `i` is not below [`Document::len`].
    pub fn sentence(&self, i: usize) -> &str {
        self.sentences[i].text(self.text())
    }

    /// Every sentence's text, in order.
    pub fn sentences(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        let text = self.text();
        self.sentences.iter().map(move |s| s.text(text))
    }

    /// The paragraph number of sentence `i` (as segmented or as given: from 0, in order).
    pub fn paragraph(&self, i: usize) -> usize {
        self.sentences[i].paragraph
    }

    /// The paragraph number of every sentence.
    pub fn paragraphs(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.sentences.iter().map(|s| s.paragraph)
    }

    /// The number of paragraphs: one more than the last sentence's paragraph number.
    pub fn paragraph_count(&self) -> usize {
        self.sentences.last().map_or(0, |s| s.paragraph + 1)
    }

    /// The line (from 1) each sentence starts on, in one pass over the text.
    pub fn lines(&self) -> Vec<usize> {
        crate::segment::line_numbers(self.text(), self.sentences.iter().map(|s| s.start))
    }

    /// The sentences of `range` on one line, joined by one space: borrowed from the text
    /// for a single sentence (and empty for none), joined only for two or more.
    pub fn group_text(&self, range: &Range<usize>) -> Cow<'_, str> {
        match range.len() {
            0 => Cow::Borrowed(""),
            1 => Cow::Borrowed(self.sentence(range.start)),
            _ => {
                let mut out = String::new();
                for (n, s) in self.sentences[range.clone()].iter().enumerate() {
                    if n > 0 {
                        out.push(' ');
                    }
                    out.push_str(s.text(self.text()));
                }
                Cow::Owned(out)
            }
        }
    }

    /// The same document owning its text (shared between its clones).
    pub fn into_owned(self) -> Document<'static> {
        let text = match self.text {
            Text::Borrowed(s) => Text::Shared(Arc::from(s)),
            Text::Shared(s) => Text::Shared(s),
        };
        Document {
            lang: self.lang,
            name: self.name,
            text,
            sentences: self.sentences,
        }
    }
}

impl Document<'static> {
    /// A document from sentences that are already segmented, with paragraph numbers.
    /// Sentences without a paragraph number (when `paragraphs` is shorter) each get one
    /// paragraph of their own. The text is built from the sentences: one space between
    /// sentences of a paragraph, a blank line between paragraphs.
    pub fn from_sentences(lang: Lang, sentences: Vec<String>, paragraphs: Vec<usize>) -> Self {
        let mut paragraphs = paragraphs;
        let mut next = paragraphs.last().map_or(0, |p| p + 1);
        while paragraphs.len() < sentences.len() {
            paragraphs.push(next);
            next += 1;
        }
        let total: usize = sentences.iter().map(|s| s.len() + 2).sum();
        let mut text = String::with_capacity(total);
        let mut spans = Vec::with_capacity(sentences.len());
        for (i, (s, &p)) in sentences.iter().zip(&paragraphs).enumerate() {
            if i > 0 {
                text.push_str(if p == paragraphs[i - 1] { " " } else { "\n\n" });
            }
            let start = text.len();
            text.push_str(s);
            spans.push(Sentence {
                start,
                end: text.len(),
                paragraph: p,
            });
        }
        Document {
            lang,
            name: String::new(),
            text: Text::Shared(Arc::from(text)),
            sentences: spans,
        }
    }
}

/// The name of the document a version's file belongs to: the file name without its
/// language and extension (`article.en.txt` → `article`), or the folder's name for a file
/// named after its language only (`cecot/en.txt` → `cecot`). Used as the TMX `x-document`.
///
/// ```
/// use polyalign::doc::document_name;
/// use std::path::Path;
/// assert_eq!(document_name(Path::new("news/article.en.txt")), "article");
/// assert_eq!(document_name(Path::new("corpus/cecot/uk.txt")), "cecot");
/// ```
pub fn document_name(path: &std::path::Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.split('.').next().unwrap_or(&name);
    if stem.len() == 2 && stem.parse::<Lang>().is_ok() {
        return path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| stem.to_string());
    }
    stem.to_string()
}

/// Sentence links of a gold or predicted alignment: the sentence ids of each side.
pub type IdLink = (Vec<usize>, Vec<usize>);

/// An article as one JSON record (one line of a `--jsonl` input, a gold file): the
/// versions' raw `text` and/or their `sentences` (with `paragraph_of`) per language code,
/// and, in gold data, the `links` per pair (`"en-ru"`). Every field is optional here; the
/// commands say which they need.
///
/// ```
/// use polyalign::doc::Record;
/// let r: Record = serde_json::from_str(r#"{"id": 7, "text": {"en": "One. Two.", "ru": "Раз. Два."}}"#).unwrap();
/// let docs = r.documents(false).unwrap();
/// assert_eq!(docs[1].sentence(1), "Два.");
/// assert_eq!(docs[1].name(), "ru");
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct Record {
    /// The record's id (any JSON value), echoed in outputs.
    #[serde(default)]
    pub id: serde_json::Value,
    /// The language codes, in order. Default: the keys of `sentences` or `text`.
    #[serde(default)]
    pub langs: Option<Vec<String>>,
    /// Raw text per language code.
    #[serde(default)]
    pub text: BTreeMap<String, String>,
    /// Segmented sentences per language code.
    #[serde(default)]
    pub sentences: BTreeMap<String, Vec<String>>,
    /// The paragraph (from 0) of each sentence per language code.
    #[serde(default)]
    pub paragraph_of: BTreeMap<String, Vec<usize>>,
    /// Gold links per pair of language codes (`"en-ru"`).
    #[serde(default)]
    pub links: BTreeMap<String, Vec<IdLink>>,
}

/// What a [`Record`] lacks to make documents.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// The record has neither `sentences` nor `text`.
    #[error("a document needs \"sentences\" or \"text\"")]
    Empty,
    /// A language has no text (nor sentences, where they are used).
    #[error("no sentences or text for {0}")]
    NoText(String),
    /// A language code is not valid.
    #[error(transparent)]
    Lang(#[from] LangError),
}

impl Record {
    /// The language codes: `langs`, else the keys of `sentences` (when they are used and
    /// present), else of `text`.
    pub fn codes(&self, use_sentences: bool) -> Vec<String> {
        if let Some(l) = &self.langs {
            return l.clone();
        }
        if use_sentences && !self.sentences.is_empty() {
            return self.sentences.keys().cloned().collect();
        }
        self.text.keys().cloned().collect()
    }

    /// The version of `code` in `lang`: its `sentences` when `use_sentences` and it has
    /// them, else its `text` segmented (borrowed from the record). Named after the code.
    pub fn document(&self, code: &str, lang: Lang, use_sentences: bool) -> Option<Document<'_>> {
        self.document_with(code, &Segmenter::new(lang), use_sentences)
    }

    /// [`Record::document`] with `segmenter` (and its language) for a text to segment.
    pub fn document_with(
        &self,
        code: &str,
        segmenter: &Segmenter,
        use_sentences: bool,
    ) -> Option<Document<'_>> {
        let doc = match self.sentences.get(code).filter(|_| use_sentences) {
            Some(s) => {
                let paras = self.paragraph_of.get(code).cloned().unwrap_or_default();
                Document::from_sentences(segmenter.lang(), s.clone(), paras)
            }
            None => Document::segment(segmenter, self.text.get(code)?),
        };
        Some(doc.with_name(code))
    }

    /// Every version, in the order of [`Record::codes`].
    pub fn documents(&self, use_sentences: bool) -> Result<Vec<Document<'_>>, RecordError> {
        let codes = self.codes(use_sentences);
        if codes.is_empty() {
            return Err(RecordError::Empty);
        }
        codes
            .iter()
            .map(|code| {
                let lang: Lang = code.parse()?;
                self.document(code, lang, use_sentences)
                    .ok_or_else(|| RecordError::NoText(code.clone()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segmented_text_rebuilds_every_sentence_and_line() {
        let sentences = vec!["A b.".to_string(), "C.".into(), "D e f.".into()];
        let d = Document::from_sentences(Lang::EN, sentences.clone(), vec![0, 0]);
        assert_eq!(d.sentences().collect::<Vec<_>>(), sentences);
        assert_eq!(d.paragraphs().collect::<Vec<_>>(), [0, 0, 1]);
        assert_eq!(d.lines(), [1, 1, 3]);
        assert_eq!(d.paragraph_count(), 2);
        assert_eq!(d.group_text(&(0..2)), "A b. C.");
        assert!(matches!(d.group_text(&(2..3)), Cow::Borrowed("D e f.")));
    }

    #[test]
    fn clones_share_the_text() {
        let d = Document::from_sentences(Lang::EN, vec!["One.".into()], vec![]);
        let e = d.clone();
        assert!(std::ptr::eq(d.text().as_ptr(), e.text().as_ptr()));
        let text = String::from("One. Two.");
        let b = Document::from_text(Lang::EN, &text);
        assert!(std::ptr::eq(b.sentence(0).as_ptr(), text.as_ptr()));
        let owned = b.clone().into_owned();
        assert_eq!(owned, b);
    }

    #[test]
    fn spans_from_elsewhere_are_checked() {
        let text = "Один. Два.";
        let ok = vec![
            Sentence {
                start: 0,
                end: 9,
                paragraph: 0,
            },
            Sentence {
                start: 10,
                end: 17,
                paragraph: 0,
            },
        ];
        assert_eq!(
            Document::from_spans(Lang::RU, text, ok)
                .unwrap()
                .sentence(1),
            "Два."
        );
        let bad = vec![Sentence {
            start: 1,
            end: 3,
            paragraph: 0,
        }];
        assert_eq!(Document::from_spans(Lang::RU, text, bad).unwrap_err(), 1..3);
    }

    #[test]
    fn records_choose_sentences_or_text() {
        let r: Record = serde_json::from_str(
            r#"{"text": {"en": "One. Two."}, "sentences": {"en": ["One. Two."]}}"#,
        )
        .unwrap();
        assert_eq!(r.documents(false).unwrap()[0].len(), 2);
        assert_eq!(r.documents(true).unwrap()[0].len(), 1);
        let empty: Record = serde_json::from_str("{}").unwrap();
        assert!(matches!(empty.documents(false), Err(RecordError::Empty)));
        let bad: Record =
            serde_json::from_str(r#"{"langs": ["en", "xx1"], "text": {"en": "A."}}"#).unwrap();
        assert!(matches!(bad.documents(false), Err(RecordError::Lang(_))));
    }
}
