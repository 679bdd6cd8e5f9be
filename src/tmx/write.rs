//! The streaming TMX writer.

use std::io::Write;
use std::path::Path;

use super::{normalize_lang, Header, Prop, Tmx, TmxError, Tu};

/// What the writer did, for the caller to report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Characters removed because XML 1.0 forbids them (C0 control characters other than
    /// tab, line feed and carriage return; U+FFFE; U+FFFF), in texts, notes, properties,
    /// identifiers and attributes. Worth a warning when not 0.
    pub removed_control_chars: u64,
    /// Translation units written.
    pub units: usize,
}

/// The end of a TMX document, after its last unit: what [`TmxWriter::finish`] writes.
pub const TMX_END: &[u8] = b"  </body>\n</tmx>\n";

/// Writes TMX 1.4b to `W` one unit at a time.
///
/// [`TmxWriter::new`] writes the XML declaration, the document type, `<tmx>`, the header
/// and `<body>`; [`TmxWriter::write_unit`] one `<tu>` each; [`TmxWriter::finish`] closes
/// the document. The output:
/// - is valid against the TMX 1.4b DTD, indented by two spaces, UTF-8;
/// - escapes `&`, `<` and `>` in text, and also quotes, tabs and line breaks in attributes;
///   a carriage return in text is written `&#13;` so that it survives reading;
/// - drops the characters XML 1.0 forbids and counts them ([`WriteReport`]);
/// - has its language codes normalised with [`normalize_lang`] (`ua` → `uk`);
/// - is the same bytes for the same input (the date comes from the header).
///
/// Each unit is written with one call to `W::write_all`: wrap a file in a
/// [`BufWriter`](std::io::BufWriter) all the same (the writer of
/// [`output::write_atomically`](crate::output::write_atomically) is buffered). Dropping
/// the writer without [`finish`](TmxWriter::finish) leaves an unfinished document.
///
/// ```
/// use polyalign::tmx::{Header, Prop, TmxWriter, Tu};
///
/// let mut header = Header::new("en");
/// header.creationdate = Some("20250101T120000Z".into());
/// let mut writer = TmxWriter::new(Vec::new(), &header)?;
/// let mut tu = Tu::new().with_variant("en", "A < B & \u{1}C").with_variant("UA", "А < Б");
/// tu.props.push(Prop::new("x-score", "0.97"));
/// writer.write_unit(&tu)?;
/// let (bytes, report) = writer.finish()?;
/// assert_eq!(report.units, 1);
/// assert_eq!(report.removed_control_chars, 1);
/// let xml = String::from_utf8(bytes).unwrap();
/// assert!(xml.contains("<tu>\n      <prop type=\"x-score\">0.97</prop>\n"));
/// assert!(xml.contains("<tuv xml:lang=\"en\"><seg>A &lt; B &amp; C</seg></tuv>"));
/// assert!(xml.contains("<tuv xml:lang=\"uk\"><seg>А &lt; Б</seg></tuv>"));
/// assert!(xml.ends_with("</body>\n</tmx>\n"));
/// # Ok::<(), polyalign::tmx::TmxError>(())
/// ```
///
/// Units made one at a time go to a file without the memory ever being held whole:
///
/// ```
/// use polyalign::output::write_atomically;
/// use polyalign::tmx::{read_tmx_file, Header, TmxWriter, Tu};
///
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("corpus.tmx");
/// let report = write_atomically(&path, &[], |w| {
///     let mut writer = TmxWriter::new(w, &Header::new("en"))?;
///     for i in 0..1000 {
///         let tu = Tu::new().with_variant("en", format!("Line {i}.")).with_variant("uk", format!("Рядок {i}."));
///         writer.write_unit(&tu)?;
///     }
///     Ok(writer.finish()?.1)
/// })?;
/// assert_eq!(report.units, 1000);
/// assert_eq!(read_tmx_file(&path)?.units[999].text("uk"), Some("Рядок 999."));
/// # Ok::<(), polyalign::Error>(())
/// ```
pub struct TmxWriter<W: Write> {
    out: W,
    buf: Vec<u8>,
    report: WriteReport,
    /// Language tags as given and as written: a memory has few of them.
    langs: Vec<(String, String, u64)>,
}

