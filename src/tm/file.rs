//! The `.ptm` file: a translation memory with its index, so lookups start fast.
//!
//! Little-endian throughout; `varint` is LEB128 (7 bits a byte, low first), `str` a
//! varint length and UTF-8 bytes.
//!
//! ```text
//! header   magic "\x89PTM\r\n\x1a\n" (8 bytes), version u32 (2), reserved u32 (0)
//! body     files: varint count, str each
//!          documents: varint count, str each
//!          units: varint count; each: varint file, varint document + 1 (0: none),
//!                 varint tuid length + 1 (0: none) and its bytes
//!          languages: varint count; each:
//!            str code; varint vocabulary size, str each token;
//!            varint entries; each: varint unit delta, varint tokens, varint text bytes;
//!            the token ids (varint each); the texts (bytes, concatenated);
//!            per token: varint posting count, varint byte length, the posting bytes
//!                       (entry deltas as varints)
//! trailer  body length u64, checksum u64 of the body, "PTM-END\n" (8 bytes)
//! ```
//!
//! A file of another magic, version, length or checksum is refused with a message that
//! says which; every count, id and offset is checked on load, so a damaged file is an
//! error, never a panic.

use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::index::{get_varint, put_varint, LangIndex, Posting, NONE};
use super::{TmError, TranslationMemory, UnitOrigin};
use crate::lang::Lang;

/// The first 8 bytes of a `.ptm` file.
pub const PTM_MAGIC: [u8; 8] = *b"\x89PTM\r\n\x1a\n";
/// The version of the `.ptm` format this build writes and reads.
pub const PTM_VERSION: u32 = 2;
const END: [u8; 8] = *b"PTM-END\n";

/// Whether the file starts with [`PTM_MAGIC`] (a `.ptm` file, whatever its name).
pub fn is_ptm_file(path: impl AsRef<Path>) -> io::Result<bool> {
    use std::io::Read;
    let mut head = [0u8; 8];
    let mut f = std::fs::File::open(path)?;
    let mut n = 0;
    while n < 8 {
        match f.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n == 8 && head == PTM_MAGIC)
}

/// A 64-bit checksum over 8-byte words, fed in pieces.
struct Checksum {
    h: u64,
    pending: [u8; 8],
    n: usize,
    total: u64,
}

impl Checksum {
    fn new() -> Self {
        Checksum {
            h: 0x243F_6A88_85A3_08D3,
            pending: [0; 8],
            n: 0,
            total: 0,
        }
    }

