//! Names and Latin-script tokens that one version has and another lacks.
//!
//! Two kinds of candidates:
//! - **strong**: a Latin-script word inside Cyrillic text (`CECOT`, `NBC`), an acronym in a
//!   Latin-script text (`CECOT`, `NATO`). Every other version must have it, in Latin letters,
//!   transliterated (`НАТО`) or, for the acronyms of `data/acronyms.txt`, translated (`США`).
//! - **weak**: a capitalised word that does not open a sentence (`Noem`, `Ноэм`). Without a
//!   dictionary, `Secretary` looks the same; so a weak candidate counts only once a version
//!   in the other script confirms it (`Noem` = `Ноэм`; Russian and Ukrainian share too many
//!   words to confirm each other's), and is then expected in every version.
//!
//! Matching is transliteration-aware: consonant skeletons that agree
//! ([`crate::anchors::translit::skeleton`]) and [`crate::anchors::translit::name_similarity`] at
//! 0.75 or more, on the starts of the two words (`Трампа` matches `Trump`); an initial counts for a
//! first name (`Н. Букеле` has `Nayib`).

use std::sync::OnceLock;

use crate::anchors::translit::{name_similarity, skeleton};
use crate::lang::Lang;

/// Acronyms and the Cyrillic forms that stand for them.
pub(super) struct NameTable {
    entries: Vec<(String, Vec<String>)>,
}

impl NameTable {
    /// The table of `data/acronyms.txt`.
    pub(super) fn builtin() -> &'static NameTable {
        static TABLE: OnceLock<NameTable> = OnceLock::new();
        TABLE.get_or_init(|| NameTable::parse(include_str!("data/acronyms.txt")))
    }

    fn parse(data: &str) -> NameTable {
        let entries = data
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (k, v) = l.split_once('=')?;
                let forms = v
                    .split('|')
                    .map(|f| crate::lang::to_lower(f.trim()))
                    .filter(|f| !f.is_empty())
                    .collect();
                Some((k.trim().to_string(), forms))
            })
            .collect();
        NameTable { entries }
    }

    fn forms(&self, acronym: &str) -> Option<&[String]> {
        self.entries
            .iter()
            .find(|(k, _)| k == acronym)
            .map(|(_, f)| f.as_slice())
    }
}

/// A word of a text, with what is known of it.
struct Word<'t> {
    text: &'t str,
    lower: String,
    /// The first class of the consonant skeleton of `lower` (`0` when it has none).
    class: u8,
    latin_script: bool,
    /// Opens a sentence (or a quotation): its capital says nothing.
    initial: bool,
    /// A single capital letter followed by a period: an initial (`Н.`).
    initial_letter: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut prev_end = 0;
    for (start, w) in split_words(text) {
        let before = text[prev_end..start].trim_end();
        let before_char = before.chars().next_back().or_else(|| {
            // Only spaces between this word and the previous one.
            text[..start].trim_end().chars().next_back()
        });
        let initial = out.is_empty()
            || before_char.is_some_and(|c| {
                matches!(
                    c,
                    '.' | '!' | '?' | ':' | '«' | '“' | '„' | '"' | '—' | '–' | '-' | '(' | '…'
                )
            });
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        let mut chars = w.chars();
        let initial_letter = chars.next().is_some_and(char::is_uppercase)
            && chars.next().is_none()
            && text[start + w.len()..].starts_with('.');
        let lower = crate::lang::to_lower(w);
        out.push(Word {
            text: w,
            class: first_class(&lower),
            lower,
            latin_script: w.chars().all(|c| c.is_ascii_alphanumeric()),
            initial,
            initial_letter,
        });
        prev_end = start + w.len();
    }
    out
}

/// Words: runs of letters and digits, with apostrophes inside them.
fn split_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut last = 0;
    for (i, c) in text.char_indices() {
        let inside =
            crate::lang::is_alphanumeric(c) || ((c == '\'' || c == '’') && start.is_some());
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, text[s..last].trim_end_matches(['\'', '’'])));
                start = None;
            }
            _ => {}
        }
        if inside {
            last = i + c.len_utf8();
        }
    }
    if let Some(s) = start {
        out.push((s, text[s..last].trim_end_matches(['\'', '’'])));
    }
    out.into_iter().filter(|(_, w)| !w.is_empty())
}

/// Whether a word is listed in `data/not-names.txt`.
fn not_name(lower: &str) -> bool {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            include_str!("data/not-names.txt")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .flat_map(str::split_whitespace)
                .collect()
        })
        .contains(&lower)
}

