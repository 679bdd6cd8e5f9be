//! File name patterns of a corpus: where an article's id and a version's language are in
//! a file's path.

use std::fmt;
use std::str::FromStr;

use crate::lang::Lang;

/// A pattern of paths relative to the corpus directory, with `/` between directories:
/// text, and the placeholders `{id}` (the article's id: one or more characters, `/`
/// included, so that an archive's date folders are part of it) and `{lang}` (a language
/// code: `en`, `uk`, `ua`, `en-GB`, `eng`; no `/`), each exactly once.
///
/// ```
/// use polyalign::corpus::Pattern;
/// use polyalign::lang::Lang;
///
/// let p: Pattern = "{id}.{lang}.txt".parse().unwrap();
/// assert_eq!(p.matches("2024-05-01.noem.ua.txt"), Some(("2024-05-01.noem".into(), Lang::UK)));
/// assert_eq!(p.matches("noem.txt"), None);
/// let by_dir: Pattern = "{lang}/{id}.txt".parse().unwrap();
/// assert_eq!(by_dir.matches("ru/noem.txt"), Some(("noem".into(), Lang::RU)));
/// assert_eq!(by_dir.matches("ua/2024/05/noem.txt"), Some(("2024/05/noem".into(), Lang::UK)));
/// assert_eq!(p.matches("2024/05/noem.en.txt"), Some(("2024/05/noem".into(), Lang::EN)));
/// assert!("{id}.txt".parse::<Pattern>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Id,
    Lang,
}

/// A pattern that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("bad pattern {pattern:?}: {why} (e.g. \"{{id}}.{{lang}}.txt\" or \"{{lang}}/{{id}}.txt\")")]
pub struct PatternError {
    pattern: String,
    why: &'static str,
}

impl Pattern {
    /// The patterns tried when none is given: `{id}.{lang}.txt`, then `{lang}/{id}.txt`.
    pub fn defaults() -> Vec<Pattern> {
        ["{id}.{lang}.txt", "{lang}/{id}.txt"]
            .iter()
            .map(|p| p.parse().expect("a valid pattern"))
            .collect()
    }

    /// The article id and language of `path` (relative, `/`-separated), when it matches.
    /// When several readings fit, the longest id wins (`a.b.en.txt` is article `a.b`).
    pub fn matches(&self, path: &str) -> Option<(String, Lang)> {
        self.read(path).map(|(id, lang, _)| (id, lang))
    }

    /// [`Pattern::matches`], with the language code as `path` spells it (`ua`, `en-GB`):
    /// [`Pattern::render`] of the id and that spelling gives `path` back.
    pub fn read(&self, path: &str) -> Option<(String, Lang, String)> {
        let mut id = None;
        let mut lang = None;
        if self.walk(0, path, &mut id, &mut lang) {
            let (lang, spelled) = lang?;
            Some((id?, lang, spelled))
        } else {
            None
        }
    }

    /// The path of an article's version: the pattern with `{id}` and `{lang}` filled in.
    ///
    /// ```
    /// use polyalign::corpus::Pattern;
    ///
    /// let p: Pattern = "{lang}/{id}.txt".parse().unwrap();
    /// assert_eq!(p.render("2024/noem", "ua"), "ua/2024/noem.txt");
    /// ```
    pub fn render(&self, id: &str, lang: &str) -> String {
        let mut out = String::new();
        for p in &self.parts {
            out.push_str(match p {
                Part::Text(t) => t,
                Part::Id => id,
                Part::Lang => lang,
            });
        }
        out
    }

    fn walk(
        &self,
        part: usize,
        rest: &str,
        id: &mut Option<String>,
        lang: &mut Option<(Lang, String)>,
    ) -> bool {
        let Some(p) = self.parts.get(part) else {
            return rest.is_empty();
        };
        match p {
            Part::Text(t) => rest
                .strip_prefix(t.as_str())
                .is_some_and(|r| self.walk(part + 1, r, id, lang)),
            Part::Id | Part::Lang => {
                // An id may span directories (`en/2024/05/noem.txt`); a language may not.
                let limit = match p {
                    Part::Id => rest.len(),
                    _ => rest.find('/').unwrap_or(rest.len()),
                };
                // Longest first, so that the id takes what it can.
                let ends: Vec<usize> = rest[..limit]
                    .char_indices()
                    .map(|(i, c)| i + c.len_utf8())
                    .rev()
                    .collect();
                for end in ends {
                    let taken = &rest[..end];
                    if matches!(p, Part::Lang) {
                        let Ok(l) = taken.parse::<Lang>() else {
                            continue;
                        };
                        if !taken
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                        {
                            continue;
                        }
                        if self.walk(part + 1, &rest[end..], id, lang) {
                            *lang = Some((l, taken.to_string()));
                            return true;
                        }
                    } else if self.walk(part + 1, &rest[end..], id, lang) {
                        *id = Some(taken.to_string());
                        return true;
                    }
                }
                false
            }
        }
    }
}

impl FromStr for Pattern {
    type Err = PatternError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why| PatternError {
            pattern: s.to_string(),
            why,
        };
        let mut parts = Vec::new();
        let mut rest = s;
        while !rest.is_empty() {
            let (part, len) = if rest.starts_with("{id}") {
                (Part::Id, 4)
            } else if rest.starts_with("{lang}") {
                (Part::Lang, 6)
            } else {
                let end = rest[1..].find('{').map_or(rest.len(), |i| i + 1);
                (Part::Text(rest[..end].to_string()), end)
            };
            if let (Part::Text(t), Some(Part::Text(prev))) = (&part, parts.last_mut()) {
                prev.push_str(t);
            } else {
                if !matches!(part, Part::Text(_))
                    && matches!(parts.last(), Some(Part::Id | Part::Lang))
                {
                    return Err(bad("two placeholders need text between them"));
                }
                parts.push(part);
            }
            rest = &rest[len..];
        }
        for (placeholder, name) in [(Part::Id, "{id}"), (Part::Lang, "{lang}")] {
            match parts.iter().filter(|p| **p == placeholder).count() {
                1 => {}
                0 if name == "{id}" => return Err(bad("it needs {id} once")),
                0 => return Err(bad("it needs {lang} once")),
                _ => return Err(bad("each placeholder may appear once")),
            }
        }
        if matches!(parts.first(), Some(Part::Text(t)) if t.starts_with('/')) {
            return Err(bad("it is relative to the corpus directory: no leading /"));
        }
        Ok(Pattern { parts })
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.parts {
            match p {
                Part::Text(t) => f.write_str(t)?,
                Part::Id => f.write_str("{id}")?,
                Part::Lang => f.write_str("{lang}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_as_documented() {
        let p: Pattern = "{lang}/{id}.txt".parse().unwrap();
        assert_eq!(p.matches("uk/a/b.txt"), Some(("a/b".into(), Lang::UK)));
        assert_eq!(p.matches("uk.txt"), None);
        assert_eq!(p.matches("en-GB/x.txt"), Some(("x".into(), Lang::EN)));
        let q: Pattern = "articles/{id}_{lang}.md".parse().unwrap();
        assert_eq!(
            q.matches("articles/a_b_uk.md"),
            Some(("a_b".into(), Lang::UK))
        );
        assert_eq!(q.matches("articles/a_xx.md"), None);
        assert_eq!(q.to_string(), "articles/{id}_{lang}.md");
        for bad in [
            "{id}{lang}.txt",
            "{id}.txt",
            "{lang}.txt",
            "{id}.{id}.{lang}",
            "/{id}.{lang}",
        ] {
            assert!(bad.parse::<Pattern>().is_err(), "{bad}");
        }
    }
}
