//! Transliteration and consonant skeletons: names and international words as anchors.
//!
//! A name keeps its consonants across languages: `Trump`/`Трамп`, `Noem`/`Ноэм`/`Ноем`,
//! `Venezuela`/`Венесуэла`. [`to_latin`] transliterates a Cyrillic word (Russian or
//! Ukrainian table), [`skeleton`] reduces a Latin spelling to at most five consonant
//! classes so that such pairs collide, and [`name_similarity`] verifies a collision with
//! Jaro-Winkler similarity of the transliterations.
//!
//! The pipeline for a word `w` in language `lang` is `skeleton(&to_latin(w, lang))`.

use crate::lang::Lang;

/// The lowercase Latin transliteration of `word`.
///
/// Cyrillic letters follow the Russian table, or the Ukrainian one when `lang` is
/// [`Lang::UK`] (`г` → `h`, `и` → `y`, `і`/`ї` → `i`, `є` → `ie`); `ъ`, `ь` and, in Cyrillic
/// languages, apostrophes are dropped. Other characters (Latin input) are lowercased.
/// `Щука` → `shchuka`, `Київ` → `kyiv`, `Ноэм` → `noem`, `Trump` → `trump`.
pub(crate) fn to_latin(word: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    to_latin_into(word, lang, &mut out);
    out
}

/// [`to_latin`] into `out` (cleared first), so that a loop over words reuses one buffer.
pub(crate) fn to_latin_into(word: &str, lang: Lang, out: &mut String) {
    out.clear();
    let uk = lang == Lang::UK;
    let drop_apostrophes = lang.is_cyrillic();
    for c in word.chars().flat_map(crate::lang::lower) {
        match cyrillic(c, uk) {
            Some(s) => out.push_str(s),
            None if drop_apostrophes && is_apostrophe(c) => {}
            None => out.push(c),
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘')
}

/// The Latin spelling of a lowercase Cyrillic letter.
fn cyrillic(c: char, uk: bool) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' if uk => "h",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' if uk => "y",
        'и' | 'і' | 'ї' | 'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

/// Latin letters with diacritics, as plain letters.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' | 'ă' => "a",
        'ç' | 'č' | 'ć' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ı' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => "o",
        'ř' => "r",
        'š' | 'ś' | 'ş' | 'ș' => "s",
        'ť' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ű' | 'ů' => "u",
        'ý' | 'ÿ' => "y",
        'ž' | 'ź' | 'ż' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => return None,
    })
}

/// The plain ASCII letters of `s`, lowercased: diacritics folded, Cyrillic transliterated
/// (Russian table), anything else becomes a space (a break between letters).
fn ascii_letters(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars().flat_map(crate::lang::lower) {
        if c.is_ascii_lowercase() {
            out.push(c as u8);
        } else if let Some(t) = cyrillic(c, false).or_else(|| fold(c)) {
            out.extend_from_slice(t.as_bytes());
        } else if !is_apostrophe(c) {
            out.push(b' ');
        }
    }
    out
}

/// [`ascii_letters`] of `s`, in `stack` when `s` is a short ASCII word (most are: no
/// allocation), else in `heap`.
fn letters_of<'b>(s: &str, stack: &'b mut [u8; 64], heap: &'b mut Vec<u8>) -> &'b [u8] {
    if !s.is_ascii() || s.len() > stack.len() {
        *heap = ascii_letters(s);
        return heap;
    }
    // ASCII: letters lowercased, apostrophes dropped, anything else a space.
    let mut k = 0;
    for c in s.bytes().filter(|&c| c != b'\'' && c != b'`') {
        stack[k] = if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase()
        } else {
            b' '
        };
        k += 1;
    }
    &stack[..k]
}

/// The consonant skeleton of a Latin word: at most five consonant classes.
///
/// Vowels (`a e i o u y`) are dropped except a leading one (class `a`); consonants map to
/// classes: `b p` → `b`; `v w f ph` → `v`; `g k q c kh` (and `ch` before `r`/`l`, as in
/// `Chris`) → `k`; `c` before `e i y` → `s`; `x` → `k s`; `d t th` → `t`; `z s j ts zh sh
/// ch shch dzh` → `s`; `h` → `k` before a vowel and silent otherwise (`John`, `Sarah`);
/// `l r m n` stay. Adjacent equal classes collapse (`ll`, `ck`). Diacritics are folded and
/// Cyrillic input is transliterated with the Russian table, so `skeleton` also accepts raw
/// words; apply it to one word at a time.
///
/// `Trump`, `Трамп` → `trmb`; `Venezuela`, `Венесуэла` → `vnsl`;
/// `administration`, `администрация` → `atmns`.
pub(crate) fn skeleton(latin: &str) -> String {
    let mut out = String::with_capacity(5);
    skeleton_into(latin, &mut out);
    out
}

