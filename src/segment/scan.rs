//! The sentence scanner: finds sentence ends inside one paragraph.
//!
//! The scanner walks the bytes of a paragraph and stops only at bytes that can end a
//! sentence or mark a list item (`.`, `!`, `?`, `…`, `;`, `:`, `)`, bullets) and at quote
//! marks it has to count. Everything else is skipped with a table lookup, which keeps the
//! scanner fast. At each stop it decides with the language [`Rules`].

use super::rules::{AbbrevClass, Rules};

/// What a byte may start.
const PLAIN: u8 = 0;
const TERM: u8 = 1; // . ! ?
const SEMI: u8 = 2; // ; :
const PAREN: u8 = 3; // )
const MULTI: u8 = 4; // lead bytes of … • ‣ ⁃ „ “ « » ◦ ▪

static CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    t[b'.' as usize] = TERM;
    t[b'!' as usize] = TERM;
    t[b'?' as usize] = TERM;
    t[b';' as usize] = SEMI;
    t[b':' as usize] = SEMI;
    t[b')' as usize] = PAREN;
    t[0xC2] = MULTI; // « »
    t[0xE2] = MULTI; // … • ‣ ⁃ „ “ ◦ ▪
    t
};

/// Whether `c` is white space for segmentation: Unicode white space, the byte-order mark
/// and the zero-width space.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}' | '›' | '“'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '„' | '(' | '[' | '{' | '‹' | '‚'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―' | '‒')
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '‣' | '⁃' | '◦' | '▪' | '·' | '●' | '○' | '■' | '□' | '►' | '✓' | '✔'
    )
}

/// The char starting at byte `i` (which must be a char boundary).
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

/// The char ending at byte `i`.
#[inline]
fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// A list enumerator such as `2.`, `b)`, `IV.`, `8.1.`: its kind and value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enum {
    Number(u32),
    Letter(u32),
    Other,
}

impl Enum {
    fn follows(self, prev: Option<Enum>) -> bool {
        match (prev, self) {
            (Some(Enum::Number(a)), Enum::Number(b)) => b == a + 1,
            (Some(Enum::Letter(a)), Enum::Letter(b)) => b == a + 1,
            _ => false,
        }
    }
}

