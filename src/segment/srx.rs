//! SRX 2.0 segmentation rules (Segmentation Rules eXchange), as translation tools ship them.
//!
//! An SRX file has `<languagerule>`s, each an ordered list of `<rule break="yes|no">` with a
//! `<beforebreak>` and an `<afterbreak>` regular expression, and `<maprules>` whose
//! `<languagemap languagepattern=… languagerulename=…>` say which rules a language code
//! uses: the first map whose pattern matches the code, or with `cascade="yes"` in the
//! header every matching map, in order. At a position between two chars the first rule
//! whose before-expression matches text ending there and whose after-expression matches
//! text starting there decides: break or no break. No rule, no break.
//!
//! The expressions are written for Java or ICU; [`translate`] rewrites them for the Rust
//! `regex` crate (`\uXXXX`, `\Q…\E`, `\h`, `\v`, possessive and atomic groups, Java property
//! names). Look-arounds, which that crate lacks, are compiled with `fancy-regex`. A rule
//! that cannot be compiled is skipped with a warning naming the file, line and rule.
//!
//! Paragraphs are found as [`Segmenter`](super::Segmenter) finds them (blank lines,
//! headlines); the rules split each paragraph. Breaks are only tried where a break rule
//! matches, and each position is judged against all before-expressions at once (one
//! [`regex::RegexSet`] over a bounded window), so the time grows with the text, not with
//! text × rules.
//!
//! ```
//! use polyalign::segment::srx::SrxFile;
//!
//! let srx = SrxFile::parse(r#"<srx version="2.0"><header cascade="no"/><body>
//! <languagerules><languagerule languagerulename="Default">
//!   <rule break="no"><beforebreak>\bMr\.</beforebreak><afterbreak>\s</afterbreak></rule>
//!   <rule break="yes"><beforebreak>[.?!]+</beforebreak><afterbreak>\s+\p{Lu}</afterbreak></rule>
//! </languagerule></languagerules>
//! <maprules><languagemap languagepattern=".*" languagerulename="Default"/></maprules>
//! </body></srx>"#, "example.srx")?;
//! let rules = srx.rules_for("en");
//! assert!(rules.warnings().is_empty());
//! assert_eq!(rules.split("Mr. Smith came. He sat."), ["Mr. Smith came.", "He sat."]);
//! # Ok::<(), polyalign::segment::srx::SrxError>(())
//! ```

use std::fmt;
use std::ops::Range;
use std::path::Path;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{is_space, ParagraphBuilder, Sentence};

/// How many chars before a position the before-expressions see (unless anchored at `^`).
const BEFORE_WINDOW: usize = 160;
/// How many chars after a position the after-expressions see (unless anchored at `$`).
const AFTER_WINDOW: usize = 160;