/// [`skeleton`] into `out` (cleared first): the aligner computes one for every longer
/// word of a document and reuses one buffer.
pub(crate) fn skeleton_into(latin: &str, out: &mut String) {
    out.clear();
    let mut stack = [0u8; 64];
    let mut heap = Vec::new();
    let b = letters_of(latin, &mut stack, &mut heap);
    let mut prev: Option<u8> = None;
    let mut i = 0;
    while i < b.len() && out.len() < 5 {
        let rest = &b[i..];
        let next = |k: usize| rest.get(k).copied().unwrap_or(b' ');
        let (classes, len): (&[u8], usize) = match rest {
            [b's', b'h', b'c', b'h', ..] => (b"s", 4),
            [b'd', b'z', b'h', ..] => (b"s", 3),
            [b'c', b'h', b'r' | b'l', ..] => (b"k", 2),
            [b'k', b'h', ..] | [b'c', b'k', ..] => (b"k", 2),
            [b'z' | b's' | b'c', b'h', ..] | [b't', b's', ..] => (b"s", 2),
            [b'p', b'h', ..] => (b"v", 2),
            [b't', b'h', ..] => (b"t", 2),
            [b'a' | b'e' | b'i' | b'o' | b'u' | b'y', ..] => (if i == 0 { b"a" } else { b"" }, 1),
            [b'h', ..] if is_vowel(next(1)) => (b"k", 1),
            [b'h', ..] => (b"", 1),
            [b'c', ..] if matches!(next(1), b'e' | b'i' | b'y') => (b"s", 1),
            [b'x', ..] => (b"ks", 1),
            [c, ..] => (class(*c), 1),
            [] => break,
        };
        if classes.is_empty() && rest[0] != b'h' {
            prev = None; // a vowel or a break separates equal consonants
        }
        for &k in classes {
            if prev != Some(k) && out.len() < 5 {
                out.push(k as char);
            }
            prev = Some(k);
        }
        i += len;
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// The class of a single consonant; empty for a non-letter (a break).
fn class(c: u8) -> &'static [u8] {
    match c {
        b'b' | b'p' => b"b",
        b'v' | b'w' | b'f' => b"v",
        b'g' | b'k' | b'q' | b'c' | b'h' | b'x' => b"k",
        b'd' | b't' => b"t",
        b'z' | b's' | b'j' => b"s",
        b'l' => b"l",
        b'r' => b"r",
        b'm' => b"m",
        b'n' => b"n",
        _ => b"",
    }
}

/// Jaro-Winkler similarity (0.0 to 1.0) of the Latin transliterations of two words, to
/// verify a [`skeleton`] match: `Trump`/`Трамп` ≈ 0.89, `Trump`/`Bukele` ≈ 0.46.
///
/// The language of each word is guessed from its letters: Ukrainian if it has `і ї є ґ`,
/// otherwise Russian for Cyrillic; diacritics are folded.
pub(crate) fn name_similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(&plain(a), &plain(b))
}

