//! Language data for the segmenter: abbreviation classes and sentence starters.
//!
//! The data lives in one plain-text file per language under `src/segment/data/`
//! (`en.txt`, `ru.txt`, `uk.txt`, `generic.txt`), compiled in with `include_str!` and parsed
//! once. The format is described at the top of `en.txt`.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::lang::Lang;

/// What a period after an abbreviation means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Titles and prefixes: never ends a sentence.
    NeverFinal,
    /// Ends no sentence before a number; otherwise like `MayEnd`.
    BeforeNumber,
    /// After a number a unit that may end a sentence; elsewhere a title.
    NumberUnit,
    /// May end a sentence: before a capital or a number.
    MayEnd,
    /// Ends a sentence only before a starter word (`U.S. Government` vs `U.S. How`).
    BeforeStarter,
}

/// Parsed language data.
#[derive(Debug, Default)]
pub(crate) struct Rules {
    never_final: HashSet<String>,
    before_number: HashSet<String>,
    number_unit: HashSet<String>,
    may_end: HashSet<String>,
    before_starter: HashSet<String>,
    starters: HashSet<String>,
    prepositions: HashSet<String>,
    speech_verbs: HashSet<String>,
    /// The longest entry, in chars; keys longer than this are not looked up.
    max_key_chars: usize,
    /// `[options] numbered-paragraph-alone = yes`: a number like `1.` that opens a
    /// paragraph is a sentence of its own (the convention of the Ukrainian UD treebank).
    pub(crate) numbered_paragraph_alone: bool,
    /// `[options] lowercase-sentences = yes`: informal text may start sentences in
    /// lowercase, so `?` and a period after an ordinary word end a sentence before a
    /// lowercase word too.
    pub(crate) lowercase_sentences: bool,
}

const EN: &str = include_str!("data/en.txt");
const RU: &str = include_str!("data/ru.txt");
const UK: &str = include_str!("data/uk.txt");
const GENERIC: &str = include_str!("data/generic.txt");

impl Rules {
    /// The rules of a language (generic ones for languages without their own).
    pub(crate) fn for_lang(lang: Lang) -> &'static Rules {
        static EN_RULES: OnceLock<Rules> = OnceLock::new();
        static RU_RULES: OnceLock<Rules> = OnceLock::new();
        static UK_RULES: OnceLock<Rules> = OnceLock::new();
        static GENERIC_RULES: OnceLock<Rules> = OnceLock::new();
        match lang {
            Lang::EN => EN_RULES.get_or_init(|| Rules::parse(EN)),
            Lang::RU => RU_RULES.get_or_init(|| Rules::parse(RU)),
            Lang::UK => UK_RULES.get_or_init(|| Rules::parse(UK)),
            _ => GENERIC_RULES.get_or_init(|| Rules::parse(GENERIC)),
        }
    }

    /// Parses a data file. Unknown sections are ignored so that data files can grow
    /// ahead of the code.
    pub(crate) fn parse(data: &str) -> Rules {
        let mut rules = Rules::default();
        let mut section = "";
        for line in data.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = match name {
                    "never-final" | "before-number" | "number-unit" | "may-end"
                    | "before-starter" | "starters" | "prepositions" | "speech-verbs"
                    | "options" => name,
                    _ => "",
                };
                continue;
            }
            if section == "options" {
                if let Some((k, v)) = line.split_once('=') {
                    let on = matches!(v.trim(), "yes" | "true" | "on");
                    match k.trim() {
                        "numbered-paragraph-alone" => rules.numbered_paragraph_alone = on,
                        "lowercase-sentences" => rules.lowercase_sentences = on,
                        _ => {}
                    }
                }
                continue;
            }
            let key = normalize_entry(line);
            if key.is_empty() {
                continue;
            }
            rules.max_key_chars = rules.max_key_chars.max(key.chars().count());
            let set = match section {
                "never-final" => &mut rules.never_final,
                "before-number" => &mut rules.before_number,
                "number-unit" => &mut rules.number_unit,
                "may-end" => &mut rules.may_end,
                "before-starter" => &mut rules.before_starter,
                "starters" => &mut rules.starters,
                "prepositions" => &mut rules.prepositions,
                "speech-verbs" => &mut rules.speech_verbs,
                _ => continue,
            };
            set.insert(key);
        }
        rules
    }

    /// The class of an abbreviation key (lowercase, internal periods kept, no final period).
    pub(crate) fn class(&self, key: &str) -> Option<AbbrevClass> {
        if self.never_final.contains(key) {
            Some(AbbrevClass::NeverFinal)
        } else if self.before_number.contains(key) {
            Some(AbbrevClass::BeforeNumber)
        } else if self.number_unit.contains(key) {
            Some(AbbrevClass::NumberUnit)
        } else if self.may_end.contains(key) {
            Some(AbbrevClass::MayEnd)
        } else if self.before_starter.contains(key) {
            Some(AbbrevClass::BeforeStarter)
        } else {
            None
        }
    }

    /// Whether a lowercased word commonly starts a sentence.
    pub(crate) fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }

    /// Whether a lowercased word is a preposition that opens adverbials (`at`, `in`).
    pub(crate) fn is_preposition(&self, word: &str) -> bool {
        self.prepositions.contains(word)
    }

    /// Whether a lowercased word is a verb of speech (`said`, `added`).
    pub(crate) fn is_speech_verb(&self, word: &str) -> bool {
        self.speech_verbs.contains(word)
    }

    /// The longest key worth looking up, in chars.
    pub(crate) fn max_key_chars(&self) -> usize {
        self.max_key_chars
    }
}

/// Normalises a data-file entry: lowercase, spaces removed, final period removed.
fn normalize_entry(entry: &str) -> String {
    let key: String = entry.chars().filter(|c| !c.is_whitespace()).collect();
    key.trim_end_matches('.').to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse_into_classes() {
        let en = Rules::for_lang(Lang::EN);
        assert_eq!(en.class("mr"), Some(AbbrevClass::NeverFinal));
        assert_eq!(en.class("e.g"), Some(AbbrevClass::NeverFinal));
        assert_eq!(en.class("no"), Some(AbbrevClass::BeforeNumber));
        assert_eq!(en.class("etc"), Some(AbbrevClass::MayEnd));
        assert_eq!(en.class("house"), None);
        assert!(en.is_starter("the"));

        let ru = Rules::for_lang(Lang::RU);
        assert_eq!(ru.class("т.е"), Some(AbbrevClass::NeverFinal));
        assert_eq!(ru.class("тыс"), Some(AbbrevClass::MayEnd));
        assert_eq!(ru.class("и т.д"), None, "spaces are removed from entries");
        assert_eq!(ru.class("ит.д"), Some(AbbrevClass::MayEnd));

        let uk = Rules::for_lang(Lang::UK);
        assert_eq!(uk.class("м"), Some(AbbrevClass::NumberUnit));
        assert_eq!(uk.class("вул"), Some(AbbrevClass::NeverFinal));
        assert_eq!(uk.class("тис"), Some(AbbrevClass::MayEnd));
    }

    #[test]
    fn entries_are_normalised() {
        let rules = Rules::parse("[may-end]\nI. E.\n# comment\n[unknown]\nzzz\n");
        assert_eq!(rules.class("i.e"), Some(AbbrevClass::MayEnd));
        assert_eq!(rules.class("zzz"), None);
    }
}
