//! The reader's input: bytes in UTF-8 or UTF-16 (detected from the byte order mark or the
//! first characters) handed to the XML parser as validated UTF-8, with the line and
//! column of any byte offset since the last mark, for error messages.

use std::cell::Cell;
use std::io::{self, BufRead, Read};

use super::TmxError;

/// Bytes read from the inner reader at a time.
const CHUNK: usize = 64 * 1024;

/// The encoding of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// Not known yet: nothing has been read.
    Unknown,
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// UTF-16, little endian.
    Utf16Le,
    /// UTF-16, big endian.
    Utf16Be,
}

/// A line and column (both from 1; the column counts characters) at a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    offset: u64,
    line: u64,
    column: u64,
}

/// UTF-8 text decoded from `inner`, as a [`BufRead`] for the XML parser.
///
/// Errors of the inner reader and encoding errors are kept (see [`Source::take_failure`])
/// and reported to the parser as a plain I/O error, so that the caller can turn them into
/// the right [`TmxError`] with a position.
pub(crate) struct Source<R> {
    inner: R,
    encoding: Encoding,
    /// Input bytes not yet decoded (a partial character at most, between refills): the
    /// first `raw_len` bytes of `raw`, a buffer of `CHUNK` bytes allocated once.
    raw: Box<[u8]>,
    raw_len: usize,
    /// Decoded UTF-8, handed out from `pos`.
    out: Vec<u8>,
    pos: usize,
    /// Bytes decoded before `out`.
    decoded: u64,
    eof: bool,
    /// Bytes handed out and consumed, in total.
    consumed: u64,
    /// The position of a byte offset at or before `consumed` (at most the offset last
    /// given to `set_mark`: the start of its line) ...
    mark: Mark,
    /// ... and the bytes consumed since then ...
    since_mark: Vec<u8>,
    /// ... of which this many at the start hold no line break.
    no_newline: usize,
    /// The last position asked for.
    last_position: Cell<Mark>,
    /// An encoding error at a decoded offset, raised once the bytes before it are consumed.
    bad: Option<(u64, String)>,
    /// The failure that stopped the input, for [`Source::take_failure`].
    failure: Option<TmxError>,
}

impl<R: Read> Source<R> {
    pub(crate) fn new(inner: R) -> Self {
        Source {
            inner,
            encoding: Encoding::Unknown,
            raw: vec![0; CHUNK].into_boxed_slice(),
            raw_len: 0,
            out: Vec::with_capacity(CHUNK),
            pos: 0,
            decoded: 0,
            eof: false,
            consumed: 0,
            mark: Mark {
                offset: 0,
                line: 1,
                column: 1,
            },
            since_mark: Vec::new(),
            no_newline: 0,
            last_position: Cell::new(Mark {
                offset: 0,
                line: 1,
                column: 1,
            }),
            bad: None,
            failure: None,
        }
    }

    /// The encoding detected (after the first read).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Moves the mark to `offset` (clamped to what has been consumed): positions can be
    /// asked for offsets from there on.
    ///
    /// The bytes of the current line before the mark are kept, so that the column is
    /// counted (in characters) only when asked for: a mark costs a search for the last
    /// line break. A line longer than `LONG_LINE` is counted and dropped as it goes.
    pub(crate) fn set_mark(&mut self, offset: u64) {
        const LONG_LINE: usize = 1 << 20;
        let offset = offset.clamp(self.mark.offset, self.consumed);
        let n = (offset - self.mark.offset) as usize;
        let from = self.no_newline.min(n);
        let done = match memchr::memrchr(b'\n', &self.since_mark[from..n]) {
            Some(last) => from + last + 1,
            None if n > LONG_LINE => n,
            None => {
                self.no_newline = n;
                return;
            }
        };
        self.mark = advance(self.mark, &self.since_mark[..done]);
        self.since_mark.drain(..done);
        self.no_newline = n - done;
    }

    /// The line and column of a byte offset at or after the mark.
    ///
    /// Positions asked for in increasing order on one line are counted from the last one,
    /// so that asking for each element's position costs time linear in the input, even
    /// when the whole file is one line.
    pub(crate) fn position(&self, offset: u64) -> (u64, u64) {
        let offset = offset.clamp(self.mark.offset, self.consumed);
        let mut base = self.last_position.get();
        if base.offset < self.mark.offset || base.offset > offset {
            base = self.mark;
        }
        let from = (base.offset - self.mark.offset) as usize;
        let to = (offset - self.mark.offset) as usize;
        let m = advance(base, &self.since_mark[from..to]);
        self.last_position.set(m);
        (m.line, m.column)
    }

