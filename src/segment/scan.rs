//! The sentence scanner: finds sentence ends inside one paragraph.
//!
//! The scanner walks the bytes of a paragraph and stops only at bytes that can end a
//! sentence or mark a list item (`.`, `!`, `?`, `…`, `;`, `:`, `)`, bullets) and at quote
//! marks it has to count. Everything else is skipped with a table lookup, which keeps the
//! scanner fast. At each stop it decides with the language [`Rules`].

use super::lexical::*;
use super::rules::{AbbrevClass, Rules};

/// The longest token [`Scanner`] looks back over, in bytes (URLs and e-mail addresses
/// are far shorter; a run of text without spaces is not a word).
const MAX_TOKEN: usize = 256;

/// What a byte may start.
const PLAIN: u8 = 0;
const TERM: u8 = 1; // . ! ?
const SEMI: u8 = 2; // ; :
const PAREN: u8 = 3; // )
const MULTI: u8 = 4; // lead bytes of … • ‣ ⁃ „ “ « » ◦ ▪
const OPEN: u8 = 5; // (

static CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    t[b'.' as usize] = TERM;
    t[b'!' as usize] = TERM;
    t[b'?' as usize] = TERM;
    t[b';' as usize] = SEMI;
    t[b':' as usize] = SEMI;
    t[b')' as usize] = PAREN;
    t[b'(' as usize] = OPEN;
    t[0xC2] = MULTI; // « »
    t[0xE2] = MULTI; // … • ‣ ⁃ „ “ ◦ ▪
    t
};

