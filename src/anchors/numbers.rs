//! Numbers, dates and amounts of a sentence as language-neutral anchor tokens, and the one
//! reader of figures (digits, thousands groups, decimals) that every view of a number uses.
//!
//! [`figure`] reads a figure as written: digits, thousands groups (`,` `.` or a normal,
//! no-break, thin or narrow no-break space, then exactly three digits) and a decimal part.
//! The aligner and the checks read numbers through [`number_tokens`]; the memory's number
//! adaptation (`tm::pretranslate`) and its match tokens (`tm::normalize`) read figures
//! directly, for their spans and spellings.
//!
//! [`number_tokens`] scans a sentence once, left to right, and writes its quantities so
//! that they are equal across English, Russian and Ukrainian; no dictionary is needed:
//! - thousands groups are joined, as [`figure`] reads them, and the decimal sign is a
//!   point: `84,000` = `84 000` = `84.000` → `"84000"`; `1,5` = `1.5` → `"1.5"`;
//! - scale words multiply, currencies are ignored: `84 тыс.` → `"84000"`, `$2.3 million`
//!   = `2,3 млн долларов` → `"2300000"`; `m`, `k`, `b` only glued to a currency amount;
//! - `%`, `percent`, `процентов`, `відсотків` after a number add `"%"`: `18%` → `"18"`, `"%"`;
//! - month names in any case form become `"m1"`..`"m12"` (`26 марта` → `"26"`, `"m3"`);
//!   `May`, `March`, `August` and capitalised Cyrillic ones (`Марта`) need a date context
//!   (the month names are the `[months]` of the data files, `src/anchors/data/`);
//!   numeric dates (`26.03.2025`, `2025-03-26`, `3/26/2025`) give day, month and year;
//! - times stay (`7:55`), in 24 hours when a time of day follows (`4 p.m.` = `16:00` =
//!   `4 вечера`, `7 a.m.` = `7 утра` = `7:00`); ordinal and unit suffixes go (`4th`, `2016-го`, `10km`); ranges
//!   give both ends (`2010–2012`); digits glued to letters before them are left out
//!   (`mp3`, `G7`), digits after a hyphen are kept (`F-16` → `"16"`, `COVID-19` → `"19"`).

use std::ops::Range;

use super::lexicon::{may_be_month, month_of, Need};
use crate::lang::{is_letter as is_alpha, Lang};

/// A figure as written: ASCII digits, with thousands groups and a decimal part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Figure {
    /// The whole figure, in bytes.
    pub span: Range<usize>,
    /// The integer part, group separators included (`84 000`).
    pub int: Range<usize>,
    /// The separator of its thousands groups (the first one, when group spaces are mixed),
    /// if any.
    pub group: Option<char>,
    /// Its decimal sign (`.` or `,`), if any.
    pub decimal: Option<char>,
    /// The decimal digits (empty when there are none).
    pub frac: Range<usize>,
}

impl Figure {
    /// Appends the digits of the integer part to `out`, without separators: `84 000` →
    /// `84000`.
    pub fn push_int(&self, text: &str, out: &mut String) {
        let digits = text[self.int.clone()].bytes().filter(u8::is_ascii_digit);
        out.extend(digits.map(char::from));
    }
}

/// Reads the figure whose first digit is at byte `start` of `text`: its digits, then
/// thousands groups (a separator, [`is_group_sep`], then exactly three digits; the same
/// separator each time, any group space counting as one) when the first group has one to three digits and does not start
/// with `0`, then a decimal part (`.` or `,`, other than the group separator, and digits).
/// `84,000` = `84 000` = `84.000`; `1 234,56`; `1,5`; `0,125`; `12345.678`.
pub(crate) fn figure(text: &str, start: usize) -> Figure {
    let b = text.as_bytes();
    let d1 = digits_end(b, start);
    let mut j = d1;
    let mut group = None;
    if d1 - start <= 3 && b.get(start).is_some_and(|&d| d != b'0') {
        while let Some(sep) = char_at(text, j) {
            let k = j + sep.len_utf8();
            let other =
                group.is_some_and(|g| g != sep && !(is_group_space(g) && is_group_space(sep)));
            if !is_group_sep(sep) || other || digits_end(b, k) != k + 3 {
                break;
            }
            (j, group) = (k + 3, group.or(Some(sep)));
        }
    }
    let int = start..j;
    let (mut decimal, mut frac) = (None, j..j);
    if let Some(sep @ ('.' | ',')) = char_at(text, j) {
        let e = digits_end(b, j + 1);
        if e > j + 1 && group != Some(sep) {
            (decimal, frac, j) = (Some(sep), j + 1..e, e);
        }
    }
    Figure {
        span: start..j,
        int,
        group,
        decimal,
        frac,
    }
}