    /// The error that made the input fail (an encoding error or an error of the inner
    /// reader), if any, once.
    pub(crate) fn take_failure(&mut self) -> Option<TmxError> {
        self.failure.take()
    }

    fn fail(&mut self, error: TmxError) -> io::Error {
        let message = error.to_string();
        self.failure = Some(error);
        io::Error::new(io::ErrorKind::InvalidData, message)
    }

    /// Reads and decodes the next chunk into `out` (which is fully consumed).
    fn refill(&mut self) -> io::Result<()> {
        self.decoded += self.out.len() as u64;
        self.out.clear();
        self.pos = 0;
        let have = self.raw_len;
        let got = loop {
            match self.inner.read(&mut self.raw[have..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let copy = io::Error::new(e.kind(), e.to_string());
                    self.failure = Some(TmxError::io(None, e));
                    return Err(copy);
                }
            }
        };
        self.raw_len = have + got;
        self.eof = got == 0;
        if self.encoding == Encoding::Unknown {
            if self.raw_len < 4 && !self.eof {
                return Ok(()); // Not enough to tell yet: read more.
            }
            self.sniff();
        }
        match self.encoding {
            Encoding::Utf16Le => self.decode_utf16(u16::from_le_bytes),
            Encoding::Utf16Be => self.decode_utf16(u16::from_be_bytes),
            _ => self.decode_utf8(),
        }
        Ok(())
    }

    /// Detects the encoding from the first bytes and drops the byte order mark.
    fn sniff(&mut self) {
        let (encoding, bom) = match &self.raw[..self.raw_len] {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
            [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
            [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
            [b'<', 0, b'?', 0, ..] => (Encoding::Utf16Le, 0),
            [0, b'<', 0, b'?', ..] => (Encoding::Utf16Be, 0),
            _ => (Encoding::Utf8, 0),
        };
        self.encoding = encoding;
        self.drop_raw(bom);
    }

    /// Drops the first `n` undecoded bytes, keeping the rest.
    fn drop_raw(&mut self, n: usize) {
        self.raw.copy_within(n..self.raw_len, 0);
        self.raw_len -= n;
    }

    fn decode_utf8(&mut self) {
        let raw = &self.raw[..self.raw_len];
        match std::str::from_utf8(raw) {
            Ok(_) => {
                self.out.extend_from_slice(raw);
                self.raw_len = 0;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                self.out.extend_from_slice(&raw[..valid]);
                if e.error_len().is_none() && !self.eof {
                    // A character cut at the end of the chunk: keep it for the next one.
                    self.drop_raw(valid);
                } else {
                    let message = match e.error_len() {
                        Some(_) => format!("invalid UTF-8 byte 0x{:02X}", raw[valid]),
                        None => "the file ends inside a UTF-8 character".to_string(),
                    };
                    self.bad = Some((self.decoded + valid as u64, message));
                    self.raw_len = 0;
                }
            }
        }
    }

    fn decode_utf16(&mut self, unit: fn([u8; 2]) -> u16) {
        let raw = &self.raw[..self.raw_len];
        let at = |i: usize| unit([raw[i], raw[i + 1]]);
        let usable = raw.len() & !1;
        let mut i = 0;
        let mut problem = None;
        while i + 2 <= usable {
            let u = at(i);
            if u < 0x80 {
                self.out.push(u as u8);
                i += 2;
                continue;
            }
            let c = if (0xD800..0xDC00).contains(&u) {
                if i + 4 > usable {
                    if self.eof {
                        problem = Some("the file ends inside a UTF-16 surrogate pair");
                    }
                    break;
                }
                let low = at(i + 2);
                if !(0xDC00..0xE000).contains(&low) {
                    problem = Some("unpaired UTF-16 surrogate");
                    break;
                }
                i += 2;
                0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
            } else if (0xDC00..0xE000).contains(&u) {
                problem = Some("unpaired UTF-16 surrogate");
                break;
            } else {
                u32::from(u)
            };
            i += 2;
            let c = char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER);
            let mut b = [0; 4];
            self.out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
        }
        if problem.is_none() && self.eof && i < raw.len() && i == usable {
            problem = Some("the file ends with half a UTF-16 character (an odd number of bytes)");
        }
        match problem {
            Some(p) => {
                self.bad = Some((self.decoded + self.out.len() as u64, p.to_string()));
                self.raw_len = 0;
            }
            None => self.drop_raw(i),
        }
    }
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let avail = self.fill_buf()?;
            let n = avail.len().min(buf.len());
            buf[..n].copy_from_slice(&avail[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Source<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.pos == self.out.len() {
            if let Some((offset, message)) = self.bad.take() {
                let (line, column) = self.position(offset);
                let error = TmxError::Encoding {
                    line,
                    column,
                    offset,
                    message,
                };
                return Err(self.fail(error));
            }
            if self.failure.is_some() {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "input failed"));
            }
            if self.eof && self.raw_len == 0 {
                return Ok(&[]);
            }
            self.refill()?;
        }
        Ok(&self.out[self.pos..])
    }

