//! Page furniture in scraped text: what a site prints around an article and a scraper
//! saves with it.
//!
//! Four kinds are recognised in the sentences of a text ([`strip_boilerplate`]):
//! - a **language switcher** line: only language codes or names (`ua en ru`,
//!   `UA | RU | EN`, `Українською · English`);
//! - a **photo credit**: a whole line (`Фото: Getty Images`, `Photo by J. Smith/AP`) or a
//!   bracketed credit ending a caption (`… visits CECOT prison (Photo: Getty Images)`);
//! - a **share or subscribe line** (`Share this article`, `Facebook Twitter Telegram`,
//!   `Підписуйтесь на наш Telegram-канал`);
//! - a **repeated headline**: a headline line repeated at the start of the next line, as
//!   scrapers glue a headline to the photo caption under it, or repeated whole.
//!
//! Sentences that are furniture are left out; a caption loses its credit and the
//! repeated headline in front of it, so the spans stay spans of the original text.
//!
//! ```
//! use polyalign::lang::Lang;
//! use polyalign::segment::{strip_boilerplate, Furniture, Segmenter};
//!
//! let text = "ua en ru\n\nNoem visits prison\n\nNoem visits prison Kristi Noem at CECOT (Photo: Getty Images)\n\nNoem toured the prison.";
//! let sentences = Segmenter::new(Lang::EN).sentences(text);
//! let (kept, found) = strip_boilerplate(text, &sentences);
//! let kept: Vec<&str> = kept.iter().map(|s| s.text(text)).collect();
//! assert_eq!(kept, ["Noem visits prison", "Kristi Noem at CECOT", "Noem toured the prison."]);
//! let kinds: Vec<Furniture> = found.iter().map(|b| b.kind).collect();
//! assert_eq!(kinds, [Furniture::LanguageSwitcher, Furniture::RepeatedHeadline, Furniture::PhotoCredit]);
//! assert_eq!(found[2].text(text), "(Photo: Getty Images)");
//! ```

use super::{is_space, Sentence};

/// The kind of a piece of page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Furniture {
    /// A line of language codes or names (`ua en ru`).
    LanguageSwitcher,
    /// A photo credit (`(Photo: Getty Images)`, `Фото: УНІАН`).
    PhotoCredit,
    /// A share, follow or subscribe line.
    ShareLine,
    /// A headline repeated at the start of the next line.
    RepeatedHeadline,
}

impl Furniture {
    /// A name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Furniture::LanguageSwitcher => "language switcher",
            Furniture::PhotoCredit => "photo credit",
            Furniture::ShareLine => "share line",
            Furniture::RepeatedHeadline => "repeated headline",
        }
    }
}

/// A piece of page furniture: a byte span of the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Boilerplate {
    /// Byte offset of its first char.
    pub start: usize,
    /// Byte offset just after its last char.
    pub end: usize,
    /// What it is.
    pub kind: Furniture,
}

impl Boilerplate {
    /// Its text in `doc` (the text it was found in).
    pub fn text<'t>(&self, doc: &'t str) -> &'t str {
        &doc[self.start..self.end]
    }
}