/// An SRX file that cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SrxError {
    /// The file cannot be read.
    #[error("cannot read SRX file {file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not well-formed XML or not SRX.
    #[error("{file}:{line}: malformed SRX: {message}")]
    Malformed {
        /// The file.
        file: String,
        /// Line (from 1) where the problem is.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// One `<rule>` as written in the file.
#[derive(Debug, Clone)]
struct RawRule {
    brk: bool,
    before: String,
    after: String,
    line: usize,
}

/// An SRX file: its language rules and language maps, not yet compiled.
#[derive(Debug, Clone)]
pub struct SrxFile {
    file: String,
    cascade: bool,
    rules: Vec<(String, Vec<RawRule>)>,
    /// `(languagepattern, languagerulename, line)`.
    maps: Vec<(String, String, usize)>,
}

/// Line numbers of byte offsets.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        Lines(memchr::memchr_iter(b'\n', text.as_bytes()).collect())
    }
    fn at(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

impl SrxFile {
    /// Reads and parses an SRX file (1.0 or 2.0).
    pub fn from_path(path: &Path) -> Result<SrxFile, SrxError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| SrxError::Io {
            file: file.clone(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            SrxError::Malformed {
                line: memchr::memchr_iter(b'\n', &e.as_bytes()[..at]).count() + 1,
                file: file.clone(),
                message: "not UTF-8".into(),
            }
        })?;
        SrxFile::parse(&text, &file)
    }

    /// Parses SRX text; `file` names it in errors and warnings.
    pub fn parse(text: &str, file: &str) -> Result<SrxFile, SrxError> {
        let lines = Lines::new(text);
        let mut xml = Reader::from_str(text);
        xml.config_mut().trim_text(false);
        let mut out = SrxFile {
            file: file.to_string(),
            cascade: false,
            rules: Vec::new(),
            maps: Vec::new(),
        };
        let err = |at: u64, message: String| SrxError::Malformed {
            file: file.to_string(),
            line: lines.at(at as usize),
            message,
        };
        let mut stack: Vec<Vec<u8>> = Vec::new();
        let mut rule: Option<RawRule> = None;
        let mut text_of: Option<String> = None;
        let mut saw_srx = false;
        loop {
            let at = xml.buffer_position();
            let event = xml.read_event().map_err(|e| err(at, e.to_string()))?;
            let (start, empty) = match &event {
                Event::Start(e) => (Some(e.clone()), false),
                Event::Empty(e) => (Some(e.clone()), true),
                _ => (None, false),
            };
            if let Some(e) = start {
                let name = e.local_name().as_ref().to_vec();
                let attr = |key: &[u8]| attribute(&e, key).map_err(|m| err(at, m));
                match name.as_slice() {
                    b"srx" => saw_srx = true,
                    b"header" => {
                        if let Some(c) = attr(b"cascade")? {
                            out.cascade = c.trim().eq_ignore_ascii_case("yes");
                        }
                    }
                    b"languagerule" => {
                        let n = attr(b"languagerulename")?.ok_or_else(|| {
                            err(at, "<languagerule> without languagerulename".into())
                        })?;
                        out.rules.push((n, Vec::new()));
                    }
                    b"rule" => {
                        if out.rules.is_empty()
                            || stack.last().map(Vec::as_slice) != Some(b"languagerule")
                        {
                            return Err(err(at, "<rule> outside a <languagerule>".into()));
                        }
                        let brk = match attr(b"break")?.as_deref().map(str::trim) {
                            None | Some("yes") => true,
                            Some("no") => false,
                            Some(v) => {
                                return Err(err(at, format!("break=\"{v}\": not yes or no")))
                            }
                        };
                        rule = Some(RawRule {
                            brk,
                            before: String::new(),
                            after: String::new(),
                            line: lines.at(at as usize),
                        });
                    }
                    b"beforebreak" | b"afterbreak" => {
                        if rule.is_none() {
                            return Err(err(
                                at,
                                format!("<{}> outside a <rule>", String::from_utf8_lossy(&name)),
                            ));
                        }
                        text_of = Some(String::new());
                    }
                    b"languagemap" => {
                        let p = attr(b"languagepattern")?.ok_or_else(|| {
                            err(at, "<languagemap> without languagepattern".into())
                        })?;
                        let n = attr(b"languagerulename")?.ok_or_else(|| {
                            err(at, "<languagemap> without languagerulename".into())
                        })?;
                        out.maps.push((p, n, lines.at(at as usize)));
                    }
                    _ => {}
                }
                if empty {
                    end_element(&name, &mut rule, &mut text_of, &mut out);
                } else {
                    stack.push(name);
                }
                continue;
            }
            match event {
                Event::End(e) => {
                    let name = e.local_name().as_ref().to_vec();
                    if stack.pop().as_deref() != Some(name.as_slice()) {
                        return Err(err(at, "mismatched end tag".into()));
                    }
                    end_element(&name, &mut rule, &mut text_of, &mut out);
                }
                Event::Text(t) => {
                    if let Some(s) = text_of.as_mut() {
                        s.push_str(&t.xml10_content().map_err(|e| err(at, e.to_string()))?);
                    }
                }
                Event::CData(c) => {
                    if let Some(s) = text_of.as_mut() {
                        s.push_str(&c.xml10_content().map_err(|e| err(at, e.to_string()))?);
                    }
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => {
                            let name = r.decode().map_err(|e| err(at, e.to_string()))?;
                            resolve_predefined_entity(&name)
                                .ok_or_else(|| err(at, format!("unknown entity &{name};")))?
                                .to_string()
                        }
                        Err(e) => return Err(err(at, e.to_string())),
                    };
                    if let Some(s) = text_of.as_mut() {
                        s.push_str(&resolved);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !stack.is_empty() {
            return Err(err(text.len() as u64, "unexpected end of file".into()));
        }
        if !saw_srx {
            return Err(err(0, "no <srx> element".into()));
        }
        Ok(out)
    }

    /// The file's name, as given.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Whether the header says `cascade="yes"`.
    pub fn cascade(&self) -> bool {
        self.cascade
    }

    /// The names of the `<languagerule>`s the maps choose for `lang` (a code such as `en`,
    /// `ru-RU`), in order: the first matching map's, or every matching one's with cascade.
    pub fn rule_names(&self, lang: &str) -> Vec<String> {
        let mut names = Vec::new();
        for (pattern, name, _) in &self.maps {
            let matched = translate(pattern)
                .ok()
                .and_then(|p| regex::Regex::new(&format!("(?i)^(?:{p})$")).ok())
                .is_some_and(|re| re.is_match(lang));
            if matched {
                names.push(name.clone());
                if !self.cascade {
                    break;
                }
            }
        }
        names
    }

    /// The compiled rules for `lang`. With no map matching, the rules are empty (no break
    /// inside a paragraph) and [`SrxRules::rule_names`] is empty; rules that cannot be
    /// compiled are left out and listed in [`SrxRules::warnings`].
    pub fn rules_for(&self, lang: &str) -> SrxRules {
        let names = self.rule_names(lang);
        let mut raw = Vec::new();
        let mut warnings = Vec::new();
        for (pattern, name, line) in &self.maps {
            if translate(pattern)
                .ok()
                .and_then(|p| regex::Regex::new(&format!("(?i)^(?:{p})$")).ok())
                .is_none()
            {
                warnings.push(format!(
                    "{}:{line}: languagepattern \"{pattern}\" (for {name}) cannot be compiled; \
                     it matches no language",
                    self.file
                ));
            }
        }
        for name in &names {
            match self.rules.iter().find(|(n, _)| n == name) {
                Some((_, rules)) => raw.extend(rules.iter().cloned()),
                None => warnings.push(format!(
                    "{}: languagemap names languagerule \"{name}\", which the file does not have",
                    self.file
                )),
            }
        }
        SrxRules::compile(&self.file, names, &raw, warnings)
    }
}

/// The value of attribute `key` of `e`.
fn attribute(e: &BytesStart, key: &[u8]) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        if a.key.local_name().as_ref() == key {
            let v = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| err.to_string())?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

fn end_element(
    name: &[u8],
    rule: &mut Option<RawRule>,
    text_of: &mut Option<String>,
    out: &mut SrxFile,
) {
    match name {
        b"beforebreak" | b"afterbreak" => {
            if let (Some(r), Some(t)) = (rule.as_mut(), text_of.take()) {
                if name == b"beforebreak" {
                    r.before = t;
                } else {
                    r.after = t;
                }
            }
        }
        b"rule" => {
            if let (Some(r), Some(last)) = (rule.take(), out.rules.last_mut()) {
                last.1.push(r);
            }
        }
        _ => {}
    }
}

/// A compiled expression: the `regex` crate's, or `fancy-regex` for look-arounds.
enum Re {
    Plain(regex::Regex),
    Fancy(fancy_regex::Regex),
}

impl Re {
    fn new(pattern: &str) -> Result<Re, String> {
        match regex::RegexBuilder::new(pattern)
            .size_limit(64 << 20)
            .build()
        {
            Ok(re) => Ok(Re::Plain(re)),
            Err(plain) => match fancy_regex::Regex::new(pattern) {
                Ok(re) => Ok(Re::Fancy(re)),
                Err(_) => Err(plain.to_string().lines().last().unwrap_or("").to_string()),
            },
        }
    }

    fn is_match(&self, hay: &str) -> bool {
        match self {
            Re::Plain(re) => re.is_match(hay),
            // A match that runs out of backtracking budget counts as no match.
            Re::Fancy(re) => re.is_match(hay).unwrap_or(false),
        }
    }

    /// End offsets of the leftmost non-overlapping matches.
    fn match_ends(&self, hay: &str, out: &mut Vec<usize>) {
        match self {
            Re::Plain(re) => out.extend(re.find_iter(hay).map(|m| m.end())),
            Re::Fancy(re) => out.extend(re.find_iter(hay).filter_map(|m| Some(m.ok()?.end()))),
        }
    }

    /// Start offsets of the leftmost non-overlapping matches.
    fn match_starts(&self, hay: &str, out: &mut Vec<usize>) {
        match self {
            Re::Plain(re) => out.extend(re.find_iter(hay).map(|m| m.start())),
            Re::Fancy(re) => out.extend(re.find_iter(hay).filter_map(|m| Some(m.ok()?.start()))),
        }
    }
}

/// One compiled rule.
struct Rule {
    brk: bool,
    /// The before-expression anchored at the end (`(?:…)$`), `None` when empty.
    before: Option<Re>,
    /// The before-expression unanchored, for finding break candidates (break rules only).
    find: Option<Re>,
    /// The after-expression anchored at the start (`^(?:…)`), `None` when empty.
    after: Option<Re>,
    /// The after-expression unanchored (break rules without a before-expression only).
    find_after: Option<Re>,
    /// Index of `before` in the set of before-expressions, when it is in it.
    in_set: Option<usize>,
    /// Whether the before-expression needs the whole paragraph before the position (`^`).
    before_anchored: bool,
    /// Whether the after-expression needs the whole paragraph after the position (`$`).
    after_anchored: bool,
}

/// The compiled rules of one language, ready to segment text.
pub struct SrxRules {
    file: String,
    names: Vec<String>,
    rules: Vec<Rule>,
    set: regex::RegexSet,
    warnings: Vec<String>,
    headline_breaks: bool,
}

impl fmt::Debug for SrxRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SrxRules")
            .field("file", &self.file)
            .field("names", &self.names)
            .field("rules", &self.rules.len())
            .field("warnings", &self.warnings.len())
            .finish()
    }
}

/// Whether a translated expression uses `^` or `\A` as an anchor (outside classes).
fn uses_anchor(p: &str, anchors: &[char]) -> bool {
    let mut chars = p.chars();
    let mut depth = 0usize;
    let mut prev_open = false;
    while let Some(c) = chars.next() {
        let was_open = prev_open;
        prev_open = false;
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    if depth == 0
                        && ((n == 'A' && anchors.contains(&'^'))
                            || (n == 'z' && anchors.contains(&'$')))
                    {
                        return true;
                    }
                }
            }
            '[' => {
                depth += 1;
                prev_open = true;
            }
            ']' if depth > 0 && !was_open => depth -= 1,
            _ if depth == 0 && anchors.contains(&c) => return true,
            _ => {}
        }
    }
    false
}

