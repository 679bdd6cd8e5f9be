//! The anchor words of each language: month names, month words, number words and the
//! openings of asides, from one data file per language under `src/anchors/data/`
//! (`en.txt`, `ru.txt`, `uk.txt`), compiled in with `include_str!` and parsed once. The
//! format is described at the top of `en.txt`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lang::Lang;

/// The data files, in the order their tables are consulted.
const FILES: [(Lang, &str); 3] = [
    (Lang::EN, include_str!("data/en.txt")),
    (Lang::RU, include_str!("data/ru.txt")),
    (Lang::UK, include_str!("data/uk.txt")),
];

/// The context a month form needs to count as a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// Nothing: `January`, `July`.
    Nothing,
    /// An adjacent number: abbreviations (`Mar.`, `сент.`).
    Number,
    /// A capital or an adjacent number: `March`, `August` (also a verb, an adjective).
    Capital,
    /// Lower case or an adjacent number: Cyrillic months (`Марта`, `Август`: names).
    Lowercase,
    /// An adjacent number, or a capital after a word of the language's `[month-context]`:
    /// `in May`, not `Theresa May`.
    Context,
}

/// A month form of a data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MonthForm {
    month: u8,
    need: Need,
    /// An abbreviation that counts only followed by a period.
    dot: bool,
}

/// A month read from a word: its number (1 to 12), the context it needs, and the words
/// that make a [`Need::Context`] form a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Month {
    pub month: u8,
    pub need: Need,
    pub context: &'static [&'static str],
}

/// The parsed data file of one language.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub lang: Lang,
    /// `[months]` and `[month-abbreviations]`, by lower-case form.
    months: HashMap<&'static str, MonthForm>,
    /// `[month-context]`.
    month_context: Vec<&'static str>,
    /// `[month-words]`: (month, word start; with a final `.`, an abbreviation).
    month_words: Vec<(u64, &'static str)>,
    /// `[number-words]`: (value, word; with a final `*`, a word start).
    number_words: Vec<(u64, &'static str)>,
    /// `[asides]`.
    pub asides: Vec<&'static str>,
    /// Lines that could not be read: `line N: ...` (the tests require none).
    problems: Vec<String>,
}

impl Lexicon {
    fn parse(lang: Lang, data: &'static str) -> Lexicon {
        let mut lex = Lexicon {
            lang,
            months: HashMap::new(),
            month_context: Vec::new(),
            month_words: Vec::new(),
            number_words: Vec::new(),
            asides: Vec::new(),
            problems: Vec::new(),
        };
        let mut lowercase_months = false;
        let mut section = "";
        for (n, line) in data.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut problem = |what: &str| lex.problems.push(format!("line {}: {what}", n + 1));
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            match section {
                "options" => match line.split_once('=').map(|(k, v)| (k.trim(), v.trim())) {
                    Some(("lowercase-months", v)) => {
                        lowercase_months = matches!(v, "yes" | "true" | "on")
                    }
                    _ => problem("unknown option"),
                },
                "month-context" => lex.month_context.extend(line.split_whitespace()),
                "asides" => lex.asides.push(line),
                "months" | "month-abbreviations" | "month-words" | "number-words" => {
                    let mut words = line.split_whitespace();
                    let Some(value) = words.next().and_then(|v| v.parse::<u64>().ok()) else {
                        problem("a value line must start with a number");
                        continue;
                    };
                    if section == "number-words" {
                        lex.number_words.extend(words.map(|w| (value, w)));
                        continue;
                    }
                    if !(1..=12).contains(&value) {
                        problem("a month is 1 to 12");
                        continue;
                    }
                    if section == "month-words" {
                        lex.month_words.extend(words.map(|w| (value, w)));
                        continue;
                    }
                    for w in words {
                        let (form, need, dot) = if section == "month-abbreviations" {
                            match w.strip_suffix('.') {
                                Some(abbr) => (abbr, Need::Number, true),
                                None => (w, Need::Number, false),
                            }
                        } else if let Some(f) = w.strip_suffix('?') {
                            (f, Need::Capital, false)
                        } else if let Some(f) = w.strip_suffix('!') {
                            (f, Need::Context, false)
                        } else {
                            (w, Need::Nothing, false)
                        };
                        let month = value as u8;
                        let form_of = MonthForm { month, need, dot };
                        if lex.months.insert(form, form_of).is_some() {
                            problem("a month form is listed twice");
                        }
                    }
                }
                _ => problem("unknown section"),
            }
        }
        if lowercase_months {
            for f in lex.months.values_mut().filter(|f| f.need == Need::Nothing) {
                f.need = Need::Lowercase;
            }
        }
        lex
    }
}

/// Every language's data, in the order of [`FILES`].
pub(crate) fn all() -> &'static [Lexicon] {
    static ALL: OnceLock<Vec<Lexicon>> = OnceLock::new();
    ALL.get_or_init(|| {
        FILES
            .iter()
            .map(|&(lang, data)| Lexicon::parse(lang, data))
            .collect()
    })
}

