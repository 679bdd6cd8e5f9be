//! Unit tests of the reader: inline codes, languages, entities, errors and streaming.

use std::io;

use super::*;

const HEADER: &str = r#"<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>"#;

/// A TMX document around `body`.
fn doc(body: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n{HEADER}\n<body>\n{body}\n</body>\n</tmx>\n")
}

fn read_all(xml: &str) -> Result<Tmx, TmxError> {
    read_tmx(xml.as_bytes())
}

#[test]
fn inline_codes_become_placeholders() {
    for (seg, want) in [
        ("plain", "plain"),
        (
            "Press <bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>Save<ept i=\"1\">&lt;/b&gt;</ept>.",
            "Press {1}Save{/1}.",
        ),
        ("a<ph x=\"2\">&lt;br/&gt;</ph>b", "a{2/}b"),
        ("a<ph>&lt;br/&gt;</ph>b", "a{ph}b"),
        ("a<ph/>b", "a{ph}b"),
        (
            "<it pos=\"begin\" x=\"3\">&lt;i&gt;</it>x<it pos=\"end\" x=\"3\">&lt;/i&gt;</it>",
            "{3}x{/3}",
        ),
        ("<it pos=\"end\">&lt;/i&gt;</it>", "{it}"),
        ("x<ut x=\"4\">{\\b}</ut>y<ut>z</ut>", "x{4/}y{ut}"),
        ("<bpt>&lt;b&gt;</bpt>b<ept>&lt;/b&gt;</ept>", "{bpt}b{ept}"),
        (
            "a <hi type=\"x-bold\">bold <ph x=\"1\"/> text</hi> b",
            "a bold {1/} text b",
        ),
        (
            "<ph x=\"5\">&lt;img alt=\"<sub>Logo <bpt i=\"9\"/></sub>\"&gt;</ph>!",
            "{5/}!",
        ),
        ("<g id=\"1\">kept</g>", "kept"),
        ("<![CDATA[<b> & ]]>", "<b> & "),
        ("&lt;&gt;&amp;&apos;&quot;", "<>&'\""),
        ("&#13;&#10;&#x9;&#x1F600;&#1025;", "\r\n\t😀Ё"),
        ("a\r\nb\rc\n", "a\nb\nc\n"),
        ("  spaced  \t", "  spaced  \t"),
        ("", ""),
        ("x<!-- comment -->y", "xy"),
    ] {
        let xml = doc(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>{seg}</seg></tuv></tu>"
        ));
        let tmx = read_all(&xml).unwrap_or_else(|e| panic!("{seg:?}: {e}"));
        assert_eq!(tmx.units[0].variants[0].text, want, "seg {seg:?}");
    }
}

#[test]
fn languages_as_written_from_either_attribute() {
    for (tuv, want) in [
        ("<tuv xml:lang=\"en-US\">", "en-US"),
        ("<tuv lang=\"EN-GB\">", "EN-GB"),
        ("<tuv xml:lang=\"uk-UA\" lang=\"ru\">", "uk-UA"),
        ("<tuv lang=\"ru\" xml:lang=\"uk\">", "uk"),
        ("<tuv xml:lang=\"\">", ""),
    ] {
        let xml = doc(&format!("<tu>{tuv}<seg>x</seg></tuv></tu>"));
        let tmx = read_all(&xml).unwrap_or_else(|e| panic!("{tuv}: {e}"));
        assert_eq!(tmx.units[0].variants[0].lang, want, "{tuv}");
    }
}

#[test]
fn reads_header_props_notes_and_unknown_elements() {
    let xml = r##"<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="Tool" creationtoolversion="2.0" segtype="sentence" o-tmf="ABC"
          adminlang="en-US" srclang="*all*" datatype="plaintext" creationdate="20240102T030405Z">
    <prop type="x-project">P &amp; Q</prop>
    <note>Header note</note>
    <ude name="MacRoman"><map unicode="#xF8FF" code="#xF0"/></ude>
  </header>
  <body>
    <tu tuid="a&#10;b" creationdate="20240102T030405Z" usagecount="3">
      <note>tu note</note>
      <prop type="x-origin">tm</prop>
      <tuv xml:lang="en"><prop type="x-user">me</prop><note>tuv note</note><seg>One</seg></tuv>
      <tuv xml:lang="uk"><seg>Один</seg></tuv>
      <tuv xml:lang="uk"><seg>Одна</seg></tuv>
      <x-unknown><deep>ignored</deep></x-unknown>
    </tu>
  </body>
</tmx>"##;
    let tmx = read_all(xml).unwrap();
    let h = &tmx.header;
    assert_eq!(
        (
            h.creationtool.as_str(),
            h.o_tmf.as_str(),
            h.srclang.as_str()
        ),
        ("Tool", "ABC", "*all*")
    );
    assert_eq!(h.creationdate.as_deref(), Some("20240102T030405Z"));
    assert_eq!(h.props, [Prop::new("x-project", "P & Q")]);
    assert_eq!(h.notes, ["Header note"]);
    let tu = &tmx.units[0];
    assert_eq!(tu.tuid.as_deref(), Some("a\nb"));
    assert_eq!(tu.notes, ["tu note"]);
    assert_eq!(tu.props, [Prop::new("x-origin", "tm")]);
    assert_eq!(tu.variants.len(), 3);
    assert_eq!(tu.variants[0].props, [Prop::new("x-user", "me")]);
    assert_eq!(tu.variants[0].notes, ["tuv note"]);
    assert_eq!(tu.text("uk"), Some("Один"));
    assert_eq!(tu.variants[2].text, "Одна");
}

