//! Numbers, dates and amounts of a sentence as language-neutral anchor tokens.
//!
//! [`number_tokens`] scans a sentence once, left to right, and writes its quantities so
//! that they are equal across English, Russian and Ukrainian; no dictionary is needed:
//! - thousands groups (`,` `.` or a normal, no-break or narrow space, then exactly three
//!   digits) are joined unless the first group has over three digits or starts with `0`;
//!   another `.` or `,` is a decimal point: `84,000` = `84 000` = `84.000` → `"84000"`;
//!   `1,5` = `1.5` → `"1.5"`;
//! - scale words multiply, currencies are ignored: `84 тыс.` → `"84000"`, `$2.3 million`
//!   = `2,3 млн долларов` → `"2300000"`; `m`, `k`, `b` only glued to a currency amount;
//! - `%`, `percent`, `процентов`, `відсотків` after a number add `"%"`: `18%` → `"18"`, `"%"`;
//! - month names in any case form become `"m1"`..`"m12"` (`26 марта` → `"26"`, `"m3"`);
//!   `May`, `March`, `August` and capitalised Cyrillic ones (`Марта`) need a date context;
//!   numeric dates (`26.03.2025`, `2025-03-26`, `3/26/2025`) give day, month and year;
//! - times stay (`7:55`), in 24 hours when a time of day follows (`4 p.m.` = `16:00` =
//!   `4 вечера`, `7 a.m.` = `7 утра` = `7:00`); ordinal and unit suffixes go (`4th`, `2016-го`, `10km`); ranges
//!   give both ends (`2010–2012`); digits glued to letters before them are left out
//!   (`mp3`, `G7`), digits after a hyphen are kept (`F-16` → `"16"`, `COVID-19` → `"19"`).

use crate::lang::Lang;

