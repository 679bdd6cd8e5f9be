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
//! let ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
//! assert_eq!(ids, ["a1", "a2"]);
//! assert_eq!(corpus.articles[1].versions.len(), 1);
//! assert_eq!(corpus.unmatched.len(), 1); // notes.md
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
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The articles, in the order of their ids.
    pub articles: Vec<Article>,
    /// The languages: the ones asked for, in that order, else every language found, the
    /// most frequent first (ties in the order of their codes).
    pub langs: Vec<Lang>,
    /// Files no pattern matches (hidden files and directories are not looked at).
    pub unmatched: Vec<PathBuf>,
    /// Files of a language not asked for.
    pub other_langs: Vec<PathBuf>,
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
    let mut files = Vec::new();
    walk(dir, dir, &mut files)?;
    files.sort();
    let mut corpus = Corpus::default();
    let mut by_id: BTreeMap<String, Vec<(Lang, PathBuf)>> = BTreeMap::new();
    let mut count: BTreeMap<Lang, usize> = BTreeMap::new();
    for (rel, path) in files {
        let Some((id, lang)) = patterns.iter().find_map(|p| p.matches(&rel)) else {
            corpus.unmatched.push(path);
            continue;
        };
        if !langs.is_empty() && !langs.contains(&lang) {
            corpus.other_langs.push(path);
            continue;
        }
        *count.entry(lang).or_default() += 1;
        by_id.entry(id).or_default().push((lang, path));
    }
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
        let mut found: Vec<(Lang, usize)> = count.into_iter().collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code().cmp(b.0.code())));
        found.into_iter().map(|(l, _)| l).collect()
    } else {
        langs.to_vec()
    };
    for (id, found) in by_id {
        let mut article = Article {
            id,
            versions: Vec::new(),
            conflicts: Vec::new(),
        };
        for lang in &corpus.langs {
            let mut of_lang = found.iter().filter(|(l, _)| l == lang);
            if let Some((_, path)) = of_lang.next() {
                article.versions.push((*lang, path.clone()));
            }
            article.conflicts.extend(of_lang.map(|(_, p)| p.clone()));
        }
        corpus.articles.push(article);
    }
    Ok(corpus)
}

/// Every file under `dir`, with its path relative to `root` in `/` form; hidden entries
/// (`.name`) are skipped, and links to directories are not followed.
fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<(), CorpusError> {
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
            walk(root, &path, out)?;
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((rel.join("/"), path));
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
        let got: Vec<(&str, Vec<&str>)> = c
            .articles
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
        assert_eq!(c.unmatched.len(), 1);
        assert_eq!(
            c.articles[0].missing(&c.langs),
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
        let a = &c.articles[0];
        assert_eq!(a.versions.len(), 2);
        assert_eq!(a.versions[0].0, Lang::UK);
        assert_eq!(a.conflicts.len(), 1);
        assert_eq!(c.other_langs.len(), 1);
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