/// (document, expected error kind, line, text in the message)
fn error_cases() -> Vec<(String, &'static str, u64, &'static str)> {
    let tu = "<tu><tuv xml:lang=\"en\"><seg>ok</seg></tuv></tu>";
    vec![
        (doc("<tu><tuv xml:lang=\"en\"><seg>a &nbsp; b</seg></tuv></tu>"), "Malformed", 5, "unknown entity &nbsp;"),
        (doc(&format!("{tu}\n<tu><tuv xml:lang=\"en\"><seg>x</tuv></seg></tu>")), "Malformed", 6, "</seg>"),
        (doc("<tu>\n<tuv><seg>x</seg></tuv></tu>"), "Malformed", 6, "without a language"),
        (doc("<tu><tuv xml:lang=\"en\"><seg>a & b</seg></tuv></tu>"), "Malformed", 5, ""),
        (doc("<tu><tuv xml:lang=\"en\" xml:lang=\"de\"><seg>a</seg></tuv></tu>"), "Malformed", 5, "duplicate"),
        (doc("<tu><tuv xml:lang=\"en\"><seg>&#0;</seg></tuv></tu>"), "Malformed", 5, "character reference"),
        (format!("<tmx version=\"1.4\">{HEADER}<body>\n{tu}\n<tu>\n<tuv xml:lang=\"en\"><seg>cut"), "Malformed", 4, "ends inside the <seg> opened at line 4"),
        (format!("<tmx version=\"1.4\">{HEADER}<body>\n{tu}\n"), "Malformed", 3, "ends inside the <body> opened at line 1"),
        (format!("{}<tmx/>", doc(tu)), "Malformed", 8, "after the end"),
        (format!("<tmx>\n<body>{tu}</body></tmx>"), "Malformed", 2, "without a <header>"),
        (format!("<tmx>{HEADER}\n</tmx>"), "Malformed", 2, "without a <body>"),
        (
            "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY boom \"BOOM\">\n]>\n<tmx>".to_string()
                + HEADER + "<body><tu><tuv xml:lang=\"en\"><seg>&boom;</seg></tuv></tu></body></tmx>",
            "Malformed", 5, "never expanded",
        ),
        (
            "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<tmx>".to_string()
                + HEADER + "<body><tu><tuv xml:lang=\"en\"><seg>\n&xxe;</seg></tuv></tu></body></tmx>",
            "Malformed", 4, "unknown entity &xxe;",
        ),
        ("<html><body/></html>".to_string(), "NotTmx", 1, "<html>"),
        ("\n\n  <TMX/>".to_string(), "NotTmx", 3, "<TMX>"),
        (String::new(), "NotTmx", 0, "no root element"),
        ("just some text".to_string(), "NotTmx", 0, "no root element"),
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><tmx/>".to_string(), "Encoding", 1, "ISO-8859-1"),
        (doc("<tu><tuv xml:lang=\"en\"><seg>caf\u{FFFD}</seg></tuv></tu>").replace('\u{FFFD}', "\u{1}"), "", 0, ""),
    ]
}

#[test]
fn malformed_input_fails_with_its_position() {
    for (xml, kind, line, text) in error_cases() {
        if kind.is_empty() {
            // Control characters are read leniently.
            assert!(read_all(&xml).is_ok(), "{xml}");
            continue;
        }
        let err = read_all(&xml).expect_err(&xml);
        let msg = err.to_string();
        eprintln!("{msg}");
        let (got_kind, got_line) = match &err {
            TmxError::Malformed { line, .. } => ("Malformed", *line),
            TmxError::NotTmx { line, .. } => ("NotTmx", *line),
            TmxError::Encoding { line, .. } => ("Encoding", *line),
            _ => ("other", 0),
        };
        assert_eq!(got_kind, kind, "{xml}\n{msg}");
        if line > 0 {
            assert_eq!(got_line, line, "{xml}\n{msg}");
        }
        assert!(msg.contains(text), "{msg:?} should contain {text:?}\n{xml}");
    }
}