/// The numbers, dates and amounts of `text`, as normalised tokens in text order (see the
/// module documentation). `lang` decides the order of slashed dates: `3/4/2025` is March 4
/// in English, 3 April otherwise.
pub fn number_tokens(text: &str, lang: Lang) -> Vec<String> {
    let mut scan = Scan {
        text,
        lang,
        out: Vec::new(),
        buf: String::new(),
    };
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if c.is_ascii_digit() {
            if char_before(text, i).is_some_and(is_alpha) {
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
        let (t, b) = (self.text, self.text.as_bytes());
        let d1 = digits_end(b, start);
        if let Some(end) = self.time(start, d1).or_else(|| self.date(start, d1)) {
            return run_end(t, end, is_alpha); // `7:55pm`, `2025г`
        }
        let mut int = String::from(&t[start..d1]);
        let mut j = d1;
        let mut group = None;
        if d1 - start <= 3 && b[start] != b'0' {
            while let Some(sep) = char_at(t, j) {
                let k = j + sep.len_utf8();
                if !is_group_sep(sep)
                    || group.is_some_and(|g| g != sep)
                    || digits_end(b, k) != k + 3
                {
                    break;
                }
                int.push_str(&t[k..k + 3]);
                (j, group) = (k + 3, Some(sep));
            }
        }
        let mut frac = "";
        if let Some(sep @ ('.' | ',')) = char_at(t, j) {
            let e = digits_end(b, j + 1);
            if e > j + 1 && group != Some(sep) {
                (frac, j) = (&t[j + 1..e], e);
            }
        }
        if frac.is_empty() && group.is_none() && d1 - start <= 2 {
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
        let Some((month, need)) = month_of(w, t[end..].starts_with('.'), self.lang) else {
            return;
        };
        let ok = match need {
            Need::Nothing => true,
            Need::Number => number_near(t, start, end),
            Need::Capital => capital || number_near(t, start, end),
            Need::Lowercase => !capital || number_near(t, start, end),
            Need::May => {
                let prev = prev_word(t, start);
                let after_time_word = MAY_BEFORE
                    .split_whitespace()
                    .any(|p| p.eq_ignore_ascii_case(prev));
                number_near(t, start, end) || (capital && after_time_word)
            }
        };
        if ok {
            self.out.push(format!("m{month}"));
        }
    }
}

/// A quick filter before [`month_of`]: whether the word starts like a month name or
/// abbreviation of any table (its first three letters, or two for the two-letter stem
/// `ма`, lowercased).
fn may_be_month(word: &str) -> bool {
    type Sets = (
        std::collections::HashSet<String>,
        std::collections::HashSet<String>,
    );
    static PREFIXES: std::sync::OnceLock<Sets> = std::sync::OnceLock::new();
    let (long, short) = PREFIXES.get_or_init(|| {
        let entries: Vec<&str> = [EN_MONTHS, EN_ABBR, RU_ABBR, UK_ABBR, RU_STEMS, UK_STEMS]
            .iter()
            .flat_map(|table| table.split([' ', '/', '\n']))
            .filter(|w| !w.is_empty() && *w != "-")
            .collect();
        let long = entries.iter().filter(|w| w.chars().count() >= 3);
        let short = entries.iter().filter(|w| w.chars().count() < 3);
        (
            long.map(|w| w.chars().take(3).collect()).collect(),
            short.map(|w| w.to_string()).collect(),
        )
    });
    let mut key = String::with_capacity(12);
    key.extend(word.chars().take(3).flat_map(char::to_lowercase));
    if long.contains(&key) {
        return true;
    }
    let two: String = key.chars().take(2).collect();
    short.contains(&two)
}

use super::is_letter as is_alpha;

/// A letter or digit, with the fast paths of [`super::is_letter`].
fn is_alnum(c: char) -> bool {
    c.is_ascii_digit() || is_alpha(c)
}

/// The context a month word needs to count as a month.
#[derive(Clone, Copy)]
enum Need {
    Nothing,   // `January`, `July`
    Number,    // an adjacent number: abbreviations (`Mar.`, `сент.`)
    Capital,   // or an adjacent number: `March`, `August` (also a verb, an adjective)
    Lowercase, // or an adjacent number: Cyrillic months (`Марта`, `Август`: names)
    May,       // an adjacent number or a time word before: `in May`, not `Theresa May`
}

/// Words that make a capitalised `May` a month.
const MAY_BEFORE: &str = "in since until till by of early late mid last next this from through \
    during before after end between and or to";

/// Month tables: one slot per month (`-`: none), alternatives separated by `/`.
const EN_MONTHS: &str = "january february march april may june july august september october \
    november december";
const EN_ABBR: &str = "jan feb mar apr - jun jul aug sep/sept oct nov dec";
/// Cyrillic abbreviations count only with a period and an adjacent number.
const RU_ABBR: &str = "янв фев/февр мар апр - - - авг сен/сент окт ноя/нояб дек";
const UK_ABBR: &str = "січ лют бер квіт трав черв лип серп вер жовт лист груд";
/// Cyrillic stems; the case endings depend on the stem (see [`month_of`]).
const RU_STEMS: &str = "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр";
const UK_STEMS: &str = "січ лют берез квіт трав черв лип серп верес жовт листопад груд";

/// The 1-based slot of `w` in a month table.
fn month_in(table: &str, w: &str) -> Option<u8> {
    let i = table
        .split_whitespace()
        .position(|slot| slot.split('/').any(|a| a == w))?;
    Some(i as u8 + 1)
}

/// Whether `w` is `stem` plus one of the space-separated `endings` (`_`: no ending).
fn inflects(w: &str, stem: &str, endings: &str) -> bool {
    w.strip_prefix(stem).is_some_and(|rest| {
        endings
            .split(' ')
            .any(|e| e == rest || (e == "_" && rest.is_empty()))
    })
}

/// The month of a lowercased word in a text of `lang` and the context it needs; `dot`: a
/// period follows. Russian names are not read in Ukrainian text nor Ukrainian ones in
/// Russian text (Ukrainian `маю` is "I have", not the Russian dative of May).
fn month_of(w: &str, dot: bool, lang: Lang) -> Option<(u8, Need)> {
    if let Some(m) = month_in(EN_MONTHS, w) {
        let need = match w {
            "may" => Need::May,
            "march" | "august" => Need::Capital,
            _ => Need::Nothing,
        };
        return Some((m, need));
    }
    if let Some(m) = month_in(EN_ABBR, w) {
        return Some((m, Need::Number));
    }
    let cyr = |stems: &str, endings: fn(&str) -> &'static str| {
        let i = stems
            .split(' ')
            .position(|stem| inflects(w, stem, endings(stem)))?;
        Some((i as u8 + 1, Need::Lowercase))
    };
    let (russian, ukrainian) = (lang != Lang::UK, lang != Lang::RU);
    let ru = || {
        cyr(RU_STEMS, |stem| match stem {
            "март" | "август" => "_ а е у ом",
            "ма" => "й я е ю ем",
            _ => "ь я е ю ем ём",
        })
    };
    let uk = || {
        cyr(UK_STEMS, |stem| match stem {
            "лют" => "ий ого ому им ім",
            "листопад" => "_ а і у ом",
            _ => "ень ня ні ню нем",
        })
    };
    let full = russian
        .then(ru)
        .flatten()
        .or_else(|| ukrainian.then(uk).flatten());
    if full.is_some() {
        return full;
    }
    let m = russian
        .then(|| month_in(RU_ABBR, w))
        .flatten()
        .or_else(|| ukrainian.then(|| month_in(UK_ABBR, w)).flatten());
    m.filter(|_| dot).map(|m| (m, Need::Number))
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
            let i = STEMS
                .split(' ')
                .position(|stem| inflects(w, stem, ENDINGS))?;
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

/// Spaces inside and around numbers: normal, tab, no-break, narrow no-break, thin.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn is_group_sep(c: char) -> bool {
    matches!(c, ',' | '.') || is_space(c)
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
    buf.extend(w.chars().flat_map(char::to_lowercase));
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

fn digits_end(b: &[u8], mut k: usize) -> usize {
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

    proptest::proptest! {
        #[test]
        fn never_panics(text in "[0-9 .,:/%$€a-zA-Zа-яА-ЯіїєґІ’'\u{a0}\u{202f}–-]{0,40}") {
            for lang in [Lang::EN, Lang::RU, Lang::UK] {
                number_tokens(&text, lang);
            }
        }
    }
}