impl SrxRules {
    fn compile(
        file: &str,
        names: Vec<String>,
        raw: &[RawRule],
        mut warnings: Vec<String>,
    ) -> SrxRules {
        let mut rules = Vec::new();
        let mut set_patterns = Vec::new();
        for r in raw {
            let kind = if r.brk { "break" } else { "no-break" };
            let fail = |side: &str, why: String| {
                format!(
                    "{file}:{}: {kind} rule with {side} expression \"{}\" skipped: {why}",
                    r.line,
                    if side == "before" {
                        &r.before
                    } else {
                        &r.after
                    }
                )
            };
            let before = match translate(&r.before) {
                Ok(t) => t,
                Err(why) => {
                    warnings.push(fail("before", why));
                    continue;
                }
            };
            let after = match translate(&r.after) {
                Ok(t) => t,
                Err(why) => {
                    warnings.push(fail("after", why));
                    continue;
                }
            };
            let compile = |p: String, side: &str| Re::new(&p).map_err(|why| fail(side, why));
            let built = (|| -> Result<Rule, String> {
                let before_re = if before.is_empty() {
                    None
                } else {
                    Some(compile(format!("(?:{before})$"), "before")?)
                };
                let after_re = if after.is_empty() {
                    None
                } else {
                    Some(compile(format!("^(?:{after})"), "after")?)
                };
                let find = if r.brk && !before.is_empty() {
                    Some(compile(format!("(?:{before})"), "before")?)
                } else {
                    None
                };
                let find_after = if r.brk && before.is_empty() && !after.is_empty() {
                    Some(compile(format!("(?:{after})"), "after")?)
                } else {
                    None
                };
                Ok(Rule {
                    brk: r.brk,
                    before_anchored: uses_anchor(&before, &['^']),
                    after_anchored: uses_anchor(&after, &['$']),
                    in_set: None,
                    before: before_re,
                    find,
                    after: after_re,
                    find_after,
                })
            })();
            match built {
                Ok(mut rule) => {
                    if matches!(rule.before, Some(Re::Plain(_))) && !rule.before_anchored {
                        rule.in_set = Some(set_patterns.len());
                        set_patterns.push(format!("(?:{before})$"));
                    }
                    rules.push(rule);
                }
                Err(w) => warnings.push(w),
            }
        }
        let set = regex::RegexSetBuilder::new(&set_patterns)
            .size_limit(1 << 30)
            .dfa_size_limit(64 << 20)
            .build()
            .unwrap_or_else(|_| {
                // Too big as one set: judge each expression on its own.
                for r in &mut rules {
                    r.in_set = None;
                }
                regex::RegexSet::empty()
            });
        SrxRules {
            file: file.to_string(),
            names,
            rules,
            set,
            warnings,
            headline_breaks: true,
        }
    }

