//! The streaming TMX reader.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::decode::Source;
use super::{Header, Prop, Tmx, TmxError, Tu, Tuv};

type Xml<R> = Reader<Source<R>>;

/// Reads a TMX file one translation unit at a time, so memory stays small on memories of
/// any size.
///
/// The reader loads what translation tools export:
/// - UTF-8 (with or without a byte order mark) and UTF-16 LE or BE (with a byte order
///   mark, as Trados and memoQ write, or starting with `<?xml`), transcoded to UTF-8 as it
///   goes. A file that declares another encoding is refused ([`TmxError::Encoding`]).
/// - The language from `xml:lang`, or the `lang` attribute of TMX 1.1–1.3, kept as
///   written (`EN-GB`, `uk-UA`): [`Tu::text`] matches them case-insensitively.
/// - Properties and notes on the header, units and variants; several variants of one
///   language in a unit; elements the reader does not know are skipped.
/// - Line breaks in text are normalised as XML requires (`\r\n` → `\n`); a `&#13;`
///   reference stays a carriage return.
///
/// Inline codes in `<seg>` become placeholders, so that the text stays usable; the native
/// code inside them (such as `&lt;b&gt;`) and their `<sub>` flows are dropped:
///
/// | element | placeholder | without the attribute |
/// |---|---|---|
/// | `<bpt i="1">` | `{1}` | `{bpt}` |
/// | `<ept i="1">` | `{/1}` | `{ept}` |
/// | `<it pos="begin" x="2">`, `<it pos="end" x="2">` | `{2}`, `{/2}` | `{it}` |
/// | `<ph x="3">`, `<ut x="3">` | `{3/}` | `{ph}`, `{ut}` |
/// | `<hi>` | its text, without a placeholder | |
///
/// Text that already contains such braces is not escaped, so a placeholder cannot be
/// told from literal text: reading inline markup is one way.
///
/// Entities are never expanded beyond the five predefined ones (`&lt;` `&gt;` `&amp;`
/// `&apos;` `&quot;`) and character references: a DTD is not read, and an entity it
/// declares is an error, as are external entities.
///
/// Errors are [`TmxError::Malformed`] (with line and column), [`TmxError::NotTmx`],
/// [`TmxError::Encoding`] and [`TmxError::Io`]. After an error the iterator ends: the
/// units before it are never the whole file.
///
/// ```
/// use polyalign::tmx::TmxReader;
///
/// let xml = r#"<?xml version="1.0"?>
/// <tmx version="1.4"><header srclang="en" creationtool="t" creationtoolversion="1"
///   segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>
/// <body>
///   <tu tuid="7"><note>checked</note>
///     <tuv xml:lang="EN-US"><seg>Press <bpt i="1">&lt;b></bpt>Save<ept i="1">&lt;/b></ept>.</seg></tuv>
///     <tuv lang="uk-UA"><seg>Натисніть <bpt i="1">&lt;b></bpt>Зберегти<ept i="1">&lt;/b></ept>.</seg></tuv>
///   </tu>
/// </body></tmx>"#;
/// let mut reader = TmxReader::new(xml.as_bytes());
/// assert_eq!(reader.header()?.srclang, "en");
/// let units = reader.collect::<Result<Vec<_>, _>>()?;
/// assert_eq!(units[0].tuid.as_deref(), Some("7"));
/// assert_eq!(units[0].notes, ["checked"]);
/// assert_eq!(units[0].text("en"), Some("Press {1}Save{/1}."));
/// assert_eq!(units[0].variants[1].lang, "uk-UA");
/// # Ok::<(), polyalign::tmx::TmxError>(())
/// ```
pub struct TmxReader<R: Read> {
    xml: Xml<R>,
    buf: Vec<u8>,
    header: Option<Header>,
    state: State,
    /// Line and column of `<tmx>` and `<body>`.
    root: (u64, u64),
    body: (u64, u64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the header.
    Prolog,
    /// Inside `<body>`.
    Body,
    /// After `</tmx>`.
    Done,
    /// An error was returned.
    Failed,
}

impl<R: Read> TmxReader<R> {
    /// A reader of the TMX in `input`. Nothing is read until the header or the first unit
    /// is asked for. The reader buffers its input: a [`std::fs::File`] needs no
    /// `BufReader` (one does no harm).
    pub fn new(input: R) -> Self {
        let mut xml = Reader::from_reader(Source::new(input));
        let config = xml.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.trim_text(false);
        TmxReader {
            xml,
            buf: Vec::with_capacity(1024),
            header: None,
            state: State::Prolog,
            root: (0, 0),
            body: (0, 0),
        }
    }