/// The sentences of `text` without its page furniture, and the furniture found, both in
/// text order. Kept sentences are the given spans, some trimmed (a caption without its
/// credit or the headline glued in front of it); paragraph numbers are counted again from
/// 0 so that a paragraph left out leaves no gap.
pub fn strip_boilerplate(text: &str, sentences: &[Sentence]) -> (Vec<Sentence>, Vec<Boilerplate>) {
    let mut kept = Vec::with_capacity(sentences.len());
    let mut found = Vec::new();
    // The previous paragraph's text when it was one headline-like sentence.
    let mut headline: Option<(usize, &str)> = None;
    let mut paragraph_map: Option<(usize, usize)> = None;
    let mut next_paragraph = 0;
    // The end of the paragraph left out whole, while its sentences go by.
    let mut skip_until = 0;
    for (i, s) in sentences.iter().enumerate() {
        if s.start < skip_until {
            continue;
        }
        let first_of_paragraph = i == 0 || sentences[i - 1].paragraph != s.paragraph;
        if first_of_paragraph {
            // A paragraph of several short sentences can be one switcher or share line
            // (`Українською · English`).
            let last = sentences[i..]
                .iter()
                .take_while(|n| n.paragraph == s.paragraph)
                .last()
                .map_or(s.end, |n| n.end);
            if last > s.end {
                if let Some(kind) = whole_line_kind(&text[s.start..last]) {
                    found.push(Boilerplate {
                        start: s.start,
                        end: last,
                        kind,
                    });
                    headline = None;
                    skip_until = last;
                    continue;
                }
            }
        }
        let whole_paragraph = (i == 0 || sentences[i - 1].paragraph != s.paragraph)
            && sentences
                .get(i + 1)
                .is_none_or(|n| n.paragraph != s.paragraph);
        let mut span = s.range();
        let sentence = &text[span.clone()];
        let previous_headline =
            headline.filter(|&(p, _)| first_of_paragraph && p + 1 == s.paragraph);
        if whole_paragraph {
            headline = is_headline(sentence).then_some((s.paragraph, sentence));
        } else if first_of_paragraph {
            headline = None;
        }
        if let Some(kind) = whole_line_kind(sentence) {
            if whole_paragraph {
                headline = None;
            }
            found.push(Boilerplate {
                start: span.start,
                end: span.end,
                kind,
            });
            continue;
        }
        if let Some((_, h)) = previous_headline {
            match repeated_prefix(sentence, h) {
                Some(len) if len == sentence.len() && whole_paragraph => {
                    found.push(Boilerplate {
                        start: span.start,
                        end: span.end,
                        kind: Furniture::RepeatedHeadline,
                    });
                    continue;
                }
                // The caption under the headline starts a new sentence; a longer
                // headline that only opens with the short one goes on in lowercase
                // (`… in the UK with the extra cash …`) and stays whole.
                Some(len) if len < sentence.len() && starts_anew(&sentence[len..]) => {
                    found.push(Boilerplate {
                        start: span.start,
                        end: span.start + len,
                        kind: Furniture::RepeatedHeadline,
                    });
                    let rest = &text[span.start + len..span.end];
                    span.start = span.end - rest.trim_start_matches(is_space).len();
                }
                _ => {}
            }
        }
        if let Some(credit) = trailing_credit(&text[span.clone()]) {
            let at = span.start + credit;
            found.push(Boilerplate {
                start: at,
                end: span.end,
                kind: Furniture::PhotoCredit,
            });
            span.end = span.start + text[span.start..at].trim_end_matches(is_space).len();
        }
        if span.is_empty() {
            continue;
        }
        let paragraph = match paragraph_map {
            Some((old, new)) if old == s.paragraph => new,
            _ => {
                let new = next_paragraph;
                next_paragraph += 1;
                paragraph_map = Some((s.paragraph, new));
                new
            }
        };
        kept.push(Sentence {
            start: span.start,
            end: span.end,
            paragraph,
        });
    }
    (kept, found)
}

/// Language codes and names a site's language switcher shows, lowercased.
const LANGUAGE_LABELS: &[&str] = &[
    "ua",
    "uk",
    "ukr",
    "укр",
    "en",
    "eng",
    "ru",
    "rus",
    "рус",
    "de",
    "deu",
    "ger",
    "fr",
    "fra",
    "es",
    "esp",
    "it",
    "pl",
    "pol",
    "be",
    "by",
    "kz",
    "ro",
    "md",
    "hu",
    "cs",
    "cz",
    "tr",
    "zh",
    "ar",
    "ja",
    "english",
    "русский",
    "русская",
    "українська",
    "українською",
    "украинский",
    "по-русски",
    "по-українськи",
    "на",
    "русском",
    "мові",
    "версия",
    "версія",
    "deutsch",
    "français",
    "español",
    "polski",
    "italiano",
];