#[test]
fn invalid_utf8_is_an_encoding_error_at_its_line() {
    let before = "<tu><tuv xml:lang=\"en\"><seg>caf";
    let xml = doc(&format!(
        "<tu><tuv xml:lang=\"en\"><seg>ok</seg></tuv></tu>\n{before}@</seg></tuv></tu>"
    ));
    let bytes = xml.replace('@', "\u{FFFD}").into_bytes();
    // Latin-1 é where UTF-8 was expected.
    let bytes: Vec<u8> = String::from_utf8(bytes)
        .unwrap()
        .split('\u{FFFD}')
        .collect::<Vec<_>>()
        .join("\u{1}")
        .bytes()
        .map(|b| if b == 1 { 0xE9 } else { b })
        .collect();
    match read_tmx(&bytes[..]) {
        Err(TmxError::Encoding {
            line,
            column,
            message,
            ..
        }) => {
            assert_eq!((line, column), (6, before.len() as u64 + 1), "{message}");
            assert!(message.contains("0xE9"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn units_before_an_error_are_yielded_then_the_error_then_nothing() {
    let tu = "<tu><tuv xml:lang=\"en\"><seg>ok</seg></tuv></tu>";
    let xml = format!("<tmx>{HEADER}<body>{tu}{tu}<tu><tuv xml:lang=\"en\"><seg>cut");
    let mut reader = TmxReader::new(xml.as_bytes());
    assert!(reader.next().unwrap().is_ok());
    assert!(reader.next().unwrap().is_ok());
    assert!(matches!(
        reader.next(),
        Some(Err(TmxError::Malformed { .. }))
    ));
    assert!(reader.next().is_none());
    assert!(read_tmx(xml.as_bytes()).is_err());
}

#[test]
fn header_errors_come_from_header_or_the_first_next() {
    let mut reader = TmxReader::new(&b"<html/>"[..]);
    assert!(matches!(reader.header(), Err(TmxError::NotTmx { .. })));
    assert!(reader.header().is_err());
    assert!(reader.next().is_none());
    let mut reader = TmxReader::new(&b"<html/>"[..]);
    assert!(matches!(reader.next(), Some(Err(TmxError::NotTmx { .. }))));
    assert!(reader.next().is_none());
}

#[test]
fn reads_utf16_with_a_byte_order_mark() {
    let xml = doc("<tu><tuv lang=\"EN-US\"><seg>Hello 🌍</seg></tuv><tuv lang=\"UK-UA\"><seg>Привіт</seg></tuv></tu>")
        .replace("UTF-8", "UTF-16");
    for le in [true, false] {
        let mut bytes = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in xml.encode_utf16() {
            bytes.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let tmx = read_tmx(&bytes[..]).unwrap();
        assert_eq!(tmx.units[0].text("en"), Some("Hello 🌍"));
        assert_eq!(tmx.units[0].text("uk"), Some("Привіт"));
    }
}

/// An endless memory, made as it is read; counts the bytes handed out.
struct Endless {
    pending: Vec<u8>,
    next_unit: usize,
    served: std::rc::Rc<std::cell::Cell<usize>>,
}

impl io::Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            self.pending = format!(
                "<tu tuid=\"{0}\"><tuv xml:lang=\"en\"><seg>Sentence {0}.</seg></tuv></tu>\n",
                self.next_unit
            )
            .into_bytes();
            self.next_unit += 1;
        }
        let n = self.pending.len().min(buf.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        self.served.set(self.served.get() + n);
        Ok(n)
    }
}

#[test]
fn reading_streams_units_without_reading_everything() {
    let served = std::rc::Rc::new(std::cell::Cell::new(0));
    let start = format!("<tmx version=\"1.4\">{HEADER}<body>\n").into_bytes();
    let input = io::Read::chain(
        &start[..],
        Endless {
            pending: Vec::new(),
            next_unit: 0,
            served: served.clone(),
        },
    );
    let mut reader = TmxReader::new(input);
    for (i, tu) in reader.by_ref().take(20_000).enumerate() {
        assert_eq!(tu.unwrap().tuid, Some(i.to_string()));
    }
    // The input never ends; the reader has read only a buffer beyond the last unit.
    let per_unit = served.get() / 20_000;
    assert!(per_unit < 100, "{per_unit} bytes per unit");
}

#[test]
fn a_memory_on_one_line_reads_in_linear_time_with_columns() {
    // Some tools write a whole memory on one line; columns then pass 1 MiB.
    let tu = "<tu><tuv xml:lang=\"uk\"><seg>Київ — столиця.</seg></tuv></tu>";
    let mut xml = format!("<tmx version=\"1.4\">{HEADER}<body>");
    for _ in 0..30_000 {
        xml.push_str(tu);
    }
    let column = xml.chars().count() as u64 + 1;
    xml.push_str("<tu><tuv xml:lang=\"uk\"><seg>&bogus;</seg></tuv></tu></body></tmx>");
    let column = column + "<tu><tuv xml:lang=\"uk\"><seg>".len() as u64;
    assert!(xml.len() > 2 << 20);
    match read_all(&xml) {
        Err(TmxError::Malformed {
            line, column: c, ..
        }) => assert_eq!((line, c), (1, column)),
        other => panic!("{other:?}"),
    }
}