    /// The header, read from the input (up to `<body>`) on the first call. Its errors are
    /// those of the first unit; once one has been returned, asking again gives
    /// [`TmxError::Malformed`] "an earlier error stopped the reader".
    pub fn header(&mut self) -> Result<&Header, TmxError> {
        if self.state == State::Prolog {
            if let Err(e) = self.start() {
                self.state = State::Failed;
                return Err(e);
            }
        }
        match &self.header {
            Some(h) => Ok(h),
            None => Err(malformed(
                &self.xml,
                self.xml.buffer_position(),
                "an earlier error stopped the reader",
            )),
        }
    }

    /// Reads the prolog and the header, up to and including `<body>`.
    fn start(&mut self) -> Result<(), TmxError> {
        let (xml, buf) = (&mut self.xml, &mut self.buf);
        let mut at = 0;
        let root;
        loop {
            match next(xml, buf, &mut at)? {
                Event::Decl(d) => {
                    if let Some(Ok(enc)) = d.encoding() {
                        check_declared_encoding(xml, at, &String::from_utf8_lossy(&enc))?;
                    }
                }
                Event::Start(e) if e.local_name().as_ref() == b"tmx" => {
                    root = opened(xml, at);
                    break;
                }
                Event::Start(e) => {
                    let root = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    return Err(not_tmx(xml, at, root));
                }
                Event::Text(t) if is_blank(&t) => {}
                Event::Eof | Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    return Err(not_tmx(xml, at, String::new()))
                }
                _ => {}
            }
        }
        let mut header = None;
        loop {
            match next(xml, buf, &mut at)? {
                Event::Start(e) => match e.local_name().as_ref() {
                    b"header" => {
                        let h = header_attributes(xml, at, &e)?;
                        header = Some(read_header(xml, buf, h, at)?);
                    }
                    b"body" if header.is_none() => {
                        return Err(malformed(xml, at, "<body> without a <header> before it"))
                    }
                    b"body" => break,
                    _ => skip(xml, buf, at)?,
                },
                Event::End(_) => return Err(malformed(xml, at, "<tmx> without a <body>")),
                Event::Eof => return Err(unexpected_eof(xml, at, "<tmx>", root)),
                _ => {}
            }
        }
        self.header = header;
        self.root = root;
        self.body = opened(xml, at);
        self.state = State::Body;
        Ok(())
    }

    /// The next unit, or `None` after `</body>` and the end of the file.
    fn next_unit(&mut self) -> Result<Option<Tu>, TmxError> {
        let (xml, buf) = (&mut self.xml, &mut self.buf);
        let mut at = 0;
        loop {
            match next(xml, buf, &mut at)? {
                Event::Start(e) if e.local_name().as_ref() == b"tu" => {
                    let tuid = attribute(xml, at, &e, b"tuid")?;
                    return read_tu(xml, buf, tuid, at).map(Some);
                }
                Event::Start(_) => skip(xml, buf, at)?,
                Event::End(_) => break,
                Event::Eof => return Err(unexpected_eof(xml, at, "<body>", self.body)),
                _ => {}
            }
        }
        // After </body>: </tmx>, then nothing but white space, comments and PIs.
        loop {
            match next(xml, buf, &mut at)? {
                Event::Start(_) => skip(xml, buf, at)?,
                Event::End(_) => break,
                Event::Eof => return Err(unexpected_eof(xml, at, "<tmx>", self.root)),
                _ => {}
            }
        }
        loop {
            match next(xml, buf, &mut at)? {
                Event::Eof => break,
                Event::Text(t) if is_blank(&t) => {}
                Event::Comment(_) | Event::PI(_) => {}
                _ => return Err(malformed(xml, at, "content after the end of </tmx>")),
            }
        }
        self.state = State::Done;
        Ok(None)
    }
}

impl<R: Read> Iterator for TmxReader<R> {
    type Item = Result<Tu, TmxError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.state == State::Prolog {
            if let Err(e) = self.start() {
                self.state = State::Failed;
                return Some(Err(e));
            }
        }
        if self.state != State::Body {
            return None;
        }
        match self.next_unit() {
            Ok(tu) => tu.map(Ok),
            Err(e) => {
                self.state = State::Failed;
                Some(Err(e))
            }
        }
    }
}

impl<R: Read> std::iter::FusedIterator for TmxReader<R> {}