/// Names of the networks a share or follow line lists, and the words around them.
const SHARE_LABELS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "telegram",
    "whatsapp",
    "viber",
    "linkedin",
    "reddit",
    "email",
    "e-mail",
    "mail",
    "vk",
    "вконтакте",
    "ok",
    "pinterest",
    "flipboard",
    "messenger",
    "print",
    "copy",
    "link",
    "share",
    "threads",
    "bluesky",
    "instagram",
    "youtube",
    "tiktok",
];

/// Opening words of share, follow and subscribe lines.
const SHARE_OPENINGS: &[&str] = &[
    "share this",
    "share on ",
    "share via ",
    "subscribe to ",
    "follow us ",
    "sign up for our",
    "поделиться",
    "поділитися",
    "подписывайтесь на ",
    "подпишитесь на ",
    "підписуйтесь на ",
    "підпишіться на ",
    "читайте нас в ",
    "читайте нас у ",
    "следите за нами",
    "стежте за нами",
    "присоединяйтесь к нам",
    "приєднуйтесь до нас",
];

/// Words that open a photo credit, lowercased.
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "image",
    "images",
    "picture",
    "pictures",
    "illustration",
    "screenshot",
    "фото",
    "фотографія",
    "фотография",
    "світлина",
    "зображення",
    "изображение",
    "иллюстрация",
    "ілюстрація",
    "скриншот",
    "скріншот",
    "коллаж",
    "колаж",
];

/// Whether a sentence, standing alone, is furniture, and which.
fn whole_line_kind(sentence: &str) -> Option<Furniture> {
    if sentence.len() > 160 {
        return None;
    }
    let lower = sentence.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '/' | ',' | '–' | '—'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty() && *w != "-")
        .collect();
    if words.is_empty() {
        return None;
    }
    let all_in = |labels: &[&str]| words.iter().all(|w| labels.contains(w));
    // Two labels at least (one word alone could be a heading), none repeated twice
    // in a row, and not only the filler words of a longer label.
    if words.len() >= 2 && words.len() <= 8 && all_in(LANGUAGE_LABELS) {
        let codes = words
            .iter()
            .filter(|w| !matches!(**w, "на" | "мові" | "русском" | "версия" | "версія"))
            .count();
        if codes >= 2 || (codes == 1 && lower.contains("верси")) {
            return Some(Furniture::LanguageSwitcher);
        }
    }
    if words.len() >= 2 && words.len() <= 12 && all_in(SHARE_LABELS) {
        return Some(Furniture::ShareLine);
    }
    if words.len() <= 14 {
        let trimmed = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
        if matches!(
            trimmed.trim_end_matches(|c: char| !c.is_alphanumeric()),
            "share" | "поделиться" | "поділитися" | "subscribe" | "підписатися" | "подписаться"
        ) || SHARE_OPENINGS.iter().any(|o| trimmed.starts_with(o))
        {
            return Some(Furniture::ShareLine);
        }
    }
    if words.len() <= 8 && credit_opening(&lower).is_some() && !ends_sentence(sentence) {
        return Some(Furniture::PhotoCredit);
    }
    None
}

/// Where a credit opening `text` ends (`Photo:`, `Фото —`, `Photo by`), if it opens one.
fn credit_opening(lower: &str) -> Option<usize> {
    let trimmed = lower.trim_start_matches(['(', '[', ' ']);
    let lead = lower.len() - trimmed.len();
    let word_len = trimmed
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(trimmed.len());
    if !CREDIT_WORDS.contains(&&trimmed[..word_len]) {
        return None;
    }
    let after = &trimmed[word_len..];
    let rest = after.trim_start_matches(' ');
    let marker = [
        ":",
        "–",
        "—",
        "-",
        "by ",
        "credit",
        "з ",
        "із ",
        "с ",
        "из ",
        "автор",
    ]
    .iter()
    .find(|m| rest.starts_with(**m))?;
    Some(lead + word_len + (after.len() - rest.len()) + marker.len())
}

