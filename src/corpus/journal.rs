//! A resumable output: the file written as a stream beside a journal of what is in it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The journal's format version, in its first line.
const VERSION: u64 = 1;

/// An output file written as a stream, with a journal that makes the run resumable.
///
/// While the run goes, the output's content grows in `.NAME.partial` beside it, and each
/// article's entry (any JSON object: its id, its fate) goes into `.NAME.journal` with the
/// length the partial file had after the article. An article's entries reach the journal
/// only after its bytes are synced to disk ([`Journal::commit`]), so whenever the run
/// stops, even by `kill -9` or a power cut, the journal's last whole line tells how much
/// of the partial file is good. [`Journal::open`] with `resume` cuts the partial file
/// back to that length and hands back the entries done; the caller skips those articles
/// and goes on. [`Journal::finish`] writes the end, syncs, and renames the partial file
/// over the output in one step: the output is the old file or the whole new one, never a
/// half file, and a resumed run ends with the same bytes as an uninterrupted one.
///
/// ```
/// use polyalign::corpus::Journal;
/// use serde_json::json;
///
/// let dir = tempfile::tempdir().unwrap();
/// let out = dir.path().join("memory.txt");
/// let (mut j, done) = Journal::open(&out, &[], "run 1", b"head\n", false).unwrap();
/// assert!(done.entries.is_empty());
/// j.append(b"a1\n", json!({"id": "a1"})).unwrap();
/// j.commit().unwrap();
/// drop(j); // the run stops here
///
/// let (mut j, done) = Journal::open(&out, &[], "run 1", b"head\n", true).unwrap();
/// assert_eq!(done.entries, [json!({"id": "a1"})]);
/// j.append(b"a2\n", json!({"id": "a2"})).unwrap();
/// let mut manifest = Vec::new();
/// j.finish(b"end\n", |e| { manifest.push(e); Ok(()) }).unwrap();
/// assert_eq!(std::fs::read_to_string(&out).unwrap(), "head\na1\na2\nend\n");
/// assert_eq!(manifest.len(), 2);
/// // Another run's journal is not resumed.
/// assert!(Journal::open(&out, &[], "run 1", b"", true).unwrap().1.entries.is_empty());
/// ```
#[derive(Debug)]
pub struct Journal {
    output: PathBuf,
    partial_path: PathBuf,
    journal_path: PathBuf,
    partial: BufWriter<File>,
    journal: BufWriter<File>,
    offset: u64,
    pending: Vec<String>,
}

/// What a resumed journal holds.
#[derive(Debug, Default)]
pub struct Resumed {
    /// The entries of the articles already done, in order.
    pub entries: Vec<Value>,
    /// Whether a journal of an interrupted run was found and not resumed (no `resume`,
    /// or another run's): it was started over.
    pub discarded: bool,
}

/// An error of a [`Journal`]: each names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JournalError {
    /// Reading or writing a file failed.
    #[error("cannot write {}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The output is one of the inputs.
    #[error("{} is an input: choose another output file", .path.display())]
    IsInput {
        /// The output file.
        path: PathBuf,
    },
}