/// Reads a whole TMX memory from `input` (see [`TmxReader`] for what is accepted).
pub fn read_tmx<R: Read>(input: R) -> Result<Tmx, TmxError> {
    let mut reader = TmxReader::new(input);
    let header = reader.header()?.clone();
    let units = reader.collect::<Result<Vec<_>, _>>()?;
    Ok(Tmx { header, units })
}

/// Reads a whole TMX file (see [`TmxReader`] for what is accepted). I/O errors name the
/// file.
pub fn read_tmx_file(path: impl AsRef<Path>) -> Result<Tmx, TmxError> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| TmxError::io(Some(path), e))?;
    read_tmx(file).map_err(|e| match e {
        TmxError::Io { path: None, source } => TmxError::io(Some(path), source),
        other => other,
    })
}

/// Reads the next event, after marking its start (`at`) for error positions.
fn next<'b, R: Read>(
    xml: &mut Xml<R>,
    buf: &'b mut Vec<u8>,
    at: &mut u64,
) -> Result<Event<'b>, TmxError> {
    buf.clear();
    *at = xml.buffer_position();
    xml.get_mut().set_mark(*at);
    xml.read_event_into(buf).map_err(|e| xml_error(xml, e))
}

fn xml_error<R: Read>(xml: &mut Xml<R>, error: quick_xml::Error) -> TmxError {
    if let Some(failure) = xml.get_mut().take_failure() {
        return failure;
    }
    match error {
        quick_xml::Error::Io(e) => TmxError::io(None, std::io::Error::new(e.kind(), e.to_string())),
        other => malformed(xml, xml.error_position(), other.to_string()),
    }
}

fn malformed<R: Read>(xml: &Xml<R>, offset: u64, message: impl Into<String>) -> TmxError {
    let (line, column) = xml.get_ref().position(offset);
    TmxError::Malformed {
        line,
        column,
        offset,
        message: message.into(),
    }
}

fn not_tmx<R: Read>(xml: &Xml<R>, offset: u64, root: String) -> TmxError {
    let (line, column) = xml.get_ref().position(offset);
    TmxError::NotTmx { root, line, column }
}

/// The line and column of the element opened at `offset`, which must be the last mark
/// (the start of the event just read), so that it costs nothing.
fn opened<R: Read>(xml: &Xml<R>, offset: u64) -> (u64, u64) {
    xml.get_ref().position(offset)
}

/// The file ended (at `offset`) inside an element opened at `open` (line, column).
fn unexpected_eof<R: Read>(xml: &Xml<R>, offset: u64, element: &str, open: (u64, u64)) -> TmxError {
    malformed(
        xml,
        offset,
        format!(
            "the file ends inside the {element} opened at line {}, column {}: \
             it is truncated or not well-formed",
            open.0, open.1
        ),
    )
}

fn check_declared_encoding<R: Read>(xml: &Xml<R>, at: u64, name: &str) -> Result<(), TmxError> {
    let known = [
        "utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "ucs-2", "us-ascii", "ascii",
    ];
    if known.iter().any(|k| k.eq_ignore_ascii_case(name)) {
        return Ok(());
    }
    let (line, column) = xml.get_ref().position(at);
    Err(TmxError::Encoding {
        line,
        column,
        offset: at,
        message: format!(
            "the file declares encoding {name:?}; only UTF-8 and UTF-16 are read: \
             convert it first (iconv -f {name} -t UTF-8)"
        ),
    })
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// The value of attribute `key` of an element, normalised as XML requires.
fn attribute<R: Read>(
    xml: &Xml<R>,
    at: u64,
    e: &BytesStart,
    key: &[u8],
) -> Result<Option<String>, TmxError> {
    let mut found = None;
    // Every attribute is checked (duplicates, syntax), not only up to `key`.
    for a in e.attributes() {
        let a = a.map_err(|err| malformed(xml, at, err.to_string()))?;
        if a.key.as_ref() == key && found.is_none() {
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| malformed(xml, at, err.to_string()))?;
            found = Some(value.into_owned());
        }
    }
    Ok(found)
}

fn header_attributes<R: Read>(xml: &Xml<R>, at: u64, e: &BytesStart) -> Result<Header, TmxError> {
    let mut h = Header {
        creationtool: String::new(),
        creationtoolversion: String::new(),
        segtype: String::new(),
        o_tmf: String::new(),
        adminlang: String::new(),
        srclang: String::new(),
        datatype: String::new(),
        creationdate: None,
        props: Vec::new(),
        notes: Vec::new(),
    };
    for a in e.attributes() {
        let a = a.map_err(|err| malformed(xml, at, err.to_string()))?;
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| malformed(xml, at, err.to_string()))?
            .into_owned();
        match a.key.as_ref() {
            b"creationtool" => h.creationtool = value,
            b"creationtoolversion" => h.creationtoolversion = value,
            b"segtype" => h.segtype = value,
            b"o-tmf" => h.o_tmf = value,
            b"adminlang" => h.adminlang = value,
            b"srclang" => h.srclang = value,
            b"datatype" => h.datatype = value,
            b"creationdate" => h.creationdate = Some(value),
            _ => {}
        }
    }
    Ok(h)
}

