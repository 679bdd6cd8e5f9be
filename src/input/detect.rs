//! Which encoding a text is in.

use encoding_rs::{
    Encoding, IBM866, ISO_8859_5, KOI8_R, KOI8_U, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1251,
    WINDOWS_1252,
};

use super::{line_of, How, InputError, ReadOptions};
use crate::lang::Lang;

/// The encoding a label names: the WHATWG labels (`utf-8`, `windows-1251`, `cp1251`,
/// `koi8-r`, `koi8-u`, `iso-8859-5`, `cp866`, `utf-16le`, `latin1`, ...), any case.
///
/// ```
/// use polyalign::input::encoding_for_label;
/// assert_eq!(encoding_for_label("CP1251").unwrap().name(), "windows-1251");
/// assert_eq!(encoding_for_label("ibm866").unwrap().name(), "IBM866");
/// assert!(encoding_for_label("klingon").is_none());
/// ```
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim();
    // Common spellings the WHATWG list leaves out.
    let label = match label.to_ascii_lowercase().as_str() {
        "cp-1251" | "win-1251" | "win1251" => "windows-1251",
        "cp-866" | "dos-866" => "cp866",
        "utf16" | "utf16le" => "utf-16le",
        "utf16be" => "utf-16be",
        "utf8" => "utf-8",
        _ => label,
    };
    Encoding::for_label(label.as_bytes())
}

/// The single-byte encodings tried when a text is not UTF-8, in the order that breaks a
/// tie for a text in `lang`.
fn candidates(lang: Option<Lang>) -> Vec<&'static Encoding> {
    let cyrillic = if lang == Some(Lang::UK) {
        [WINDOWS_1251, KOI8_U, KOI8_R, ISO_8859_5, IBM866]
    } else {
        [WINDOWS_1251, KOI8_R, KOI8_U, ISO_8859_5, IBM866]
    };
    if lang.is_some_and(|l| !l.is_cyrillic()) {
        std::iter::once(WINDOWS_1252).chain(cyrillic).collect()
    } else {
        cyrillic.into_iter().chain([WINDOWS_1252]).collect()
    }
}

/// Decodes `bytes` in `encoding` without replacement; the offset of the first malformed
/// byte otherwise.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            Err(read.saturating_sub(bad as usize + after as usize))
        }
        // The buffer holds the worst case; should it not, decode the slow way.
        encoding_rs::DecoderResult::OutputFull => encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|c| c.into_owned())
            .ok_or(read),
    }
}