/// Parses the core of an enumerator token (without its final `.` or `)`).
fn parse_enum(tok: &str) -> Option<Enum> {
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

/// Scans one paragraph and returns the byte offsets (relative to `text`) where sentences
/// end. The last sentence's end (the end of the paragraph) is not included.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    rules: &'a Rules,
    /// Start of the current sentence (byte offset of its first non-space char).
    sent_start: usize,
    /// Depth of « » and „ “ quotes.
    quote_depth: u32,
    /// The last list enumerator seen.
    last_enum: Option<Enum>,
    /// Ends found so far.
    ends: Vec<usize>,
    /// Scratch buffer for lowercasing keys.
    key: String,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str, rules: &'a Rules) -> Self {
        let sent_start = text.find(|c: char| !is_space(c)).unwrap_or(text.len());
        Scanner {
            text,
            rules,
            sent_start,
            quote_depth: 0,
            last_enum: None,
            ends: Vec::new(),
            key: String::new(),
        }
    }

    /// Runs the scan and returns the sentence ends.
    pub(crate) fn run(mut self) -> Vec<usize> {
        let bytes = self.text.as_bytes();
        let n = bytes.len();
        let mut i = self.sent_start;
        while i < n {
            let class = CLASS[bytes[i] as usize];
            if class == PLAIN {
                i += 1;
                continue;
            }
            i = match class {
                TERM => self.terminal(i),
                SEMI => self.semicolon_or_colon(i),
                PAREN => self.paren(i),
                _ => self.multibyte(i),
            };
        }
        self.ends
    }

    fn push_end(&mut self, end: usize, next_start: usize) {
        if end > self.sent_start && next_start < self.text.len() {
            self.ends.push(end);
            self.sent_start = next_start;
        }
    }

    /// Whether only spaces, bullets and enumerators lie between the sentence start and `i`.
    fn at_sentence_start(&self, i: usize) -> bool {
        self.text[self.sent_start.min(i)..i]
            .chars()
            .all(|c| is_space(c) || is_bullet(c) || c == '.' || c == '…')
    }

    /// Handles a multi-byte char: quotes, ellipsis, bullets.
    fn multibyte(&mut self, i: usize) -> usize {
        let Some(c) = char_at(self.text, i) else {
            return i + 1;
        };
        let next = i + c.len_utf8();
        match c {
            '«' | '„' => self.quote_depth += 1,
            '»' => self.quote_depth = self.quote_depth.saturating_sub(1),
            '“' => {
                // Closes „ (uk, de); opens in English typography.
                if self.quote_depth > 0 {
                    self.quote_depth -= 1;
                }
            }
            '…' => return self.terminal(i),
            c if is_bullet(c) => {
                // A bullet inside running text starts a new list item.
                let after_space = char_before(self.text, i).is_some_and(is_space);
                if after_space && !self.at_sentence_start(i) {
                    let end = self.trim_end(i);
                    self.push_end(end, i);
                }
            }
            _ => {}
        }
        next
    }

    /// Offset just after the last non-space char before `i`.
    fn trim_end(&self, i: usize) -> usize {
        self.text[..i].trim_end_matches(is_space).len()
    }

    /// `;` and `:`: emoticons (`:)`, `;)`) and `; 2) next item`.
    fn semicolon_or_colon(&mut self, i: usize) -> usize {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut j = i + 1;
        if j < bytes.len() && bytes[j] == b'-' {
            j += 1;
        }
        let smiley_start = j;
        while j < bytes.len() && matches!(bytes[j], b')' | b'(' | b'D' | b'P') {
            j += 1;
        }
        if j > smiley_start && (j == bytes.len() || (bytes[j] as char).is_ascii_whitespace()) {
            // An emoticon: a sentence end when a capital follows.
            if self.next_word_starts_upper(j) {
                self.push_end(j, self.skip_space(j));
            }
            return j;
        }
        if bytes[i] == b';' {
            let k = self.skip_space(i + 1);
            if k > i + 1 && self.enumerator_at(k).is_some() {
                self.push_end(i + 1, k);
            }
        }
        i + 1
    }

    /// `)` after a short token: a list enumerator (`2)`, `b)`).
    fn paren(&mut self, i: usize) -> usize {
        let tok_start = self.token_start(i);
        let tok = &self.text[tok_start..i];
        let tok = tok.strip_suffix('.').unwrap_or(tok);
        let followed_by_space = char_at(self.text, i + 1).is_none_or(is_space);
        if !followed_by_space || tok.is_empty() || tok.contains('(') {
            return i + 1;
        }
        if let Some(e) = parse_enum(tok) {
            self.list_item(tok_start, e, i + 1);
        }
        i + 1
    }

    /// Records a list enumerator spanning `tok_start..after` and splits before it when it
    /// continues a list inside running text.
    fn list_item(&mut self, tok_start: usize, e: Enum, after: usize) {
        if !self.next_word_starts_upper(after) {
            return;
        }
        if self.at_sentence_start(tok_start) {
            self.last_enum = Some(e);
        } else if e.follows(self.last_enum) {
            let end = self.trim_end(tok_start);
            self.push_end(end, tok_start);
            self.last_enum = Some(e);
        }
    }

    /// Start of the whitespace-delimited token that ends at `i`.
    fn token_start(&self, i: usize) -> usize {
        match self.text[..i].rfind(is_space) {
            Some(p) => p + char_at(self.text, p).map_or(1, char::len_utf8),
            None => 0,
        }
    }

    fn skip_space(&self, mut i: usize) -> usize {
        while let Some(c) = char_at(self.text, i) {
            if !is_space(c) {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    /// Whether an enumerator like `2)` or `3.` followed by a space starts at `k`.
    fn enumerator_at(&self, k: usize) -> Option<Enum> {
        let rest = &self.text[k..];
        let end = rest.find(is_space)?;
        let tok = &rest[..end];
        let core = tok.strip_suffix(')').or_else(|| tok.strip_suffix('.'))?;
        let core = core.strip_suffix('.').unwrap_or(core);
        parse_enum(core)
    }

    /// Whether the first letter or digit after `i` (skipping spaces, quotes, brackets
    /// and dashes) is an uppercase letter.
    fn next_word_starts_upper(&self, i: usize) -> bool {
        self.next_significant(i)
            .is_some_and(|(_, c, _)| c.is_uppercase())
    }

    /// The first alphanumeric char after `i`, skipping spaces, opening quotes and
    /// brackets, dashes and dots: its offset, the char, and whether a dash was skipped.
    fn next_significant(&self, i: usize) -> Option<(usize, char, bool)> {
        let mut dash = false;
        for (off, c) in self.text[i..].char_indices() {
            if c.is_alphanumeric() {
                return Some((i + off, c, dash));
            }
            if is_dash(c) {
                dash = true;
            } else if !(is_space(c) || is_opening(c) || c == '.' || c == '…' || is_bullet(c)) {
                // `$`, `#`, `@`, `+`: a symbol that starts a sentence like a capital.
                return Some((i + off, c, dash));
            }
        }
        None
    }

    /// A sentence-final char at `i` (`.`, `!`, `?`, `…`): decide whether the sentence ends.
    fn terminal(&mut self, i: usize) -> usize {
        let text = self.text;
        let bytes = text.as_bytes();
        let n = bytes.len();
        let detached = i == 0 || char_before(text, i).is_some_and(is_space);

        // The cluster: terminal marks and closing quotes/brackets.
        let mut e = i;
        let (mut has_excl, mut has_period, mut has_ellipsis) = (false, false, false);
        let mut periods = 0;
        while e < n {
            let c = char_at(text, e).unwrap_or(' ');
            match c {
                '.' => {
                    has_period = true;
                    periods += 1;
                }
                '!' | '?' => has_excl = true,
                '…' => has_ellipsis = true,
                '»' => self.quote_depth = self.quote_depth.saturating_sub(1),
                '“' if self.quote_depth > 0 => self.quote_depth -= 1,
                c if is_closing(c) => {}
                // A spaced ellipsis `. . .` continues the cluster when it started detached.
                ' ' if detached && has_period && bytes.get(e + 1) == Some(&b'.') => {}
                _ => break,
            }
            e += c.len_utf8();
        }
        if periods >= 3 {
            has_ellipsis = true;
        }
        // A `.` followed by a letter or digit is inside a token: `1.5`, `U.S.A`, `a.m`.
        if e >= n {
            return e;
        }
        let after = char_at(text, e).unwrap_or(' ');
        if !is_space(after) {
            if after.is_alphanumeric() && has_period && !has_excl {
                return e;
            }
            return e;
        }
        let next_start = self.skip_space(e);
        if next_start >= n {
            return e;
        }
        let Some((_, c, dash)) = self.next_significant(e) else {
            return e;
        };
        if c.is_lowercase() {
            return e;
        }
        if self.at_sentence_start(i) && (detached || has_ellipsis) {
            return e;
        }
        // Russian and Ukrainian dialogue inside a quotation: «Готов? – спросила мама. – Да».
        if dash && self.quote_depth > 0 {
            return e;
        }
        if has_excl {
            self.push_end(e, next_start);
            return e;
        }
        if has_ellipsis || !has_period {
            if c.is_uppercase() {
                self.push_end(e, next_start);
            }
            return e;
        }
        // A single period (maybe followed by closing quotes): look at the word before it.
        let closed_before = char_before(text, i).is_some_and(|p| is_closing(p) && p != '.');
        if closed_before {
            self.push_end(e, next_start);
            return e;
        }
        if self.period_ends_sentence(i, e, c, next_start) {
            self.push_end(e, next_start);
        }
        e
    }

    /// Decides whether the period at `i` ends the sentence; `c` is the next significant
    /// char (not lowercase), found at or after `next_start`.
    fn period_ends_sentence(&mut self, i: usize, e: usize, c: char, next_start: usize) -> bool {
        let text = self.text;
        let tok_start = self.token_start(i);
        let raw = &text[tok_start..i];
        let tok = raw.trim_start_matches(|ch: char| is_opening(ch) || is_dash(ch) || is_bullet(ch));
        if tok.is_empty() {
            return true;
        }
        // List enumerators: `4. Я`, `8.1. Зачем`, `IV. Глава`, `§2. Поиск`, `b. The`.
        if let Some(en) = parse_enum(tok) {
            if self.at_sentence_start(tok_start) {
                self.last_enum = Some(en);
                return false;
            }
            if en.follows(self.last_enum) && e < text.len() {
                let end = self.trim_end(tok_start);
                self.push_end(end, tok_start);
                self.last_enum = Some(en);
                return false;
            }
        }
        let first = tok.chars().next().unwrap_or(' ');
        let numeric = first.is_ascii_digit() || first == '$' || first == '€' || first == '£';
        if numeric && tok.chars().all(|ch| !ch.is_alphabetic()) {
            return true;
        }

        let prev_tok = self.prev_token(tok_start);
        let tok_offset = tok_start + (raw.len() - tok.len());
        let class = self.lookup(tok_offset, tok);
        let after_number = prev_tok.is_some_and(|p| {
            p.chars().next().is_some_and(|ch| ch.is_ascii_digit())
                && p.chars()
                    .last()
                    .is_some_and(|ch| ch.is_ascii_digit() || ch == '%')
        }) || tok.chars().next().is_some_and(|ch| ch.is_ascii_digit());
        let class = match class {
            Some(AbbrevClass::NumberUnit) if !after_number => Some(AbbrevClass::NeverFinal),
            Some(AbbrevClass::NumberUnit) => Some(AbbrevClass::MayEnd),
            Some(AbbrevClass::BeforeNumber) if c.is_ascii_digit() => Some(AbbrevClass::NeverFinal),
            Some(AbbrevClass::BeforeNumber) => Some(AbbrevClass::MayEnd),
            other => other,
        };
        match class {
            Some(AbbrevClass::NeverFinal) => false,
            Some(_) => self.may_end_here(tok_start, next_start),
            None => {
                let letters = tok.chars().filter(|ch| ch.is_alphabetic()).count();
                if letters == 1 && tok.chars().count() == 1 && first.is_uppercase() {
                    // An initial (`J. R. R. Tolkien`, `Н. Букеле`) unless the word before
                    // is an ordinary lowercase word (`you and I. Did`).
                    return !self.initial_context(tok_start);
                }
                if tok.contains('.') && tok.chars().any(char::is_alphabetic) {
                    // An unknown dotted acronym (`N.A.T.O.`): like a may-end abbreviation.
                    return self.may_end_here(tok_start, next_start);
                }
                true
            }
        }
    }

    /// Whether the single capital letter at `tok_start` reads as an initial.
    fn initial_context(&self, tok_start: usize) -> bool {
        match self.prev_token(tok_start) {
            None => true,
            Some(prev) => {
                let prev = prev.trim_start_matches(|ch: char| is_opening(ch) || is_dash(ch));
                let starts_upper = prev.chars().next().is_some_and(char::is_uppercase);
                let ends_word = prev.chars().last().is_some_and(char::is_alphanumeric);
                (starts_upper && (ends_word || prev.ends_with('.')))
                    || self.at_sentence_start(tok_start)
            }
        }
    }

    /// A may-end abbreviation ends the sentence when the next word is a sentence starter
    /// and the sentence so far holds an ordinary lowercase word (so `At 5 a.m. Mr. Smith`
    /// stays whole while `He left at 6 P.M. Mr. Smith then` splits).
    fn may_end_here(&mut self, tok_start: usize, next_start: usize) -> bool {
        let word = self.word_at(next_start);
        let starter = if self.rules.has_starters() {
            self.key.clear();
            self.key.extend(word.chars().flat_map(char::to_lowercase));
            self.rules.is_starter(&self.key)
        } else {
            word.chars().next().is_some_and(char::is_uppercase)
        };
        starter && self.has_lowercase_word(self.sent_start, tok_start)
    }

    /// The word (letters only) that starts at or after `i`, skipping opening punctuation.
    fn word_at(&self, i: usize) -> &'a str {
        let text = self.text;
        let rest = &text[i..];
        let start = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
        let rest = &rest[start..];
        let end = rest
            .find(|ch: char| !ch.is_alphanumeric())
            .unwrap_or(rest.len());
        &rest[..end]
    }

    /// Whether a word starting with a lowercase letter lies in `from..to`.
    fn has_lowercase_word(&self, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        let mut prev_boundary = true;
        for ch in self.text[from..to].chars() {
            if prev_boundary && ch.is_lowercase() {
                return true;
            }
            prev_boundary = !ch.is_alphanumeric() && ch != '.' && ch != '\'' && ch != '’';
        }
        false
    }

    /// The byte range of the whitespace-delimited token before the one at `tok_start`.
    fn prev_token_range(&self, tok_start: usize) -> Option<(usize, usize)> {
        let end = self.text[..tok_start].trim_end_matches(is_space).len();
        if end == 0 {
            return None;
        }
        Some((self.token_start(end), end))
    }

    /// The whitespace-delimited token before the one starting at `tok_start`.
    fn prev_token(&self, tok_start: usize) -> Option<&'a str> {
        let text = self.text;
        self.prev_token_range(tok_start).map(|(s, e)| &text[s..e])
    }

    /// Looks up the abbreviation class of `tok` (the text before a period, starting at
    /// `tok_start`), trying compounds with the one or two short tokens before it first
    /// (`т. е.`, `и т. д.`, `та ін.`).
    fn lookup(&mut self, tok_start: usize, tok: &str) -> Option<AbbrevClass> {
        let rules = self.rules;
        let text = self.text;
        let max = rules.max_key_chars();
        let strip = |t: &'a str| t.trim_start_matches(|ch: char| is_opening(ch) || is_dash(ch));
        let p1 = self.prev_token_range(tok_start);
        let p2 = p1.and_then(|(s, _)| self.prev_token_range(s));
        let short = |t: &str| t.chars().count() <= 4;
        let mut compounds: [Option<(&str, &str)>; 2] = [None, None];
        if let Some((s1, e1)) = p1 {
            let t1 = strip(&text[s1..e1]);
            if short(t1) {
                compounds[1] = Some(("", t1));
                if let Some((s2, e2)) = p2 {
                    let t2 = strip(&text[s2..e2]);
                    if short(t2) {
                        compounds[0] = Some((t2, t1));
                    }
                }
            }
        }
        for (a, b) in compounds.into_iter().flatten() {
            self.key.clear();
            for part in [a, b, tok] {
                self.key.extend(part.chars().flat_map(char::to_lowercase));
            }
            if self.key.chars().count() <= max {
                if let Some(c) = rules.class(&self.key) {
                    return Some(c);
                }
            }
        }
        if tok.chars().count() > max {
            return None;
        }
        self.key.clear();
        self.key.extend(tok.chars().flat_map(char::to_lowercase));
        rules.class(&self.key)
    }
}