fn io_error(path: &Path) -> impl Fn(io::Error) -> JournalError + '_ {
    move |source| JournalError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Journal {
    /// Opens the output `output` for a run named `run` (its inputs and settings, in any
    /// form: a journal of another run is never resumed). With `resume` and a journal of
    /// the same run, the run goes on where it stopped; else the output starts anew with
    /// `head`. Refuses an output that is one of `inputs`.
    pub fn open(
        output: &Path,
        inputs: &[PathBuf],
        run: &str,
        head: &[u8],
        resume: bool,
    ) -> Result<(Journal, Resumed), JournalError> {
        if crate::output::is_input(output, inputs) {
            return Err(JournalError::IsInput {
                path: output.to_path_buf(),
            });
        }
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = match output.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let partial_path = dir.join(format!(".{name}.partial"));
        let journal_path = dir.join(format!(".{name}.journal"));
        let mut resumed = Resumed::default();
        if journal_path.exists() {
            if resume {
                if let Some(found) = read_journal(&journal_path, &partial_path, run)? {
                    let (offset, journal_len, entries) = found;
                    let partial = OpenOptions::new()
                        .write(true)
                        .open(&partial_path)
                        .map_err(io_error(&partial_path))?;
                    partial.set_len(offset).map_err(io_error(&partial_path))?;
                    let mut partial = BufWriter::new(partial);
                    partial
                        .seek(SeekFrom::End(0))
                        .map_err(io_error(&partial_path))?;
                    let journal = OpenOptions::new()
                        .write(true)
                        .open(&journal_path)
                        .map_err(io_error(&journal_path))?;
                    journal
                        .set_len(journal_len)
                        .map_err(io_error(&journal_path))?;
                    let mut journal = BufWriter::new(journal);
                    journal
                        .seek(SeekFrom::End(0))
                        .map_err(io_error(&journal_path))?;
                    resumed.entries = entries;
                    let j = Journal {
                        output: output.to_path_buf(),
                        partial_path,
                        journal_path,
                        partial,
                        journal,
                        offset,
                        pending: Vec::new(),
                    };
                    return Ok((j, resumed));
                }
            }
            resumed.discarded = true;
        }
        let mut partial =
            BufWriter::new(File::create(&partial_path).map_err(io_error(&partial_path))?);
        partial.write_all(head).map_err(io_error(&partial_path))?;
        let mut journal =
            BufWriter::new(File::create(&journal_path).map_err(io_error(&journal_path))?);
        let first =
            serde_json::json!({"polyalign-journal": VERSION, "run": run, "offset": head.len()});
        writeln!(journal, "{first}").map_err(io_error(&journal_path))?;
        let mut j = Journal {
            output: output.to_path_buf(),
            partial_path,
            journal_path,
            partial,
            journal,
            offset: head.len() as u64,
            pending: Vec::new(),
        };
        j.commit()?;
        Ok((j, resumed))
    }

    /// Adds an article: its bytes of the output and its entry (a JSON object; the key
    /// `offset` is the journal's own). Nothing is durable before [`Journal::commit`].
    pub fn append(&mut self, bytes: &[u8], entry: Value) -> Result<(), JournalError> {
        self.partial
            .write_all(bytes)
            .map_err(io_error(&self.partial_path))?;
        self.offset += bytes.len() as u64;
        let mut entry = entry;
        if let Value::Object(m) = &mut entry {
            m.insert("offset".into(), self.offset.into());
        }
        self.pending.push(entry.to_string());
        Ok(())
    }

    /// Makes what was appended durable: the output's bytes are synced, then the entries
    /// are written to the journal and synced.
    pub fn commit(&mut self) -> Result<(), JournalError> {
        self.partial.flush().map_err(io_error(&self.partial_path))?;
        self.partial
            .get_ref()
            .sync_data()
            .map_err(io_error(&self.partial_path))?;
        for line in self.pending.drain(..) {
            writeln!(self.journal, "{line}").map_err(io_error(&self.journal_path))?;
        }
        self.journal.flush().map_err(io_error(&self.journal_path))?;
        self.journal
            .get_ref()
            .sync_data()
            .map_err(io_error(&self.journal_path))
    }

    /// Ends the output: writes `tail`, syncs, renames the partial file over the output,
    /// hands every entry of the run (those resumed too, in order, without `offset`) to
    /// `manifest`, and removes the journal.
    pub fn finish(
        mut self,
        tail: &[u8],
        mut manifest: impl FnMut(Value) -> io::Result<()>,
    ) -> Result<(), JournalError> {
        self.partial
            .write_all(tail)
            .map_err(io_error(&self.partial_path))?;
        self.commit()?;
        let partial = self
            .partial
            .into_inner()
            .map_err(|e| io_error(&self.partial_path)(e.into_error()))?;
        drop(partial);
        if let Ok(meta) = fs::metadata(&self.output) {
            // The file replaced keeps its permissions.
            let _ = fs::set_permissions(&self.partial_path, meta.permissions());
        }
        fs::rename(&self.partial_path, &self.output).map_err(io_error(&self.output))?;
        drop(self.journal);
        let file = File::open(&self.journal_path).map_err(io_error(&self.journal_path))?;
        for line in BufReader::new(file).lines().skip(1) {
            let line = line.map_err(io_error(&self.journal_path))?;
            if let Ok(Value::Object(mut m)) = serde_json::from_str::<Value>(&line) {
                m.remove("offset");
                manifest(Value::Object(m)).map_err(io_error(&self.journal_path))?;
            }
        }
        fs::remove_file(&self.journal_path).map_err(io_error(&self.journal_path))
    }

    /// The journal's file (`.NAME.journal` beside the output).
    pub fn journal_path(&self) -> &Path {
        &self.journal_path
    }
}