    /// The SRX file the rules come from.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The names of the `<languagerule>`s applied, in order (empty when no map matched).
    pub fn rule_names(&self) -> &[String] {
        &self.names
    }

    /// How many rules are applied.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether no rule is applied.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Rules and patterns that were skipped, one message each (file, line, rule, why).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Sets whether a line without final punctuation ends a paragraph (as
    /// [`SegmentConfig::headline_breaks`](super::SegmentConfig)). Default: `true`.
    pub fn with_headline_breaks(mut self, on: bool) -> SrxRules {
        self.headline_breaks = on;
        self
    }

    /// Whether a line without final punctuation ends a paragraph.
    pub(crate) fn headline_breaks(&self) -> bool {
        self.headline_breaks
    }

    /// The sentences of `text`: paragraphs as [`Segmenter`](super::Segmenter) finds them,
    /// each split by the rules.
    pub fn sentences(&self, text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut builder = ParagraphBuilder::new(self.headline_breaks);
        let mut line_start = 0;
        let mut paras = Vec::new();
        for line in text.split_inclusive('\n') {
            if let Some(range) = builder.push_line(line_start, line) {
                paras.push(range);
            }
            line_start += line.len();
        }
        if let Some(range) = builder.finish() {
            paras.push(range);
        }
        for (i, range) in paras.into_iter().enumerate() {
            let ends = self.breaks(&text[range.clone()]);
            push_sentences(text, range, &ends, i, &mut out);
        }
        out
    }