impl<W: Write> TmxWriter<W> {
    /// Starts a document: writes everything up to and including `<body>`.
    pub fn new(out: W, header: &Header) -> Result<Self, TmxError> {
        let mut w = TmxWriter {
            out,
            buf: Vec::with_capacity(4096),
            report: WriteReport::default(),
            langs: Vec::new(),
        };
        w.buf.extend_from_slice(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
              <!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n\
              <tmx version=\"1.4\">\n  <header",
        );
        w.attribute("creationtool", &header.creationtool);
        w.attribute("creationtoolversion", &header.creationtoolversion);
        w.attribute("segtype", &header.segtype);
        w.attribute("o-tmf", &header.o_tmf);
        w.lang_attribute("adminlang", &header.adminlang);
        w.lang_attribute("srclang", &header.srclang);
        w.attribute("datatype", &header.datatype);
        if let Some(date) = &header.creationdate {
            w.attribute("creationdate", date);
        }
        if header.props.is_empty() && header.notes.is_empty() {
            w.buf.extend_from_slice(b"/>\n");
        } else {
            w.buf.extend_from_slice(b">\n");
            w.props_and_notes(&header.props, &header.notes, 4);
            w.buf.extend_from_slice(b"  </header>\n");
        }
        w.buf.extend_from_slice(b"  <body>\n");
        w.flush_buf()?;
        Ok(w)
    }

    /// A writer of units alone, without the document's start (see [`TmxWriter::new`]) or
    /// end: for a document written in pieces, such as one article of a corpus at a time,
    /// with [`TmxWriter::into_parts`]. The pieces go between [`TmxWriter::new`]'s start
    /// and [`TMX_END`].
    pub fn fragment(out: W) -> Self {
        TmxWriter {
            out,
            buf: Vec::with_capacity(4096),
            report: WriteReport::default(),
            langs: Vec::new(),
        }
    }

    /// Flushes and returns the output and the report, without closing the document: the
    /// end of [`TmxWriter::fragment`], or the start of a document to be continued in
    /// pieces.
    pub fn into_parts(mut self) -> Result<(W, WriteReport), TmxError> {
        self.flush_buf()?;
        self.out.flush().map_err(|e| TmxError::io(None, e))?;
        Ok((self.out, self.report))
    }

    /// Writes one translation unit. A unit without variants is refused
    /// ([`TmxError::InvalidUnit`]): TMX requires at least one.
    pub fn write_unit(&mut self, tu: &Tu) -> Result<(), TmxError> {
        if tu.variants.is_empty() {
            return Err(TmxError::InvalidUnit {
                unit: self.report.units,
                message: "it has no variant (<tuv>); TMX requires at least one".into(),
            });
        }
        self.buf.extend_from_slice(b"    <tu");
        if let Some(id) = &tu.tuid {
            self.attribute("tuid", id);
        }
        self.buf.extend_from_slice(b">\n");
        self.props_and_notes(&tu.props, &tu.notes, 6);
        for v in &tu.variants {
            self.buf.extend_from_slice(b"      <tuv");
            self.lang_attribute("xml:lang", &v.lang);
            if v.props.is_empty() && v.notes.is_empty() {
                self.buf.extend_from_slice(b"><seg>");
                self.text(&v.text);
                self.buf.extend_from_slice(b"</seg></tuv>\n");
            } else {
                self.buf.extend_from_slice(b">\n");
                self.props_and_notes(&v.props, &v.notes, 8);
                self.buf.extend_from_slice(b"        <seg>");
                self.text(&v.text);
                self.buf.extend_from_slice(b"</seg>\n      </tuv>\n");
            }
        }
        self.buf.extend_from_slice(b"    </tu>\n");
        self.flush_buf()?;
        self.report.units += 1;
        Ok(())
    }

    /// What has been written so far.
    pub fn report(&self) -> &WriteReport {
        &self.report
    }