/// Whether the digit at byte `i` is glued to a letter before it (`mp3`, `G7`), and so not
/// a number of its own.
pub(crate) fn glued(text: &str, i: usize) -> bool {
    char_before(text, i).is_some_and(is_alpha)
}

/// The numbers, dates and amounts of `text`, as normalised tokens in text order (see the
/// module documentation). `lang` decides the order of slashed dates: `3/4/2025` is March 4
/// in English, 3 April otherwise.
pub(crate) fn number_tokens(text: &str, lang: Lang) -> Vec<String> {
    let mut scan = Scan {
        text,
        lang,
        out: Vec::new(),
        buf: String::new(),
    };
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if c.is_ascii_digit() {
            if glued(text, i) {
                i = run_end(text, i, is_alnum); // `mp3`, `G7`
            } else {
                i = scan.number(i);
            }
        } else if is_alpha(c) {
            let end = run_end(text, i, is_alpha);
            scan.word(i, end);
            i = end;
        } else {
            if c == '%' {
                scan.out.push("%".into());
            }
            i += c.len_utf8();
        }
    }
    scan.out
}

struct Scan<'t> {
    text: &'t str,
    lang: Lang,
    out: Vec<String>,
    /// Reused buffer for lowercased words.
    buf: String,
}

impl Scan<'_> {
    /// Reads the quantity starting with the digit at `start`; returns the byte after it.
    fn number(&mut self, start: usize) -> usize {
        let t = self.text;
        let d1 = digits_end(t.as_bytes(), start);
        if let Some(end) = self.time(start, d1).or_else(|| self.date(start, d1)) {
            return run_end(t, end, is_alpha); // `7:55pm`, `2025г`
        }
        let fig = figure(t, start);
        let mut int = String::with_capacity(fig.int.len());
        fig.push_int(t, &mut int);
        let (frac, j) = (&t[fig.frac.clone()], fig.span.end);
        if frac.is_empty() && fig.group.is_none() && d1 - start <= 2 {
            if let Some((hour, end)) = int.parse().ok().and_then(|h| self.clock(h, j)) {
                self.out.push(format!("{hour}:00"));
                return end;
            }
        }
        let (scale, percent, end) = self.suffix(start, j);
        self.out.push(render(&int, frac, scale));
        if percent {
            self.out.push("%".into());
        }
        end
    }

    /// `7:55` → `"7:55"`; `7:55 p.m.` = `7.55pm` → `"19:55"`.
    fn time(&mut self, start: usize, d1: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let sep = *b.get(d1)?;
        if d1 - start > 2 || !matches!(sep, b':' | b'.') || digits_end(b, d1 + 1) != d1 + 3 {
            return None;
        }
        let mut hour = self.text[start..d1].parse::<u32>().ok()?;
        let mut end = d1 + 3;
        match self.clock(hour, end) {
            Some((h, e)) => (hour, end) = (h, e),
            None if sep == b'.' => return None, // `7.55` alone is a decimal
            None => {}
        }
        self.out
            .push(format!("{hour}:{}", &self.text[d1 + 1..d1 + 3]));
        Some(end)
    }

    /// The 24-hour hour of `hour` followed at `j` by a time of day: `a.m.`, `pm`, `утра`,
    /// `вечера`, `ранку`, `вечора`, `дня`, `ночи`, `ночі`; with the end of that word.
    fn clock(&mut self, hour: u32, j: usize) -> Option<(u32, usize)> {
        if !(1..=12).contains(&hour) {
            return None;
        }
        let t = self.text;
        let k = skip_spaces(t, j);
        let rest = &t.as_bytes()[k..];
        let ascii = |p: &[u8]| {
            rest.len() >= p.len()
                && rest[..p.len()].eq_ignore_ascii_case(p)
                && !rest.get(p.len()).is_some_and(u8::is_ascii_alphabetic)
        };
        for (p, pm) in [
            (&b"a.m."[..], false),
            (b"p.m.", true),
            (b"am", false),
            (b"pm", true),
        ] {
            if ascii(p) {
                let h = match (pm, hour) {
                    (false, 12) => 0,
                    (true, h) if h < 12 => h + 12,
                    (_, h) => h,
                };
                return Some((h, k + p.len()));
            }
        }
        if !char_at(t, k).is_some_and(is_alpha) {
            return None;
        }
        let e = run_end(t, k, is_alpha);
        let h = match lower(&mut self.buf, &t[k..e]) {
            "утра" | "ранку" => hour % 12,
            "ночи" | "ночі" => hour % 12,
            "вечера" | "вечора" => hour % 12 + 12,
            "дня" if hour <= 6 || hour == 12 => hour % 12 + 12,
            _ => return None,
        };
        Some((h, e))
    }

    /// `26.03.2025`, `26/03/2025`, `3/26/2025`, `2025-03-26` → day, month, year tokens
    /// in text order.
    fn date(&mut self, start: usize, d1: usize) -> Option<usize> {
        let (t, b) = (self.text, self.text.as_bytes());
        let num = |r: std::ops::Range<usize>| t[r].parse::<u32>().ok();
        let sep = *b.get(d1)?;
        let e2 = digits_end(b, d1 + 1);
        let (n1, n2) = (d1 - start, e2 - d1 - 1);
        if sep == b'-' && n1 == 4 && n2 == 2 && b.get(e2) == Some(&b'-') {
            let e3 = digits_end(b, e2 + 1);
            let (month, day) = (num(d1 + 1..e2)?, num(e2 + 1..e3)?);
            if e3 != e2 + 3 || !valid(day, month) {
                return None;
            }
            self.out.push(t[start..d1].into());
            self.out.push(format!("m{month}"));
            self.out.push(day.to_string());
            return Some(e3);
        }
        if !matches!(sep, b'.' | b'/')
            || n1 > 2
            || !(1..=2).contains(&n2)
            || b.get(e2) != Some(&sep)
        {
            return None;
        }
        let e3 = digits_end(b, e2 + 1);
        let more = b.get(e3) == Some(&sep) && b.get(e3 + 1).is_some_and(u8::is_ascii_digit);
        if !matches!(e3 - e2 - 1, 2 | 4) || more {
            return None;
        }
        let (a, m) = (num(start..d1)?, num(d1 + 1..e2)?);
        let month_first = sep == b'/' && a <= 12 && (m > 12 || self.lang == Lang::EN);
        let (day, month) = if month_first { (m, a) } else { (a, m) };
        if !valid(day, month) {
            return None;
        }
        let (day, month) = (day.to_string(), format!("m{month}"));
        if month_first {
            self.out.extend([month, day]);
        } else {
            self.out.extend([day, month]);
        }
        self.out.push(t[e2 + 1..e3].into());
        Some(e3)
    }

    /// What follows the number ending at `j`: a scale (power of ten), a percent sign or
    /// word, an ordinal or unit suffix. Returns the scale, whether it is a percentage and
    /// the end of what was consumed.
    fn suffix(&mut self, start: usize, j: usize) -> (usize, bool, usize) {
        let t = self.text;
        let (mut scale, mut percent, mut end) = (0, false, j);
        if char_at(t, j).is_some_and(is_alpha) {
            // Glued: `4th`, `1990s`, `$5m`, `2bn`, `5млн`, `10km`: always consumed.
            end = run_end(t, j, is_alpha);
            let w = lower(&mut self.buf, &t[j..end]);
            match scale_of(w, currency_before(t, start)) {
                Some(s) => scale = s,
                None => percent = is_percent_word(w),
            }
        } else {
            let mut k = skip_spaces(t, j);
            if k == j && t[j..].starts_with('-') {
                k += 1; // `$5-million`, `10-процентный`
            }
            if char_at(t, k).is_some_and(is_alpha) {
                let e = run_end(t, k, is_alpha);
                let w = lower(&mut self.buf, &t[k..e]);
                if let Some(s) = scale_of(w, false) {
                    (scale, end) = (s, e);
                } else if is_percent_word(w) {
                    (percent, end) = (true, e);
                } else if w == "per" {
                    let k2 = skip_spaces(t, e);
                    let e2 = run_end(t, k2, is_alpha);
                    if k2 > e && t[k2..e2].eq_ignore_ascii_case("cent") {
                        (percent, end) = (true, e2);
                    }
                }
            }
        }
        let k = skip_spaces(t, end);
        if !percent && t[k..].starts_with('%') {
            (percent, end) = (true, k + 1);
        }
        (scale, percent, end)
    }

    /// Adds a month token if the word `start..end` is a month name in a date context.
    fn word(&mut self, start: usize, end: usize) {
        let t = self.text;
        if !may_be_month(&t[start..end]) {
            return;
        }
        let capital = char_at(t, start).is_some_and(char::is_uppercase);
        let w = lower(&mut self.buf, &t[start..end]);
        let Some(m) = month_of(w, t[end..].starts_with('.'), self.lang) else {
            return;
        };
        let ok = match m.need {
            Need::Nothing => true,
            Need::Number => number_near(t, start, end),
            Need::Capital => capital || number_near(t, start, end),
            Need::Lowercase => !capital || number_near(t, start, end),
            Need::Context => {
                let prev = prev_word(t, start);
                let after_context_word = m.context.iter().any(|p| p.eq_ignore_ascii_case(prev));
                number_near(t, start, end) || (capital && after_context_word)
            }
        };
        if ok {
            self.out.push(format!("m{}", m.month));
        }
    }
}