fn is_roman_numeral(w: &str) -> bool {
    w.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// How sure a word is to be a name that every version must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// A Latin-script word inside Cyrillic text: every version must have it.
    Latin,
    /// An acronym of a Latin-script text: translations often spell it out (`GOP`), so it
    /// is expected everywhere only once another version has it; otherwise its absence is
    /// information.
    Acronym,
    /// A capitalised word: a name only once a version in the other script has it, and
    /// even then its absence is information (country names and adjectives are translated:
    /// `Germany` = `Німеччина`).
    Capitalised,
}

/// How sure `word` (in a text of `lang`) is to be a name; `None` when it is not one.
fn candidate(word: &Word, lang: Lang) -> Option<Strength> {
    let letters = word
        .text
        .chars()
        .filter(|&c| crate::lang::is_letter(c))
        .count();
    if letters < 2 || word.text.chars().any(|c| c.is_ascii_digit()) || is_roman_numeral(word.text) {
        return None;
    }
    let upper = word.text.chars().filter(|c| c.is_uppercase()).count();
    if lang.is_cyrillic() && word.latin_script && upper > 0 {
        return Some(Strength::Latin);
    }
    if !lang.is_cyrillic() && word.latin_script && upper == letters {
        return Some(Strength::Acronym);
    }
    if not_name(&word.lower) {
        return None;
    }
    let first_upper = word.text.chars().next().is_some_and(char::is_uppercase);
    (first_upper && upper < letters && letters >= 3 && !word.initial)
        .then_some(Strength::Capitalised)
}

/// A text made ready for [`names_of`] and [`text_has`]: its lowercase form and its words,
/// computed once for the several names looked for in it.
pub(super) struct Prepared<'t> {
    lower: String,
    words: Vec<Word<'t>>,
}

impl<'t> Prepared<'t> {
    pub(super) fn new(text: &'t str) -> Prepared<'t> {
        Prepared {
            lower: crate::lang::to_lower(text),
            words: words(text),
        }
    }
}

/// Whether a text (of `lang`, [prepared](Prepared)) names `name`, in any spelling
/// [`names_of`] accepts.
pub(super) fn text_has(name: &str, text: &Prepared, lang: Lang, table: &NameTable) -> bool {
    let Some(word) = words(name).into_iter().next() else {
        return false;
    };
    has(&word, lang, &text.lower, &text.words, lang, table)
}

/// Whether a version with these words has the name `word` (written in a text of `lang`).
fn has(
    word: &Word,
    lang: Lang,
    text_lower: &str,
    words: &[Word],
    other: Lang,
    table: &NameTable,
) -> bool {
    let _ = lang;
    if other.is_cyrillic() && word.latin_script {
        if let Some(forms) = table.forms(word.text) {
            // A form is the start of a word (`тв` is not in `шаленством`) or a phrase.
            let starts_word = |f: &str| {
                text_lower.match_indices(f).any(|(i, _)| {
                    !text_lower[..i]
                        .chars()
                        .next_back()
                        .is_some_and(crate::lang::is_alphanumeric)
                })
            };
            if forms.iter().any(|f| starts_word(f)) {
                return true;
            }
        }
    }
    let n = word.lower.chars().count();
    words.iter().any(|w| {
        if w.lower == word.lower {
            return true;
        }
        if w.latin_script && word.latin_script {
            // Latin on both sides: the same word, perhaps with an ending (`Noem`, `Noems`).
            return w.lower.starts_with(&word.lower) && w.lower.len() <= word.lower.len() + 2;
        }
        // Compare the starts, so that endings do not count (`Сальвадоре` = `Salvador`).
        // Skeletons that start apart never agree (but for `W` = `У`, see `same_name`).
        if w.class != word.class && !matches!((w.class, word.class), (b'v', b'a') | (b'a', b'v')) {
            return false;
        }
        let m = w.lower.chars().count();
        // A short name takes a case ending of up to two letters (`Kim` = `Кімом`).
        if n.min(m) * 3 < n.max(m) * 2 && n.min(m) < 5 && n.max(m) > n.min(m) + 2 {
            return false;
        }
        let k = n.min(m) + 1;
        let a: String = word.lower.chars().take(k).collect();
        let b: String = w.lower.chars().take(k).collect();
        same_name(&a, &b)
    }) || abbreviated(word, words)
}

/// The first class of a word's consonant skeleton: that of its first two letters (a
/// digraph decides it), `0` when there is none.
fn first_class(lower: &str) -> u8 {
    let end = lower.char_indices().nth(3).map_or(lower.len(), |(i, _)| i);
    skeleton(&lower[..end]).bytes().next().unwrap_or(0)
}

/// Whether two word starts spell one name: their consonant skeletons agree on at least
/// three classes (all of the shorter one's if it has fewer) and their transliterations are
/// similar (`Гольм` = `Хольм` = `Holm`, `Трампа` = `Trump`, not `Street` = `станеться`).
fn same_name(a: &str, b: &str) -> bool {
    let (mut sa, mut sb) = (skeleton(a), skeleton(b));
    // English `W` is Cyrillic `У` (a vowel): `Warren` = `Уоррен`.
    if sa.starts_with('v') && sb.starts_with('a') || sa.starts_with('a') && sb.starts_with('v') {
        sa.remove(0);
        sb.remove(0);
    }
    let common = sa
        .bytes()
        .zip(sb.bytes())
        .take_while(|(x, y)| x == y)
        .count();
    let shorter = sa.len().min(sb.len());
    shorter >= 1 && common >= shorter.min(3) && name_similarity(a, b) >= MATCH
}

/// Whether the name is there as an initial (`Nayib Bukele` = `Н. Букеле`): a capital
/// letter with a period, transliterated to the name's first letter.
fn abbreviated(word: &Word, words: &[Word]) -> bool {
    let first = |w: &Word| -> Option<char> {
        let latin = if w.latin_script {
            w.lower.clone()
        } else {
            crate::anchors::translit::to_latin(&w.lower, Lang::RU)
        };
        latin.chars().next()
    };
    let Some(f) = first(word) else {
        return false;
    };
    words
        .iter()
        .any(|w| w.initial_letter && first(w) == Some(f))
}

/// The similarity at which two words are one name.
const MATCH: f64 = 0.75;

/// A name one version lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Lacking {
    /// The name as the first version that has it writes it.
    pub name: String,
    /// The languages that have it (`"en, ru"`).
    pub have: String,
    /// Whether it is sure to be a name every version must have (otherwise information).
    pub sure: bool,
    /// Whether only this version has it (of three or more): then the version named with
    /// it is the one that has the name, not one that lacks it (`Telecom` in ru where en
    /// and uk say `Telma`).
    pub alone: bool,
}