    fn consume(&mut self, amt: usize) {
        let amt = amt.min(self.out.len() - self.pos);
        self.since_mark
            .extend_from_slice(&self.out[self.pos..self.pos + amt]);
        self.pos += amt;
        self.consumed += amt as u64;
    }
}

/// The position after `bytes`, starting at `mark`.
fn advance(mark: Mark, bytes: &[u8]) -> Mark {
    let chars = |b: &[u8]| b.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64;
    let offset = mark.offset + bytes.len() as u64;
    match memchr::memrchr(b'\n', bytes) {
        Some(last) => Mark {
            offset,
            line: mark.line + memchr::memchr_iter(b'\n', bytes).count() as u64,
            column: 1 + chars(&bytes[last + 1..]),
        },
        None => Mark {
            offset,
            line: mark.line,
            column: mark.column + chars(bytes),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that returns at most `step` bytes per call, to cut characters apart.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.data.len().min(self.step).min(buf.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn decode(data: &[u8], step: usize) -> (Result<String, String>, Encoding) {
        let mut src = Source::new(Trickle { data, step });
        let mut out = Vec::new();
        let r = src.read_to_end(&mut out);
        let result = match r {
            Ok(_) => Ok(String::from_utf8(out).unwrap()),
            Err(_) => Err(src.take_failure().unwrap().to_string()),
        };
        (result, src.encoding())
    }

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        for u in units {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn decodes_every_encoding_in_any_chunking() {
        let text = "<?xml version=\"1.0\"?>\n<tmx>Київ 🇺🇦 — Kyiv</tmx>";
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend_from_slice(text.as_bytes());
        let cases = [
            (text.as_bytes().to_vec(), Encoding::Utf8),
            (bom8, Encoding::Utf8),
            (utf16(text, true, true), Encoding::Utf16Le),
            (utf16(text, false, true), Encoding::Utf16Be),
            (utf16(text, true, false), Encoding::Utf16Le),
            (utf16(text, false, false), Encoding::Utf16Be),
        ];
        for (data, encoding) in cases {
            for step in [1, 2, 3, 5, 7, 1000] {
                let (got, enc) = decode(&data, step);
                assert_eq!(got.as_deref(), Ok(text), "{encoding:?} step {step}");
                assert_eq!(enc, encoding);
            }
        }
    }

    #[test]
    fn reports_bad_bytes_with_their_position() {
        let mut odd = utf16("<a>b</a>", true, true);
        odd.push(b'x');
        let mut lone = utf16("<a>\nb", true, true);
        lone.extend_from_slice(&0xDC00u16.to_le_bytes());
        for (data, want) in [
            (
                b"<a>\nab\xFFc".to_vec(),
                "line 2, column 3: invalid UTF-8 byte 0xFF",
            ),
            (
                b"<a>\xD0".to_vec(),
                "line 1, column 4: the file ends inside",
            ),
            (odd, "odd number of bytes"),
            (lone, "line 2, column 2: unpaired UTF-16 surrogate"),
        ] {
            for step in [1, 3, 1000] {
                let (got, _) = decode(&data, step);
                let err = got.unwrap_err();
                assert!(err.contains(want), "{err} (want {want}, step {step})");
            }
        }
    }

    #[test]
    fn positions_from_the_mark() {
        let text = "ab\ncd é\nf";
        let mut src = Source::new(text.as_bytes());
        let mut out = String::new();
        src.read_to_string(&mut out).unwrap();
        for (offset, want) in [
            (0, (1, 1)),
            (2, (1, 3)),
            (3, (2, 1)),
            (8, (2, 5)),
            (9, (3, 1)),
            (10, (3, 2)),
        ] {
            assert_eq!(src.position(offset), want, "offset {offset}");
        }
        src.set_mark(4);
        assert_eq!(src.position(10), (3, 2));
        assert_eq!(src.position(5), (2, 3));
        assert_eq!(src.position(0), (2, 1)); // clamped to the start of the mark's line
        src.set_mark(9);
        assert_eq!(src.position(9), (3, 1));
        assert_eq!(src.position(0), (3, 1));
    }
}