/// Whether `w` is `stem` plus one of the space-separated `endings` (`_`: no ending).
fn inflects(w: &str, stem: &str, endings: &str) -> bool {
    w.strip_prefix(stem).is_some_and(|rest| {
        endings
            .split(' ')
            .any(|e| e == rest || (e == "_" && rest.is_empty()))
    })
}

/// A letter or digit, with the fast paths of [`is_alpha`].
fn is_alnum(c: char) -> bool {
    c.is_ascii_digit() || is_alpha(c)
}

/// The power of ten of a scale word (`тыс`, `million`, `млрд`, `bn`); `k`, `m`, `b` only
/// count glued to an amount with a currency symbol (`$5m`; `5m` may be metres).
fn scale_of(w: &str, currency: bool) -> Option<usize> {
    let s = match w {
        "k" if currency => 3,
        "m" if currency => 6,
        "b" if currency => 9,
        "thousand" | "thousands" | "тыс" | "тис" => 3,
        "million" | "millions" | "mln" | "mn" | "млн" => 6,
        "billion" | "billions" | "bln" | "bn" | "млрд" => 9,
        "trillion" | "trillions" | "trn" | "tn" | "трлн" => 12,
        _ => {
            const STEMS: &str = "тысяч тисяч миллион мільйон миллиард мільярд триллион трильйон";
            const ENDINGS: &str = "_ а и і у е ы ей ею ью ам ами ах ов ів ом";
            // Adjectives of amounts, after a hyphen: `25-тысячную` (толпу) = 25,000.
            const ADJECTIVES: &str = "тысячн тисячн миллионн мільйонн миллиардн мільярдн";
            let i = STEMS
                .split(' ')
                .position(|stem| inflects(w, stem, ENDINGS))
                .or_else(|| ADJECTIVES.split(' ').position(|stem| w.starts_with(stem)))?;
            3 * (i / 2 + 1)
        }
    };
    Some(s)
}