/// Reads text bytes: see [`super::decode`].
pub(super) fn decode_text(
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(String, &'static Encoding, How), InputError> {
    let malformed = |encoding: &'static Encoding, at: usize, start: usize| InputError::Malformed {
        encoding: encoding.name(),
        offset: (start + at) as u64,
        line: line_of(bytes, start + at),
    };
    // A byte order mark says the encoding, unless one is given.
    let bom = Encoding::for_bom(bytes);
    if let Some(encoding) = options.encoding {
        let start = match bom {
            Some((e, len)) if e == encoding => len,
            _ => 0,
        };
        let text =
            strict(encoding, &bytes[start..]).map_err(|at| malformed(encoding, at, start))?;
        nul_free(&text, bytes)?;
        return Ok((text, encoding, How::Given));
    }
    if let Some((encoding, len)) = bom {
        let text = strict(encoding, &bytes[len..]).map_err(|at| malformed(encoding, at, len))?;
        nul_free(&text, bytes)?;
        let how = if encoding == UTF_8 {
            How::Utf8
        } else {
            How::Bom
        };
        return Ok((text, encoding, how));
    }
    if let Some(encoding) = utf16_by_zeros(bytes) {
        if let Ok(text) = strict(encoding, bytes) {
            if !text.contains('\0') {
                return Ok((text, encoding, How::Utf16Guessed));
            }
        }
    }
    if let Some(pos) = memchr::memchr(0, bytes) {
        return Err(InputError::Binary {
            offset: pos as u64,
            line: line_of(bytes, pos),
        });
    }
    let bad = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_string(), UTF_8, How::Utf8)),
        Err(e) => e.valid_up_to(),
    };
    // UTF-8 with a bad byte (its other bytes above ASCII are UTF-8): a damaged file, not
    // another encoding.
    if mostly_utf8(bytes) {
        return Err(InputError::InvalidUtf8 {
            offset: bad as u64,
            line: line_of(bytes, bad),
        });
    }
    // Not UTF-8: the single-byte encoding whose text reads most like the language.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // The encoding is judged on the first [`SAMPLE`] bytes, and the whole text decoded
    // in the one chosen (all of it again when that one fails further on).
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    detector.feed(sample, sample.len() == bytes.len());
    let guess = match detector.guess(None, chardetng::Utf8Detection::Deny) {
        // chardetng says KOI8-U for both KOI8s; they differ in Ukrainian letters only.
        g if g == KOI8_U && options.lang != Some(Lang::UK) => KOI8_R,
        g => g,
    };
    let tried = candidates(options.lang);
    let mut best = choose(sample, &tried, guess, options.lang);
    if sample.len() < bytes.len() {
        best = best
            .and_then(|(score, encoding, _)| Some((score, encoding, strict(encoding, bytes).ok()?)))
            .or_else(|| choose(bytes, &tried, guess, options.lang));
    }
    match best {
        Some((score, encoding, text)) if score >= MIN_PLAUSIBILITY => {
            Ok((text, encoding, How::Detected))
        }
        _ => Err(InputError::NoEncoding {
            offset: bad as u64,
            line: line_of(bytes, bad),
            tried: tried
                .iter()
                .map(|e| e.name())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// The bytes on which the encoding of a text is judged.
const SAMPLE: usize = 256 << 10;

/// Of the encodings `tried`, the one that decodes `bytes` into the most plausible text,
/// with its score and the text; chardetng's `guess` settles a near tie.
fn choose(
    bytes: &[u8],
    tried: &[&'static Encoding],
    guess: &'static Encoding,
    lang: Option<Lang>,
) -> Option<(f64, &'static Encoding, String)> {
    let mut best: Option<(f64, &'static Encoding, String)> = None;
    for &encoding in tried {
        let Ok(text) = strict(encoding, bytes) else {
            continue;
        };
        let mut score = plausibility(&text, lang);
        // chardetng's choice, from byte pair frequencies, settles a near tie (a short
        // text).
        if encoding == guess {
            score += 0.02;
        }
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, encoding, text));
        }
    }
    best
}

/// Whether `bytes` are mostly UTF-8: nine in ten of their bytes above ASCII belong to
/// well-formed UTF-8 characters. A single-byte text has such pairs by chance (`Ці` in
/// Windows-1251 is a UTF-8 character), but few; a UTF-8 text with a damaged byte has
/// nearly all.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let high = |b: &[u8]| b.iter().filter(|&&c| c >= 0x80).count();
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += high(s.as_bytes());
                break;
            }
            Err(e) => {
                good += high(&rest[..e.valid_up_to()]);
                let len = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                bad += len;
                rest = &rest[e.valid_up_to() + len..];
            }
        }
    }
    good > 0 && good >= 9 * bad
}

/// The least [`plausibility`] for a text detected to be in an encoding.
const MIN_PLAUSIBILITY: f64 = 0.6;

/// An error when the decoded text holds a NUL character (a text with a byte order mark
/// is still to be text).
fn nul_free(text: &str, bytes: &[u8]) -> Result<(), InputError> {
    match text.find('\0') {
        None => Ok(()),
        Some(pos) => {
            // The offset in the input is that of the character, counted in the output;
            // close enough for a message, exact for single-byte and UTF-8 input.
            let offset = pos.min(bytes.len());
            Err(InputError::Binary {
                offset: offset as u64,
                line: 1 + text[..pos].matches('\n').count() as u64,
            })
        }
    }
}