    fn word(&mut self, w: u64) {
        self.h = (self.h ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.h ^= self.h >> 29;
    }

    fn update(&mut self, mut bytes: &[u8]) {
        self.total += bytes.len() as u64;
        if self.n > 0 {
            let k = (8 - self.n).min(bytes.len());
            self.pending[self.n..self.n + k].copy_from_slice(&bytes[..k]);
            self.n += k;
            bytes = &bytes[k..];
            if self.n < 8 {
                return;
            }
            self.word(u64::from_le_bytes(self.pending));
            self.n = 0;
        }
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.word(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.n = rest.len();
    }

    fn finish(mut self) -> u64 {
        if self.n > 0 {
            self.pending[self.n..].fill(0);
            self.word(u64::from_le_bytes(self.pending));
        }
        self.word(self.total);
        self.h
    }
}

/// A writer that checksums what goes through it.
struct Summing<W> {
    out: W,
    sum: Checksum,
}

impl<W: Write> Write for Summing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.sum.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

impl TranslationMemory {
    /// Writes the memory and its index in the `.ptm` format to `out` (see `docs/tm.md`).
    pub fn write_ptm<W: Write>(&self, out: W) -> io::Result<()> {
        let mut out = io::BufWriter::with_capacity(1 << 20, out);
        out.write_all(&PTM_MAGIC)?;
        out.write_all(&PTM_VERSION.to_le_bytes())?;
        out.write_all(&0u32.to_le_bytes())?;
        let mut body = Summing {
            out: &mut out,
            sum: Checksum::new(),
        };
        let mut buf = Vec::with_capacity(1 << 16);
        let flush = |buf: &mut Vec<u8>, body: &mut Summing<_>| -> io::Result<()> {
            body.write_all(buf)?;
            buf.clear();
            Ok(())
        };
        for list in [&self.files, &self.documents] {
            put_varint(&mut buf, list.len() as u64);
            for s in list {
                put_str(&mut buf, s);
            }
        }
        put_varint(&mut buf, self.origins.len() as u64);
        for o in &self.origins {
            put_varint(&mut buf, u64::from(o.file));
            put_varint(
                &mut buf,
                if o.document == NONE {
                    0
                } else {
                    u64::from(o.document) + 1
                },
            );
            match &o.tuid {
                None => put_varint(&mut buf, 0),
                Some(t) => {
                    put_varint(&mut buf, t.len() as u64 + 1);
                    buf.extend_from_slice(t.as_bytes());
                }
            }
            if buf.len() > 1 << 16 {
                flush(&mut buf, &mut body)?;
            }
        }
        put_varint(&mut buf, self.langs.len() as u64);
        for l in &self.langs {
            put_str(&mut buf, l.lang.code());
            put_varint(&mut buf, l.words.len() as u64);
            for w in &l.words {
                put_str(&mut buf, w);
                if buf.len() > 1 << 16 {
                    flush(&mut buf, &mut body)?;
                }
            }
            put_varint(&mut buf, l.len() as u64);
            let mut prev = 0;
            for e in 0..l.len() {
                put_varint(&mut buf, u64::from(l.units[e] - prev));
                prev = l.units[e];
                put_varint(&mut buf, (l.tok_off[e + 1] - l.tok_off[e]) as u64);
                put_varint(&mut buf, (l.text_off[e + 1] - l.text_off[e]) as u64);
                if buf.len() > 1 << 16 {
                    flush(&mut buf, &mut body)?;
                }
            }
            for &t in &l.tokens {
                put_varint(&mut buf, u64::from(t));
                if buf.len() > 1 << 16 {
                    flush(&mut buf, &mut body)?;
                }
            }
            flush(&mut buf, &mut body)?;
            body.write_all(l.texts.as_bytes())?;
            for p in &l.postings {
                put_varint(&mut buf, u64::from(p.len));
                put_varint(&mut buf, p.bytes.len() as u64);
                buf.extend_from_slice(&p.bytes);
                if buf.len() > 1 << 16 {
                    flush(&mut buf, &mut body)?;
                }
            }
        }
        flush(&mut buf, &mut body)?;
        let (total, sum) = (body.sum.total, body.sum.finish());
        out.write_all(&total.to_le_bytes())?;
        out.write_all(&sum.to_le_bytes())?;
        out.write_all(&END)?;
        out.flush()
    }

    /// Writes the memory to a `.ptm` file, atomically, with
    /// [`output::write_atomically`](crate::output::write_atomically): a file that `path`
    /// replaces keeps its permissions, a new one gets those of any new file, and `path`
    /// is never left half-written.
    ///
    /// Errors: [`TmError::Io`], naming the file.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), TmError> {
        crate::output::write_atomically(path, &[], |w| self.write_ptm(w)).map_err(|e| {
            let (path, source) = e.into_parts();
            TmError::Io { path, source }
        })
    }

    /// Reads a `.ptm` file written by [`save`](Self::save) or `polyalign tm build`.
    ///
    /// Errors: [`TmError::Ptm`] for a file that is not a `.ptm` file, of another
    /// version, truncated or damaged; [`TmError::Io`].
    pub fn load(path: impl AsRef<Path>) -> Result<TranslationMemory, TmError> {
        let path = path.as_ref();
        let io_err = |source| TmError::Io {
            path: path.into(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io_err)?;
        let len = file.metadata().map_err(io_err)?.len();
        // Read as a stream: the file is never held in memory whole, only what it becomes.
        read_ptm(io::BufReader::with_capacity(1 << 20, file), len).map_err(|message| TmError::Ptm {
            path: path.into(),
            message,
        })
    }
}

/// A cursor over the body, read as a stream and checksummed on the way, with errors
/// that say where.
struct Cur<R> {
    r: R,
    /// Bytes of the body read so far.
    pos: usize,
    /// The body's length.
    len: usize,
    /// The body's offset in the file, for messages.
    base: usize,
    sum: Checksum,
}

impl<R: Read> Cur<R> {
    fn new(r: R, len: usize, base: usize) -> Self {
        Cur {
            r,
            pos: 0,
            len,
            base,
            sum: Checksum::new(),
        }
    }
    fn err<T>(&self, what: &str) -> Result<T, String> {
        Err(format!(
            "corrupt .ptm file at byte {}: {what}; rebuild it with `polyalign tm build`",
            self.base + self.pos
        ))
    }
    fn left(&self) -> usize {
        self.len - self.pos
    }
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), String> {
        if self.left() < buf.len() {
            return self.err("data runs past the end");
        }
        if let Err(e) = self.r.read_exact(buf) {
            return self.err(&format!("cannot read: {e}"));
        }
        self.sum.update(buf);
        self.pos += buf.len();
        Ok(())
    }
    fn varint(&mut self) -> Result<u64, String> {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            if shift >= 64 || self.left() == 0 {
                return self.err("a number runs past the end");
            }
            let mut b = [0u8];
            self.fill(&mut b)?;
            v |= u64::from(b[0] & 0x7f) << shift;
            if b[0] & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
        }
    }
    /// A count or index at most `max`.
    fn upto(&mut self, max: usize, what: &str) -> Result<usize, String> {
        let v = self.varint()?;
        if v > max as u64 {
            return self.err(&format!("{what} {v} out of range (at most {max})"));
        }
        Ok(v as usize)
    }
    fn bytes(&mut self, n: usize) -> Result<Vec<u8>, String> {
        if self.left() < n {
            return self.err("data runs past the end");
        }
        let mut v = vec![0; n];
        self.fill(&mut v)?;
        Ok(v)
    }
    fn str(&mut self) -> Result<String, String> {
        let n = self.upto(self.left(), "string length")?;
        let s = self.bytes(n)?;
        match String::from_utf8(s) {
            Ok(s) => Ok(s),
            Err(_) => self.err("text is not UTF-8"),
        }
    }
}