fn is_percent_word(w: &str) -> bool {
    matches!(w, "percent" | "percents" | "percentage" | "pct" | "проц")
        || w.starts_with("процент")
        || w.starts_with("відсот")
}

/// `int.frac × 10^scale` in canonical form: no leading zeros, no trailing fraction zeros.
fn render(int: &str, frac: &str, scale: usize) -> String {
    let moved = frac.len().min(scale);
    let mut s = String::with_capacity(int.len() + scale + frac.len() + 1);
    s.push_str(int);
    s.push_str(&frac[..moved]);
    s.extend(std::iter::repeat_n('0', scale - moved));
    let zeros = s.len() - s.trim_start_matches('0').len();
    s.drain(..zeros);
    if s.is_empty() {
        s.push('0');
    }
    let rest = frac[moved..].trim_end_matches('0');
    if !rest.is_empty() {
        s.push('.');
        s.push_str(rest);
    }
    s
}

fn valid(day: u32, month: u32) -> bool {
    (1..=31).contains(&day) && (1..=12).contains(&month)
}

/// The spaces that group the digits of a figure: normal, no-break, thin and narrow
/// no-break.
pub(crate) fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// The separators of thousands groups: `,`, `.` and [`is_group_space`].
fn is_group_sep(c: char) -> bool {
    matches!(c, ',' | '.') || is_group_space(c)
}