/// The tables a text of `lang` reads month names from: its own and the English ones, or
/// every table for English and for languages without a data file. Russian names are not
/// read in Ukrainian text nor Ukrainian ones in Russian text (Ukrainian `маю` is "I have",
/// not the Russian dative of May).
fn month_tables(lang: Lang) -> impl Iterator<Item = &'static Lexicon> {
    let own = lang != Lang::EN && all().iter().any(|l| l.lang == lang);
    all()
        .iter()
        .filter(move |l| !own || l.lang == lang || l.lang == Lang::EN)
}

/// The month of a lower-case word in a text of `lang` and the context it needs; `dot`: a
/// period follows the word.
pub(crate) fn month_of(word: &str, dot: bool, lang: Lang) -> Option<Month> {
    for lex in month_tables(lang) {
        if let Some(f) = lex.months.get(word) {
            if f.dot && !dot {
                return None;
            }
            return Some(Month {
                month: f.month,
                need: f.need,
                context: &lex.month_context,
            });
        }
    }
    None
}

/// A quick filter before [`month_of`]: whether the word starts like a month form of any
/// table (its first three letters, lowercased).
pub(crate) fn may_be_month(word: &str) -> bool {
    static PREFIXES: OnceLock<Vec<u128>> = OnceLock::new();
    let prefixes = PREFIXES.get_or_init(|| {
        let mut v: Vec<u128> = all()
            .iter()
            .flat_map(|l| l.months.keys())
            .filter_map(|w| pack(w.chars().take(3)))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    // Packed chars, not a string, and a binary search rather than a hash: this runs on
    // every word of every sentence.
    pack(word.chars().take(3).flat_map(crate::lang::lower))
        .is_some_and(|k| prefixes.binary_search(&k).is_ok())
}

/// Up to six chars packed into one number (21 bits each, after a leading 1 so that lengths
/// differ); `None` for more.
fn pack(chars: impl Iterator<Item = char>) -> Option<u128> {
    let mut key: u128 = 1;
    for (n, c) in chars.enumerate() {
        if n == 6 {
            return None;
        }
        key = (key << 21) | u128::from(u32::from(c));
    }
    Some(key)
}

/// The `[month-words]` read in a text of `lang`: its own language's and English (a
/// Ukrainian stem must not read a Russian word: `грудн-` is December in Ukrainian, a breast
/// in Russian), or every language's when `lang` has no table. (month, word start; with a
/// final `.`, an abbreviation that is the whole word, followed by a period.)
pub(crate) fn month_words(lang: Lang) -> impl Iterator<Item = &'static (u64, &'static str)> {
    month_tables(lang).flat_map(|l| l.month_words.iter())
}

/// The `[number-words]` of every language: (value, word; with a final `*`, a word start).
pub(crate) fn number_words() -> &'static [(u64, &'static str)] {
    static WORDS: OnceLock<Vec<(u64, &'static str)>> = OnceLock::new();
    WORDS.get_or_init(|| all().iter().flat_map(|l| l.number_words.clone()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_read_cleanly() {
        for lex in all() {
            assert!(
                lex.problems.is_empty(),
                "{}.txt: {:?}",
                lex.lang,
                lex.problems
            );
            assert!(
                !lex.months.is_empty() && !lex.asides.is_empty(),
                "{}",
                lex.lang
            );
        }
    }

    #[test]
    fn a_form_means_one_month_in_every_language() {
        let mut seen: HashMap<&str, (u8, Lang)> = HashMap::new();
        for lex in all() {
            for (form, f) in &lex.months {
                if let Some(&(m, lang)) = seen.get(form) {
                    assert_eq!(m, f.month, "{form:?}: {lang} and {}", lex.lang);
                }
                seen.insert(form, (f.month, lex.lang));
            }
        }
    }

    #[test]
    fn months_by_language_and_context() {
        let of = |w: &str, dot: bool, lang: Lang| month_of(w, dot, lang).map(|m| (m.month, m.need));
        assert_eq!(of("march", false, Lang::RU), Some((3, Need::Capital)));
        assert_eq!(of("may", false, Lang::EN), Some((5, Need::Context)));
        assert_eq!(of("марта", false, Lang::EN), Some((3, Need::Lowercase)));
        assert_eq!(of("березня", false, Lang::UK), Some((3, Need::Lowercase)));
        assert_eq!(
            of("маю", false, Lang::UK),
            None,
            "a Russian form in Ukrainian text"
        );
        assert_eq!(of("маю", false, Lang::RU), Some((5, Need::Lowercase)));
        assert_eq!(
            of("лютий", false, "be".parse().unwrap()),
            Some((2, Need::Lowercase))
        );
        assert_eq!(of("сент", true, Lang::RU), Some((9, Need::Number)));
        assert_eq!(of("сент", false, Lang::RU), None, "needs its period");
        assert_eq!(of("sept", false, Lang::EN), Some((9, Need::Number)));
        assert!(may_be_month("Марта") && may_be_month("SEPT") && !may_be_month("Noem"));
    }
}