/// Reads the children of `<header>`: properties and notes.
fn read_header<R: Read>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    mut h: Header,
    open: u64,
) -> Result<Header, TmxError> {
    let open = opened(xml, open);
    let mut at = 0;
    loop {
        match next(xml, buf, &mut at)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"prop" => {
                    let kind = attribute(xml, at, &e, b"type")?.unwrap_or_default();
                    h.props.push(Prop {
                        kind,
                        value: read_text(xml, buf, at, "<prop>")?,
                    });
                }
                b"note" => h.notes.push(read_text(xml, buf, at, "<note>")?),
                _ => skip(xml, buf, at)?,
            },
            Event::End(_) => return Ok(h),
            Event::Eof => return Err(unexpected_eof(xml, at, "<header>", open)),
            _ => {}
        }
    }
}

fn read_tu<R: Read>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    tuid: Option<String>,
    open: u64,
) -> Result<Tu, TmxError> {
    let open = opened(xml, open);
    let mut tu = Tu {
        tuid,
        ..Tu::default()
    };
    let mut at = 0;
    loop {
        match next(xml, buf, &mut at)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"tuv" => {
                    let lang = match attribute(xml, at, &e, b"xml:lang")? {
                        Some(lang) => lang,
                        None => attribute(xml, at, &e, b"lang")?.ok_or_else(|| {
                            malformed(xml, at, "<tuv> without a language (xml:lang)")
                        })?,
                    };
                    tu.variants.push(read_tuv(xml, buf, lang, at)?);
                }
                b"prop" => {
                    let kind = attribute(xml, at, &e, b"type")?.unwrap_or_default();
                    let value = read_text(xml, buf, at, "<prop>")?;
                    tu.props.push(Prop { kind, value });
                }
                b"note" => tu.notes.push(read_text(xml, buf, at, "<note>")?),
                _ => skip(xml, buf, at)?,
            },
            Event::End(_) => return Ok(tu),
            Event::Eof => return Err(unexpected_eof(xml, at, "<tu>", open)),
            _ => {}
        }
    }
}

fn read_tuv<R: Read>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    lang: String,
    open: u64,
) -> Result<Tuv, TmxError> {
    let open = opened(xml, open);
    let mut tuv = Tuv::new(lang, String::new());
    let mut at = 0;
    loop {
        match next(xml, buf, &mut at)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"seg" => read_seg(xml, buf, &mut tuv.text, at)?,
                b"prop" => {
                    let kind = attribute(xml, at, &e, b"type")?.unwrap_or_default();
                    let value = read_text(xml, buf, at, "<prop>")?;
                    tuv.props.push(Prop { kind, value });
                }
                b"note" => tuv.notes.push(read_text(xml, buf, at, "<note>")?),
                _ => skip(xml, buf, at)?,
            },
            Event::End(_) => return Ok(tuv),
            Event::Eof => return Err(unexpected_eof(xml, at, "<tuv>", open)),
            _ => {}
        }
    }
}

/// What an element inside `<seg>` does to the text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Inline {
    /// `bpt`, `ept`, `it`, `ph`, `ut`, `sub`: a placeholder; the content is dropped.
    Code,
    /// `hi` and unknown elements: the content is text.
    Text,
}