/// Spaces around numbers (before a scale word or a currency sign): the group spaces and a
/// tab.
fn is_space(c: char) -> bool {
    c == '\t' || is_group_space(c)
}

fn currency_before(t: &str, i: usize) -> bool {
    let c = t[..i].trim_end_matches(is_space).chars().next_back();
    matches!(c, Some('$' | '€' | '£' | '₽' | '₴' | '¥' | '₹'))
}

/// Whether a digit is next to the word `start..end`: `March 26`, `Mar. 26`, `26 March`,
/// `26th of March`.
fn number_near(t: &str, start: usize, end: usize) -> bool {
    let after = t[end..].strip_prefix('.').unwrap_or(&t[end..]);
    let after = after.trim_start_matches(|c| is_space(c) || c == ',');
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let mut before = t[..start].trim_end_matches(is_space);
    if let Some(b) = before.strip_suffix("of") {
        before = b.trim_end_matches(is_space);
    }
    for ord in ["st", "nd", "rd", "th"] {
        before = before.strip_suffix(ord).unwrap_or(before);
    }
    before.ends_with(|c: char| c.is_ascii_digit())
}

/// The word before byte `i`, across spaces and hyphens (`mid-May`).
fn prev_word(t: &str, i: usize) -> &str {
    let before = t[..i].trim_end_matches(|c| is_space(c) || c == '-');
    before.rsplit(|c: char| !is_alpha(c)).next().unwrap_or("")
}

fn lower<'b>(buf: &'b mut String, w: &str) -> &'b str {
    buf.clear();
    buf.extend(w.chars().flat_map(crate::lang::lower));
    buf
}

fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..)?.chars().next()
}

fn char_before(t: &str, i: usize) -> Option<char> {
    t[..i].chars().next_back()
}

fn run_end(t: &str, i: usize, f: impl Fn(char) -> bool) -> usize {
    t[i..].find(|c| !f(c)).map_or(t.len(), |k| i + k)
}

fn skip_spaces(t: &str, i: usize) -> usize {
    run_end(t, i, is_space)
}