    /// Closes the document (`</body></tmx>`), flushes, and returns the output and the
    /// report.
    pub fn finish(mut self) -> Result<(W, WriteReport), TmxError> {
        self.buf.extend_from_slice(TMX_END);
        self.flush_buf()?;
        self.out.flush().map_err(|e| TmxError::io(None, e))?;
        Ok((self.out, self.report))
    }

    fn flush_buf(&mut self) -> Result<(), TmxError> {
        let result = self.out.write_all(&self.buf);
        self.buf.clear();
        result.map_err(|e| TmxError::io(None, e))
    }

    fn props_and_notes(&mut self, props: &[Prop], notes: &[String], indent: usize) {
        for p in props {
            self.buf.resize(self.buf.len() + indent, b' ');
            self.buf.extend_from_slice(b"<prop");
            self.attribute("type", &p.kind);
            self.buf.push(b'>');
            self.text(&p.value);
            self.buf.extend_from_slice(b"</prop>\n");
        }
        for n in notes {
            self.buf.resize(self.buf.len() + indent, b' ');
            self.buf.extend_from_slice(b"<note>");
            self.text(n);
            self.buf.extend_from_slice(b"</note>\n");
        }
    }

    /// ` name="value"`, escaped.
    fn attribute(&mut self, name: &str, value: &str) {
        self.buf.push(b' ');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        self.report.removed_control_chars += escape(&mut self.buf, value, true);
        self.buf.push(b'"');
    }

    /// ` name="tag"`, the language tag without forbidden characters, then normalised.
    fn lang_attribute(&mut self, name: &str, tag: &str) {
        let known = self.langs.iter().position(|(given, _, _)| given == tag);
        let i = known.unwrap_or_else(|| {
            let clean: String = tag.chars().filter(|&c| !is_forbidden(c)).collect();
            let removed = (tag.chars().count() - clean.chars().count()) as u64;
            if self.langs.len() >= 64 {
                self.langs.clear();
            }
            self.langs
                .push((tag.to_string(), normalize_lang(&clean), removed));
            self.langs.len() - 1
        });
        self.report.removed_control_chars += self.langs[i].2;
        self.buf.push(b' ');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        escape(&mut self.buf, &self.langs[i].1, true);
        self.buf.push(b'"');
    }

    /// Element content, escaped.
    fn text(&mut self, value: &str) {
        self.report.removed_control_chars += escape(&mut self.buf, value, false);
    }
}

/// Whether XML 1.0 forbids a character (lone surrogates cannot occur in a `str`).
fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Appends `s` escaped for element content or (when `attr`) a double-quoted attribute
/// value, without the characters XML 1.0 forbids. Returns how many were removed.
fn escape(out: &mut Vec<u8>, s: &str, attr: bool) -> u64 {
    let bytes = s.as_bytes();
    let mut removed = 0;
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let replacement: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'\r' => b"&#13;",
            b'"' if attr => b"&quot;",
            b'\'' if attr => b"&apos;",
            b'\n' if attr => b"&#10;",
            b'\t' if attr => b"&#9;",
            b'\t' | b'\n' => continue,
            0..=0x1F => b"",
            // U+FFFE and U+FFFF: EF BF BE, EF BF BF.
            0xEF if bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
            {
                b""
            }
            _ => continue,
        };
        out.extend_from_slice(&bytes[copied..i]);
        out.extend_from_slice(replacement);
        if replacement.is_empty() {
            removed += 1;
            copied = if b == 0xEF { i + 3 } else { i + 1 };
        } else {
            copied = i + 1;
        }
    }
    out.extend_from_slice(&bytes[copied.min(bytes.len())..]);
    removed
}

/// Writes a whole memory to `out` (see [`TmxWriter`]).
pub fn write_tmx<W: Write>(out: W, tmx: &Tmx) -> Result<WriteReport, TmxError> {
    let mut writer = TmxWriter::new(out, &tmx.header)?;
    for tu in &tmx.units {
        writer.write_unit(tu)?;
    }
    Ok(writer.finish()?.1)
}

