//! Translation memories in TMX 1.4b: the data model, a streaming [writer](TmxWriter) and a
//! streaming [reader](TmxReader).
//!
//! A [`Tmx`] is a [`Header`] and a list of translation units ([`Tu`]); a unit holds one
//! variant ([`Tuv`]) per language version (several of one language are allowed), each
//! with its text, and properties ([`Prop`]) and notes on the unit and on each variant.
//!
//! - Writing ([`TmxWriter`], [`write_tmx`], [`write_tmx_file`]) produces TMX 1.4b that
//!   validates against the DTD: escaped text, language codes normalised to BCP 47
//!   ([`normalize_lang`]: `ua` → `uk`, `EN-us` → `en-US`), characters that XML 1.0 forbids
//!   removed and counted ([`WriteReport`]), the same bytes for the same input.
//!   [`write_tmx_file`] never leaves a half-written file.
//! - Reading ([`TmxReader`], [`read_tmx_file`]) streams units one at a time from what CAT
//!   tools export: UTF-8 or UTF-16 with a byte order mark, `xml:lang` or the old `lang`
//!   attribute, inline codes kept as placeholders (see [`TmxReader`] for their form).
//!   External and DTD-declared entities are never expanded.
//!
//! ```
//! use polyalign::tmx::{read_tmx, write_tmx, Header, Tmx, Tu};
//!
//! let mut header = Header::new("en");
//! header.creationdate = Some("20250101T120000Z".into());
//! let tmx = Tmx {
//!     header,
//!     units: vec![Tu::new().with_variant("en", "Kyiv is the capital.").with_variant("ua", "Київ — столиця.")],
//! };
//! let mut bytes = Vec::new();
//! let report = write_tmx(&mut bytes, &tmx)?;
//! assert_eq!(report.units, 1);
//! let xml = String::from_utf8(bytes.clone()).unwrap();
//! assert!(xml.contains(r#"<tuv xml:lang="uk"><seg>Київ — столиця.</seg></tuv>"#));
//!
//! let back = read_tmx(&bytes[..])?;
//! assert_eq!(back.units[0].text("uk"), Some("Київ — столиця."));
//! # Ok::<(), polyalign::tmx::TmxError>(())
//! ```

mod decode;
mod ops;
mod read;
mod write;

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::lang::Lang;

pub use ops::{merge, stats, Stats};
pub use read::{read_tmx, read_tmx_file, TmxReader};
pub use write::{write_tmx, write_tmx_file, TmxWriter, WriteReport, TMX_END};

/// A translation memory: a header and translation units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tmx {
    /// The header.
    pub header: Header,
    /// The translation units, in order.
    pub units: Vec<Tu>,
}

/// The `<header>` of a TMX file: every attribute TMX 1.4b requires, the creation date,
/// and the header's properties and notes.
///
/// [`Header::default`] fills in polyalign's values, stated with each field.
///
/// ```
/// use polyalign::tmx::Header;
///
/// let h = Header::new("ua");
/// assert_eq!(h.srclang, "ua"); // normalised to "uk" when written
/// assert_eq!(h.creationtool, "polyalign");
/// assert_eq!(h.segtype, "sentence");
/// assert_eq!(h.creationdate.as_ref().map(|d| d.len()), Some(16)); // YYYYMMDDThhmmssZ
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The tool that made the file. Default: `"polyalign"`.
    pub creationtool: String,
    /// The version of that tool. Default: this crate's version.
    pub creationtoolversion: String,
    /// The segmentation level: `block`, `paragraph`, `sentence` or `phrase`.
    /// Default: `"sentence"`.
    pub segtype: String,
    /// The format of the memory the data came from (attribute `o-tmf`).
    /// Default: `"polyalign"`.
    pub o_tmf: String,
    /// The language of notes and properties. Default: `"en"`.
    pub adminlang: String,
    /// The source language of the units, or `"*all*"` when any language may be the
    /// source. Default: `"*all*"`.
    pub srclang: String,
    /// The type of the data. Default: `"plaintext"`.
    pub datatype: String,
    /// The creation date, `YYYYMMDDThhmmssZ` in UTC. Default: now, or the time given in
    /// the environment variable `SOURCE_DATE_EPOCH` (seconds since 1970) when it is set,
    /// for reproducible output (see [`creation_date_now`]). `None`: not written.
    pub creationdate: Option<String>,
    /// Properties of the whole file. Default: none.
    pub props: Vec<Prop>,
    /// Notes on the whole file. Default: none.
    pub notes: Vec<String>,
}

