//! Pre-translation: a new text segmented into sentences, each filled in with its best
//! match from a memory, and the match bands CAT tools quote by.

use std::ops::Range;

use serde::Serialize;

use super::normalize::{tokenize, TokenKind};
use super::{LookupConfig, Origin, TmError, TranslationMemory};
use crate::anchors::numbers::{digits_end, figure, glued};
use crate::doc::Document;
use crate::lang::Lang;

/// Settings of a pre-translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PretranslateConfig {
    /// The lowest score filled into the draft, 1 to 100. Default: 75.
    pub min: u8,
}

impl Default for PretranslateConfig {
    fn default() -> Self {
        PretranslateConfig { min: 75 }
    }
}

impl PretranslateConfig {
    /// Checks the settings, as [`pretranslate`] does: `min` must be 1 to 100
    /// ([`TmError::Config`] otherwise), as for a lookup ([`LookupConfig::validate`]).
    ///
    /// ```
    /// use polyalign::tm::pretranslate::PretranslateConfig;
    ///
    /// assert!(PretranslateConfig::default().validate().is_ok());
    /// assert!(PretranslateConfig { min: 101 }.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), TmError> {
        super::check_min_score(self.min)
    }
}

/// The match bands of CAT tool quotes, by the best match of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Band {
    /// 100%: identical.
    #[serde(rename = "100")]
    Exact,
    /// 95–99%.
    #[serde(rename = "95-99")]
    High,
    /// 85–94%.
    #[serde(rename = "85-94")]
    Mid,
    /// 75–84%.
    #[serde(rename = "75-84")]
    Low,
    /// 50–74%.
    #[serde(rename = "50-74")]
    Fuzzy,
    /// Below 50%, or none.
    #[serde(rename = "no match")]
    NoMatch,
}

impl Band {
    /// Every band, best first.
    pub const ALL: [Band; 6] = [
        Band::Exact,
        Band::High,
        Band::Mid,
        Band::Low,
        Band::Fuzzy,
        Band::NoMatch,
    ];

    /// The band of a best score (`None`: no match at 50 or more).
    ///
    /// ```
    /// use polyalign::tm::pretranslate::Band;
    /// assert_eq!(Band::of(Some(100)), Band::Exact);
    /// assert_eq!(Band::of(Some(94)), Band::Mid);
    /// assert_eq!(Band::of(Some(49)), Band::NoMatch);
    /// assert_eq!(Band::of(None).label(), "no match");
    /// ```
    pub fn of(score: Option<u8>) -> Band {
        match score {
            Some(100..) => Band::Exact,
            Some(95..=99) => Band::High,
            Some(85..=94) => Band::Mid,
            Some(75..=84) => Band::Low,
            Some(50..=74) => Band::Fuzzy,
            _ => Band::NoMatch,
        }
    }

    /// The band as quotes write it: `100`, `95-99`, ..., `no match`.
    pub fn label(&self) -> &'static str {
        match self {
            Band::Exact => "100",
            Band::High => "95-99",
            Band::Mid => "85-94",
            Band::Low => "75-84",
            Band::Fuzzy => "50-74",
            Band::NoMatch => "no match",
        }
    }
}

/// The best match of a sentence for one target language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fill {
    /// The match percentage.
    pub score: u8,
    /// Whether the score reaches the threshold, so that the draft holds `target`.
    pub used: bool,
    /// Whether the numbers of the memory's target were replaced by the sentence's (the
    /// match differs from the sentence in numbers only).
    pub adapted: bool,
    /// The memory's source text.
    pub source: String,
    /// The target text: the memory's, with numbers replaced when `adapted`.
    pub target: String,
    /// Where the unit came from.
    pub origin: Origin,
}

/// A sentence of the new text and its best match per target language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentFill {
    /// The sentence's byte range in the text.
    pub start: usize,
    /// The end of the range.
    pub end: usize,
    /// Its paragraph, from 0.
    pub paragraph: usize,
    /// The sentence.
    pub text: String,
    /// Its words (tokens that are words or numbers), as quotes count them.
    pub words: usize,
    /// Per target language (in the order given): the best match at 50% or more.
    pub fills: Vec<Option<Fill>>,
}