/// Writes a whole memory to the file `path`, atomically, with
/// [`output::write_atomically`](crate::output::write_atomically): into a temporary file in
/// the same directory, renamed over `path` once complete and synced, so that `path` never
/// holds a half-written memory, even when writing fails. A file that `path` replaces keeps
/// its permissions; a new one gets those of any new file (0644 on Unix with the usual
/// umask). Errors name the file.
///
/// ```
/// use polyalign::tmx::{read_tmx_file, write_tmx_file, Header, Tmx, Tu};
///
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("memory.tmx");
/// let tmx = Tmx { header: Header::new("en"), units: vec![Tu::new().with_variant("en", "Hi.")] };
/// let report = write_tmx_file(&path, &tmx)?;
/// assert_eq!(report.units, 1);
/// assert_eq!(read_tmx_file(&path)?.units, tmx.units);
/// # Ok::<(), polyalign::tmx::TmxError>(())
/// ```
pub fn write_tmx_file(path: impl AsRef<Path>, tmx: &Tmx) -> Result<WriteReport, TmxError> {
    let path = path.as_ref();
    crate::output::write_atomically(path, &[], |w| Ok(write_tmx(w, tmx)?)).map_err(|e| {
        let (path, source) = e.into_parts();
        // An error of the writer comes back as it was, with the file named.
        match source.downcast::<TmxError>() {
            Ok(inner) => with_path(inner, &path),
            Err(source) => TmxError::io(Some(&path), source),
        }
    })
}

/// A writer's error as an I/O error, for [`output::write_atomically`](crate::output::write_atomically)
/// and other writers of `io::Result`: the I/O error itself, or the error wrapped
/// ([`std::io::Error::other`]).
impl From<TmxError> for std::io::Error {
    fn from(e: TmxError) -> Self {
        match e {
            TmxError::Io { path: None, source } => source,
            e => std::io::Error::other(e),
        }
    }
}

