//! Russian or Ukrainian: which of the two a Cyrillic sentence is written in, from its
//! letters and a few function words (Latin against Cyrillic is
//! [`crate::lang::script_letters`]).

use crate::lang::is_cyrillic_letter;

/// Words common in Russian that Ukrainian spells differently.
const RUSSIAN_WORDS: &[&str] = &[
    "и",
    "что",
    "это",
    "как",
    "или",
    "он",
    "его",
    "она",
    "её",
    "ее",
    "они",
    "был",
    "была",
    "были",
    "было",
    "будет",
    "который",
    "которая",
    "которые",
    "которых",
    "которого",
    "также",
    "если",
    "только",
    "после",
    "между",
    "сказал",
    "сказала",
    "году",
    "года",
    "лет",
    "когда",
    "где",
    "чтобы",
    "уже",
    "еще",
    "ещё",
    "нет",
    "из",
    "от",
    "для",
    "над",
    "под",
    "всё",
    "время",
    "сейчас",
    "теперь",
    "против",
    "говорит",
    "заявил",
    "заявила",
    "россии",
    "украины",
];

/// Words common in Ukrainian that Russian spells differently.
const UKRAINIAN_WORDS: &[&str] = &[
    "що",
    "це",
    "як",
    "або",
    "він",
    "його",
    "вона",
    "її",
    "вони",
    "був",
    "була",
    "були",
    "було",
    "буде",
    "який",
    "яка",
    "які",
    "яких",
    "якого",
    "також",
    "якщо",
    "тільки",
    "лише",
    "після",
    "між",
    "сказав",
    "сказала",
    "році",
    "року",
    "років",
    "коли",
    "де",
    "щоб",
    "вже",
    "ще",
    "немає",
    "під",
    "із",
    "від",
    "для",
    "над",
    "усі",
    "всі",
    "зараз",
    "тепер",
    "проти",
    "каже",
    "заявив",
    "заявила",
    "росії",
    "україни",
    "та",
    "й",
    "і",
];

/// Evidence that a Cyrillic text is Russian and evidence that it is Ukrainian:
/// `(russian, ukrainian)`. Letters only one language has count once each (`ы э ъ ё`
/// Russian, `і ї є ґ` and an apostrophe inside a word Ukrainian) and function words only one language uses count twice.
///
/// ```
/// use polyalign::qa::russian_ukrainian_marks;
/// let (ru, uk) = russian_ukrainian_marks("Это был первый визит министра в тюрьму.");
/// assert!(ru >= 3 && uk == 0);
/// let (ru, uk) = russian_ukrainian_marks("Це був перший візит міністра до в'язниці.");
/// assert!(uk >= 3 && ru == 0);
/// ```
pub fn russian_ukrainian_marks(text: &str) -> (usize, usize) {
    let (mut ru, mut uk) = (0usize, 0usize);
    let mut prev = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // An apostrophe inside a Cyrillic word is Ukrainian (`ув'язнених`); Russian has `ъ`.
        if matches!(c, '\'' | '’' | 'ʼ')
            && is_cyrillic_letter(prev)
            && chars.peek().is_some_and(|&n| is_cyrillic_letter(n))
        {
            uk += 1;
        }
        prev = c;
        match c {
            'ы' | 'Ы' | 'э' | 'Э' | 'ъ' | 'Ъ' | 'ё' | 'Ё' => ru += 1,
            'і' | 'І' | 'ї' | 'Ї' | 'є' | 'Є' | 'ґ' | 'Ґ' => uk += 1,
            _ => {}
        }
    }
    for word in text
        .split(|c: char| !crate::lang::is_letter(c))
        .filter(|w| !w.is_empty() && w.len() <= 20)
    {
        let lower = crate::lang::to_lower(word);
        if RUSSIAN_WORDS.contains(&lower.as_str()) && !UKRAINIAN_WORDS.contains(&lower.as_str()) {
            ru += 2;
        } else if UKRAINIAN_WORDS.contains(&lower.as_str())
            && !RUSSIAN_WORDS.contains(&lower.as_str())
        {
            uk += 2;
        }
    }
    (ru, uk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_and_russian_news_sentences_are_told_apart() {
        let uk = [
            "Міністр внутрішньої безпеки США Крісті Ноем відвідала в'язницю CECOT у Сальвадорі.",
            "За даними уряду, там утримують 40 тис. ув'язнених.",
            "Вона заявила, що США продовжать депортації.",
        ];
        let ru = [
            "Министр внутренней безопасности США Кристи Ноэм посетила тюрьму CECOT в Сальвадоре.",
            "По данным правительства, там содержатся 40 тыс. заключенных.",
            "Она заявила, что США продолжат депортации.",
        ];
        for s in uk {
            let (r, u) = russian_ukrainian_marks(s);
            assert!(u > r, "{s}: ru {r} uk {u}");
        }
        for s in ru {
            let (r, u) = russian_ukrainian_marks(s);
            assert!(r > u, "{s}: ru {r} uk {u}");
        }
    }

    #[test]
    fn shared_words_count_for_neither() {
        assert_eq!(russian_ukrainian_marks("для над"), (0, 0));
    }
}