impl Default for Header {
    fn default() -> Self {
        Header {
            creationtool: "polyalign".into(),
            creationtoolversion: env!("CARGO_PKG_VERSION").into(),
            segtype: "sentence".into(),
            o_tmf: "polyalign".into(),
            adminlang: "en".into(),
            srclang: "*all*".into(),
            datatype: "plaintext".into(),
            creationdate: Some(creation_date_now()),
            props: Vec::new(),
            notes: Vec::new(),
        }
    }
}

impl Header {
    /// The default header with the given source language (a language code, or `"*all*"`).
    pub fn new(srclang: impl Into<String>) -> Self {
        Header {
            srclang: srclang.into(),
            ..Header::default()
        }
    }
}

/// A property: a typed value (`<prop type="x-doc">article-1</prop>`).
///
/// TMX reserves types that do not start with `x-` for the standard; use `x-` types for
/// your own. The writer writes `kind` as given.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Prop {
    /// The type (attribute `type`), e.g. `"x-doc"`.
    pub kind: String,
    /// The value.
    pub value: String,
}

impl Prop {
    /// A property of the given type and value.
    ///
    /// ```
    /// let p = polyalign::tmx::Prop::new("x-score", "0.97");
    /// assert_eq!((p.kind.as_str(), p.value.as_str()), ("x-score", "0.97"));
    /// ```
    pub fn new(kind: impl Into<String>, value: impl Into<String>) -> Self {
        Prop {
            kind: kind.into(),
            value: value.into(),
        }
    }
}

/// A translation unit: the versions of one segment in several languages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tu {
    /// The unit's identifier (attribute `tuid`), if any.
    pub tuid: Option<String>,
    /// Properties of the unit.
    pub props: Vec<Prop>,
    /// Notes on the unit.
    pub notes: Vec<String>,
    /// The language variants, in order. A unit to be written needs at least one.
    pub variants: Vec<Tuv>,
}

impl Tu {
    /// An empty unit: no identifier, properties, notes or variants.
    pub fn new() -> Self {
        Tu::default()
    }

    /// The unit with a variant added (builder style).
    ///
    /// ```
    /// let tu = polyalign::tmx::Tu::new().with_variant("en", "Hello.").with_variant("ru", "Привет.");
    /// assert_eq!(tu.variants.len(), 2);
    /// ```
    pub fn with_variant(mut self, lang: impl Into<String>, text: impl Into<String>) -> Self {
        self.variants.push(Tuv::new(lang, text));
        self
    }

    /// The text of the first variant in language `lang`, compared after [`normalize_lang`]
    /// (`ua` finds `uk`, `en-us` finds `en-US`). When no variant has exactly that tag, a
    /// variant of the same primary language is taken (`en` finds `en-GB`).
    ///
    /// ```
    /// use polyalign::tmx::Tu;
    ///
    /// let tu = Tu::new().with_variant("EN-GB", "Colour").with_variant("uk-UA", "Колір");
    /// assert_eq!(tu.text("en-gb"), Some("Colour"));
    /// assert_eq!(tu.text("en"), Some("Colour"));
    /// assert_eq!(tu.text("ua"), Some("Колір"));
    /// assert_eq!(tu.text("ru"), None);
    /// ```
    pub fn text(&self, lang: &str) -> Option<&str> {
        self.variant(lang).map(|v| v.text.as_str())
    }

    /// The first variant in language `lang`, matched as in [`Tu::text`].
    pub fn variant(&self, lang: &str) -> Option<&Tuv> {
        let want = normalize_lang(lang);
        // Tags equal but for case need no normalising (which looks the language up).
        let same = |tag: &str, want: &str| {
            tag.eq_ignore_ascii_case(want) || normalize_lang(tag).eq_ignore_ascii_case(want)
        };
        let exact = self.variants.iter().find(|v| same(&v.lang, &want));
        exact.or_else(|| {
            let primary = primary_subtag(&want);
            self.variants
                .iter()
                .find(|v| same(primary_subtag(&v.lang), primary))
        })
    }
}