fn plain(word: &str) -> String {
    let uk = word
        .chars()
        .any(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ'));
    let latin = to_latin(word, if uk { Lang::UK } else { Lang::RU });
    if latin.is_ascii() {
        return latin;
    }
    let mut out = String::with_capacity(latin.len());
    for c in latin.chars() {
        match fold(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Lang = Lang::EN;
    const RU: Lang = Lang::RU;
    const UK: Lang = Lang::UK;

    const TO_LATIN: &[(&str, Lang, &str)] = &[
        ("Щука", RU, "shchuka"),
        ("Хрущёв", RU, "khrushchev"),
        ("Цой", RU, "tsoi"),
        ("Жуков", RU, "zhukov"),
        ("Чехия", RU, "chekhiia"),
        ("Подъезд", RU, "podezd"),
        ("Мэр", RU, "mer"),
        ("Мы", RU, "my"),
        ("Юлия", RU, "iuliia"),
        ("Гарлем", RU, "garlem"),
        ("Гарлем", UK, "harlem"),
        ("Київ", UK, "kyiv"),
        ("Крісті", UK, "kristi"),
        ("Єва", UK, "ieva"),
        ("п’ять", UK, "piat"),
        ("п'ять", UK, "piat"),
        ("Ґанок", UK, "ganok"),
        ("Вільяторо", UK, "viliatoro"),
        ("Вильяторо", RU, "viliatoro"),
        ("ВЕНЕСУЭЛА", RU, "venesuela"),
        ("Trump", EN, "trump"),
        ("O'Brien", EN, "o'brien"),
        ("Tecoluca", RU, "tecoluca"),
    ];

    #[test]
    fn transliteration_tables() {
        for &(word, lang, latin) in TO_LATIN {
            assert_eq!(to_latin(word, lang), latin, "{lang}: {word}");
        }
    }

    /// Spellings that must share a skeleton, with the skeleton.
    const COLLIDE: &[(&[(&str, Lang)], &str)] = &[
        (&[("Noem", EN), ("Ноэм", RU), ("Ноем", UK)], "nm"),
        (&[("Trump", EN), ("Трамп", RU), ("Трамп", UK)], "trmb"),
        (&[("Bukele", EN), ("Букеле", RU), ("Букеле", UK)], "bkl"),
        (&[("Kristi", EN), ("Кристи", RU), ("Крісті", UK)], "krst"),
        (
            &[("Venezuela", EN), ("Венесуэла", RU), ("Венесуела", UK)],
            "vnsl",
        ),
        (
            &[("Salvador", EN), ("Сальвадор", RU), ("Сальвадор", UK)],
            "slvtr",
        ),
        (
            &[
                ("administration", EN),
                ("администрация", RU),
                ("адміністрація", UK),
            ],
            "atmns",
        ),
        (&[("Gustavo", EN), ("Густаво", RU), ("Густаво", UK)], "kstv"),
        (
            &[("Villatoro", EN), ("Вильяторо", RU), ("Вільяторо", UK)],
            "vltr",
        ),
        (
            &[("Tecoluca", EN), ("Теколука", RU), ("Теколука", UK)],
            "tklk",
        ),
        (
            &[("Kowalski", EN), ("Ковальски", RU), ("Ковальскі", UK)],
            "kvlsk",
        ),
        (&[("Harlem", EN), ("Гарлем", RU), ("Гарлем", UK)], "krlm"),
        (&[("John", EN), ("Джон", RU), ("Джон", UK)], "sn"),
        (
            &[("Alexander", EN), ("Александр", RU), ("Олександр", UK)],
            "alksn",
        ),
        (&[("Francisco", EN), ("Франсиско", RU)], "vrnss"),
        (&[("Mexico", EN), ("Мексика", RU), ("Мексика", UK)], "mksk"),
        (&[("Philadelphia", EN), ("Филадельфия", RU)], "vltlv"),
        (&[("Thomas", EN), ("Томас", RU)], "tms"),
        (&[("Chris", EN), ("Крис", RU)], "krs"),
        (
            &[("Kyiv", EN), ("Київ", UK), ("Kiev", EN), ("Киев", RU)],
            "kv",
        ),
        (&[("Ukraine", EN), ("Украина", RU), ("Україна", UK)], "akrn"),
        (&[("Schmidt", EN), ("Шмидт", RU)], "smt"),
        (&[("José", EN), ("Jose", EN)], "ss"),
        (&[("Sarah", EN), ("Сара", RU)], "sr"),
    ];

    #[test]
    fn names_collide_across_scripts() {
        for (spellings, expected) in COLLIDE {
            for &(word, lang) in *spellings {
                assert_eq!(skeleton(&to_latin(word, lang)), *expected, "{lang}: {word}");
            }
        }
    }

    #[test]
    fn different_names_do_not_collide() {
        for (a, b) in [("Trump", "Bukele"), ("Noem", "Nayib"), ("Noem", "Kristi")] {
            assert_ne!(skeleton(a), skeleton(b), "{a} / {b}");
        }
    }

    #[test]
    fn short_ascii_words_take_the_fast_path_to_the_same_letters() {
        let long = "a".repeat(70);
        for w in [
            "O'Brien",
            "Jean-Luc `x`",
            "MacKenzie2",
            "  a_b  ",
            "Трамп",
            &long,
        ] {
            let (mut stack, mut heap) = ([0u8; 64], Vec::new());
            assert_eq!(
                letters_of(w, &mut stack, &mut heap),
                ascii_letters(w),
                "{w}"
            );
        }
    }

    #[test]
    fn skeleton_edge_cases() {
        assert_eq!(skeleton(""), "");
        assert_eq!(skeleton("aeiou"), "a");
        assert_eq!(skeleton("Трамп"), "trmb", "raw Cyrillic is transliterated");
        assert_eq!(skeleton("Gustavo Villatoro"), "kstvv", "one word at a time");
        assert_eq!(skeleton("Jackson"), "sksn");
    }

    #[test]
    fn similarity_verifies_matches() {
        let cases: &[(&str, &str, f64, f64)] = &[
            ("Trump", "Трамп", 0.8, 1.0),
            ("Noem", "Ноэм", 0.85, 1.0),
            ("Noem", "Ноем", 0.85, 1.0),
            ("Крісті", "Kristi", 0.95, 1.0),
            ("Bukele", "Букеле", 0.95, 1.0),
            ("José", "Jose", 1.0, 1.0),
            ("Trump", "Bukele", 0.0, 0.6),
            ("Noem", "Nayib", 0.0, 0.8),
        ];
        for &(a, b, lo, hi) in cases {
            let s = name_similarity(a, b);
            assert!((lo..=hi).contains(&s), "{a} / {b}: {s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn skeletons_are_short_and_plain(word in "\\PC{0,30}") {
            for lang in [EN, RU, UK] {
                let sk = skeleton(&to_latin(&word, lang));
                proptest::prop_assert!(sk.len() <= 5 && sk.bytes().all(|b| b"abvktslrmn".contains(&b)));
                name_similarity(&word, &sk);
            }
        }
    }
}