/// Whether a sentence ends in final punctuation (a credit line does not).
fn ends_sentence(sentence: &str) -> bool {
    sentence
        .trim_end_matches(['"', '»', '”', ')', '\''])
        .ends_with(['.', '!', '?', '…'])
}

/// The byte offset of a bracketed credit that ends `sentence`
/// (`… prison (Photo: Getty Images)`), if there is one after some other text.
fn trailing_credit(sentence: &str) -> Option<usize> {
    let body = sentence.trim_end_matches(['.', ' ']);
    let close = body.chars().next_back()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let at = body.rfind(open)?;
    let inner = &body[at..];
    if inner.chars().count() > 80 || body[..at].trim_matches(is_space).is_empty() {
        return None;
    }
    let lower = inner.to_lowercase();
    if lower[1..]
        .trim_start()
        .starts_with(|c: char| c.is_alphabetic())
    {
        let word_end = lower[1..]
            .find(|c: char| !c.is_alphabetic())
            .map_or(lower.len(), |e| e + 1);
        if word_end == lower.len() - 1 && CREDIT_WORDS.contains(&&lower[1..word_end]) {
            return Some(at); // `(Photo)`
        }
    }
    credit_opening(&lower).map(|_| at)
}

/// Whether a one-sentence paragraph reads as a headline: three words or more, no final
/// punctuation.
fn is_headline(sentence: &str) -> bool {
    sentence.split_whitespace().nth(2).is_some()
        && !sentence.ends_with(['.', '!', '?', '…', ':', ';', ','])
        && sentence.len() <= 400
}