#[cfg(test)]
fn from_bytes(bytes: &[u8]) -> Result<TranslationMemory, String> {
    read_ptm(io::Cursor::new(bytes), bytes.len() as u64)
}

/// Reads a whole `.ptm` file of `len` bytes: header, trailer, then the body as a stream.
fn read_ptm<R: Read + Seek>(mut r: R, len: u64) -> Result<TranslationMemory, String> {
    let mut head = [0u8; 16];
    let n = read_up_to(&mut r, &mut head).map_err(|e| format!("cannot read: {e}"))?;
    if n < 8 || head[..8] != PTM_MAGIC {
        return Err("not a polyalign memory (.ptm): wrong magic bytes".into());
    }
    if n < 16 {
        return Err(format!("truncated .ptm file ({len} bytes)"));
    }
    let version = u32::from_le_bytes(head[8..12].try_into().expect("4 bytes"));
    if version != PTM_VERSION {
        return Err(format!(
            ".ptm format version {version}; this polyalign reads version {PTM_VERSION}: \
             rebuild it with `polyalign tm build`"
        ));
    }
    let trailer = 24u64;
    let mut t = [0u8; 24];
    if len < 16 + trailer
        || r.seek(SeekFrom::Start(len - trailer)).is_err()
        || r.read_exact(&mut t).is_err()
        || t[16..] != END
    {
        return Err(format!(
            "truncated .ptm file ({len} bytes, no end marker): rebuild it with `polyalign tm build`"
        ));
    }
    let body = len - 16 - trailer;
    let want = u64::from_le_bytes(t[..8].try_into().expect("8 bytes"));
    let sum = u64::from_le_bytes(t[8..16].try_into().expect("8 bytes"));
    if want != body {
        return Err(format!(
            "truncated or damaged .ptm file: body of {body} bytes, {want} expected"
        ));
    }
    r.seek(SeekFrom::Start(16))
        .map_err(|e| format!("cannot read: {e}"))?;
    let body = usize::try_from(body).map_err(|_| "a .ptm file too large for this machine")?;
    let mut c = Cur::new(r, body, 16);
    let parsed = parse(&mut c);
    // A damaged body may still parse, or fail anywhere: the checksum of the whole body
    // (what a failed parse left unread included) says which.
    let left = c.left() as u64;
    let mut tail = (&mut c.r).take(left);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let k = tail
            .read(&mut buf)
            .map_err(|e| format!("cannot read: {e}"))?;
        if k == 0 {
            break;
        }
        c.sum.update(&buf[..k]);
    }
    if c.sum.finish() != sum {
        return Err(
            "damaged .ptm file: checksum mismatch; rebuild it with `polyalign tm build`".into(),
        );
    }
    parsed
}