    /// The sentences of `text` as string slices.
    pub fn split<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.sentences(text).iter().map(|s| s.text(text)).collect()
    }

    /// The break positions (byte offsets, increasing, inside `para`) the rules give.
    pub fn breaks(&self, para: &str) -> Vec<usize> {
        if self.rules.is_empty() {
            return Vec::new();
        }
        let mut candidates = Vec::new();
        for r in self.rules.iter().filter(|r| r.brk) {
            if let Some(find) = &r.find {
                find.match_ends(para, &mut candidates);
            } else if let Some(find) = &r.find_after {
                find.match_starts(para, &mut candidates);
            } else {
                candidates.extend(para.char_indices().map(|(i, _)| i));
            }
        }
        candidates.retain(|&p| p > 0 && p < para.len() && para.is_char_boundary(p));
        candidates.sort_unstable();
        candidates.dedup();
        let mut breaks = Vec::new();
        for p in candidates {
            if self.decide(para, p) {
                breaks.push(p);
            }
        }
        breaks
    }

    /// Whether the first rule that matches at `p` breaks.
    fn decide(&self, para: &str, p: usize) -> bool {
        let from = window_start(para, p, BEFORE_WINDOW);
        let to = window_end(para, p, AFTER_WINDOW);
        let window = &para[from..p];
        let set = (!self.set.is_empty()).then(|| self.set.matches(window));
        for r in &self.rules {
            let before = match (&r.before, r.in_set, &set) {
                (None, _, _) => true,
                (Some(_), Some(i), Some(m)) => m.matched(i),
                (Some(re), _, _) => re.is_match(if r.before_anchored {
                    &para[..p]
                } else {
                    window
                }),
            };
            if !before {
                continue;
            }
            let after = match &r.after {
                None => true,
                Some(re) => re.is_match(if r.after_anchored {
                    &para[p..]
                } else {
                    &para[p..to]
                }),
            };
            if after {
                return r.brk;
            }
        }
        false
    }
}

/// The char boundary at most `chars` chars before `p`.
fn window_start(s: &str, p: usize, chars: usize) -> usize {
    s[..p]
        .char_indices()
        .rev()
        .take(chars)
        .last()
        .map_or(p, |(i, _)| i)
}

/// The char boundary at most `chars` chars after `p`.
fn window_end(s: &str, p: usize, chars: usize) -> usize {
    s[p..]
        .char_indices()
        .nth(chars)
        .map_or(s.len(), |(i, _)| p + i)
}

/// Appends the sentences of paragraph `range` of `text`, split at `ends` (offsets in the
/// paragraph), trimmed of white space.
pub(crate) fn push_sentences(
    text: &str,
    range: Range<usize>,
    ends: &[usize],
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    let para = &text[range.clone()];
    let mut start = 0;
    for &end in ends.iter().chain(std::iter::once(&para.len())) {
        let piece = &para[start..end];
        let lead = piece.len() - piece.trim_start_matches(is_space).len();
        let trimmed = piece.trim_matches(is_space);
        if !trimmed.is_empty() {
            let s = range.start + start + lead;
            out.push(Sentence {
                start: s,
                end: s + trimmed.len(),
                paragraph,
            });
        }
        start = end;
    }
}