/// Reads the content of `<seg>` into `text`, inline codes as placeholders.
fn read_seg<R: Read>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    text: &mut String,
    open: u64,
) -> Result<(), TmxError> {
    let open = opened(xml, open);
    let mut stack: Vec<Inline> = Vec::new();
    let mut in_code = 0usize;
    let mut at = 0;
    loop {
        match next(xml, buf, &mut at)? {
            Event::Text(t) if in_code == 0 => {
                let s = t
                    .xml10_content()
                    .map_err(|e| malformed(xml, at, e.to_string()))?;
                text.push_str(&s);
            }
            Event::CData(c) if in_code == 0 => {
                let s = c
                    .xml10_content()
                    .map_err(|e| malformed(xml, at, e.to_string()))?;
                text.push_str(&s);
            }
            Event::GeneralRef(r) => {
                let s = resolve(xml, at, &r)?;
                if in_code == 0 {
                    text.push_str(&s);
                }
            }
            Event::Start(e) => {
                let kind = match e.local_name().as_ref() {
                    b"bpt" | b"ept" | b"it" | b"ph" | b"ut" | b"sub" => Inline::Code,
                    _ => Inline::Text,
                };
                if kind == Inline::Code {
                    if in_code == 0 {
                        placeholder(xml, at, &e, text)?;
                    }
                    in_code += 1;
                }
                stack.push(kind);
            }
            Event::End(_) => match stack.pop() {
                None => return Ok(()),
                Some(Inline::Code) => in_code -= 1,
                Some(Inline::Text) => {}
            },
            Event::Eof => return Err(unexpected_eof(xml, at, "<seg>", open)),
            _ => {}
        }
    }
}

/// Writes the placeholder of an inline code (see [`TmxReader`]).
fn placeholder<R: Read>(
    xml: &Xml<R>,
    at: u64,
    e: &BytesStart,
    text: &mut String,
) -> Result<(), TmxError> {
    let name = e.local_name();
    let name = String::from_utf8_lossy(name.as_ref());
    let id = |key: &[u8]| attribute(xml, at, e, key);
    let (number, closing, empty) = match name.as_ref() {
        "bpt" => (id(b"i")?, false, false),
        "ept" => (id(b"i")?, true, false),
        "it" => (id(b"x")?, id(b"pos")?.as_deref() == Some("end"), false),
        "ph" | "ut" => (id(b"x")?, false, true),
        _ => return Ok(()), // <sub> outside a code: dropped
    };
    let _ = match number {
        Some(n) if closing => write!(text, "{{/{n}}}"),
        Some(n) if empty => write!(text, "{{{n}/}}"),
        Some(n) => write!(text, "{{{n}}}"),
        None => write!(text, "{{{name}}}"),
    };
    Ok(())
}

/// The text of an entity or character reference.
fn resolve<'a, R: Read>(xml: &Xml<R>, at: u64, r: &'a BytesRef) -> Result<Cow<'a, str>, TmxError> {
    let name = r.decode().map_err(|e| malformed(xml, at, e.to_string()))?;
    match r.resolve_char_ref() {
        Ok(Some(c)) => return Ok(Cow::Owned(c.to_string())),
        Ok(None) => {}
        Err(e) => {
            return Err(malformed(
                xml,
                at,
                format!("bad character reference &{name};: {e}"),
            ))
        }
    }
    match resolve_predefined_entity(&name) {
        Some(s) => Ok(Cow::Borrowed(s)),
        None => Err(malformed(
            xml,
            at,
            format!(
                "unknown entity &{name};: only &lt; &gt; &amp; &apos; &quot; and character \
                 references are decoded; entities declared in a DTD are never expanded"
            ),
        )),
    }
}

/// Reads the text of an element (such as `<note>`) up to its end, with the text of any
/// child elements.
fn read_text<R: Read>(
    xml: &mut Xml<R>,
    buf: &mut Vec<u8>,
    open: u64,
    what: &str,
) -> Result<String, TmxError> {
    let open = opened(xml, open);
    let mut text = String::new();
    let mut depth = 0usize;
    let mut at = 0;
    loop {
        match next(xml, buf, &mut at)? {
            Event::Text(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|e| malformed(xml, at, e.to_string()))?;
                text.push_str(&s);
            }
            Event::CData(c) => {
                let s = c
                    .xml10_content()
                    .map_err(|e| malformed(xml, at, e.to_string()))?;
                text.push_str(&s);
            }
            Event::GeneralRef(r) => text.push_str(&resolve(xml, at, &r)?),
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return Ok(text),
            Event::End(_) => depth -= 1,
            Event::Eof => return Err(unexpected_eof(xml, at, what, open)),
            _ => {}
        }
    }
}

/// Skips an element that was just opened, with everything inside it.
fn skip<R: Read>(xml: &mut Xml<R>, buf: &mut Vec<u8>, open: u64) -> Result<(), TmxError> {
    let open = opened(xml, open);
    let mut depth = 0usize;
    let mut at = 0;
    loop {
        match next(xml, buf, &mut at)? {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return Ok(()),
            Event::End(_) => depth -= 1,
            Event::GeneralRef(r) => {
                resolve(xml, at, &r)?;
            }
            Event::Eof => return Err(unexpected_eof(xml, at, "element", open)),
            _ => {}
        }
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
