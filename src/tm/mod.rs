//! Translation memory lookups: fuzzy matches of a sentence among prior translations, as
//! CAT tools give them, fast on memories of millions of units.
//!
//! A [`TranslationMemory`] holds translation units (one text per language, and where each
//! came from: file, `tuid`, document), read from TMX files of any tool
//! ([`TranslationMemory::add_tmx_file`]), from polyalign's own alignments, or from a
//! `.ptm` index file ([`TranslationMemory::load`]) written by [`TranslationMemory::save`].
//! [`TranslationMemory::lookup`] returns the best [`Match`]es of a query, ranked.
//!
//! The score ([`score`]) is the word-level Levenshtein similarity on normalised word and
//! number tokens (`tokenize`, in `src/tm/normalize.rs`): `100 × (1 − d / max(len))`; 100 means identical texts,
//! 99 texts that differ only in case, spacing or punctuation. Equal scores are ranked
//! by character-level similarity, then by the order units were added.
//!
//! Lookups do not scan the memory: each language has an inverted index from token to
//! texts. A text can only reach the threshold `t` if its length is close enough to the
//! query's and if it shares enough tokens with it, so it must contain one of the query's
//! `⌊(100 − t)·n/100⌋ + 1` rarest tokens (`n` the query's length): only those posting
//! lists are read, and the texts they give are filtered by length and by their shared
//! tokens before they are scored. The result is exactly that of scoring every unit
//! ([`TranslationMemory::lookup_exhaustive`]). See `docs/tm.md`.
//!
//! ```
//! use polyalign::lang::Lang;
//! use polyalign::tm::{LookupConfig, TranslationMemory};
//! use polyalign::tmx::Tu;
//!
//! let mut tm = TranslationMemory::new();
//! tm.add(&Tu::new().with_variant("en", "Noem visited a prison in El Salvador.").with_variant("ru", "Ноэм посетила тюрьму в Сальвадоре."), "memory.tmx");
//! tm.add(&Tu::new().with_variant("en", "The bridge opened in May.").with_variant("ru", "Мост открылся в мае."), "memory.tmx");
//! let matches = tm.lookup("Noem visited a jail in El Salvador.", Lang::EN, Lang::RU, &LookupConfig::default())?;
//! assert_eq!(matches.len(), 1);
//! assert_eq!(matches[0].score, 85); // 1 word of 7 differs
//! assert_eq!(matches[0].target, "Ноэм посетила тюрьму в Сальвадоре.");
//! assert_eq!(matches[0].origin.file, "memory.tmx");
//! # Ok::<(), polyalign::tm::TmError>(())
//! ```

mod file;
mod index;
pub(crate) mod normalize;
pub mod pretranslate;
mod score;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::lang::Lang;
use crate::tmx::{TmxError, TmxReader, Tu};
use index::LangIndex;

pub use file::{is_ptm_file, PTM_MAGIC, PTM_VERSION};
pub(crate) use normalize::nfc;
pub use score::{score, Score};

/// Settings of a lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupConfig {
    /// The lowest match percentage returned, 1 to 100. Default: 70.
    pub min: u8,
    /// The most matches returned. Default: 5.
    pub max: usize,
}

impl Default for LookupConfig {
    fn default() -> Self {
        LookupConfig { min: 70, max: 5 }
    }
}

impl LookupConfig {
    /// Checks the settings, as every lookup does: `min` must be 1 to 100
    /// ([`TmError::Config`] otherwise). Worth calling before a memory is loaded.
    ///
    /// ```
    /// use polyalign::tm::LookupConfig;
    ///
    /// assert!(LookupConfig::default().validate().is_ok());
    /// let err = LookupConfig { min: 0, max: 5 }.validate().unwrap_err();
    /// assert_eq!(err.to_string(), "bad lookup settings: the minimum score must be 1 to 100, not 0");
    /// ```
    pub fn validate(&self) -> Result<(), TmError> {
        check_min_score(self.min)
    }
}

/// Checks a minimum match percentage: 1 to 100.
pub(crate) fn check_min_score(min: u8) -> Result<(), TmError> {
    if (1..=100).contains(&min) {
        Ok(())
    } else {
        Err(TmError::Config(format!(
            "the minimum score must be 1 to 100, not {min}"
        )))
    }
}

/// Where a unit came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file it was read from, as given.
    pub file: String,
    /// Its `tuid` in that file, if any.
    pub tuid: Option<String>,
    /// Its document: the `x-document` (or `x-doc`) property of the unit, if any.
    pub document: Option<String>,
}