/// Whether text starts as a new sentence: an uppercase letter or a digit, after any
/// opening quote or bracket.
fn starts_anew(rest: &str) -> bool {
    rest.trim_start_matches(is_space)
        .trim_start_matches(['"', '«', '„', '“', '\'', '(', '['])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The byte length of `headline` at the start of `sentence`, white space compared as
/// white space, when it ends there at a word boundary.
fn repeated_prefix(sentence: &str, headline: &str) -> Option<usize> {
    let mut s = sentence.char_indices().peekable();
    let mut h = headline.chars().peekable();
    while let Some(hc) = h.next() {
        if hc.is_whitespace() {
            while h.peek().is_some_and(|c| c.is_whitespace()) {
                h.next();
            }
            let mut any = false;
            while s.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                s.next();
                any = true;
            }
            if !any {
                return None;
            }
            continue;
        }
        match s.next() {
            Some((_, sc)) if sc == hc => {}
            _ => return None,
        }
    }
    let end = s.peek().map_or(sentence.len(), |&(i, _)| i);
    let boundary = sentence[end..]
        .chars()
        .next()
        .is_none_or(char::is_whitespace);
    boundary.then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::segment::Segmenter;

    fn strip(lang: Lang, text: &str) -> (Vec<&str>, Vec<(Furniture, &str)>) {
        let sentences = Segmenter::new(lang).sentences(text);
        let (kept, found) = strip_boilerplate(text, &sentences);
        (
            kept.iter().map(|s| s.text(text)).collect(),
            found.iter().map(|b| (b.kind, b.text(text))).collect(),
        )
    }

    #[test]
    fn switchers_in_the_forms_sites_print() {
        for line in [
            "ua en ru",
            "UA | RU | EN",
            "Українською · English",
            "EN / RU",
            "Рус Укр",
            "Русская версия",
        ] {
            let text = format!("{line}\n\nThe bridge opened in 1932.");
            let (kept, found) = strip(Lang::EN, &text);
            assert_eq!(kept, ["The bridge opened in 1932."], "{line}");
            assert_eq!(found, [(Furniture::LanguageSwitcher, line)], "{line}");
        }
    }

    #[test]
    fn words_that_only_look_like_codes_stay() {
        for text in [
            "On air",
            "It is",
            "English",
            "Be it so.",
            "In English and in Russian",
        ] {
            let (kept, found) = strip(Lang::EN, text);
            assert_eq!(kept.len(), 1, "{text}");
            assert!(found.is_empty(), "{text}");
        }
    }

    #[test]
    fn credits_whole_and_at_the_end_of_a_caption() {
        let (kept, found) = strip(
            Lang::UK,
            "Крісті Ноем відвідує в'язницю CECOT (фото: Getty Images)\n\nФото: УНІАН\n\nВона побувала у в'язниці.",
        );
        assert_eq!(
            kept,
            [
                "Крісті Ноем відвідує в'язницю CECOT",
                "Вона побувала у в'язниці."
            ]
        );
        assert_eq!(
            found,
            [
                (Furniture::PhotoCredit, "(фото: Getty Images)"),
                (Furniture::PhotoCredit, "Фото: УНІАН")
            ]
        );
        let (_, found) = strip(Lang::EN, "Photo by Jane Smith/AP\n\nThe mayor spoke.");
        assert_eq!(found, [(Furniture::PhotoCredit, "Photo by Jane Smith/AP")]);
    }

    #[test]
    fn sentences_about_photos_stay() {
        for text in [
            "Photo: the mayor said the picture was real.",
            "The photo (taken in 1932) shows the bridge.",
            "Фото опублікували в мережі.",
            "He showed us a photo (a big one).",
        ] {
            let (kept, found) = strip(Lang::EN, text);
            assert_eq!(kept, [text], "{text}");
            assert!(found.is_empty(), "{text}");
        }
    }

    #[test]
    fn share_lines() {
        for line in [
            "Share this article",
            "Facebook Twitter Telegram",
            "Підписуйтесь на наш Telegram-канал",
            "Поделиться",
        ] {
            let text = format!("The bridge opened.\n\n{line}");
            let (kept, found) = strip(Lang::UK, &text);
            assert_eq!(kept, ["The bridge opened."], "{line}");
            assert_eq!(found, [(Furniture::ShareLine, line)], "{line}");
        }
        let (kept, _) = strip(Lang::EN, "Share prices fell by 3% on Monday.");
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn headline_repeated_in_front_of_the_caption_or_whole() {
        let text = "Noem visits prison in El Salvador\n\nNoem visits prison in El Salvador US Secretary Kristi Noem visits CECOT\n\nShe toured the prison.";
        let (kept, found) = strip(Lang::EN, text);
        assert_eq!(
            kept,
            [
                "Noem visits prison in El Salvador",
                "US Secretary Kristi Noem visits CECOT",
                "She toured the prison."
            ]
        );
        assert_eq!(
            found,
            [(
                Furniture::RepeatedHeadline,
                "Noem visits prison in El Salvador"
            )]
        );
        let (kept, _) = strip(
            Lang::EN,
            "Bridge opens to traffic\n\nBridge opens to traffic\n\nIt did.",
        );
        assert_eq!(kept, ["Bridge opens to traffic", "It did."]);
        // A longer headline that opens with the short one stays whole.
        let text = "Foreign buyers will pay more\n\nForeign buyers will pay more with the cash used for the homeless";
        let (kept, found) = strip(Lang::EN, text);
        assert_eq!(kept.len(), 2);
        assert!(found.is_empty());
        // A longer word that starts like the headline's last is not the headline.
        let (kept, found) = strip(
            Lang::EN,
            "The bridge opens\n\nThe bridge opens. Then it closed.",
        );
        assert_eq!(kept.len(), 3);
        assert!(found.is_empty());
    }

    #[test]
    fn paragraphs_are_counted_again_without_gaps() {
        let text = "ua en ru\n\nHeadline of the story\n\nBody one. Body two.";
        let sentences = Segmenter::new(Lang::EN).sentences(text);
        let (kept, _) = strip_boilerplate(text, &sentences);
        let paragraphs: Vec<usize> = kept.iter().map(|s| s.paragraph).collect();
        assert_eq!(paragraphs, [0, 1, 1]);
    }
}
