//! Lexical helpers of the scanner: character classes, enumerators, emoticons, citation
//! marks and quote counting.

/// Whether `c` is white space for segmentation: Unicode white space, the byte-order mark
/// and the zero-width space.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

pub(crate) fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}' | '›' | '“'
    )
}

pub(crate) fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '„' | '(' | '[' | '{' | '‹' | '‚'
    )
}

pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―' | '‒')
}

pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '‣' | '⁃' | '◦' | '▪' | '·' | '●' | '○' | '■' | '□' | '►' | '✓' | '✔'
    )
}

/// The char starting at byte `i` (which must be a char boundary).
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

/// The char ending at byte `i`.
#[inline]
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// Whether `tok` (the text before a period) is an initial or initials joined by periods:
/// single capital letters, as in `J`, `Л.Н`.
pub(crate) fn is_initials(tok: &str) -> bool {
    tok.split('.').all(|part| {
        let mut chars = part.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    })
}

/// The number of ASCII quote marks in `s` that are not apostrophes inside a word; a
/// doubled mark (`''`, ` `` `) counts once.
pub(crate) fn open_ascii_quotes(s: &str) -> usize {
    let b = s.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'\'' | b'"' | b'`') {
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b'\'' | b'"' | b'`') {
                j += 1;
            }
            let inner = i > 0
                && b[i - 1].is_ascii_alphanumeric()
                && j < b.len()
                && b[j].is_ascii_alphanumeric();
            // `don't`, `Jr.'s`: apostrophes; a trailing `s'` possessive is rare in quotes.
            if !inner {
                count += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    count
}

/// Punctuation that continues a sentence when it follows a sentence-final mark.
pub(crate) fn is_continuation(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '»' | '”' | '›')
}

/// Whether `s` starts with a word written in camel case (`mTOR`, `iPhone`, `eBay`).
pub(crate) fn starts_camel_case(s: &str) -> bool {
    let word = s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    word.chars().skip(1).take(3).any(char::is_uppercase)
}

/// The length of an emoticon (`:)`, `;-)`, `:((`, `:D`) at the start of `s`, when one is
/// there and is followed by white space or the end.
pub(crate) fn emoticon_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b':' | b';')) {
        return None;
    }
    let mut j = 1;
    if b.get(j) == Some(&b'-') {
        j += 1;
    }
    let start = j;
    while j < b.len() && matches!(b[j], b')' | b'(' | b'D' | b'P') {
        j += 1;
    }
    (j > start && (j == b.len() || b[j].is_ascii_whitespace())).then_some(j)
}

/// The end of a citation mark `[12]` (digits in brackets) starting at `k`.
pub(crate) fn citation_end(text: &str, k: usize) -> Option<usize> {
    let rest = text.get(k..)?.as_bytes();
    if rest.first() != Some(&b'[') {
        return None;
    }
    let digits = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
    (digits > 0 && digits <= 3 && rest.get(1 + digits) == Some(&b']')).then_some(k + digits + 2)
}

/// A list enumerator such as `2.`, `b)`, `IV.`, `8.1.`: its kind and value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Enum {
    /// `1.`, `2)`: its number.
    Number(u32),
    /// `a.`, `b)`: its letter as a code point.
    Letter(u32),
    /// `8.1.`, `IV.`: a section number that starts no sequence.
    Other,
}

impl Enum {
    /// Whether this enumerator continues the list after `prev` (`2.` after `1.`).
    pub(crate) fn follows(self, prev: Option<Enum>) -> bool {
        match (prev, self) {
            (Some(Enum::Number(a)), Enum::Number(b)) => b == a + 1,
            (Some(Enum::Letter(a)), Enum::Letter(b)) => b == a + 1,
            _ => false,
        }
    }
}

/// Parses the core of an enumerator token (without its final `.` or `)`).
pub(crate) fn parse_enum(tok: &str) -> Option<Enum> {
    let tok = tok.trim_start_matches(is_bullet).trim_start_matches('§');
    if tok.is_empty() {
        return None;
    }
    if tok.len() <= 3 && tok.bytes().all(|b| b.is_ascii_digit()) {
        return tok.parse().ok().map(Enum::Number);
    }
    let mut chars = tok.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_alphabetic() {
            let lower = c.to_lowercase().next().unwrap_or(c);
            return Some(Enum::Letter(lower as u32));
        }
    }
    // `8.1`, `2.3.4`: dotted section numbers.
    if tok
        .split('.')
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(Enum::Other);
    }
    // Roman numerals up to a modest size.
    if tok.len() <= 6
        && tok
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
    {
        return Some(Enum::Other);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumerators() {
        assert_eq!(parse_enum("2"), Some(Enum::Number(2)));
        assert_eq!(parse_enum("b"), Some(Enum::Letter('b' as u32)));
        assert_eq!(parse_enum("•10"), Some(Enum::Number(10)));
        assert_eq!(parse_enum("8.1"), Some(Enum::Other));
        assert_eq!(parse_enum("IV"), Some(Enum::Other));
        assert_eq!(parse_enum("word"), None);
        assert!(Enum::Number(3).follows(Some(Enum::Number(2))));
        assert!(!Enum::Number(3).follows(Some(Enum::Letter('b' as u32))));
    }

    #[test]
    fn emoticons_and_citations() {
        assert_eq!(emoticon_len(":) Next"), Some(2));
        assert_eq!(emoticon_len(";-)) x"), Some(4));
        assert_eq!(emoticon_len(": not"), None);
        assert_eq!(citation_end("x.[12] Next", 2), Some(6));
        assert_eq!(citation_end("x.[a] Next", 2), None);
    }

    #[test]
    fn quotes_and_initials() {
        assert_eq!(open_ascii_quotes("He said ' hi and don't"), 1);
        assert_eq!(open_ascii_quotes("'' quoted '' text"), 2);
        assert!(is_initials("Л.Н"));
        assert!(is_initials("J"));
        assert!(!is_initials("Ph.D"));
        assert!(starts_camel_case("mTOR входить"));
        assert!(!starts_camel_case("mother"));
    }
}