/// Sentences and words per band, with how many were filled and adapted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BandCounts {
    /// Per band, best first ([`Band::ALL`]): (band, sentences, words).
    pub bands: Vec<(Band, usize, usize)>,
    /// Sentences whose match reached the threshold and was put in the draft.
    pub filled: usize,
    /// Of those, sentences whose numbers were adapted.
    pub adapted: usize,
}

/// A pre-translated text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pretranslation {
    /// The language of the text.
    pub from: Lang,
    /// The target languages.
    pub targets: Vec<Lang>,
    /// The threshold.
    pub min: u8,
    /// The sentences, in order.
    pub segments: Vec<SegmentFill>,
}

impl Pretranslation {
    /// The draft in target language `k` (an index into `targets`): the text with every
    /// sentence whose match reaches the threshold replaced by the match's target, and
    /// the others left as they are, in the source language; white space and paragraph
    /// breaks are those of the text.
    pub fn draft(&self, text: &str, k: usize) -> String {
        let mut out = String::with_capacity(text.len() * 5 / 4);
        let mut at = 0;
        for s in &self.segments {
            out.push_str(&text[at..s.start]);
            match s.fills.get(k).and_then(Option::as_ref) {
                Some(f) if f.used => out.push_str(&f.target),
                _ => out.push_str(&text[s.start..s.end]),
            }
            at = s.end;
        }
        out.push_str(&text[at..]);
        out
    }

    /// The band counts for target language `k`.
    pub fn counts(&self, k: usize) -> BandCounts {
        let mut c = BandCounts {
            bands: Band::ALL.iter().map(|&b| (b, 0, 0)).collect(),
            ..BandCounts::default()
        };
        for s in &self.segments {
            let fill = s.fills.get(k).and_then(Option::as_ref);
            let band = Band::of(fill.map(|f| f.score));
            if let Some(row) = c.bands.iter_mut().find(|r| r.0 == band) {
                row.1 += 1;
                row.2 += s.words;
            }
            if let Some(f) = fill.filter(|f| f.used) {
                c.filled += 1;
                c.adapted += usize::from(f.adapted);
            }
        }
        c
    }
}

/// Segments `text` (in language `from`) and finds each sentence's best match in every
/// target language; matches at or above `config.min` go into the drafts
/// ([`Pretranslation::draft`]), with numbers adapted when they are the only difference
/// ([`adapt_numbers`]).
///
/// ```
/// use polyalign::lang::Lang;
/// use polyalign::tm::pretranslate::{pretranslate, PretranslateConfig};
/// use polyalign::tm::TranslationMemory;
/// use polyalign::tmx::Tu;
///
/// let mut tm = TranslationMemory::new();
/// tm.add(&Tu::new().with_variant("en", "The bridge cost 120 million euros.").with_variant("ru", "Мост стоил 120 миллионов евро."), "m.tmx");
/// let text = "The bridge cost 150 million euros. It is long.";
/// let p = pretranslate(&tm, text, Lang::EN, &[Lang::RU], &PretranslateConfig::default())?;
/// assert_eq!(p.draft(text, 0), "Мост стоил 150 миллионов евро. It is long.");
/// let fill = p.segments[0].fills[0].as_ref().unwrap();
/// assert!(fill.adapted && fill.score == 83);
/// # Ok::<(), polyalign::tm::TmError>(())
/// ```
pub fn pretranslate(
    tm: &TranslationMemory,
    text: &str,
    from: Lang,
    targets: &[Lang],
    config: &PretranslateConfig,
) -> Result<Pretranslation, TmError> {
    pretranslate_document(tm, &Document::from_text(from, text), targets, config)
}