/// A translation unit variant: the text of a unit in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tuv {
    /// The language (attribute `xml:lang`): a BCP 47 tag as written in the file; the writer
    /// normalises it with [`normalize_lang`].
    pub lang: String,
    /// The text of the segment. When read, inline codes are placeholders (see
    /// [`TmxReader`]).
    pub text: String,
    /// Properties of the variant.
    pub props: Vec<Prop>,
    /// Notes on the variant.
    pub notes: Vec<String>,
}

impl Tuv {
    /// A variant with a language and a text, without properties or notes.
    pub fn new(lang: impl Into<String>, text: impl Into<String>) -> Self {
        Tuv {
            lang: lang.into(),
            text: text.into(),
            props: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// Normalises a language tag to BCP 47 form, as the writer does.
///
/// When the primary language is known to [`Lang`] (every ISO 639-1 code, also spelt `ua`,
/// `eng`, `rus`, `ukr`), it becomes its two-letter code and the other subtags keep their
/// meaning with BCP 47 case: regions upper case (`US`), scripts title case (`Latn`), the
/// rest lower case; `_` becomes `-`. Other tags (`*all*`, `x-klingon`, `fil-PH`) are
/// returned as given.
///
/// ```
/// use polyalign::tmx::normalize_lang;
///
/// assert_eq!(normalize_lang("ua"), "uk");
/// assert_eq!(normalize_lang("UA-ua"), "uk-UA");
/// assert_eq!(normalize_lang("EN-us"), "en-US");
/// assert_eq!(normalize_lang("sr_latn_rs"), "sr-Latn-RS");
/// assert_eq!(normalize_lang("*all*"), "*all*");
/// assert_eq!(normalize_lang("x-Klingon"), "x-Klingon");
/// ```
pub fn normalize_lang(tag: &str) -> String {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    if primary.is_empty() || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return tag.to_string();
    }
    let Ok(lang) = primary.parse::<Lang>() else {
        return tag.to_string();
    };
    let mut out = String::with_capacity(tag.len());
    out.push_str(lang.code());
    // After a singleton (`x`, `u`, ...) every subtag is an extension: lower case.
    let mut extension = false;
    for part in parts {
        out.push('-');
        let alpha = part.bytes().all(|b| b.is_ascii_alphabetic());
        if part.len() == 1 {
            extension = true;
        }
        if !extension && alpha && part.len() == 2 {
            out.push_str(&part.to_ascii_uppercase());
        } else if !extension && alpha && part.len() == 4 {
            out.push_str(&part[..1].to_ascii_uppercase());
            out.push_str(&part[1..].to_ascii_lowercase());
        } else {
            out.push_str(&part.to_ascii_lowercase());
        }
    }
    out
}

fn primary_subtag(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or("")
}

/// The current time as a TMX date (`YYYYMMDDThhmmssZ`, UTC), or the time in the
/// environment variable `SOURCE_DATE_EPOCH` (seconds since 1970) when it holds a number,
/// so that builds and tests can make byte-identical files.
pub fn creation_date_now() -> String {
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok());
    let secs = from_env.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    });
    format_tmx_date(secs)
}