/// Reads until `buf` is full or the input ends; returns how many bytes were read.
fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn parse<R: Read>(c: &mut Cur<R>) -> Result<TranslationMemory, String> {
    let mut tm = TranslationMemory::new();
    for k in 0..2 {
        let n = c.upto(c.left(), "count")?;
        let mut list = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            list.push(c.str()?);
        }
        if k == 0 {
            tm.files = list;
        } else {
            tm.documents = list;
        }
    }
    let units = c.upto(c.left().min(u32::MAX as usize - 1), "unit count")?;
    tm.origins.reserve(units);
    for _ in 0..units {
        let file = c.upto(tm.files.len().saturating_sub(1), "file index")? as u32;
        let document = match c.upto(tm.documents.len(), "document index")? {
            0 => NONE,
            d => d as u32 - 1,
        };
        let tuid = match c.upto(c.left() + 1, "tuid length")? {
            0 => None,
            n => {
                let s = c.bytes(n - 1)?;
                match String::from_utf8(s) {
                    Ok(s) => Some(s.into()),
                    Err(_) => return c.err("tuid is not UTF-8"),
                }
            }
        };
        tm.origins.push(UnitOrigin {
            file,
            tuid,
            document,
        });
    }
    let langs = c.upto(64, "language count")?;
    for _ in 0..langs {
        let code = c.str()?;
        let lang: Lang = match code.parse() {
            Ok(l) => l,
            Err(_) => return c.err(&format!("unknown language {code:?}")),
        };
        if tm.langs.iter().any(|l| l.lang == lang) {
            return c.err(&format!("language {lang} twice"));
        }
        let mut l = LangIndex::new(lang);
        let words = c.upto(c.left(), "vocabulary size")?;
        l.words.reserve(words);
        for id in 0..words {
            let w: Box<str> = c.str()?.into();
            if l.vocab.insert(w.clone(), id as u32).is_some() {
                return c.err("a token twice in the vocabulary");
            }
            l.words.push(w);
        }
        let entries = c.upto(units, "entry count")?;
        let (mut unit, mut ntok, mut ntext) = (0usize, 0usize, 0usize);
        l.entry_of = vec![NONE; units];
        for e in 0..entries {
            let delta = c.upto(units, "unit")?;
            unit += delta;
            if unit >= units || (e > 0 && delta == 0) {
                return c.err("entry units out of order or range");
            }
            l.units.push(unit as u32);
            l.entry_of[unit] = e as u32;
            ntok += c.upto(c.left(), "token count")?;
            l.tok_off.push(ntok);
            ntext += c.upto(c.left(), "text length")?;
            l.text_off.push(ntext);
        }
        if ntok > c.left() {
            return c.err("more tokens than bytes left");
        }
        l.tokens.reserve(ntok);
        for _ in 0..ntok {
            l.tokens
                .push(c.upto(words.saturating_sub(1), "token id")? as u32);
        }
        let texts = c.bytes(ntext)?;
        l.texts = match String::from_utf8(texts) {
            Ok(s) => s,
            Err(_) => return c.err("text is not UTF-8"),
        };
        for e in 0..entries {
            if !l.texts.is_char_boundary(l.text_off[e]) {
                return c.err("a text starts inside a character");
            }
        }
        l.postings.reserve(words);
        for _ in 0..words {
            let len = c.upto(entries, "posting count")?;
            let nbytes = c.upto(c.left(), "posting length")?;
            let bytes = c.bytes(nbytes)?;
            let (mut pos, mut n, mut last) = (0, 0usize, 0u64);
            while pos < bytes.len() {
                let Some((d, next)) = get_varint(&bytes, pos) else {
                    return c.err("a posting list runs past its end");
                };
                if n > 0 && d == 0 {
                    return c.err("a posting list is not ascending");
                }
                last = if n == 0 { d } else { last + d };
                if last >= entries as u64 {
                    return c.err("a posting list names an entry out of range");
                }
                (pos, n) = (next, n + 1);
            }
            if n != len {
                return c.err("a posting list has a wrong count");
            }
            l.postings.push(Posting {
                bytes,
                last: last as u32,
                len: len as u32,
            });
        }
        tm.langs.push(l);
    }
    if c.pos != c.len {
        return c.err("data after the last language");
    }
    tm.reindex_documents();
    tm.recount_pairs();
    Ok(tm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::LookupConfig;
    use crate::tmx::Tu;

    fn memory() -> TranslationMemory {
        let mut tm = TranslationMemory::new();
        let mut tu = Tu::new()
            .with_variant("en", "Noem visited a prison.")
            .with_variant("ru", "Ноэм посетила тюрьму.");
        tu.tuid = Some("7".into());
        tu.props.push(crate::tmx::Prop::new("x-document", "cecot"));
        tm.add(&tu, "a.tmx");
        tm.add(
            &Tu::new()
                .with_variant("en", "The bridge opened.")
                .with_variant("uk", "Міст відкрили."),
            "b.tmx",
        );
        tm
    }

    #[test]
    fn round_trip() {
        let tm = memory();
        let mut bytes = Vec::new();
        tm.write_ptm(&mut bytes).unwrap();
        let back = from_bytes(&bytes).unwrap();
        assert_eq!(back.languages(), tm.languages());
        let cfg = LookupConfig::default();
        let a = tm
            .lookup("Noem visited a prison!", Lang::EN, Lang::RU, &cfg)
            .unwrap();
        let b = back
            .lookup("Noem visited a prison!", Lang::EN, Lang::RU, &cfg)
            .unwrap();
        assert_eq!(a, b);
        assert_eq!(b[0].origin.document.as_deref(), Some("cecot"));
        assert_eq!(b[0].origin.tuid.as_deref(), Some("7"));
        // A loaded memory grows like a new one.
        let mut back = back;
        back.add(
            &Tu::new()
                .with_variant("en", "More.")
                .with_variant("ru", "Ещё."),
            "c.tmx",
        );
        assert_eq!(back.len(), 3);
        assert_eq!(back.pair_count(Lang::EN, Lang::RU), 2);
    }

    #[test]
    fn damaged_files_are_errors() {
        let mut bytes = Vec::new();
        memory().write_ptm(&mut bytes).unwrap();
        assert!(from_bytes(b"<?xml version").unwrap_err().contains("magic"));
        let mut v2 = bytes.clone();
        v2[8] = 9;
        assert!(from_bytes(&v2).unwrap_err().contains("version 9"));
        for cut in [9, 20, bytes.len() / 2, bytes.len() - 1] {
            let e = from_bytes(&bytes[..cut]).unwrap_err();
            assert!(e.contains("truncated"), "{cut}: {e}");
        }
        for i in 16..bytes.len() - 24 {
            let mut bad = bytes.clone();
            bad[i] ^= 0x5a;
            assert!(from_bytes(&bad).is_err(), "byte {i}");
        }
    }

    #[test]
    fn parse_checks_every_field() {
        // Without the checksum, flipped bytes must still never panic.
        let mut bytes = Vec::new();
        memory().write_ptm(&mut bytes).unwrap();
        let body = &bytes[16..bytes.len() - 24];
        for i in 0..body.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut bad = body.to_vec();
                bad[i] ^= flip;
                if let Ok(tm) = parse(&mut Cur::new(&bad[..], bad.len(), 16)) {
                    // A memory that loads can be searched.
                    let cfg = LookupConfig { min: 1, max: 5 };
                    for (a, b) in [(Lang::EN, Lang::RU), (Lang::EN, Lang::UK)] {
                        let _ = tm.lookup("Noem visited the bridge.", a, b, &cfg);
                    }
                }
            }
        }
    }
}