/// A match of a query in a memory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// The match percentage ([`Score::percent`]).
    pub score: u8,
    /// The character-level similarity of the query and the source, 0 to 1
    /// ([`Score::chars`]), which ranks equal scores.
    pub similarity: f64,
    /// The unit's text in the query's language.
    pub source: String,
    /// The unit's text in the target language.
    pub target: String,
    /// Where the unit came from.
    pub origin: Origin,
    /// The unit's index in the memory (in the order units were added), from 0.
    pub unit: usize,
}

/// An error of the translation memory.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TmError {
    /// The memory holds no translation units.
    #[error("{}: no translation units", if .files.is_empty() { "the memory".to_string() } else { .files.join(", ") })]
    Empty {
        /// The files the memory was read from.
        files: Vec<String>,
    },
    /// The memory has no text in a language that the lookup needs.
    #[error("{}: no {} ({lang}) text; the memory has {}", .files.join(", "), .lang.name(), list(.available))]
    NoLanguage {
        /// The language asked for.
        lang: Lang,
        /// The languages the memory has, with their number of texts.
        available: Vec<(Lang, usize)>,
        /// The files the memory was read from.
        files: Vec<String>,
    },
    /// The memory has both languages, but no unit with both.
    #[error("{}: no unit has both {from} and {to}; the memory has {}", .files.join(", "), list(.available))]
    NoPair {
        /// The query's language.
        from: Lang,
        /// The target language.
        to: Lang,
        /// The languages the memory has, with their number of texts.
        available: Vec<(Lang, usize)>,
        /// The files the memory was read from.
        files: Vec<String>,
    },
    /// The query has no word or number: it is empty, white space or punctuation.
    #[error("empty query: no word to look up")]
    EmptyQuery,
    /// The lookup settings are out of range.
    #[error("bad lookup settings: {0}")]
    Config(String),
    /// A TMX file could not be read.
    #[error("{}: {source}", .path.display())]
    Tmx {
        /// The file.
        path: PathBuf,
        /// The reader's error, with line and column.
        #[source]
        source: TmxError,
    },
    /// A JSON lines alignment file could not be read.
    #[error("{}: line {line}: {message}", .path.display())]
    Jsonl {
        /// The file.
        path: PathBuf,
        /// The line, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A `.ptm` file is not one, is of another version, truncated or corrupt.
    #[error("{}: {message}", .path.display())]
    Ptm {
        /// The file.
        path: PathBuf,
        /// What is wrong, and where (a byte offset) when it is known.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

fn list(langs: &[(Lang, usize)]) -> String {
    if langs.is_empty() {
        return "no text in any language".into();
    }
    langs
        .iter()
        .map(|(l, n)| format!("{l} ({n} texts)"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a unit came from, compactly.
#[derive(Debug, Clone)]
pub(crate) struct UnitOrigin {
    pub file: u32,
    pub tuid: Option<Box<str>>,
    pub document: u32,
}

/// A translation memory: units with a text per language, indexed for fuzzy lookup.
///
/// Units are added with [`add`](Self::add) (or read from files) and can be looked up at
/// any time; each language's index grows with them.
#[derive(Debug, Clone, Default)]
pub struct TranslationMemory {
    pub(crate) files: Vec<String>,
    pub(crate) documents: Vec<String>,
    document_ids: HashMap<String, u32>,
    pub(crate) origins: Vec<UnitOrigin>,
    pub(crate) langs: Vec<LangIndex>,
    /// Units per ordered pair of languages present in them.
    pair_counts: HashMap<(Lang, Lang), usize>,
}

impl TranslationMemory {
    /// An empty memory.
    pub fn new() -> Self {
        TranslationMemory::default()
    }

    /// How many units.
    pub fn len(&self) -> usize {
        self.origins.len()
    }

    /// Whether the memory has no unit.
    pub fn is_empty(&self) -> bool {
        self.origins.is_empty()
    }

    /// The files the units were read from, in the order they were first seen.
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// The languages of the memory with their number of texts, in the order first seen.
    ///
    /// ```
    /// use polyalign::lang::Lang;
    /// use polyalign::tm::TranslationMemory;
    /// use polyalign::tmx::Tu;
    ///
    /// let mut tm = TranslationMemory::new();
    /// tm.add(&Tu::new().with_variant("en-US", "Hi.").with_variant("ua", "Привіт."), "a.tmx");
    /// tm.add(&Tu::new().with_variant("x-klingon", "nuqneH"), "a.tmx");
    /// assert_eq!(tm.languages(), [(Lang::EN, 1), (Lang::UK, 1)]);
    /// assert_eq!(tm.len(), 1); // a unit without a known language is left out
    /// ```
    pub fn languages(&self) -> Vec<(Lang, usize)> {
        self.langs.iter().map(|l| (l.lang, l.len())).collect()
    }

    /// How many units have a text in both languages.
    ///
    /// ```
    /// use polyalign::lang::Lang;
    /// use polyalign::tm::TranslationMemory;
    /// use polyalign::tmx::Tu;
    ///
    /// let mut tm = TranslationMemory::new();
    /// tm.add(&Tu::new().with_variant("en", "Hi.").with_variant("uk", "Привіт."), "a.tmx");
    /// tm.add(&Tu::new().with_variant("en", "Hi.").with_variant("ru", "Привет."), "a.tmx");
    /// assert_eq!(tm.pair_count(Lang::EN, Lang::UK), 1);
    /// assert_eq!(tm.pair_count(Lang::RU, Lang::UK), 0);
    /// ```
    pub fn pair_count(&self, a: Lang, b: Lang) -> usize {
        self.pair_counts.get(&(a, b)).copied().unwrap_or(0)
    }

    /// Recounts the units of each pair of languages (after loading).
    pub(crate) fn recount_pairs(&mut self) {
        self.pair_counts.clear();
        for x in &self.langs {
            for y in &self.langs {
                let n = x
                    .units
                    .iter()
                    .filter(|&&u| y.entry(u as usize).is_some())
                    .count();
                if n > 0 {
                    self.pair_counts.insert((x.lang, y.lang), n);
                }
            }
        }
    }

    fn index_of(&self, lang: Lang) -> Option<usize> {
        self.langs.iter().position(|l| l.lang == lang)
    }

    /// Adds the units of an alignment of `docs` (polyalign's own, before any file is
    /// written) as the memory's `file`, with `document` as their document: the same units
    /// `align -o FILE.tmx` would write. Returns how many were added.
    ///
    /// ```
    /// use polyalign::{align::Aligner, doc::Document, lang::Lang, tm::TranslationMemory};
    /// let docs = [Document::from_text(Lang::EN, "The bridge opened."), Document::from_text(Lang::UK, "Міст відкрили.")];
    /// let al = Aligner::default().align(&docs).unwrap();
    /// let mut tm = TranslationMemory::new();
    /// assert_eq!(tm.add_alignment(&docs, &al, "article", "article.tmx"), 1);
    /// assert_eq!(tm.pair_count(Lang::EN, Lang::UK), 1);
    /// ```
    pub fn add_alignment(
        &mut self,
        docs: &[crate::doc::Document<'_>],
        al: &crate::align::Alignment,
        document: &str,
        file: &str,
    ) -> usize {
        let pair_scores = al.unit_pair_scores();
        al.units
            .iter()
            .zip(&pair_scores)
            .enumerate()
            .filter(|(n, (u, pairs))| {
                let tu = crate::formats::alignment::unit_tu(docs, u, n + 1, document, pairs);
                self.add(&tu, file)
            })
            .count()
    }

    /// Adds a unit read from `file`. Its variants are taken by primary language (`en-GB`
    /// counts as `en`; the first variant of a language wins; tags that are not a language
    /// code, and empty texts, are left out); its document is its `x-document` or `x-doc`
    /// property. Returns whether the unit was added (it has a text in some language).
    pub fn add(&mut self, tu: &Tu, file: &str) -> bool {
        let mut texts: Vec<(Lang, &str)> = Vec::new();
        for v in &tu.variants {
            let primary = v.lang.split(['-', '_']).next().unwrap_or("");
            let Ok(lang) = primary.parse::<Lang>() else {
                continue;
            };
            if v.text.trim().is_empty() || texts.iter().any(|(l, _)| *l == lang) {
                continue;
            }
            texts.push((lang, v.text.as_str()));
        }
        if texts.is_empty() {
            return false;
        }
        let document = tu
            .props
            .iter()
            .find(|p| {
                p.kind.eq_ignore_ascii_case("x-document") || p.kind.eq_ignore_ascii_case("x-doc")
            })
            .map(|p| p.value.as_str());
        self.push_unit(file, tu.tuid.as_deref(), document, &texts);
        true
    }

    /// Adds a unit of texts per language (internal: no checks).
    pub(crate) fn push_unit(
        &mut self,
        file: &str,
        tuid: Option<&str>,
        document: Option<&str>,
        texts: &[(Lang, &str)],
    ) {
        let unit = self.origins.len() as u32;
        let file = match self.files.iter().position(|f| f == file) {
            Some(i) => i as u32,
            None => {
                self.files.push(file.to_string());
                self.files.len() as u32 - 1
            }
        };
        let document = match document {
            None => index::NONE,
            Some(d) => match self.document_ids.get(d) {
                Some(&id) => id,
                None => {
                    let id = self.documents.len() as u32;
                    self.documents.push(d.to_string());
                    self.document_ids.insert(d.to_string(), id);
                    id
                }
            },
        };
        self.origins.push(UnitOrigin {
            file,
            tuid: tuid.map(Into::into),
            document,
        });
        for &(lang, text) in texts {
            let k = match self.index_of(lang) {
                Some(k) => k,
                None => {
                    self.langs.push(LangIndex::new(lang));
                    self.langs.len() - 1
                }
            };
            self.langs[k].add(unit, text);
        }
        for &(a, _) in texts {
            for &(b, _) in texts {
                *self.pair_counts.entry((a, b)).or_insert(0) += 1;
            }
        }
    }

    /// Rebuilds the document lookup table (after loading).
    pub(crate) fn reindex_documents(&mut self) {
        self.document_ids = self
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.clone(), i as u32))
            .collect();
    }

    /// Adds every unit of a TMX file, read as a stream; returns how many were added.
    /// The file is named in the units' [`Origin`] as given.
    pub fn add_tmx_file(&mut self, path: impl AsRef<Path>) -> Result<usize, TmError> {
        let path = path.as_ref();
        self.add_file(path, |file| {
            TmxReader::new(file).map(|tu| {
                tu.map_err(|source| TmError::Tmx {
                    path: path.into(),
                    source,
                })
            })
        })
    }

    /// Adds the units of a JSON lines memory: polyalign's alignment output (`align -o
    /// FILE.jsonl`), or `tmx convert` to JSONL; one object per line with a text per
    /// language code, read as [`formats::jsonl`](crate::formats::jsonl) describes.
    /// Returns how many were added.
    pub fn add_jsonl_file(&mut self, path: impl AsRef<Path>) -> Result<usize, TmError> {
        use crate::formats::FormatError;
        let path = path.as_ref();
        self.add_file(path, |file| {
            crate::formats::jsonl::units(std::io::BufReader::new(file)).map(|tu| {
                tu.map_err(|e| match e {
                    FormatError::Io { source, .. } => TmError::Io {
                        path: path.into(),
                        source,
                    },
                    FormatError::Record { line, message } => TmError::Jsonl {
                        path: path.into(),
                        line,
                        message,
                    },
                    e => TmError::Jsonl {
                        path: path.into(),
                        line: e.line().unwrap_or(0),
                        message: e.to_string(),
                    },
                })
            })
        })
    }

    /// Adds the units that `read` reads from the file `path`, named in their [`Origin`]
    /// as given; returns how many were added.
    fn add_file<I>(
        &mut self,
        path: &Path,
        read: impl FnOnce(std::fs::File) -> I,
    ) -> Result<usize, TmError>
    where
        I: Iterator<Item = Result<Tu, TmError>>,
    {
        let file = std::fs::File::open(path).map_err(|source| TmError::Io {
            path: path.into(),
            source,
        })?;
        let name = path.display().to_string();
        if !self.files.contains(&name) {
            self.files.push(name.clone());
        }
        let mut added = 0;
        for tu in read(file) {
            added += usize::from(self.add(&tu?, &name));
        }
        Ok(added)
    }

    /// Adds every unit of another memory (for example one loaded from a `.ptm` file).
    pub fn extend(&mut self, other: &TranslationMemory) {
        for (u, o) in other.origins.iter().enumerate() {
            let texts: Vec<(Lang, &str)> = other
                .langs
                .iter()
                .filter_map(|l| l.entry(u).map(|e| (l.lang, l.text(e))))
                .collect();
            let doc = other.documents.get(o.document as usize).map(String::as_str);
            self.push_unit(
                &other.files[o.file as usize],
                o.tuid.as_deref(),
                doc,
                &texts,
            );
        }
    }

    /// Checks that a lookup from `from` to `to` can be made; returns the indexes.
    fn pair(&self, from: Lang, to: Lang, config: &LookupConfig) -> Result<(usize, usize), TmError> {
        config.validate()?;
        if self.is_empty() {
            return Err(TmError::Empty {
                files: self.files.clone(),
            });
        }
        let missing = |lang| TmError::NoLanguage {
            lang,
            available: self.languages(),
            files: self.files.clone(),
        };
        let f = self.index_of(from).ok_or_else(|| missing(from))?;
        let t = self.index_of(to).ok_or_else(|| missing(to))?;
        if self.pair_count(from, to) == 0 {
            return Err(TmError::NoPair {
                from,
                to,
                available: self.languages(),
                files: self.files.clone(),
            });
        }
        Ok((f, t))
    }

    /// The best matches of `query` (a text in language `from`) among the units that have
    /// a text in `to`: at most `config.max`, scoring at least `config.min`, best first.
    ///
    /// Errors: [`TmError::Empty`], [`TmError::NoLanguage`], [`TmError::NoPair`],
    /// [`TmError::EmptyQuery`], [`TmError::Config`].
    pub fn lookup(
        &self,
        query: &str,
        from: Lang,
        to: Lang,
        config: &LookupConfig,
    ) -> Result<Vec<Match>, TmError> {
        self.search(query, from, to, config, false)
    }

    /// The same as [`lookup`](Self::lookup), by scoring every unit: the reference the
    /// index is tested against, and the baseline of the benchmarks.
    pub fn lookup_exhaustive(
        &self,
        query: &str,
        from: Lang,
        to: Lang,
        config: &LookupConfig,
    ) -> Result<Vec<Match>, TmError> {
        self.search(query, from, to, config, true)
    }

    /// Scores the candidates the index selects (and the length filter keeps), or every
    /// entry when `exhaustive`, and ranks those that reach `config.min`.
    fn search(
        &self,
        query: &str,
        from: Lang,
        to: Lang,
        config: &LookupConfig,
        exhaustive: bool,
    ) -> Result<Vec<Match>, TmError> {
        let (f, t) = self.pair(from, to, config)?;
        let (src, tgt) = (&self.langs[f], &self.langs[t]);
        let q = src.query(query);
        if q.ids.is_empty() {
            return Err(TmError::EmptyQuery);
        }
        let entries: Box<dyn Iterator<Item = usize>> = if exhaustive {
            Box::new(0..src.len())
        } else {
            Box::new(
                src.candidates(&q, config.min)
                    .into_iter()
                    .map(|e| e as usize)
                    .filter(|&e| src.may_reach(&q, e, config.min)),
            )
        };
        let mut hits = Vec::new();
        for e in entries {
            if tgt.entry(src.units[e] as usize).is_none() {
                continue;
            }
            if let Some(p) = self.score_entry(src, &q, query, e, config.min) {
                hits.push((p, e));
            }
        }
        Ok(self.rank(hits, src, tgt, query, config.max))
    }

    /// The percentage of entry `e` when it is at least `min`.
    fn score_entry(
        &self,
        src: &LangIndex,
        q: &index::Query,
        query: &str,
        e: usize,
        min: u8,
    ) -> Option<u8> {
        let toks = src.token_ids(e);
        let m = toks.len().max(q.ids.len());
        let d = score::distance(&q.ids, toks, score::max_distance(m, min))?;
        let p = score::percent(m, d, || score::identical(query, src.text(e)));
        (p >= min).then_some(p)
    }

    /// The best `max` hits, ranked by score, then character similarity, then unit.
    fn rank(
        &self,
        mut hits: Vec<(u8, usize)>,
        src: &LangIndex,
        tgt: &LangIndex,
        query: &str,
        max: usize,
    ) -> Vec<Match> {
        if max == 0 || hits.is_empty() {
            return Vec::new();
        }
        hits.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        // Every hit as good as the last one kept may be ranked into the top.
        let cut = hits[max.min(hits.len()) - 1].0;
        hits.retain(|h| h.0 >= cut);
        let query = nfc(query);
        let mut ranked: Vec<(u8, f64, usize)> = hits
            .into_iter()
            .map(|(p, e)| (p, score::char_similarity(&query, &nfc(src.text(e))), e))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        ranked.truncate(max);
        ranked
            .into_iter()
            .map(|(score, similarity, e)| {
                let unit = src.units[e] as usize;
                let o = &self.origins[unit];
                let te = tgt.entry(unit).expect("hits have a target text");
                Match {
                    score,
                    similarity,
                    source: src.text(e).to_string(),
                    target: tgt.text(te).to_string(),
                    origin: Origin {
                        file: self.files.get(o.file as usize).cloned().unwrap_or_default(),
                        tuid: o.tuid.as_deref().map(str::to_string),
                        document: self.documents.get(o.document as usize).cloned(),
                    },
                    unit,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