/// Formats seconds since 1970-01-01 UTC as a TMX date, `YYYYMMDDThhmmssZ`.
///
/// ```
/// assert_eq!(polyalign::tmx::format_tmx_date(0), "19700101T000000Z");
/// assert_eq!(polyalign::tmx::format_tmx_date(1_735_732_800), "20250101T120000Z");
/// ```
pub fn format_tmx_date(secs: u64) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a (year, month, day) of the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// An error reading or writing TMX.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TmxError {
    /// Reading or writing failed.
    #[error("{}{source}", .path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    Io {
        /// The file, when the error concerns one.
        path: Option<PathBuf>,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is not well-formed XML, or not TMX as the reader understands it (a
    /// `<tuv>` without a language, an unknown entity, a file that ends inside a unit).
    #[error("malformed TMX at line {line}, column {column}: {message}")]
    Malformed {
        /// Line number, from 1.
        line: u64,
        /// Column number in characters, from 1.
        column: u64,
        /// Byte offset into the text as UTF-8 (after transcoding from UTF-16, without the
        /// byte order mark).
        offset: u64,
        /// What is wrong.
        message: String,
    },
    /// The root element is not `<tmx>`, or there is none.
    #[error("not a TMX file: {}", if .root.is_empty() { "no root element".to_string() } else { format!("the root element is <{}> (line {}, column {}), not <tmx>", .root, .line, .column) })]
    NotTmx {
        /// The name of the root element found; empty when there is none.
        root: String,
        /// Line of the root element, from 1.
        line: u64,
        /// Column of the root element, from 1.
        column: u64,
    },
    /// The bytes are not valid in the file's encoding (UTF-8, or UTF-16 with a byte order
    /// mark), or the file declares an encoding the reader does not support.
    #[error("encoding error at line {line}, column {column}: {message}")]
    Encoding {
        /// Line number, from 1.
        line: u64,
        /// Column number in characters, from 1.
        column: u64,
        /// Byte offset into the text as UTF-8 decoded so far.
        offset: u64,
        /// What is wrong.
        message: String,
    },
    /// A unit given to the writer cannot be written as valid TMX (it has no variant).
    #[error("unit {unit} cannot be written: {message}")]
    InvalidUnit {
        /// The index of the unit among those written, from 0.
        unit: usize,
        /// What is wrong.
        message: String,
    },
}

impl TmxError {
    pub(crate) fn io(path: Option<&std::path::Path>, source: std::io::Error) -> Self {
        TmxError::Io {
            path: path.map(|p| p.to_path_buf()),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_language_tags() {
        for (input, want) in [
            ("en", "en"),
            ("EN", "en"),
            ("en-US", "en-US"),
            ("EN-us", "en-US"),
            ("en_gb", "en-GB"),
            ("ua", "uk"),
            ("UA", "uk"),
            ("uk-UA", "uk-UA"),
            ("ua-UA", "uk-UA"),
            ("ukr", "uk"),
            ("zh-hant-tw", "zh-Hant-TW"),
            ("de-CH-1996", "de-CH-1996"),
            ("es-419", "es-419"),
            ("en-US-x-Twain", "en-US-x-twain"),
            ("*all*", "*all*"),
            ("x-klingon", "x-klingon"),
            ("fil-PH", "fil-PH"),
            ("", ""),
            ("12", "12"),
        ] {
            assert_eq!(normalize_lang(input), want, "input {input:?}");
        }
    }

    #[test]
    fn formats_dates() {
        for (secs, want) in [
            (0, "19700101T000000Z"),
            (951_782_400, "20000229T000000Z"),
            (1_735_732_800, "20250101T120000Z"),
            (4_102_444_799, "20991231T235959Z"),
        ] {
            assert_eq!(format_tmx_date(secs), want, "secs {secs}");
        }
    }

    #[test]
    fn finds_variants_by_language() {
        let tu = Tu::new()
            .with_variant("en-US", "Color")
            .with_variant("en-GB", "Colour")
            .with_variant("uk", "Колір");
        for (query, want) in [
            ("en-GB", Some("Colour")),
            ("en_us", Some("Color")),
            ("en", Some("Color")),
            ("en-AU", Some("Color")),
            ("ua", Some("Колір")),
            ("UK-UA", Some("Колір")),
            ("ru", None),
        ] {
            assert_eq!(tu.text(query), want, "query {query:?}");
        }
    }

    #[test]
    fn error_messages_say_where() {
        let e = TmxError::Malformed {
            line: 3,
            column: 7,
            offset: 40,
            message: "x".into(),
        };
        assert_eq!(e.to_string(), "malformed TMX at line 3, column 7: x");
        let e = TmxError::NotTmx {
            root: "html".into(),
            line: 1,
            column: 1,
        };
        assert!(e.to_string().contains("<html>"), "{e}");
        let e = TmxError::io(
            Some(std::path::Path::new("a.tmx")),
            std::io::Error::new(std::io::ErrorKind::NotFound, "gone"),
        );
        assert_eq!(e.to_string(), "a.tmx: gone");
    }
}