/// Adds the file name to an I/O error without one.
fn with_path(e: TmxError, path: &Path) -> TmxError {
    match e {
        TmxError::Io { path: None, source } => TmxError::io(Some(path), source),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tmx::Tuv;

    #[test]
    fn escapes_text_and_attributes() {
        for (input, text, attr, removed) in [
            ("plain", "plain", "plain", 0),
            (
                "a & b < c > d",
                "a &amp; b &lt; c &gt; d",
                "a &amp; b &lt; c &gt; d",
                0,
            ),
            ("\"q\" 'a'", "\"q\" 'a'", "&quot;q&quot; &apos;a&apos;", 0),
            ("t\tl\nc\r", "t\tl\nc&#13;", "t&#9;l&#10;c&#13;", 0),
            ("\u{0}a\u{1}\u{8}\u{b}\u{c}\u{e}\u{1f}b", "ab", "ab", 7),
            (
                "x\u{FFFE}y\u{FFFF}z\u{FFFD}",
                "xyz\u{FFFD}",
                "xyz\u{FFFD}",
                2,
            ),
            (
                "\u{7f}\u{85}\u{2028}\u{10FFFF}",
                "\u{7f}\u{85}\u{2028}\u{10FFFF}",
                "\u{7f}\u{85}\u{2028}\u{10FFFF}",
                0,
            ),
            ("Київ ]]> 🇺🇦", "Київ ]]&gt; 🇺🇦", "Київ ]]&gt; 🇺🇦", 0),
            ("\u{1}", "", "", 1),
            ("", "", "", 0),
        ] {
            for (as_attr, want) in [(false, text), (true, attr)] {
                let mut out = Vec::new();
                let n = escape(&mut out, input, as_attr);
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    want,
                    "{input:?} attr {as_attr}"
                );
                assert_eq!(n, removed, "{input:?}");
            }
        }
    }

    fn header() -> Header {
        let mut h = Header::new("ua");
        h.creationdate = Some("20250101T120000Z".into());
        h
    }

    #[test]
    fn writes_the_header_with_every_required_attribute() {
        let (bytes, _) = TmxWriter::new(Vec::new(), &header())
            .unwrap()
            .finish()
            .unwrap();
        let want = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n\
             <tmx version=\"1.4\">\n  \
             <header creationtool=\"polyalign\" creationtoolversion=\"{}\" segtype=\"sentence\" \
             o-tmf=\"polyalign\" adminlang=\"en\" srclang=\"uk\" datatype=\"plaintext\" \
             creationdate=\"20250101T120000Z\"/>\n  <body>\n  </body>\n</tmx>\n",
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(String::from_utf8(bytes).unwrap(), want);
    }

    #[test]
    fn writes_props_and_notes_at_every_level() {
        let mut h = header();
        h.props.push(Prop::new("x-corpus", "news"));
        h.notes.push("made by a test".into());
        let mut tuv = Tuv::new("EN-us", "Hello");
        tuv.props.push(Prop::new("x-user", "me"));
        tuv.notes.push("checked".into());
        let tu = Tu {
            tuid: Some("7".into()),
            props: vec![Prop::new("x-doc", "a\"1")],
            notes: vec!["n".into()],
            variants: vec![tuv, Tuv::new("uk", "Привіт")],
        };
        let mut w = TmxWriter::new(Vec::new(), &h).unwrap();
        w.write_unit(&tu).unwrap();
        assert_eq!(w.report().units, 1);
        let xml = String::from_utf8(w.finish().unwrap().0).unwrap();
        let body = &xml[xml.find("  <header").unwrap()..];
        assert!(
            body.starts_with("  <header creationtool=\"polyalign\""),
            "{body}"
        );
        let rest = &body[body.find(">\n").unwrap() + 2..];
        assert_eq!(
            rest,
            "    <prop type=\"x-corpus\">news</prop>\n    \
             <note>made by a test</note>\n  </header>\n  <body>\n    \
             <tu tuid=\"7\">\n      <prop type=\"x-doc\">a\"1</prop>\n      <note>n</note>\n      \
             <tuv xml:lang=\"en-US\">\n        <prop type=\"x-user\">me</prop>\n        \
             <note>checked</note>\n        <seg>Hello</seg>\n      </tuv>\n      \
             <tuv xml:lang=\"uk\"><seg>Привіт</seg></tuv>\n    </tu>\n  </body>\n</tmx>\n"
        );
    }

    #[test]
    fn refuses_a_unit_without_variants() {
        let mut w = TmxWriter::new(Vec::new(), &header()).unwrap();
        w.write_unit(&Tu::new().with_variant("en", "a")).unwrap();
        match w.write_unit(&Tu::new()) {
            Err(TmxError::InvalidUnit { unit, .. }) => assert_eq!(unit, 1),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn same_input_same_bytes() {
        let tmx = Tmx {
            header: header(),
            units: vec![Tu::new()
                .with_variant("en", "a\u{1}")
                .with_variant("ru", "б")],
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let ra = write_tmx(&mut a, &tmx).unwrap();
        let rb = write_tmx(&mut b, &tmx).unwrap();
        assert_eq!(a, b);
        assert_eq!(ra, rb);
        assert_eq!(ra.removed_control_chars, 1);
    }

    #[test]
    fn file_writes_are_atomic_and_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.tmx");
        std::fs::write(&path, "old").unwrap();
        let bad = Tmx {
            header: header(),
            units: vec![Tu::new().with_variant("en", "a"), Tu::new()],
        };
        // The writer's own error comes back as it was.
        match write_tmx_file(&path, &bad) {
            Err(TmxError::InvalidUnit { unit, .. }) => assert_eq!(unit, 1),
            other => panic!("{other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let files = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(files, 1, "the temporary file is removed");
        let missing = dir.path().join("no/such/dir/out.tmx");
        let err = write_tmx_file(&missing, &bad).unwrap_err();
        assert!(matches!(err, TmxError::Io { path: Some(_), .. }), "{err:?}");
        assert!(err.to_string().contains("out.tmx"), "{err}");
    }
}