/// A journal's good part: the partial file's length after the last whole entry, the
/// journal's length to that entry, and the entries (without `offset`). `None` when the
/// journal is of another run or unreadable, or the partial file is shorter than it says.
#[allow(clippy::type_complexity)]
fn read_journal(
    journal: &Path,
    partial: &Path,
    run: &str,
) -> Result<Option<(u64, u64, Vec<Value>)>, JournalError> {
    let Ok(partial_len) = fs::metadata(partial).map(|m| m.len()) else {
        return Ok(None);
    };
    let text = fs::read(journal).map_err(io_error(journal))?;
    let mut pos = 0usize;
    let mut offset = None;
    let mut journal_len = 0u64;
    let mut entries = Vec::new();
    while let Some(nl) = text[pos..].iter().position(|&b| b == b'\n') {
        let line = &text[pos..pos + nl];
        let Ok(Value::Object(mut m)) = serde_json::from_slice::<Value>(line) else {
            break;
        };
        let Some(at) = m.remove("offset").and_then(|v| v.as_u64()) else {
            break;
        };
        if at > partial_len {
            break;
        }
        if offset.is_none() {
            let same = m.get("polyalign-journal").and_then(Value::as_u64) == Some(VERSION)
                && m.get("run").and_then(Value::as_str) == Some(run);
            if !same {
                return Ok(None);
            }
        } else {
            entries.push(Value::Object(m));
        }
        offset = Some(at);
        pos += nl + 1;
        journal_len = pos as u64;
    }
    Ok(offset.map(|o| (o, journal_len, entries)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_torn_journal_line_and_unsynced_bytes_are_cut_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("m.tmx");
        let (mut j, _) = Journal::open(&out, &[], "r", b"<h>", false).unwrap();
        j.append(b"<a/>", json!({"id": "a"})).unwrap();
        j.commit().unwrap();
        j.append(b"<b/>", json!({"id": "b"})).unwrap();
        // Bytes of b reach the file, its entry never reaches the journal; then a torn line.
        j.partial.flush().unwrap();
        let jp = j.journal_path().to_path_buf();
        drop(j);
        let mut f = OpenOptions::new().append(true).open(&jp).unwrap();
        f.write_all(b"{\"id\": \"b\", \"off").unwrap();
        drop(f);
        let (mut j, done) = Journal::open(&out, &[], "r", b"<h>", true).unwrap();
        assert_eq!(done.entries, [json!({"id": "a"})]);
        assert!(!done.discarded);
        j.append(b"<b/>", json!({"id": "b"})).unwrap();
        j.finish(b"</h>", |_| Ok(())).unwrap();
        assert_eq!(fs::read_to_string(&out).unwrap(), "<h><a/><b/></h>");
        assert!(!jp.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_input_is_never_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.txt");
        fs::write(&input, "x").unwrap();
        let e = Journal::open(&input, std::slice::from_ref(&input), "r", b"", false).unwrap_err();
        assert!(matches!(e, JournalError::IsInput { .. }));
        assert_eq!(fs::read_to_string(&input).unwrap(), "x");
    }
}
