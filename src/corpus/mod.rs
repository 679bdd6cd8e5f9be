//! Corpus mode: a site's archive of articles, each in several languages, processed in one
//! run.
//!
//! Three parts, each usable alone:
//!
//! 1. [`find`]: the articles of a directory, their language versions found by name
//!    ([`Pattern`]: `{id}.{lang}.txt`, `{lang}/{id}.txt`, or any pattern of the two
//!    placeholders);
//! 2. [`for_each_ordered`]: a job run on every article on all cores (rayon), the results
//!    handed on in input order whatever the scheduling, with a panic caught at the
//!    article's boundary and given back as that article's failure;
//! 3. [`Journal`]: the run's output file written as a stream beside a journal of the
//!    articles done, so that an interrupted run (even by `kill -9`) can be resumed and
//!    ends with the same file as an uninterrupted run, which replaces the output in one
//!    rename, as every output of polyalign does ([`crate::output`]).
//!
//! ```
//! use polyalign::corpus::{find, Pattern};
//!
//! let dir = tempfile::tempdir().unwrap();
//! for (name, text) in [("a1.en.txt", "One."), ("a1.uk.txt", "Один."), ("a2.en.txt", "Two."), ("notes.md", "")] {
//!     std::fs::write(dir.path().join(name), text).unwrap();
//! }
//! let corpus = find(dir.path(), &Pattern::defaults(), &[]).unwrap();
//! assert_eq!(corpus.langs.iter().map(|l| l.code()).collect::<Vec<_>>(), ["en", "uk"]);
//! let articles: Vec<_> = corpus.articles().collect();
//! let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
//! assert_eq!(ids, ["a1", "a2"]);
//! assert_eq!(articles[0].versions[1].1, dir.path().join("a1.uk.txt"));
//! assert_eq!(articles[1].versions.len(), 1);
//! assert_eq!(corpus.unmatched.count, 1); // notes.md
//! ```

mod journal;
mod pattern;
mod run;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use journal::{Journal, JournalError, Resumed};
pub use pattern::{Pattern, PatternError};
pub use run::{for_each_ordered, panic_message};

use crate::lang::Lang;

/// One article of a corpus: its id and the file of each language version found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The article's id: what the pattern's `{id}` matched.
    pub id: String,
    /// The versions, in the order of the corpus's languages.
    pub versions: Vec<(Lang, PathBuf)>,
    /// Files that name a language this article already has (`a.uk.txt` and `a.ua.txt`):
    /// the article is not processed while it has any.
    pub conflicts: Vec<PathBuf>,
}

impl Article {
    /// The languages of `langs` the article has no version in.
    pub fn missing(&self, langs: &[Lang]) -> Vec<Lang> {
        langs
            .iter()
            .copied()
            .filter(|l| self.versions.iter().all(|(v, _)| v != l))
            .collect()
    }
}

/// The articles of a directory ([`find`]).
///
/// The list is compact (an id and a few bytes per version; about 100 bytes an article):
/// the paths are made again from the patterns when the articles are read
/// ([`Corpus::articles`]), so that an archive of millions of articles is listed in
/// little memory.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The directory.
    pub root: PathBuf,
    /// The languages: the ones asked for, in that order, else every language found: the
    /// most frequent first (ties in the order of their codes), then the others in the
    /// order of their codes.
    pub langs: Vec<Lang>,
    /// Files no pattern matches (hidden files and directories are not looked at).
    pub unmatched: Skipped,
    /// Files of a language not asked for.
    pub other_langs: Skipped,
    patterns: Vec<Pattern>,
    /// `root` made absolute once, for [`Corpus::would_read`].
    absolute_root: Option<PathBuf>,
    /// The language codes as the paths spell them (`uk`, `ua`, `en-GB`).
    spellings: Vec<String>,
    entries: Vec<Entry>,
}

/// Files set aside: how many, and the first in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// How many files.
    pub count: usize,
    /// The first of them in path order.
    pub first: Option<PathBuf>,
}

