//! Scripts: which letters are Cyrillic, defined once for every stage, and whether a text's
//! letters fit its language's script.

use std::ops::RangeInclusive;

use super::Lang;

/// The Cyrillic blocks: Cyrillic (U+0400–U+04FF) and Cyrillic Supplement (U+0500–U+052F).
const CYRILLIC: RangeInclusive<char> = '\u{400}'..='\u{52f}';

/// The characters of the Cyrillic block that are not letters: the thousands sign `҂` and the
/// combining marks U+0483–U+0489 (titlo, palatalisation, ...).
const CYRILLIC_MARKS: RangeInclusive<char> = '\u{482}'..='\u{489}';

/// A text in lowercase, char by char with the fast paths of [`lower`] (as
/// [`str::to_lowercase`] but for the final sigma, always `σ`).
pub(crate) fn to_lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().flat_map(lower));
    out
}

/// The lowercase of a char, as [`char::to_lowercase`] gives it, with fast paths for ASCII
/// and the basic Cyrillic letters: segmentation and alignment lowercase every word.
pub(crate) fn lower(c: char) -> Lower {
    let one = match c {
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        _ if c.is_ascii() => Some(c),
        '\u{410}'..='\u{42F}' => char::from_u32(u32::from(c) + 0x20),
        '\u{430}'..='\u{45F}' => Some(c),
        '\u{400}'..='\u{40F}' => char::from_u32(u32::from(c) + 0x50),
        _ => None,
    };
    match one {
        Some(l) => Lower::One(Some(l)),
        None => Lower::Any(c.to_lowercase()),
    }
}

/// The chars of [`lower`].
pub(crate) enum Lower {
    One(Option<char>),
    Any(std::char::ToLowercase),
}

impl Iterator for Lower {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            Lower::One(c) => c.take(),
            Lower::Any(it) => it.next(),
        }
    }
}

/// A Cyrillic letter: a character of the Cyrillic blocks other than its signs and combining
/// marks (exactly the alphabetic characters of U+0400–U+052F).
pub(crate) fn is_cyrillic_letter(c: char) -> bool {
    CYRILLIC.contains(&c) && !CYRILLIC_MARKS.contains(&c)
}

/// A letter (an alphabetic character), with fast paths for ASCII and Cyrillic: the general
/// Unicode tables are slow, and the anchors test every character of every sentence.
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if CYRILLIC.contains(&c) {
        !CYRILLIC_MARKS.contains(&c)
    } else {
        c.is_alphabetic()
    }
}

/// A letter or a digit ([`char::is_alphanumeric`]), with the fast paths of [`is_letter`].
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if CYRILLIC.contains(&c) {
        !CYRILLIC_MARKS.contains(&c)
    } else {
        c.is_alphanumeric()
    }
}

/// The letters of a text, and how many of them are Cyrillic.
///
/// ```
/// use polyalign::lang::{script_letters, Lang};
/// let s = script_letters("Ноэм visited 2 prisons");
/// assert_eq!((s.letters, s.cyrillic), (18, 4));
/// assert_eq!(s.in_script(Lang::EN), 14);
/// assert!(!s.foreign(Lang::EN) && s.foreign(Lang::RU));
/// ```
pub fn script_letters(text: &str) -> ScriptLetters {
    let (mut letters, mut cyrillic) = (0usize, 0usize);
    for c in text.chars().filter(|&c| is_letter(c)) {
        letters += 1;
        cyrillic += usize::from(is_cyrillic_letter(c));
    }
    ScriptLetters { letters, cyrillic }
}

/// Counts of [`script_letters`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScriptLetters {
    /// Letters (alphabetic characters).
    pub letters: usize,
    /// Cyrillic letters among them.
    pub cyrillic: usize,
}

impl ScriptLetters {
    /// Letters in the script `lang` is written in: Cyrillic for ru, uk and the other
    /// Cyrillic languages, Latin (any non-Cyrillic letter) otherwise.
    pub fn in_script(&self, lang: Lang) -> usize {
        if lang.is_cyrillic() {
            self.cyrillic
        } else {
            self.letters - self.cyrillic
        }
    }

    /// Whether fewer than a third of the letters are in `lang`'s script.
    pub fn foreign(&self, lang: Lang) -> bool {
        self.in_script(lang) * 3 < self.letters
    }
}

/// Checks that a text's letters fit its language's script: Cyrillic for ru, uk and the
/// other Cyrillic languages, Latin otherwise. Returns a description of the mismatch when
/// fewer than a third of the letters (of at least 20) are in the expected script.
///
/// ```
/// use polyalign::lang::{script_mismatch, Lang};
/// assert!(script_mismatch("Это русский текст, а не английский.", Lang::EN).is_some());
/// assert!(script_mismatch("Это русский текст про CECOT и NBC News.", Lang::RU).is_none());
/// ```
pub fn script_mismatch(text: &str, lang: Lang) -> Option<String> {
    let s = script_letters(text);
    if s.letters < 20 || !s.foreign(lang) {
        return None;
    }
    let script = if lang.is_cyrillic() {
        "Cyrillic"
    } else {
        "Latin"
    };
    Some(format!(
        "only {}% of its letters are {script}, as {} ({}) is written: is the language right?",
        s.in_script(lang) * 100 / s.letters,
        lang,
        lang.name()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_is_char_to_lowercase() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert!(lower(c).eq(c.to_lowercase()), "{c:?}");
        }
    }

    #[test]
    fn the_fast_paths_agree_with_the_unicode_tables() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "U+{:04X}", c as u32);
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn cyrillic_letters_are_the_alphabetic_characters_of_the_cyrillic_blocks() {
        for c in CYRILLIC {
            assert_eq!(
                is_cyrillic_letter(c),
                c.is_alphabetic(),
                "U+{:04X}",
                c as u32
            );
            assert_eq!(is_letter(c), c.is_alphabetic(), "U+{:04X}", c as u32);
        }
        for c in ['a', 'Z', 'é', 'ß', '中', '1', ' ', '-', '’'] {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert!(!is_cyrillic_letter(c), "{c:?}");
        }
        assert!(is_cyrillic_letter('ґ') && is_cyrillic_letter('Ё') && is_cyrillic_letter('ԑ'));
    }
}