/// [`pretranslate`] of a document already segmented (its language is the source
/// language; the segments' spans are the document's).
pub fn pretranslate_document(
    tm: &TranslationMemory,
    doc: &Document<'_>,
    targets: &[Lang],
    config: &PretranslateConfig,
) -> Result<Pretranslation, TmError> {
    let (text, from) = (doc.text(), doc.lang);
    let lookup = LookupConfig {
        min: config.min.min(50),
        max: 1,
    };
    config.validate()?;
    let mut segments = Vec::new();
    for &s in doc.spans() {
        let sentence = s.text(text);
        let words = tokenize(sentence)
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .count();
        let mut fills = Vec::with_capacity(targets.len());
        for &to in targets {
            let best = match tm.lookup(sentence, from, to, &lookup) {
                Ok(mut m) => m.pop(),
                Err(TmError::EmptyQuery) => None,
                Err(e) => return Err(e),
            };
            fills.push(best.map(|m| {
                let adapted = if m.score < 100 {
                    adapt_numbers(sentence, &m.source, &m.target)
                } else {
                    None
                };
                Fill {
                    score: m.score,
                    used: m.score >= config.min,
                    adapted: adapted.is_some(),
                    source: m.source,
                    target: adapted.unwrap_or(m.target),
                    origin: m.origin,
                }
            }));
        }
        segments.push(SegmentFill {
            start: s.start,
            end: s.end,
            paragraph: s.paragraph,
            text: sentence.to_string(),
            words,
            fills,
        });
    }
    Ok(Pretranslation {
        from,
        targets: targets.to_vec(),
        min: config.min,
        segments,
    })
}

/// The memory's `target` with its numbers replaced by the query's, when `query` and
/// `source` differ in numbers only (their tokens are equal but for number tokens) and
/// each number of `source` that changed is found in `target` (compared by value:
/// `1,000` = `1 000` = `1000`; `3.5` = `3,5`). The new numbers take the target's
/// digit grouping and decimal sign. `None` when the texts differ otherwise, when no
/// number differs, or when a number is not found in the target.
///
/// ```
/// use polyalign::tm::pretranslate::adapt_numbers;
/// assert_eq!(
///     adapt_numbers("On 26 March, 1,200 people came.", "On 14 March, 1,000 people came.", "14 марта пришли 1 000 человек."),
///     Some("26 марта пришли 1 200 человек.".to_string())
/// );
/// assert_eq!(adapt_numbers("In 2024 it rained.", "In 2023 it snowed.", "В 2023 году шёл снег."), None);
/// ```
pub fn adapt_numbers(query: &str, source: &str, target: &str) -> Option<String> {
    let (q, s) = (tokenize(query), tokenize(source));
    if q.len() != s.len() {
        return None;
    }
    let mut changes = Vec::new();
    for (a, b) in q.iter().zip(&s) {
        if a.text == b.text {
            continue;
        }
        if a.kind != TokenKind::Number || b.kind != TokenKind::Number {
            return None;
        }
        let (new, old) = (numbers(&a.text), numbers(&b.text));
        let ([new], [old]) = (new.as_slice(), old.as_slice()) else {
            return None;
        };
        changes.push((old.key.clone(), new.key.clone()));
    }
    if changes.is_empty() {
        return None;
    }
    let found = numbers(target);
    let mut used = vec![false; found.len()];
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (old, new) in &changes {
        let k = (0..found.len()).find(|&k| !used[k] && found[k].key == *old)?;
        used[k] = true;
        edits.push((found[k].span.clone(), found[k].render(new)));
    }
    edits.sort_by_key(|e| e.0.start);
    let mut out = String::with_capacity(target.len() + 8);
    let mut at = 0;
    for (span, text) in edits {
        out.push_str(&target[at..span.start]);
        out.push_str(&text);
        at = span.end;
    }
    out.push_str(&target[at..]);
    Some(out)
}

/// A number written in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Number {
    span: Range<usize>,
    /// Its value: digits, `.` before decimals, `:` in times.
    key: String,
    /// The digit-group separator it uses, if any.
    group: Option<char>,
    /// Its decimal sign, if any.
    decimal: Option<char>,
}

impl Number {
    /// The value `key` written as this number is (grouping and decimal sign).
    fn render(&self, key: &str) -> String {
        let (int, frac) = match key.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (key, None),
        };
        let mut out = String::new();
        match self.group {
            Some(g) if int.len() > 3 && int.bytes().all(|b| b.is_ascii_digit()) => {
                for (i, c) in int.chars().enumerate() {
                    if i > 0 && (int.len() - i) % 3 == 0 {
                        out.push(g);
                    }
                    out.push(c);
                }
            }
            _ => out.push_str(int),
        }
        if let Some(f) = frac {
            out.push(self.decimal.unwrap_or('.'));
            out.push_str(f);
        }
        out
    }
}