/// Scans one paragraph and returns the byte offsets (relative to `text`) where sentences
/// end. The last sentence's end (the end of the paragraph) is not included.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    rules: &'a Rules,
    /// Rules for Latin-script abbreviations in text of another script (English).
    latin_rules: Option<&'a Rules>,
    /// Start of the current sentence (byte offset of its first non-space char).
    sent_start: usize,
    /// Depth of « » and „ “ quotes.
    quote_depth: u32,
    /// Depth of round brackets.
    paren_depth: u32,
    /// The last list enumerator seen.
    last_enum: Option<Enum>,
    /// Ends found so far.
    ends: Vec<usize>,
    /// Scratch buffer for lowercasing keys.
    key: String,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str, rules: &'a Rules, latin_rules: Option<&'a Rules>) -> Self {
        let sent_start = text.find(|c: char| !is_space(c)).unwrap_or(text.len());
        Scanner {
            text,
            rules,
            latin_rules,
            sent_start,
            quote_depth: 0,
            paren_depth: 0,
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
                OPEN => {
                    self.paren_depth += 1;
                    i + 1
                }
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
            // Closes „ (uk, de); opens in English typography.
            '“' if self.quote_depth > 0 => self.quote_depth -= 1,
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
        if let Some(len) = emoticon_len(&self.text[i..]) {
            let j = i + len;
            // An emoticon ends a sentence when a capital follows.
            if self.next_word_starts_upper(j) {
                self.push_end(j, self.skip_space(j));
            }
            return j;
        }
        if self.text.as_bytes()[i] == b';' {
            let k = self.skip_space(i + 1);
            if k > i + 1 && self.enumerator_at(k).is_some() {
                self.push_end(i + 1, k);
            }
        }
        i + 1
    }

    /// `)` after a short token: a list enumerator (`2)`, `b)`).
    fn paren(&mut self, i: usize) -> usize {
        self.paren_depth = self.paren_depth.saturating_sub(1);
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

    /// Start of the whitespace-delimited token that ends at `i`. A token is looked for at
    /// most [`MAX_TOKEN`] bytes back: a longer run without a space (`Mr.Mr.Mr.…`, a
    /// megabyte of one "word") is cut there, so that a scan of the text stays linear.
    fn token_start(&self, i: usize) -> usize {
        let mut lo = i.saturating_sub(MAX_TOKEN);
        while !self.text.is_char_boundary(lo) {
            lo -= 1;
        }
        let start = match self.text[lo..i].rfind(is_space) {
            Some(p) => lo + p + char_at(self.text, lo + p).map_or(1, char::len_utf8),
            None => lo,
        };
        // `Tuesday.Mr. Smith`: a token never reaches back into the previous sentence.
        if start < self.sent_start && self.sent_start <= i {
            self.sent_start
        } else {
            start
        }
    }

    /// End of the whitespace-delimited token that goes on at `i`, looked for at most
    /// [`MAX_TOKEN`] bytes ahead (see [`Scanner::token_start`]).
    fn token_end(&self, i: usize) -> usize {
        let mut hi = (i + MAX_TOKEN).min(self.text.len());
        while !self.text.is_char_boundary(hi) {
            hi += 1;
        }
        self.text[i..hi].find(is_space).map_or(hi, |p| i + p)
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
        let end = self.token_end(k);
        if end == self.text.len() {
            return None; // no space after it: not an enumerator `2. `
        }
        let tok = &self.text[k..end];
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
        let n = text.len();
        let detached = i == 0 || char_before(text, i).is_some_and(is_space);
        let prev_char = char_before(text, i);

        // The cluster: terminal marks, closing quotes and brackets, citation marks.
        let mut e = i;
        let (mut has_excl, mut has_period, mut has_ellipsis) = (false, false, false);
        let mut periods = 0;
        let mut seen_closer = false;
        let mut period_after_closer = false;
        while e < n {
            let c = char_at(text, e).unwrap_or(' ');
            match c {
                '.' => {
                    has_period = true;
                    periods += 1;
                    period_after_closer |= seen_closer;
                }
                '!' | '?' => has_excl = true,
                '…' => has_ellipsis = true,
                '»' => self.quote_depth = self.quote_depth.saturating_sub(1),
                '“' if self.quote_depth > 0 => self.quote_depth -= 1,
                ')' => {
                    self.paren_depth = self.paren_depth.saturating_sub(1);
                    seen_closer = true;
                }
                '`' => {}
                '[' => match citation_end(text, e) {
                    Some(end) => {
                        e = end;
                        continue;
                    }
                    None => break,
                },
                c if is_closing(c) => seen_closer = true,
                c if is_space(c) => {
                    match self.spaced_continuation(e, detached, has_excl, has_period) {
                        Some(end) => {
                            e = end;
                            continue;
                        }
                        None => break,
                    }
                }
                _ => break,
            }
            e += c.len_utf8();
        }
        let periods = periods.max(text[i..e].bytes().filter(|&b| b == b'.').count());
        if periods >= 3 {
            has_ellipsis = true;
        }
        // An elision mark `[...]` or `(...)` inside a sentence.
        if has_ellipsis && matches!(prev_char, Some('[' | '(')) {
            return e;
        }
        if e >= n {
            return e;
        }
        let after = char_at(text, e).unwrap_or(' ');
        if !is_space(after) {
            // `word.Next`: a sentence end with the space missing.
            if has_period && !has_excl && !has_ellipsis && self.missing_space_end(i, e) {
                self.push_end(e, e);
            }
            return e;
        }
        let next_start = self.skip_space(e);
        if next_start >= n {
            return e;
        }
        let Some((k, c, dash)) = self.next_significant(e) else {
            return e;
        };
        let emoticon = emoticon_len(&text[next_start..]).is_some();
        let camel = c.is_lowercase() && starts_camel_case(&text[k..]);
        if c.is_lowercase() && !emoticon && !camel {
            if self.rules.lowercase_sentences
                && !dash
                && !seen_closer
                && self.lowercase_start_ends(i, e, k, has_excl, has_period, has_ellipsis)
            {
                self.push_end(e, next_start);
            }
            return e;
        }
        if !emoticon && is_continuation(c) {
            return e;
        }
        if self.at_sentence_start(i) && (detached || has_ellipsis) {
            return e;
        }
        // Dialogue inside a quotation: «Готов? – спросила мама. – Да».  The speech that
        // resumes after the author's words is part of the same sentence when the quotation
        // closes before any further sentence end; otherwise it starts a new sentence.
        if dash && self.quote_depth > 0 && self.quote_closes_first(next_start) {
            return e;
        }
        // An editor's note in brackets: `(наступного року. — Ред.)`.
        if dash && self.paren_depth > 0 {
            return e;
        }
        if has_excl {
            // `"I got bit!" Hammel said.`: attribution after a quoted exclamation.
            if seen_closer && self.attribution_follows(next_start) {
                return e;
            }
            self.push_end(e, next_start);
            return e;
        }
        if has_ellipsis || !has_period {
            // An ellipsis before a capital ends the sentence, except before the pronoun
            // `I`, which is capitalised anyway (`I thought... I would go.`).
            if c.is_uppercase() && self.word_at(next_start) != "I" {
                self.push_end(e, next_start);
            }
            return e;
        }
        // A single period (maybe followed by closing quotes): look at the word before it.
        let closed_before =
            period_after_closer || prev_char.is_some_and(|p| is_closing(p) && p != '.');
        if closed_before {
            self.push_end(e, next_start);
            return e;
        }
        if self.period_ends_sentence(i, e, c, next_start) {
            self.push_end(e, next_start);
        }
        e
    }

    /// Inside a cluster at the space at `e`: the end of what continues the cluster after
    /// it, if anything does: spaced closing ASCII quotes (`. ' He`), repeated marks
    /// (`! ! !`), an ellipsis after `!` or `?` (`Happy! . . . No`), spaced dots of an
    /// ellipsis, and citation marks (`gas. [1] It`).
    fn spaced_continuation(
        &self,
        e: usize,
        detached: bool,
        excl: bool,
        period: bool,
    ) -> Option<usize> {
        let text = self.text;
        let bytes = text.as_bytes();
        let k = e + 1;
        let b = *bytes.get(k)?;
        let ends_here = |j: usize| j >= bytes.len() || (bytes[j] as char).is_ascii_whitespace();
        match b {
            b'\'' | b'"' | b'`' => {
                let mut j = k;
                while j < bytes.len() && matches!(bytes[j], b'\'' | b'"' | b'`') {
                    j += 1;
                }
                // A detached ASCII quote closes this sentence when a quotation is open
                // (`as a ' Maistre Boursier . ' He`); otherwise it opens the next one.
                (ends_here(j) && open_ascii_quotes(&text[..e]) % 2 == 1).then_some(j)
            }
            b'!' | b'?' if excl => Some(k + 1),
            b'[' => citation_end(text, k),
            b'.' => {
                // The run of spaced or attached dots that follows.
                let mut j = k;
                while j < bytes.len()
                    && (bytes[j] == b'.' || (bytes[j] == b' ' && bytes.get(j + 1) == Some(&b'.')))
                {
                    j += 1;
                }
                if excl || (detached && period) {
                    return Some(j);
                }
                if period {
                    // `compounds. . . . The`: the dots begin the next sentence when a
                    // capital follows them; otherwise they close this one.
                    let next_upper = self
                        .next_significant(j)
                        .is_some_and(|(_, c, _)| c.is_uppercase());
                    return (!next_upper).then_some(j);
                }
                None
            }
            _ => None,
        }
    }

    /// `world.Today`: a period between a lowercase word (or a number) and a capitalised
    /// word, with no space; not in e-mail addresses, URLs or dotted acronyms.
    fn missing_space_end(&self, i: usize, e: usize) -> bool {
        let text = self.text;
        let before_ok =
            char_before(text, i).is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        let mut after = text[e..].chars();
        let word = text[e..]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let word_ok = after.next().is_some_and(char::is_uppercase)
            && after.next().is_some_and(char::is_lowercase)
            && word.chars().all(char::is_alphabetic);
        if !(before_ok && word_ok) {
            return false;
        }
        let tok_start = self.token_start(i);
        let tok_end = self.token_end(e);
        let tok = &text[tok_start..tok_end];
        let left = &text[tok_start..i];
        let left_letters = left.chars().rev().take_while(|c| c.is_alphabetic()).count();
        !tok.contains(['@', '/', '\\', '_'])
            && !tok.starts_with("www")
            && (left_letters >= 2
                || (left.contains(',') && left.chars().all(|c| c.is_ascii_digit() || c == ',')))
    }

    /// Informal text (`lowercase-sentences = yes`): whether a sentence ends at the cluster
    /// `i..e` although the next word, at `k`, starts in lowercase (`where did you grow up?
    /// india?`, `if anyone is interested. jill allen finishes`). Only after a question
    /// mark, or after a period that follows an ordinary word of three letters or more.
    fn lowercase_start_ends(
        &mut self,
        i: usize,
        e: usize,
        k: usize,
        excl: bool,
        period: bool,
        ellipsis: bool,
    ) -> bool {
        let text = self.text;
        if ellipsis || self.quote_depth > 0 || self.paren_depth > 0 || k != self.skip_space(e) {
            return false;
        }
        let next_word = self.word_at(k);
        if next_word.chars().count() < 2 && next_word != "i" {
            return false;
        }
        if excl {
            // `means? where`, not tokenised `apart ? or`.
            return text[i..e].contains('?') && !char_before(text, i).is_some_and(is_space);
        }
        if !period || e != i + 1 {
            return false;
        }
        let tok_start = self.token_start(i);
        let tok = &text[tok_start..i];
        if tok.chars().count() < 3 || !tok.chars().all(char::is_alphabetic) {
            return false;
        }
        self.key.clear();
        self.key.extend(tok.chars().flat_map(crate::lang::lower));
        self.rules.class(&self.key).is_none()
    }

    /// Whether the words at `k` are a speech attribution: a capitalised name followed by
    /// a speech verb (`Hammel added`, `Mr. Adams said`).
    fn attribution_follows(&mut self, k: usize) -> bool {
        let rest = &self.text[k..];
        let mut words = rest
            .split(|c: char| !(c.is_alphanumeric() || c == '.'))
            .filter(|w| !w.is_empty())
            .take(4);
        let Some(name) = words.next() else {
            return false;
        };
        if !name.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        for w in words.take(2) {
            let w = w.trim_end_matches('.');
            self.key.clear();
            self.key.extend(w.chars().flat_map(crate::lang::lower));
            if self.rules.is_speech_verb(&self.key) {
                return true;
            }
            if !w.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
        }
        false
    }

    /// Whether, from `from`, the current quotation closes before the next sentence-final
    /// mark.
    fn quote_closes_first(&self, from: usize) -> bool {
        let rest = &self.text[from..];
        let close = rest.find(['»', '“']);
        let end = rest.find(['.', '!', '?', '…']);
        match (close, end) {
            (Some(c), Some(e)) => c < e,
            (Some(_), None) => true,
            _ => false,
        }
    }

    /// Decides whether the period at `i` ends the sentence; `c` is the next significant
    /// char (not lowercase), found at or after `next_start`.
    fn period_ends_sentence(&mut self, i: usize, e: usize, c: char, next_start: usize) -> bool {
        let text = self.text;
        // A detached period (`Mr . Robinson`, tokenised text) belongs to the token before.
        let word_end = text[..i].trim_end_matches(is_space).len();
        if word_end == 0 {
            return true;
        }
        let tok_start = self.token_start(word_end);
        let raw = &text[tok_start..word_end];
        let tok = raw.trim_start_matches(|ch: char| is_opening(ch) || is_dash(ch) || is_bullet(ch));
        // `Route 171/U.S .`: the part after a slash.
        let tok = tok.rsplit('/').next().unwrap_or(tok);
        if tok.is_empty() {
            return true;
        }
        let tok_start = word_end - tok.len();
        // List enumerators: `4. Я`, `8.1. Зачем`, `IV. Глава`, `§2. Поиск`, `b. The`.
        if word_end == i {
            if let Some(en) = parse_enum(tok) {
                if self.at_sentence_start(tok_start) {
                    self.last_enum = Some(en);
                    let opens_paragraph = self.ends.is_empty()
                        && text[..tok_start]
                            .chars()
                            .all(|ch| is_space(ch) || is_bullet(ch));
                    return self.rules.numbered_paragraph_alone
                        && opens_paragraph
                        && matches!(en, Enum::Number(_));
                }
                if en.follows(self.last_enum) && e < text.len() {
                    let end = self.trim_end(tok_start);
                    self.push_end(end, tok_start);
                    self.last_enum = Some(en);
                    return false;
                }
            }
        }
        let first = tok.chars().next().unwrap_or(' ');
        let numeric = first.is_ascii_digit() || matches!(first, '$' | '€' | '£' | '№' | '#');
        if numeric && tok.chars().all(|ch| !ch.is_alphabetic()) {
            return true;
        }

        if tok.chars().nth(1).is_none() && is_initials(tok) {
            // Initials (`J. R. R. Tolkien`, `Н. Букеле`, `Л.Н. Толстой`) end no sentence
            // unless a sentence starter follows (`pointed S.W. Then`); the English
            // pronoun `I` only after a capitalised word (`Albert I. Jones`, not `you and
            // I. Did`).
            if tok == "I" && !self.initial_context(tok_start) {
                return true;
            }
            return self.next_is_starter_word(next_start);
        }
        let prev_tok = self.prev_token(tok_start);
        let class = self.lookup(tok_start, tok);
        let after_number = prev_tok.is_some_and(|p| {
            p.chars().next().is_some_and(|ch| ch.is_ascii_digit())
                && p.chars()
                    .last()
                    .is_some_and(|ch| ch.is_ascii_digit() || ch == '%')
        }) || first.is_ascii_digit();
        let class = match class {
            Some(AbbrevClass::NumberUnit) if !after_number => Some(AbbrevClass::NeverFinal),
            Some(AbbrevClass::NumberUnit) => Some(AbbrevClass::MayEnd),
            Some(AbbrevClass::BeforeNumber) if c.is_ascii_digit() => Some(AbbrevClass::NeverFinal),
            Some(AbbrevClass::BeforeNumber) => Some(AbbrevClass::MayEnd),
            other => other,
        };
        match class {
            Some(AbbrevClass::NeverFinal) => false,
            Some(AbbrevClass::BeforeStarter) => self.next_is_starter(next_start),
            Some(_) => self.may_end_here(tok, tok_start, next_start),
            None if is_initials(tok) => self.next_is_starter_word(next_start),
            None => {
                if tok.contains('.') && tok.chars().any(char::is_alphabetic) {
                    // An unknown dotted acronym (`Ph.D.`, `LL.M.`): may end a sentence.
                    return self.may_end_here(tok, tok_start, next_start);
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

    /// Whether the word at `next_start` is a sentence starter (`The`, `В`, `Це`).
    fn next_is_starter(&mut self, next_start: usize) -> bool {
        let word = self.word_at(next_start);
        self.key.clear();
        self.key.extend(word.chars().flat_map(crate::lang::lower));
        self.rules.is_starter(&self.key)
    }

    /// Whether the word at `next_start` is a sentence starter and a whole word, not
    /// another initial (`А. В. Суворов`).
    fn next_is_starter_word(&mut self, next_start: usize) -> bool {
        let word = self.word_at(next_start);
        let end = self.text[next_start..]
            .find(word)
            .map_or(0, |p| next_start + p + word.len());
        if word.chars().count() == 1 && self.text[end..].starts_with('.') {
            return false;
        }
        self.next_is_starter(next_start)
    }

    /// A may-end abbreviation (`etc.`, `a.m.`, `тыс.`) ends the sentence before a capital,
    /// or before a number when it is dotted (`7 p.m. 7 a.m.`), but not when it opens the
    /// sentence (`A.D. 79 saw`), and after an opening adverbial (`In 44 B.C. Caesar`, `At
    /// 5 a.m. Mr. Smith`) only before a sentence starter (`At 6 a.m. The birds sing.`).
    fn may_end_here(&mut self, tok: &str, tok_start: usize, next_start: usize) -> bool {
        if self.at_sentence_start(tok_start) {
            return false;
        }
        let word = self.word_at(next_start);
        let Some(first) = word.chars().next() else {
            return true;
        };
        if first.is_ascii_digit() {
            // `7 p.m. 7 a.m. is`, but `10 год. 30 хв.`
            return tok.contains('.');
        }
        if self.opens_with_adverbial(tok_start) {
            return self.next_is_starter(next_start);
        }
        true
    }

    /// Whether the sentence (or the clause after a colon) up to `tok_start` is an opening
    /// adverbial: it starts with a preposition from the language data and holds no comma.
    fn opens_with_adverbial(&mut self, tok_start: usize) -> bool {
        let span = &self.text[self.sent_start..tok_start];
        let clause = span.rsplit(": ").next().unwrap_or(span);
        if clause.contains(',') {
            return false;
        }
        let Some(first) = clause
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
        else {
            return false;
        };
        self.key.clear();
        self.key.extend(first.chars().flat_map(crate::lang::lower));
        self.rules.is_preposition(&self.key)
    }

    /// The word (letters only) that starts at or after `i`, skipping opening punctuation.
    fn word_at(&self, i: usize) -> &'a str {
        let text = self.text;
        let rest = &text[i..];
        let start = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
        let rest = &rest[start..];
        // Apostrophes inside a word belong to it (`В’язниця`, `don't`).
        let mut end = rest.len();
        let mut prev_alnum = false;
        for (off, ch) in rest.char_indices() {
            if ch.is_alphanumeric() {
                prev_alnum = true;
                continue;
            }
            let next_alnum = rest[off + ch.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if !(matches!(ch, '\'' | '’' | 'ʼ') && prev_alnum && next_alnum) {
                end = off;
                break;
            }
            prev_alnum = false;
        }
        &rest[..end]
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
                self.key.extend(part.chars().flat_map(crate::lang::lower));
            }
            if self.key.chars().count() <= max {
                if let Some(c) = rules.class(&self.key) {
                    return Some(c);
                }
            }
        }
        self.key.clear();
        self.key.extend(tok.chars().flat_map(crate::lang::lower));
        if let Some(c) = rules.class(&self.key) {
            return Some(c);
        }
        // Latin-script abbreviations inside Cyrillic text (`Dr. PawPaw`, `Inc.`) follow
        // the English rules.
        let latin = tok.chars().all(|c| c.is_ascii_alphabetic() || c == '.');
        match self.latin_rules {
            Some(en) if latin && !std::ptr::eq(en, rules) => en.class(&self.key),
            _ => None,
        }
    }
}