/// UTF-16 without a byte order mark: in its first 4 KB, zero or Cyrillic-page (`0x04`)
/// high bytes at one parity in most characters, and hardly any zero at the other.
fn utf16_by_zeros(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let high = |i: usize| matches!(head[i], 0x00 | 0x04);
    let zero = |i: usize| head[i] == 0;
    let even_high = (0..pairs).filter(|&k| high(2 * k)).count();
    let odd_high = (0..pairs).filter(|&k| high(2 * k + 1)).count();
    let even_zero = (0..pairs).filter(|&k| zero(2 * k)).count();
    let odd_zero = (0..pairs).filter(|&k| zero(2 * k + 1)).count();
    if odd_high * 10 >= pairs * 7 && even_zero * 20 <= pairs && odd_zero > 0 {
        Some(UTF_16LE)
    } else if even_high * 10 >= pairs * 7 && odd_zero * 20 <= pairs && even_zero > 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// How much a decoded text reads like text in `lang` (or in any of the Cyrillic and
/// Latin scripts when no language is given), from 0 to 1: the share of its letters in
/// the language's script, less what wrong decodings give away: a capital inside a word of
/// small letters (a KOI8 text read as Windows-1251 swaps the cases), box-drawing and
/// control characters (Windows-1251 read as CP866), and letters of other scripts.
fn plausibility(text: &str, lang: Option<Lang>) -> f64 {
    let mut letters = 0usize;
    let mut good = 0usize;
    let mut bad = 0usize;
    let in_script = |c: char| {
        let cyrillic = crate::lang::is_cyrillic_letter(c);
        let latin = c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c);
        // Russian and Ukrainian use the basic Cyrillic letters and a few more; the
        // letters of other Cyrillic alphabets (`ђ`, `ѓ`, `ќ`) are what ISO-8859-5 read
        // for Windows-1251 gives.
        let russian_or_ukrainian = ('\u{410}'..='\u{44F}').contains(&c) || "ЁёІіЇїЄєҐґ".contains(c);
        match lang {
            Some(l) if l == Lang::RU || l == Lang::UK => russian_or_ukrainian,
            Some(l) if l.is_cyrillic() => cyrillic,
            Some(_) => latin,
            None => cyrillic || latin,
        }
    };
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        let n = word.chars().count();
        letters += n;
        // Small letters, capitals, or a capital and small letters: anything else is
        // what a code page with the cases swapped gives (`лХМХЯРП`).
        let mut rest = word.chars().skip(1);
        let cased = word.chars().all(|c| !c.is_uppercase())
            || word.chars().all(|c| !c.is_lowercase())
            || rest.all(|c| !c.is_uppercase());
        if !cased {
            bad += n;
            continue;
        }
        for c in word.chars() {
            if in_script(c) {
                good += 1;
            } else if !c.is_ascii() {
                // A non-ASCII Latin letter in a Cyrillic text, or a Cyrillic one in a
                // Latin text: what a wrong code page gives.
                bad += 1;
            }
        }
    }
    for c in text.chars().filter(|c| !c.is_alphabetic()) {
        let u = c as u32;
        if (0x80..0xA0).contains(&u)
            || (0x2500..0x25A0).contains(&u)
            || (u < 0x20 && !c.is_whitespace())
        {
            bad += 1;
        }
    }
    if letters == 0 {
        return 0.0;
    }
    (good as f64 - 2.0 * bad as f64).max(0.0) / letters as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausibility_prefers_the_right_code_page() {
        let ru = "Министр внутренней безопасности США посетила тюрьму в Сальвадоре.";
        for wrong in [KOI8_R, ISO_8859_5, IBM866, WINDOWS_1252] {
            let (bytes, _, _) = WINDOWS_1251.encode(ru);
            let misread = wrong.decode_without_bom_handling(&bytes).0;
            let (bad, good) = (
                plausibility(&misread, Some(Lang::RU)),
                plausibility(ru, Some(Lang::RU)),
            );
            assert!(bad < good - 0.3, "{}: {misread} {bad} {good}", wrong.name());
        }
    }

    #[test]
    fn labels_include_the_usual_spellings() {
        for (label, name) in [
            ("cp1251", "windows-1251"),
            ("Windows-1251", "windows-1251"),
            ("koi8-r", "KOI8-R"),
            ("koi8-u", "KOI8-U"),
            ("iso-8859-5", "ISO-8859-5"),
            ("cp866", "IBM866"),
            ("utf16", "UTF-16LE"),
            ("latin1", "windows-1252"),
        ] {
            assert_eq!(
                encoding_for_label(label).map(|e| e.name()),
                Some(name),
                "{label}"
            );
        }
    }
}