/// For each version `(lang, text)` of one unit, the names others have that it lacks.
#[cfg(test)]
pub(super) fn missing_names(
    versions: &[(Lang, &str)],
    table: &NameTable,
) -> Vec<(Lang, Vec<Lacking>)> {
    names_of(versions, table)
        .into_iter()
        .filter(|n| !n.lacking.is_empty())
        .map(|n| (n.lang, n.lacking))
        .collect()
}

/// What [`names_of`] finds of one version.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct VersionNames {
    pub lang: Lang,
    /// The names others have and this version lacks (or only this one has).
    pub lacking: Vec<Lacking>,
    /// Capitalised words inside a sentence (`Мендоса`) that no other version has in any
    /// form: not reported on their own (a word can be capitalised for other reasons), but
    /// beside a name every other version has and this one lacks, a changed name.
    pub unmatched: Vec<String>,
}

/// The names each version lacks, and its capitalised words no other version has.
pub(super) fn names_of(versions: &[(Lang, &str)], table: &NameTable) -> Vec<VersionNames> {
    let texts: Vec<Prepared> = versions.iter().map(|(_, t)| Prepared::new(t)).collect();
    // Per version: (name, languages that have it, sure, alone).
    type Entry = (String, Vec<Lang>, bool, bool);
    let mut lacking: Vec<Vec<Entry>> = vec![Vec::new(); versions.len()];
    let mut unmatched: Vec<Vec<String>> = vec![Vec::new(); versions.len()];
    for (i, (lang, _)) in versions.iter().enumerate() {
        for word in &texts[i].words {
            let Some(strength) = candidate(word, *lang) else {
                continue;
            };
            let found: Vec<bool> = (0..versions.len())
                .map(|j| {
                    j == i
                        || has(
                            word,
                            *lang,
                            &texts[j].lower,
                            &texts[j].words,
                            versions[j].0,
                            table,
                        )
                })
                .collect();
            let elsewhere = |other_script: bool| {
                (0..versions.len()).any(|j| {
                    j != i
                        && found[j]
                        && (!other_script || versions[j].0.is_cyrillic() != lang.is_cyrillic())
                })
            };
            let sure = match strength {
                Strength::Latin => true,
                Strength::Acronym => elsewhere(false),
                Strength::Capitalised if elsewhere(true) => false,
                Strength::Capitalised => {
                    if !elsewhere(false) && !unmatched[i].contains(&word.text.to_string()) {
                        unmatched[i].push(word.text.to_string());
                    }
                    continue;
                }
            };
            let have: Vec<Lang> = (0..versions.len())
                .filter(|&j| found[j])
                .map(|j| versions[j].0)
                .collect();
            let alone = have.len() == 1 && versions.len() >= 3;
            let report_to: Vec<usize> = if alone {
                vec![i]
            } else {
                (0..versions.len()).filter(|&j| !found[j]).collect()
            };
            for j in report_to {
                // Reported once per version, whichever version names it first.
                let seen = lacking[j].iter_mut().find(|(n, _, _, _)| {
                    crate::lang::to_lower(n) == word.lower
                        || same_name(&crate::lang::to_lower(n), &word.lower)
                });
                // The first version to name it decides how sure it is: a name another
                // version keeps in Latin letters and this one spells out is information.
                if seen.is_none() {
                    lacking[j].push((word.text.to_string(), have.clone(), sure, alone));
                }
            }
        }
    }
    lacking
        .into_iter()
        .zip(unmatched)
        .enumerate()
        .map(|(j, (l, unmatched))| {
            let list = l
                .into_iter()
                .map(|(name, have, sure, alone)| {
                    let langs: Vec<&str> = have.iter().map(|l| l.code()).collect();
                    Lacking {
                        name,
                        have: langs.join(", "),
                        sure,
                        alone,
                    }
                })
                .collect();
            VersionNames {
                lang: versions[j].0,
                lacking: list,
                unmatched,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lacking(versions: &[(Lang, &str)]) -> Vec<(Lang, Vec<String>)> {
        missing_names(versions, NameTable::builtin())
            .into_iter()
            .map(|(l, names)| (l, names.into_iter().map(|n| n.name).collect()))
            .collect()
    }

    #[test]
    fn latin_tokens_and_transliterated_names_are_found() {
        let en = "Homeland Security Secretary Kristi Noem visited CECOT on Wednesday, NBC News reported.";
        let ru = "Министр внутренней безопасности Кристи Ноэм посетила CECOT в среду, сообщает NBC News.";
        let uk = "Міністр внутрішньої безпеки Крісті Ноем відвідала CECOT у середу, повідомляє NBC News.";
        assert_eq!(
            lacking(&[(Lang::EN, en), (Lang::RU, ru), (Lang::UK, uk)]),
            []
        );
    }

    #[test]
    fn a_dropped_latin_token_and_a_dropped_name_are_reported() {
        let en = "Kristi Noem visited CECOT, NBC News reported.";
        let ru = "Кристи Ноэм посетила CECOT, сообщает NBC News.";
        let uk = "Крісті відвідала тюрму, повідомляє телеканал.";
        let got = lacking(&[(Lang::EN, en), (Lang::RU, ru), (Lang::UK, uk)]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, Lang::UK);
        assert_eq!(got[0].1, ["Noem", "CECOT", "NBC", "News"]);
    }

    #[test]
    fn translated_acronyms_count_as_present() {
        let en = "The US and the EU met at the UN.";
        let ru = "США и ЕС встретились в ООН.";
        assert_eq!(lacking(&[(Lang::EN, en), (Lang::RU, ru)]), []);
    }

    #[test]
    fn capitalised_words_need_a_second_version_to_count() {
        // `Secretary` is translated in both Cyrillic versions: not a name.
        let en = "The Homeland Security Secretary spoke.";
        let ru = "Министр внутренней безопасности выступил.";
        let uk = "Міністр внутрішньої безпеки виступив.";
        assert_eq!(
            lacking(&[(Lang::EN, en), (Lang::RU, ru), (Lang::UK, uk)]),
            []
        );
    }

    #[test]
    fn roman_numerals_and_sentence_openings_are_not_names() {
        let en = "World War II ended. Then peace came.";
        let ru = "Вторая мировая война закончилась. Потом пришел мир.";
        assert_eq!(lacking(&[(Lang::EN, en), (Lang::RU, ru)]), []);
    }
}