/// The numbers of a text, as the anchors read figures ([`figure`]: digit groups, a decimal
/// part), not glued to a letter before them; a figure without decimals followed by `:` and
/// digits is a time or a score (`7:55`, `2:1`).
fn numbers(text: &str) -> Vec<Number> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        if glued(text, i) {
            i = digits_end(b, i);
            continue;
        }
        let fig = figure(text, i);
        let mut key = String::with_capacity(fig.span.len());
        fig.push_int(text, &mut key);
        let mut j = fig.span.end;
        if fig.decimal.is_some() {
            key.push('.');
            key.push_str(&text[fig.frac.clone()]);
        } else if b.get(j) == Some(&b':') {
            let e = digits_end(b, j + 1);
            if e > j + 1 {
                key.push(':');
                key.push_str(&text[j + 1..e]);
                j = e;
            }
        }
        out.push(Number {
            span: i..j,
            key,
            group: fig.group,
            decimal: fig.decimal,
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_table() {
        let keys = |t: &str| numbers(t).into_iter().map(|n| n.key).collect::<Vec<_>>();
        assert_eq!(
            keys("1,000 and 1 000 and 1.000.000"),
            ["1000", "1000", "1000000"]
        );
        assert_eq!(keys("3.5% or 3,5 %; at 7:55"), ["3.5", "3.5", "7:55"]);
        assert_eq!(keys("G7 mp3 F-16 2010-2012"), ["16", "2010", "2012"]);
        assert_eq!(keys("12345,678"), ["12345.678"]);
        assert_eq!(
            keys("1\u{2009}000 or 1\u{202f}000 people"),
            ["1000", "1000"]
        );
        assert_eq!(keys("0,125 and 2:1"), ["0.125", "2:1"]);
    }

    #[test]
    fn adapts_numbers_only() {
        for (q, s, t, want) in [
            ("Page 5.", "Page 4.", "Страница 4.", Some("Страница 5.")),
            (
                "It cost $2.5 million.",
                "It cost $3.1 million.",
                "Это стоило 3,1 млн долларов.",
                Some("Это стоило 2,5 млн долларов."),
            ),
            (
                "Up 12,500 to 13,000.",
                "Up 12,000 to 12,500.",
                "Рост с 12 000 до 12 500.",
                Some("Рост с 12 500 до 13 000."),
            ),
            (
                "About 85 000 cars a day.",
                "About 84,000 cars a day.",
                "Около 84 тыс. машин в сутки.",
                None,
            ),
            (
                "About 85 000 cars a day.",
                "About 84,000 cars a day.",
                "Около 84 000 машин в сутки.",
                Some("Около 85 000 машин в сутки."),
            ),
            ("Page 5.", "Page 4.", "Страница четыре.", None),
            ("Page 5 of 9.", "Page 4.", "Страница 4.", None),
            ("Page 4.", "Page 4.", "Страница 4.", None),
        ] {
            assert_eq!(adapt_numbers(q, s, t).as_deref(), want, "{q:?}");
        }
    }

    #[test]
    fn drafts_keep_the_layout() {
        let mut tm = TranslationMemory::new();
        tm.add(
            &crate::tmx::Tu::new()
                .with_variant("en", "The bridge opened.")
                .with_variant("uk", "Міст відкрили."),
            "m.tmx",
        );
        let text = "Title\n\nThe bridge opened.  Nobody came.\n";
        let p = pretranslate(
            &tm,
            text,
            Lang::EN,
            &[Lang::UK],
            &PretranslateConfig::default(),
        )
        .unwrap();
        assert_eq!(p.draft(text, 0), "Title\n\nМіст відкрили.  Nobody came.\n");
        let c = p.counts(0);
        assert_eq!(c.filled, 1);
        assert_eq!(c.bands[0], (Band::Exact, 1, 3));
        assert_eq!(c.bands[5], (Band::NoMatch, 2, 3));
    }
}