impl Skipped {
    fn add(&mut self, path: PathBuf) {
        self.count += 1;
        if self.first.as_ref().is_none_or(|f| path < *f) {
            self.first = Some(path);
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    id: Box<str>,
    /// In the order of the corpus's languages.
    versions: Box<[Version]>,
    conflicts: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Version {
    lang: Lang,
    pattern: u16,
    spelling: u16,
}

impl Corpus {
    /// How many articles.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no article.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The ids of the articles, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> + '_ {
        self.entries.iter().map(|e| &*e.id)
    }

    /// The articles, in the order of their ids, with the paths of their versions.
    pub fn articles(&self) -> impl Iterator<Item = Article> + '_ {
        self.entries.iter().map(|e| self.article(e))
    }

    /// [`Corpus::articles`], taking the corpus.
    pub fn into_articles(self) -> impl Iterator<Item = Article> {
        let Corpus {
            root,
            patterns,
            spellings,
            entries,
            ..
        } = self;
        entries.into_iter().map(move |e| Article {
            versions: versions(&root, &patterns, &spellings, &e),
            id: e.id.into(),
            conflicts: e.conflicts,
        })
    }

    fn article(&self, e: &Entry) -> Article {
        Article {
            id: e.id.to_string(),
            versions: versions(&self.root, &self.patterns, &self.spellings, e),
            conflicts: e.conflicts.clone(),
        }
    }

    /// The corpus without its articles: its directory, languages and patterns, enough
    /// for [`Corpus::would_read`] once the articles are handed on.
    pub fn without_articles(&self) -> Corpus {
        Corpus {
            root: self.root.clone(),
            langs: self.langs.clone(),
            unmatched: self.unmatched.clone(),
            other_langs: self.other_langs.clone(),
            patterns: self.patterns.clone(),
            absolute_root: self.absolute_root.clone(),
            spellings: self.spellings.clone(),
            entries: Vec::new(),
        }
    }

    /// Whether a file at `path` is, or would be, read as a version of an article: it lies
    /// under the corpus directory and a pattern matches its path there. An output must
    /// not be such a file.
    pub fn would_read(&self, path: &Path) -> bool {
        let (Some(abs), Some(root)) = (absolute(path), &self.absolute_root) else {
            return false;
        };
        let Ok(rel) = abs.strip_prefix(root) else {
            return false;
        };
        let rel = slash_path(rel);
        self.patterns.iter().any(|p| p.matches(&rel).is_some())
    }
}

/// A relative path in the `/` form patterns match (`en/2024/x.txt` on every system).
fn slash_path(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// `path` made absolute with its links resolved, as far as it exists (an output may not
/// exist yet: its directory is resolved and its name added).
fn absolute(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(absolute(parent)?.join(name))
}

fn versions(
    root: &Path,
    patterns: &[Pattern],
    spellings: &[String],
    e: &Entry,
) -> Vec<(Lang, PathBuf)> {
    e.versions
        .iter()
        .map(|v| {
            let rel =
                patterns[usize::from(v.pattern)].render(&e.id, &spellings[usize::from(v.spelling)]);
            (v.lang, root.join(rel))
        })
        .collect()
}

/// An error finding the articles of a directory.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CorpusError {
    /// The directory could not be read.
    #[error("cannot read the corpus directory {}", .path.display())]
    Io {
        /// The directory or file that could not be read.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// No file of the directory matches a pattern.
    #[error("{}: no file is named like an article's version ({patterns}); see --pattern", .path.display())]
    NoArticles {
        /// The directory.
        path: PathBuf,
        /// The patterns tried.
        patterns: String,
    },
}

/// The articles under `dir`: every file whose path relative to `dir` matches one of
/// `patterns` (the first that matches), grouped by id. `langs`, when not empty, are the
/// languages wanted, in order; files of other languages are set aside.
pub fn find(dir: &Path, patterns: &[Pattern], langs: &[Lang]) -> Result<Corpus, CorpusError> {
    let mut corpus = Corpus {
        root: dir.to_path_buf(),
        patterns: patterns.to_vec(),
        absolute_root: absolute(dir),
        ..Corpus::default()
    };
    let mut by_id: BTreeMap<Box<str>, Vec<Version>> = BTreeMap::new();
    let mut count: BTreeMap<Lang, usize> = BTreeMap::new();
    walk(dir, dir, &mut |rel: &str, path: &Path| {
        let Some((n, (id, lang, spelled))) = patterns
            .iter()
            .enumerate()
            .find_map(|(n, p)| Some((n, p.read(rel)?)))
        else {
            corpus.unmatched.add(path.to_path_buf());
            return;
        };
        if !langs.is_empty() && !langs.contains(&lang) {
            corpus.other_langs.add(path.to_path_buf());
            return;
        }
        let spelling = match corpus.spellings.iter().position(|s| *s == spelled) {
            Some(i) => i,
            None => {
                corpus.spellings.push(spelled);
                corpus.spellings.len() - 1
            }
        };
        *count.entry(lang).or_default() += 1;
        by_id.entry(id.into()).or_default().push(Version {
            lang,
            pattern: u16::try_from(n).unwrap_or(u16::MAX),
            spelling: u16::try_from(spelling).unwrap_or(u16::MAX),
        });
    })?;
    if by_id.is_empty() {
        return Err(CorpusError::NoArticles {
            path: dir.to_path_buf(),
            patterns: patterns
                .iter()
                .map(Pattern::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    corpus.langs = if langs.is_empty() {
        // The most frequent first (the pivot), the others in the order of their codes:
        // a few articles more or less in one language do not reorder the others.
        let first = count
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.code().cmp(a.0.code())))
            .map(|(l, _)| *l);
        let mut found: Vec<Lang> = count.into_keys().collect();
        found.sort_by(|a, b| {
            (Some(*a) != first)
                .cmp(&(Some(*b) != first))
                .then(a.code().cmp(b.code()))
        });
        found
    } else {
        langs.to_vec()
    };
    let spellings = corpus.spellings.clone();
    for (id, mut found) in by_id {
        // One file per language: the first pattern's, then in path order; the others
        // of that language are conflicts.
        let path = |v: &Version| {
            patterns[usize::from(v.pattern)].render(&id, &spellings[usize::from(v.spelling)])
        };
        found.sort_by_cached_key(|v| (v.pattern, path(v)));
        let mut versions = Vec::new();
        let mut conflicts = Vec::new();
        for lang in &corpus.langs {
            let mut of_lang = found.iter().filter(|v| v.lang == *lang);
            if let Some(v) = of_lang.next() {
                versions.push(*v);
            }
            conflicts.extend(of_lang.map(|v| dir.join(path(v))));
        }
        corpus.entries.push(Entry {
            id,
            versions: versions.into_boxed_slice(),
            conflicts,
        });
    }
    Ok(corpus)
}

/// Calls `found` with every file under `dir`: its path relative to `root` in `/` form,
/// and its path. Hidden entries (`.name`) are skipped, and links to directories are not
/// followed.
fn walk(root: &Path, dir: &Path, found: &mut impl FnMut(&str, &Path)) -> Result<(), CorpusError> {
    let failed = |source| CorpusError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in fs::read_dir(dir).map_err(failed)? {
        let entry = entry.map_err(failed)?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(failed)?;
        if kind.is_dir() {
            walk(root, &path, found)?;
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            found(&slash_path(path.strip_prefix(root).unwrap_or(&path)), &path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let path = dir.path().join(f);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "Text.").unwrap();
        }
        dir
    }

    #[test]
    fn versions_are_found_by_either_default_pattern() {
        let dir = tree(&[
            "b.en.txt",
            "b.ua.txt",
            "a.b.ru.txt",
            "en/c.txt",
            "ru/c.txt",
            "uk/c.txt",
            ".hidden.en.txt",
            "gold.json",
        ]);
        let c = find(dir.path(), &Pattern::defaults(), &[]).unwrap();
        let articles: Vec<Article> = c.articles().collect();
        let got: Vec<(&str, Vec<&str>)> = articles
            .iter()
            .map(|a| {
                (
                    a.id.as_str(),
                    a.versions.iter().map(|v| v.0.code()).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("a.b", vec!["ru"]),
                ("b", vec!["en", "uk"]),
                ("c", vec!["en", "ru", "uk"])
            ]
        );
        assert_eq!(c.unmatched.count, 1);
        assert_eq!(articles[1].versions[1].1, dir.path().join("b.ua.txt"));
        assert_eq!(articles[2].versions[0].1, dir.path().join("en/c.txt"));
        assert_eq!(
            articles[0].missing(&c.langs),
            [Lang::EN, Lang::UK],
            "langs {:?}",
            c.langs
        );
    }

    #[test]
    fn two_files_of_one_language_are_a_conflict_and_langs_filter() {
        let dir = tree(&["x.uk.txt", "x.ua.txt", "x.en.txt", "x.de.txt"]);
        let c = find(dir.path(), &Pattern::defaults(), &[Lang::UK, Lang::EN]).unwrap();
        assert_eq!(c.langs, [Lang::UK, Lang::EN]);
        let a = c.articles().next().unwrap();
        assert_eq!(a.versions.len(), 2);
        assert_eq!(a.versions[0].0, Lang::UK);
        assert_eq!(a.versions[0].1, dir.path().join("x.ua.txt"));
        assert_eq!(a.conflicts, [dir.path().join("x.uk.txt")]);
        assert_eq!(c.other_langs.count, 1);
    }

    #[test]
    fn an_output_that_a_pattern_would_read_is_known() {
        let dir = tree(&["a.en.txt", "a.ru.txt"]);
        let c = find(dir.path(), &Pattern::defaults(), &[]).unwrap();
        assert!(c.would_read(&dir.path().join("a.en.txt")));
        assert!(
            c.would_read(&dir.path().join("new.uk.txt")),
            "not there yet, but would be read"
        );
        assert!(c.would_read(&dir.path().join("en/x.txt")));
        assert!(!c.would_read(&dir.path().join("memory.tmx")));
        assert!(!c.would_read(&dir.path().join("../a.en.txt")));
    }

    #[test]
    fn a_directory_without_articles_is_an_error_naming_the_patterns() {
        let dir = tree(&["readme.md"]);
        let e = find(dir.path(), &Pattern::defaults(), &[]).unwrap_err();
        assert!(
            e.to_string().contains("{id}.{lang}.txt, {lang}/{id}.txt"),
            "{e}"
        );
    }
}
