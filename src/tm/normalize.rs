//! Tokens for matching: NFC, case-folded, apostrophes unified, punctuation split off.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::anchors::numbers::{figure, is_group_space};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub(crate) enum TokenKind {
    /// Letters (and digits), with `'` or `-` inside: `don't`, `м'ясо`, `covid-19`.
    Word,
    /// Digits, with `.` `,` or `:` between digits: `26`, `1,000`, `3.5`, `7:55`.
    Number,
    /// One character that is neither a letter, a digit nor white space: `.`, `«`, `—`.
    Punct,
}

/// A token of a text, as [`tokenize`] makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// The normalised token: lower case, `’` written `'`.
    pub text: String,
    /// What the token is made of.
    pub kind: TokenKind,
    /// Where the token is, in bytes, in the NFC form of the text ([`nfc`]), which is the
    /// text itself when it is already NFC (as almost all text is).
    pub span: Range<usize>,
}

/// The text in Unicode Normalization Form C, borrowed when it already is.
pub(crate) fn nfc(text: &str) -> Cow<'_, str> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// Apostrophe look-alikes written `'` in tokens: right and left single quotation marks,
/// the modifier letter apostrophe (Ukrainian `ʼ`) and the prime.
fn apostrophe(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' => '\'',
        _ => c,
    }
}

/// Splits `text` into normalised tokens (see [`for_each_token`]).
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_token(text, |t, kind, span| {
        out.push(Token {
            text: t.to_string(),
            kind,
            span,
        })
    });
    out
}

/// Calls `f` with each token of `text`: its normalised form, its kind and its byte span
/// in the NFC form of `text`, without allocating per token.
///
/// The text is put in NFC; tokens are separated by white space, and every character
/// that is not a letter, a digit or white space is a token of its own. Letters are
/// lower-cased (Unicode lower-case mapping) and apostrophe look-alikes (`’ ‘ ʼ ′`) become
/// `'`. Inside a token, `'` joins two letters and `-` joins a letter to a letter or digit
/// (`don't`, `м'ясо`, `covid-19`, but `2010`, `-`, `2012`); `.` `,` `:` join two digits
/// (`1,000`, `3.5`, `7:55`), and a token that starts with a figure holds it whole, as the
/// number anchors read figures: thousands grouped by a normal, no-break, thin or narrow
/// no-break space are one token (`84 000`, written with a normal space). A token of
/// digits (and such separators) only is a [`TokenKind::Number`].
pub(crate) fn for_each_token(text: &str, mut f: impl FnMut(&str, TokenKind, Range<usize>)) {
    let text = nfc(text);
    let text = text.as_ref();
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, apostrophe(c)))
        .collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    let mut buf = String::with_capacity(32);
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            buf.clear();
            buf.push(c);
            f(&buf, TokenKind::Punct, start..end_of(k + 1));
            k += 1;
            continue;
        }
        buf.clear();
        let mut digits_only = true;
        // A figure at the start of the token (`84 000`, `1 234,56`) is not broken up.
        let figure_end = if c.is_ascii_digit() {
            figure(text, start).span.end
        } else {
            start
        };
        let mut j = k;
        loop {
            let c = chars[j].1;
            digits_only &= c.is_numeric();
            buf.extend(c.to_lowercase());
            j += 1;
            let Some(&(at, next)) = chars.get(j) else {
                break;
            };
            if next.is_alphanumeric() {
                continue;
            }
            let Some(&(_, after)) = chars.get(j + 1) else {
                break;
            };
            let joins = at < figure_end
                || match next {
                    '\'' => c.is_alphabetic() && after.is_alphabetic(),
                    '-' | '\u{2010}' | '\u{2011}' => {
                        after.is_alphanumeric() && (c.is_alphabetic() || after.is_alphabetic())
                    }
                    '.' | ',' | ':' => c.is_numeric() && after.is_numeric(),
                    _ => false,
                };
            if !joins {
                break;
            }
            buf.push(if is_group_space(next) { ' ' } else { next });
            j += 1;
        }
        let kind = if digits_only {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        f(&buf, kind, start..end_of(j));
        k = j;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn nfc_composes_and_borrows() {
        assert!(matches!(
            super::nfc("Ёлка"),
            std::borrow::Cow::Borrowed("Ёлка")
        ));
        assert_eq!(super::nfc("E\u{308}lka"), "Ëlka"); // a combining diaeresis composed
    }

    #[test]
    fn tokens_with_kinds_and_byte_spans() {
        use super::{tokenize, TokenKind};
        let tokens = tokenize("Noem’s visit, 1,000 days: “OK”!");
        let texts: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            texts,
            ["noem's", "visit", ",", "1,000", "days", ":", "“", "ok", "”", "!"]
        );
        assert_eq!(tokens[3].kind, TokenKind::Number);
        assert_eq!(tokens[3].span, 16..21); // bytes: `’` takes three
    }

    use super::*;

    fn texts(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokens_table() {
        for (input, want) in [
            ("Hello, World!", &["hello", ",", "world", "!"][..]),
            ("  spaced\tout \n", &["spaced", "out"]),
            ("don't O’Brien", &["don't", "o'brien"]),
            ("м’ясо мʼясо м'ясо", &["м'ясо", "м'ясо", "м'ясо"]),
            ("AMs' title", &["ams", "'", "title"]),
            (
                "COVID-19 well-known 2010-2012",
                &["covid-19", "well-known", "2010", "-", "2012"],
            ),
            ("Цена 84 000 руб.", &["цена", "84 000", "руб", "."]),
            ("1\u{a0}234 567 people", &["1 234 567", "people"]),
            (
                "84\u{2009}000 or 84\u{202f}000",
                &["84 000", "or", "84 000"],
            ),
            (
                "in 2023 500 came, 12 3456",
                &["in", "2023", "500", "came", ",", "12", "3456"],
            ),
            (
                "at 7:55, 3.5% of 1,000.",
                &["at", "7:55", ",", "3.5", "%", "of", "1,000", "."],
            ),
            ("«Ёлка» — ЁЛКА", &["«", "ёлка", "»", "—", "ёлка"]),
            ("{1}Save{/1}", &["{", "1", "}", "save", "{", "/", "1", "}"]),
            ("", &[]),
            ("-", &["-"]),
            ("end-", &["end", "-"]),
        ] {
            assert_eq!(texts(input), want, "input {input:?}");
        }
    }

    #[test]
    fn kinds_and_spans() {
        let t = tokenize("В 2023 г. Bukele");
        let kinds: Vec<TokenKind> = t.iter().map(|t| t.kind).collect();
        use TokenKind::*;
        assert_eq!(kinds, [Word, Number, Word, Punct, Word]);
        assert_eq!(t[1].span, 3..7);
        assert_eq!(t[4].span, 12..18);
        assert_eq!(tokenize("mp3")[0].kind, Word);
    }

    #[test]
    fn nfc_makes_decomposed_text_equal() {
        assert_eq!(texts("Cafe\u{301}"), texts("Café"));
        assert_eq!(texts("ЙОД"), texts("И\u{306}од"));
    }
}
