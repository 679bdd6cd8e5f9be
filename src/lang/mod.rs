//! Languages: parsing and normalising language codes.
//!
//! polyalign has dedicated rules for English (`en`), Russian (`ru`) and Ukrainian (`uk`).
//! Every other ISO 639-1 language is accepted and handled with generic rules
//! ([`Support::Generic`]). Codes are normalised to BCP 47 primary language subtags:
//! case is folded, region and script subtags are dropped (`en-US`, `EN_gb` → `en`), and the
//! country code that news sites use for Ukrainian, `ua`, becomes `uk`.
//!
//! ```
//! use polyalign::lang::{Lang, Support};
//!
//! assert_eq!("UA".parse::<Lang>().unwrap(), Lang::UK);
//! assert_eq!("uk-UA".parse::<Lang>().unwrap().code(), "uk");
//! assert_eq!("de".parse::<Lang>().unwrap().support(), Support::Generic);
//! assert!("klingon".parse::<Lang>().is_err());
//! ```

use std::fmt;
use std::str::FromStr;

mod script;

pub(crate) use script::{is_alphanumeric, is_cyrillic_letter, is_letter, lower, to_lower};
pub use script::{script_letters, script_mismatch, ScriptLetters};

/// The ISO 639-1 table: `code<TAB>name` per line.
const ISO_639_1: &str = include_str!("data/iso639-1.txt");

/// The languages with dedicated rules, in the order they are listed to users.
pub const SUPPORTED: [Lang; 3] = [Lang::EN, Lang::RU, Lang::UK];

/// How well polyalign knows a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// Dedicated rules and data (abbreviations, quotes, number formats).
    Full,
    /// Generic rules only: punctuation, capitalisation, numbers.
    Generic,
}

/// A language, identified by its two-letter ISO 639-1 code.
///
/// `Lang` is `Copy` and compares by code. Parse it from any common spelling with
/// [`str::parse`]; print it with `Display` (always the normalised BCP 47 code).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang([u8; 2]);

impl Lang {
    /// English.
    pub const EN: Lang = Lang(*b"en");
    /// Russian.
    pub const RU: Lang = Lang(*b"ru");
    /// Ukrainian (`uk`; `ua` is accepted on input).
    pub const UK: Lang = Lang(*b"uk");

    /// The normalised code, e.g. `"uk"`.
    ///
    /// ```
    /// assert_eq!(polyalign::lang::Lang::UK.code(), "uk");
    /// ```
    pub fn code(&self) -> &str {
        // Only ASCII lowercase letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The English name of the language, e.g. `"Ukrainian"`.
    ///
    /// ```
    /// assert_eq!(polyalign::lang::Lang::RU.name(), "Russian");
    /// ```
    pub fn name(&self) -> &'static str {
        iso_entries()
            .find(|(code, _)| code.as_bytes() == self.0)
            .map(|(_, name)| name)
            .unwrap_or("unknown")
    }

    /// Whether the language has dedicated rules or generic ones.
    pub fn support(&self) -> Support {
        if SUPPORTED.contains(self) {
            Support::Full
        } else {
            Support::Generic
        }
    }

    /// Whether the language is written in Cyrillic script (used by anchors and checks).
    pub fn is_cyrillic(&self) -> bool {
        matches!(
            &self.0,
            b"ru" | b"uk" | b"be" | b"bg" | b"mk" | b"sr" | b"kk" | b"ky" | b"tg" | b"mn"
        )
    }
}

fn iso_entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    ISO_639_1
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

/// An error from parsing a language code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LangError {
    /// The code is not an ISO 639-1 language code in any accepted spelling.
    #[error(
        "unknown language code {code:?}: use a two-letter ISO 639-1 code; \
         full rules for en (English), ru (Russian), uk (Ukrainian, also written ua), \
         generic rules for the others (de, fr, pl, ...)"
    )]
    Unknown {
        /// The code as given.
        code: String,
    },
}

impl FromStr for Lang {
    type Err = LangError;

    /// Accepts `en`, `EN`, `en-US`, `en_GB`, `uk-UA`, `ua`, `UA`, three-letter codes of the
    /// supported languages (`eng`, `rus`, `ukr`) and English names of them.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || LangError::Unknown {
            code: s.to_string(),
        };
        let trimmed = s.trim();
        let primary = trimmed
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let code = match primary.as_str() {
            "ua" | "ukr" | "ukrainian" => "uk",
            "rus" | "russian" => "ru",
            "eng" | "english" => "en",
            other => other,
        };
        let bytes = code.as_bytes();
        if bytes.len() != 2 || !iso_entries().any(|(c, _)| c == code) {
            return Err(unknown());
        }
        Ok(Lang([bytes[0], bytes[1]]))
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Guesses the language from a file name such as `article.uk.txt`, `en.txt` or
/// `news_ru.txt`: the last dot-, dash- or underscore-separated part of the stem, when it is
/// a two-letter language code. Returns `None` otherwise.
///
/// ```
/// use polyalign::lang::{lang_from_path, Lang};
/// assert_eq!(lang_from_path("samples/article.ua.txt"), Some(Lang::UK));
/// assert_eq!(lang_from_path("ru.txt"), Some(Lang::RU));
/// assert_eq!(lang_from_path("notes.txt"), None);
/// ```
pub fn lang_from_path(path: impl AsRef<std::path::Path>) -> Option<Lang> {
    let name = path.as_ref().file_name()?.to_str()?;
    let stem = match name.rsplit_once('.') {
        Some((stem, _ext)) if !stem.is_empty() => stem,
        _ => name,
    };
    let part = stem.rsplit(['.', '_', '-']).next()?;
    // Only two-letter parts: longer words in file names are rarely codes.
    if part.len() == 2 {
        part.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_spellings() {
        for (input, want) in [
            ("en", "en"),
            ("EN", "en"),
            ("en-US", "en"),
            ("en_GB", "en"),
            ("ru-RU", "ru"),
            ("uk-UA", "uk"),
            ("ua", "uk"),
            ("UA", "uk"),
            (" uk ", "uk"),
            ("ukr", "uk"),
            ("de", "de"),
            ("fr-CA", "fr"),
        ] {
            assert_eq!(
                input.parse::<Lang>().unwrap().code(),
                want,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn rejects_unknown_codes_with_a_helpful_message() {
        for bad in ["", "x", "zz", "klingon", "12", "e n"] {
            let err = bad.parse::<Lang>().unwrap_err();
            let msg = err.to_string();
            assert!(msg.contains("en (English)") && msg.contains("uk"), "{msg}");
        }
    }

    #[test]
    fn support_levels() {
        assert_eq!(Lang::EN.support(), Support::Full);
        assert_eq!(Lang::UK.support(), Support::Full);
        assert_eq!("pl".parse::<Lang>().unwrap().support(), Support::Generic);
        assert_eq!("pl".parse::<Lang>().unwrap().name(), "Polish");
    }

    #[test]
    fn languages_from_file_names() {
        assert_eq!(lang_from_path("article.en.txt"), Some(Lang::EN));
        assert_eq!(lang_from_path("/tmp/x/uk.txt"), Some(Lang::UK));
        assert_eq!(lang_from_path("news-ua.txt"), Some(Lang::UK));
        assert_eq!(lang_from_path("README"), None);
        assert_eq!(lang_from_path("story.txt"), None);
    }

    #[test]
    fn serde_round_trip() {
        let json = serde_json::to_string(&Lang::UK).unwrap();
        assert_eq!(json, "\"uk\"");
        let back: Lang = serde_json::from_str("\"ua\"").unwrap();
        assert_eq!(back, Lang::UK);
    }
}