/// Horizontal white space (Java `\h`), as class items.
const H: &str = r"\t\x{20}\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}";
/// Vertical white space (Java `\v`), as class items.
const V: &str = r"\n\x0B\x0C\r\x{85}\x{2028}\x{2029}";

/// Rewrites a Java/ICU regular expression for the Rust `regex` crate (look-arounds are kept,
/// for `fancy-regex`). Fails on what neither can do (back-references, `\G`, Unicode blocks).
///
/// ```
/// use polyalign::segment::srx::translate;
/// assert_eq!(translate(r"\u00A0\Q.*\E\p{javaLowerCase}++").unwrap(), r"\x{00A0}\.\*\p{Lowercase}+");
/// ```
pub fn translate(java: &str) -> Result<String, String> {
    let chars: Vec<char> = java.chars().collect();
    let mut out = String::with_capacity(java.len() + 8);
    let mut i = 0;
    let mut depth = 0usize;
    // Whether the last token was a quantifier (so a following `+` is possessive).
    let mut quantified = false;
    while i < chars.len() {
        let c = chars[i];
        let was_quantified = quantified;
        quantified = false;
        match c {
            '\\' => {
                let Some(&n) = chars.get(i + 1) else {
                    return Err("trailing backslash".into());
                };
                i += 2;
                match n {
                    'Q' => {
                        let mut lit = String::new();
                        while i < chars.len()
                            && !(chars[i] == '\\' && chars.get(i + 1) == Some(&'E'))
                        {
                            lit.push(chars[i]);
                            i += 1;
                        }
                        i = (i + 2).min(chars.len().max(i));
                        out.push_str(&regex::escape(&lit));
                    }
                    'E' => {}
                    'u' => {
                        let hex: String = chars.iter().skip(i).take(4).collect();
                        if hex.len() != 4 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                            return Err(format!("bad \\u escape \\u{hex}"));
                        }
                        out.push_str(&format!("\\x{{{hex}}}"));
                        i += 4;
                    }
                    'h' => out.push_str(&format!("[{H}]")),
                    'H' => out.push_str(&format!("[^{H}]")),
                    'v' => out.push_str(&format!("[{V}]")),
                    'V' => out.push_str(&format!("[^{V}]")),
                    'R' if depth == 0 => out.push_str(&format!("(?:\\r\\n|[{V}])")),
                    'Z' => out.push_str(r"(?:\n?\z)"),
                    'e' => out.push_str(r"\x1B"),
                    'a' => out.push_str(r"\x07"),
                    'p' | 'P' => {
                        let (name, used) = if chars.get(i) == Some(&'{') {
                            let close = chars[i..]
                                .iter()
                                .position(|&c| c == '}')
                                .ok_or("unclosed \\p{")?;
                            (
                                chars[i + 1..i + close].iter().collect::<String>(),
                                close + 1,
                            )
                        } else {
                            (chars.get(i).map(|c| c.to_string()).unwrap_or_default(), 1)
                        };
                        i += used;
                        out.push_str(&property(n, &name)?);
                    }
                    'G' => return Err("\\G is not supported".into()),
                    'k' => return Err("named back-references are not supported".into()),
                    '1'..='9' if depth == 0 => {
                        return Err("back-references are not supported".into())
                    }
                    '0' => {
                        let oct: String = chars[i..]
                            .iter()
                            .take_while(|c| ('0'..='7').contains(c))
                            .take(3)
                            .collect();
                        i += oct.len();
                        let v = u32::from_str_radix(&oct, 8).map_err(|_| "bad octal escape")?;
                        out.push_str(&format!("\\x{{{v:X}}}"));
                    }
                    'x' | 'd' | 'D' | 's' | 'S' | 'w' | 'W' | 'b' | 'B' | 'A' | 'z' | 'n' | 't'
                    | 'r' | 'f' => {
                        out.push('\\');
                        out.push(n);
                    }
                    c if c.is_ascii_alphanumeric() => {
                        return Err(format!("unknown escape \\{c}"));
                    }
                    c => out.push_str(&regex::escape(&c.to_string())),
                }
                if depth == 0 {
                    quantified = false;
                }
                continue;
            }
            '[' => {
                depth += 1;
                out.push('[');
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                i += 1;
                continue;
            }
            ']' if depth > 0 => {
                depth -= 1;
                out.push(']');
                quantified = false;
            }
            ']' => out.push_str(r"\]"),
            _ if depth > 0 => {
                if matches!(c, '&')
                    && chars.get(i + 1) != Some(&'&')
                    && chars.get(i.wrapping_sub(1)) != Some(&'&')
                {
                    out.push_str("\\&");
                } else if c == '~' || (c == '-' && chars.get(i + 1) == Some(&'-')) {
                    out.push('\\');
                    out.push(c);
                } else {
                    out.push(c);
                }
            }
            '*' | '?' | '+' => {
                if c == '+' && was_quantified {
                    // Possessive quantifier: read as greedy.
                } else if c == '?' && was_quantified {
                    out.push('?');
                } else {
                    out.push(c);
                    quantified = true;
                }
            }
            '{' => {
                let close = chars[i..].iter().position(|&c| c == '}');
                let body: Option<String> = close.map(|cl| chars[i + 1..i + cl].iter().collect());
                match (close, body) {
                    (Some(cl), Some(b))
                        if !b.is_empty() && b.chars().all(|c| c.is_ascii_digit() || c == ',') =>
                    {
                        out.push('{');
                        out.push_str(&b);
                        out.push('}');
                        i += cl + 1;
                        quantified = true;
                        continue;
                    }
                    _ => out.push_str(r"\{"),
                }
            }
            '(' => {
                if chars.get(i + 1) == Some(&'?') && chars.get(i + 2) == Some(&'>') {
                    out.push_str("(?:");
                    i += 3;
                    continue;
                }
                out.push('(');
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if depth > 0 {
        return Err("unclosed character class".into());
    }
    Ok(out)
}

/// A Java `\p{name}` (or `\P{name}` for `n == 'P'`) for the Rust crate.
fn property(n: char, name: &str) -> Result<String, String> {
    let neg = n == 'P';
    let posix = |class: &str| {
        Ok(if neg {
            format!("[^{class}]")
        } else {
            format!("[{class}]")
        })
    };
    let unicode = |p: &str| Ok(format!("\\{n}{{{p}}}"));
    match name {
        "javaLowerCase" | "IsLowercase" | "IsLowerCase" => unicode("Lowercase"),
        "javaUpperCase" | "IsUppercase" | "IsUpperCase" => unicode("Uppercase"),
        "javaLetter" | "IsLetter" => unicode("L"),
        "javaDigit" | "IsDigit" => unicode("Nd"),
        "javaWhitespace" | "IsWhite_Space" | "IsWhiteSpace" => unicode("White_Space"),
        "javaLetterOrDigit" => posix(r"\p{L}\p{Nd}"),
        "Lower" => posix("a-z"),
        "Upper" => posix("A-Z"),
        "ASCII" => posix(r"\x00-\x7F"),
        "Alpha" => posix("a-zA-Z"),
        "Digit" => posix("0-9"),
        "Alnum" => posix("a-zA-Z0-9"),
        "Punct" => posix(r"!-/:-@\[-`{-~"),
        "Graph" => posix(r"!-~"),
        "Print" => posix(r" -~"),
        "Blank" => posix(r" \t"),
        "Cntrl" => posix(r"\x00-\x1F\x7F"),
        "XDigit" => posix("0-9a-fA-F"),
        "Space" => posix(r" \t\n\x0B\f\r"),
        _ if name.starts_with("In") && name.len() > 2 => {
            Err(format!("Unicode block \\{n}{{{name}}} is not supported"))
        }
        _ => {
            let p = name
                .strip_prefix("Is")
                .filter(|p| !p.is_empty())
                .unwrap_or(name);
            let p = p
                .strip_prefix("general_category=")
                .or_else(|| p.strip_prefix("gc="))
                .or_else(|| p.strip_prefix("script="))
                .or_else(|| p.strip_prefix("sc="))
                .unwrap_or(p);
            unicode(p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"<?xml version="1.0"?>
<srx version="2.0">
<header cascade="yes" segmentsubflows="yes"><formathandle type="start" include="no"/></header>
<body>
<languagerules>
<languagerule languagerulename="English">
<rule break="no"><beforebreak>\b(?:Mr|Dr)\.</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule>
<languagerule languagerulename="Default">
<rule break="no"><beforebreak>\b\p{Lu}\.</beforebreak><afterbreak>\s</afterbreak></rule>
<rule break="yes"><beforebreak>[\.\?!]+</beforebreak><afterbreak>\s+</afterbreak></rule>
</languagerule>
</languagerules>
<maprules>
<languagemap languagepattern="EN.*" languagerulename="English"/>
<languagemap languagepattern=".*" languagerulename="Default"/>
</maprules>
</body>
</srx>"#;

    #[test]
    fn cascade_and_rules() {
        let srx = SrxFile::parse(SMALL, "small.srx").unwrap();
        assert_eq!(srx.rule_names("en"), ["English", "Default"]);
        assert_eq!(srx.rule_names("ru"), ["Default"]);
        let en = srx.rules_for("en");
        assert_eq!(
            en.split("Mr. Smith met J. Doe. They left! Ok"),
            ["Mr. Smith met J. Doe.", "They left!", "Ok"]
        );
        let ru = srx.rules_for("ru");
        assert_eq!(ru.split("Mr. Smith left."), ["Mr.", "Smith left."]);
        let no_cascade =
            SrxFile::parse(&SMALL.replace("cascade=\"yes\"", "cascade=\"no\""), "x").unwrap();
        assert_eq!(no_cascade.rule_names("en-GB"), ["English"]);
    }

    #[test]
    fn paragraphs_and_spans() {
        let srx = SrxFile::parse(SMALL, "small.srx").unwrap();
        let rules = srx.rules_for("ru");
        let text = "Title\n\nOne. Two.\n";
        let s = rules.sentences(text);
        assert_eq!(rules.split(text), ["Title", "One.", "Two."]);
        assert_eq!(s[1].paragraph, 1);
        assert_eq!(s[2].paragraph, 1);
    }

    #[test]
    fn malformed_names_the_line() {
        let bad = "<srx>\n<body>\n<languagerules>\n<languagerule>\n</languagerule></languagerules></body></srx>";
        let err = SrxFile::parse(bad, "bad.srx").unwrap_err();
        assert!(
            err.to_string().starts_with("bad.srx:4: malformed SRX"),
            "{err}"
        );
        let err = SrxFile::parse("<srx>\n<body>\n</srx>", "bad.srx").unwrap_err();
        assert!(err.to_string().contains("bad.srx:3"), "{err}");
    }

    #[test]
    fn untranslatable_rule_is_skipped_with_a_warning() {
        let text = SMALL.replace(r"\b\p{Lu}\.", r"(\w)\1\.");
        let srx = SrxFile::parse(&text, "small.srx").unwrap();
        let rules = srx.rules_for("ru");
        assert_eq!(rules.len(), 1);
        assert_eq!(rules.warnings().len(), 1);
        assert!(
            rules.warnings()[0].starts_with("small.srx:10: no-break rule"),
            "{:?}",
            rules.warnings()
        );
    }

    #[test]
    fn java_syntax() {
        for (java, rust) in [
            (r"\p{javaUpperCase}\.", r"\p{Uppercase}\."),
            (r"[\h]*x++", &format!("[[{H}]]*x+")),
            (r"(?>ab)*+c?+", "(?:ab)*c?"),
            (r"a{2,3}+", "a{2,3}"),
            (r"\«", "«"),
            (r"(?i)\bst\.", r"(?i)\bst\."),
        ] {
            assert_eq!(translate(java).unwrap(), rust, "{java}");
        }
        assert!(translate(r"(a)\1").is_err());
        assert!(translate(r"\p{InGreek}").is_err());
        // Look-arounds compile with fancy-regex.
        assert!(matches!(
            Re::new(r"^(?:(?!На)\p{Lu})").unwrap(),
            Re::Fancy(_)
        ));
    }

    #[test]
    fn no_rules_no_breaks() {
        let srx = SrxFile::parse(
            &SMALL.replace(r#"languagepattern=".*""#, r#"languagepattern="fr""#),
            "x",
        )
        .unwrap();
        let rules = srx.rules_for("ru");
        assert!(rules.rule_names().is_empty());
        assert_eq!(rules.split("One. Two."), ["One. Two."]);
    }

    proptest::proptest! {
        #[test]
        fn spans_rebuild_the_text(text in "[a-zA-Z .!?\n\u{0416}\u{0436}]{0,80}") {
            let srx = SrxFile::parse(SMALL, "small.srx").unwrap();
            let rules = srx.rules_for("en");
            let sentences = rules.sentences(&text);
            let mut at = 0;
            for s in &sentences {
                proptest::prop_assert!(s.start >= at && s.end > s.start);
                proptest::prop_assert!(text[at..s.start].chars().all(is_space));
                let t = s.text(&text);
                proptest::prop_assert_eq!(t.trim_matches(is_space), t);
                at = s.end;
            }
            proptest::prop_assert!(text[at..].chars().all(is_space));
        }
    }
}