/// The end of the run of ASCII digits at byte `k`.
pub(crate) fn digits_end(b: &[u8], mut k: usize) -> usize {
    while b.get(k).is_some_and(u8::is_ascii_digit) {
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Groups of spellings that must give the same tokens, one group a line:
    /// `lang text | lang text | ... => tokens`.
    const EQUIVALENT: &str = "
        en 84,000 | ru 84 000 | ru 84\u{a0}000 | uk 84\u{202f}000 | ru 84.000 | en 84.000 \
            | ru 84 тыс. | uk 84 тис. | en 84 thousand | ru 84\u{a0}тысячи | uk 84 тисячі => 84000
        en 1.5 million | ru 1,5 млн | uk 1,5 мільйона | en 1,500,000 | ru 1 500 000 \
            | ru 1,5 миллиона | en 1.5-million => 1500000
        en $2.3 million | ru 2,3 млн долларов | uk 2,3 млн доларів | en US$2.3m | en $2.3mn \
            | en $ 2.3 million => 2300000
        en €412 million | ru 412 млн евро | uk €412 мільйонів => 412000000
        en $1.2 billion | en £1.2bn | ru 1,2 млрд | ru 1,2 миллиарда | uk 1,2 мільярда \
            | uk 1,2 млрд грн => 1200000000
        en 3 trillion | ru 3 трлн | ru 3 триллиона | uk 3 трильйони => 3000000000000
        en 1.5 | ru 1,5 | en 1,5 | uk 1,50 | en 1.50 => 1.5
        en 33.8 | ru 33,8 => 33.8
        en 0.125 | ru 0,125 => 0.125
        en 1,234.56 | ru 1 234,56 | ru 1.234,56 => 1234.56
        en 18% | ru 18 % | ru 18\u{a0}% | ru 18 процентов | uk 18 відсотків | en 18 percent \
            | en 18 per cent | en 18-percent | uk 18 процентів => 18 %
        en 4–5% | ru 4-5% | uk 4–5 відсотків => 4 5 %
        en 26 March | ru 26 марта | uk 26 березня | en 26th of March | en 26 Mar. \
            | ru 26 МАРТА | ru 26 мар. | uk 26 бер. => 26 m3
        en March 26 | en Mar. 26 | en MARCH 26 => m3 26
        ru 26.03.2025 | uk 26/03/2025 | ru 26 марта 2025 года | uk 26 березня 2025 р. \
            | en 26 March 2025 | en 26/3/2025 => 26 m3 2025
        en March 26, 2025 | en 3/26/2025 | en 03/26/2025 => m3 26 2025
        en 2025-03-26 => 2025 m3 26
        en in March | ru в марте | uk у березні | ru март => m3
        en in May | ru в мае | uk у травні | en mid-May => m5
        en September | ru сентября | uk вересня | uk вересні => m9
        en February | ru февраля | uk лютого | uk лютий => m2
        en November | ru ноябре | uk листопада => m11
        en December | ru декабрь | uk грудня | uk грудні => m12
        ru 1798 г. | uk 1798 р. | en in 1798 | ru в 1798 году | ru 1798г. => 1798
        ru 2016-го | uk 2016-го року | en 2016's => 2016
        uk 11-ту | en 11th | ru 11-й => 11
        en a 25,000-strong crowd | ru 25-тысячную толпу | uk 25-тисячний натовп => 25000
        en 4th | ru 4-го | uk 4-й => 4
        en 21st | ru 21-го => 21
        en the 1990s | ru в 1990-х | uk у 1990-х => 1990
        en 2010–2012 | ru 2010-2012 | uk 2010 — 2012 рр. => 2010 2012
        en 7:55 | ru в 7:55 | en 07:55 | en 7:55 a.m. => 7:55
        en 10 a.m. | ru в 10 утра => 10:00
        en F-16 | ru F-16 | uk винищувачі F-16 => 16
        en COVID-19 | ru COVID-19 | uk коронавірус COVID-19 => 19
        en 10km | en 10 km | ru 10 км => 10
    ";

    /// Single cases, `lang text => tokens`: mostly what is not a quantity, month or date.
    const CASES: &str = "
        en 20.09 => 20.09
        ru 20.09 в Киеве => 20.09
        en Version 2.0.1 => 2 1
        en mp3 and G7 =>
        en A320neo =>
        en May I ask? =>
        en Theresa May said =>
        en They march on. =>
        en an august body =>
        en Jan Kowalski =>
        en May 5th => m5 5
        en He lost 5m in a fall => 5
        ru Марта Коваленко =>
        ru Август сказал =>
        uk Тисячоліття =>
        ru 2 тысячелетия => 2
        ru миллионер =>
        ru лист бумаги =>
        en in 2010 100 people => 2010 100
        en On March 26, Kristi Noem visited CECOT. => m3 26
        ru 26 марта 2025 г. Ноэм посетила тюрьму на 40 000 мест. => 26 m3 2025 40000
        en Score 2:1 => 2 1
        en 31.13.2025 => 31.13 2025
        uk −5 °C => 5
        en 4/3/2025 => m4 3 2025
        ru 4/3/2025 => 4 m3 2025
        en 0.5 bn => 500000000
        en 007 => 7
        en 2.0 => 2
    ";

    /// Checks a table of groups: `lang text | lang text | ... => tokens` per line.
    fn check(table: &str) {
        for line in table.lines().filter(|l| !l.trim().is_empty()) {
            let (spellings, expected) = line.split_once("=>").unwrap();
            let expected: Vec<&str> = expected.split_whitespace().collect();
            for spelling in spellings.split(" | ") {
                let (code, text) = spelling.trim().split_once(' ').unwrap();
                let lang: Lang = code.parse().unwrap();
                assert_eq!(number_tokens(text, lang), expected, "{code}: {text:?}");
            }
        }
    }

    #[test]
    fn ukrainian_maiu_is_a_verb_unless_next_to_a_number() {
        assert_eq!(
            number_tokens("я маю бути задоволеним", Lang::UK),
            Vec::<String>::new()
        );
        assert_eq!(number_tokens("к 9 маю", Lang::RU), ["9", "m5"]);
    }

    #[test]
    fn times_of_day_are_24_hour_clock_times() {
        let en = number_tokens(
            "only between 10 a.m. and 4 p.m., from 7:30pm, at 12 am",
            Lang::EN,
        );
        assert_eq!(en, ["10:00", "16:00", "19:30", "0:00"]);
        let ru = number_tokens("с 10 утра до 4 вечера, в 2 дня, в 12 ночи", Lang::RU);
        assert_eq!(ru, ["10:00", "16:00", "14:00", "0:00"]);
        let uk = number_tokens("з 10 ранку до 4 вечора", Lang::UK);
        assert_eq!(uk, ["10:00", "16:00"]);
        // Not a time of day: `12 днях`, `25 am Main`.
        assert_eq!(number_tokens("через 12 дней", Lang::RU), ["12"]);
    }

    #[test]
    fn equivalent_spellings_give_equal_tokens() {
        check(EQUIVALENT);
    }

    #[test]
    fn single_cases() {
        check(CASES);
    }

    #[test]
    fn figures_as_written() {
        // text => (span, integer digits, group separator, decimal sign, decimals)
        let fig = |t: &str| {
            let f = figure(t, 0);
            let mut int = String::new();
            f.push_int(t, &mut int);
            (
                t[f.span].to_string(),
                int,
                f.group,
                f.decimal,
                t[f.frac].to_string(),
            )
        };
        let s = |x: &str| x.to_string();
        assert_eq!(
            fig("84,000 people"),
            (s("84,000"), s("84000"), Some(','), None, s(""))
        );
        assert_eq!(
            fig("84\u{2009}000"),
            (
                s("84\u{2009}000"),
                s("84000"),
                Some('\u{2009}'),
                None,
                s("")
            )
        );
        assert_eq!(
            fig("1\u{a0}234 567,5"),
            (
                s("1\u{a0}234 567,5"),
                s("1234567"),
                Some('\u{a0}'),
                Some(','),
                s("5")
            )
        );
        assert_eq!(
            fig("1.234,56"),
            (s("1.234,56"), s("1234"), Some('.'), Some(','), s("56"))
        );
        assert_eq!(
            fig("1,000.000"),
            (s("1,000.000"), s("1000"), Some(','), Some('.'), s("000"))
        );
        assert_eq!(
            fig("1,000,0000"),
            (s("1,000"), s("1000"), Some(','), None, s(""))
        );
        assert_eq!(
            fig("0,125"),
            (s("0,125"), s("0"), None, Some(','), s("125"))
        );
        assert_eq!(fig("2023 500"), (s("2023"), s("2023"), None, None, s("")));
        assert_eq!(
            fig("12\t345"),
            (s("12"), s("12"), None, None, s("")),
            "a tab is a column"
        );
        assert_eq!(fig("7:55"), (s("7"), s("7"), None, None, s("")));
        assert_eq!(fig("5."), (s("5"), s("5"), None, None, s("")));
    }

    #[test]
    fn group_spaces_may_be_mixed() {
        assert_eq!(
            number_tokens("1\u{a0}234 567 people", Lang::RU),
            ["1234567"]
        );
        assert_eq!(number_tokens("84\u{2009}000 км", Lang::RU), ["84000"]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "[0-9 .,:/%$€a-zA-Zа-яА-ЯіїєґІ’'\u{a0}\u{202f}–-]{0,40}") {
            for lang in [Lang::EN, Lang::RU, Lang::UK] {
                number_tokens(&text, lang);
            }
        }
    }
}
