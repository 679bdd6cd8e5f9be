//! Corpus mode of `align`, `check` and `tm build`: every article of a directory
//! (`--corpus DIR`) or of JSON lines (`--jsonl FILE|-`), on all cores, in input order, with
//! failures isolated, a manifest, a resumable output and a progress bar.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use polyalign::corpus::{find, for_each_ordered, Journal, Pattern};
use polyalign::doc::{Document, Record};
use polyalign::lang::Lang;
use rayon::prelude::*;
use serde_json::{json, Map, Value};

/// The options of corpus mode, shared by `align`, `check` and `tm build`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct CorpusArgs {
    /// A directory of articles: every article's versions found by name
    /// (`ID.en.txt ID.ru.txt ID.uk.txt`, or `en/ID.txt ru/ID.txt ...`; see --pattern),
    /// processed in one run on all cores.
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Where the versions of an article are under --corpus: a path with `{id}` and
    /// `{lang}` (repeat to try several in order). Default: `{id}.{lang}.txt`, then
    /// `{lang}/{id}.txt`.
    #[arg(long, value_name = "PATTERN", requires = "corpus")]
    pub pattern: Vec<String>,
    /// Threads to run articles on. Default: all cores.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Continue an interrupted corpus run into the same -o file: the articles already
    /// done are skipped and the output ends as an uninterrupted run's would.
    #[arg(long)]
    pub resume: bool,
    /// The manifest: one JSON line per input article and its fate (done, skipped,
    /// failed, and why). Default: beside the output (`memory.tmx` → `memory.manifest.jsonl`;
    /// `check --html DIR` → `DIR/manifest.jsonl`).
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// No progress bar and no summary line (failures are still reported).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// One input article: a directory's files, or a JSON line.
pub enum Item {
    /// An article of `--corpus`.
    Files {
        id: String,
        versions: Vec<(Lang, PathBuf)>,
        missing: Vec<Lang>,
        conflicts: Vec<PathBuf>,
    },
    /// A line of `--jsonl`, with where it is (`file: line N`).
    /// The line is taken out when it is read (`Mutex` for that alone), so that a long
    /// article's text is not kept twice while it is processed.
    Line {
        at: String,
        line: std::sync::Mutex<String>,
    },
    /// A line that could not be read.
    Unreadable { at: String, reason: String },
    /// An article read ahead (the priors' sample): taken out when the run reaches it.
    Ready {
        id: String,
        loaded: std::sync::Mutex<Option<std::sync::Arc<Loaded>>>,
    },
}

impl Item {
    /// The id when it is known before the article is read.
    fn known_id(&self) -> Option<&str> {
        match self {
            Item::Files { id, .. } | Item::Ready { id, .. } => Some(id),
            _ => None,
        }
    }

    fn fallback_id(&self) -> String {
        match self {
            Item::Files { id, .. } | Item::Ready { id, .. } => id.clone(),
            Item::Line { at, .. } | Item::Unreadable { at, .. } => at.clone(),
        }
    }
}

/// An article read: its id, its versions as documents, and the languages it lacks.
#[derive(Clone)]
pub struct Loaded {
    pub id: String,
    pub docs: Vec<Document<'static>>,
    pub missing: Vec<String>,
}

/// What a job made of one article: its bytes of the output, fields for its manifest
/// entry, whether it has findings, and anything for the sequential consumer.
pub struct Done<T> {
    pub bytes: Vec<u8>,
    pub entry: Map<String, Value>,
    pub findings: bool,
    pub payload: T,
}

enum Fate<T> {
    Done(Loaded, Done<T>),
    Skipped(String, String),
    Failed(String, String),
}

/// Where the stream of output goes.
pub enum Dest {
    /// A file, through a journal (resumable, renamed into place at the end).
    File(PathBuf),
    /// Standard output.
    Stdout,
    /// Nowhere: the job writes its own files (pages) or the consumer keeps the data.
    Nothing,
}

/// The inputs of a corpus run.
pub struct Source {
    items: Box<dyn Iterator<Item = Item>>,
    /// How many articles, when known before the run.
    total: Option<u64>,
    /// The input files (never overwritten).
    pub inputs: Inputs,
    /// The languages of a directory corpus (empty for JSON lines).
    pub langs: Vec<Lang>,
    /// What identifies the inputs, for --resume.
    fingerprint: String,
    /// Messages about the inputs (files no pattern matched).
    notes: Vec<String>,
}

/// What a corpus run reads, to keep its outputs off its inputs.
#[derive(Clone, Default)]
pub struct Inputs {
    /// The files read (`--jsonl` files).
    files: Vec<PathBuf>,
    /// The directory corpus: any file its patterns would read there is an input.
    corpus: Option<polyalign::corpus::Corpus>,
}

impl Inputs {
    /// The inputs to hand the atomic writer of `output` (which refuses to write over
    /// one); an error when `output` lies in the directory corpus where its patterns
    /// would read it as an article's version (an input now, or on the next run).
    pub fn of(&self, output: &Path) -> Result<Vec<PathBuf>> {
        if let Some(c) = &self.corpus {
            if c.would_read(output) {
                bail!(
                    "{} is a name the corpus's patterns read as an article's version: choose an output outside {} or another name",
                    output.display(),
                    c.root.display()
                );
            }
        }
        Ok(self.files.clone())
    }
}

impl Source {
    /// The first `n` articles that load, read ahead: what the aligner learns its priors
    /// from. They stay first in the run, read (an article that does not load stays as it
    /// was, to fail or be skipped in its turn).
    pub fn sample(&mut self, n: usize, use_sentences: bool) -> Vec<std::sync::Arc<Loaded>> {
        let taken: Vec<Item> = self.items.by_ref().take(n).collect();
        let items: Vec<(Item, Option<std::sync::Arc<Loaded>>)> = taken
            .into_par_iter()
            .map(|item| {
                let loaded = match &item {
                    // The line goes back when the article does not load: the run must
                    // still find it to report it.
                    Item::Line { at, line } => {
                        let mut slot = line.lock().unwrap_or_else(|e| e.into_inner());
                        let (loaded, text) =
                            load_line(at, std::mem::take(&mut *slot), use_sentences, true);
                        if !matches!(loaded, Ok(Ok(_))) {
                            *slot = text.unwrap_or_default();
                        }
                        loaded
                    }
                    other => load(other, use_sentences),
                };
                match loaded {
                    Ok(Ok(l)) => {
                        let l = std::sync::Arc::new(l);
                        let ready = Item::Ready {
                            id: l.id.clone(),
                            loaded: std::sync::Mutex::new(Some(std::sync::Arc::clone(&l))),
                        };
                        (ready, Some(l))
                    }
                    _ => (item, None),
                }
            })
            .collect();
        let (back, out): (Vec<Item>, Vec<Option<std::sync::Arc<Loaded>>>) =
            items.into_iter().unzip();
        let rest = std::mem::replace(&mut self.items, Box::new(std::iter::empty()));
        self.items = Box::new(back.into_iter().chain(rest));
        out.into_iter().flatten().collect()
    }

    /// The articles of `--corpus DIR`.
    pub fn dir(dir: &Path, patterns: &[String], langs: &[Lang]) -> Result<Source> {
        let patterns: Vec<Pattern> = if patterns.is_empty() {
            Pattern::defaults()
        } else {
            patterns
                .iter()
                .map(|p| p.parse::<Pattern>())
                .collect::<Result<_, _>>()?
        };
        let corpus = find(dir, &patterns, langs)?;
        let mut notes = Vec::new();
        if let Some(first) = &corpus.unmatched.first {
            let n = corpus.unmatched.count;
            notes.push(format!(
                "{n} {} under {} match{} no pattern and {} not read (e.g. {})",
                if n == 1 { "file" } else { "files" },
                dir.display(),
                if n == 1 { "es" } else { "" },
                if n == 1 { "is" } else { "are" },
                first.display()
            ));
        }
        if let Some(first) = &corpus.other_langs.first {
            let n = corpus.other_langs.count;
            notes.push(format!(
                "{n} {} in languages other than {} {} not read (e.g. {})",
                if n == 1 { "file" } else { "files" },
                polyalign::formats::alignment::codes(&corpus.langs),
                if n == 1 { "is" } else { "are" },
                first.display()
            ));
        }
        let ids = hash_lines(corpus.ids());
        let langs = corpus.langs.clone();
        let corpus_langs = corpus.langs.clone();
        let total = corpus.len() as u64;
        let guard = corpus.without_articles();
        let items = corpus.into_articles().map(move |a| Item::Files {
            missing: a.missing(&langs),
            id: a.id,
            versions: a.versions,
            conflicts: a.conflicts,
        });
        Ok(Source {
            items: Box::new(items),
            total: Some(total),
            inputs: Inputs {
                files: Vec::new(),
                corpus: Some(guard),
            },
            langs: corpus_langs,
            fingerprint: format!("dir {}\n{ids}", dir.display()),
            notes,
        })
    }

    /// The articles of `--jsonl` files (standard input when none is given), read as a
    /// stream: one article per non-blank line.
    pub fn jsonl(files: &[PathBuf], count: bool) -> Result<Source> {
        let files: Vec<PathBuf> = if files.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            files.to_vec()
        };
        let mut readers = Vec::new();
        let mut fingerprint = String::from("jsonl");
        let mut total = Some(0u64);
        for path in &files {
            readers.push((path.display().to_string(), super::open_input(path)?));
            match std::fs::metadata(path) {
                Ok(m) if path.as_os_str() != "-" => {
                    fingerprint.push_str(&format!("\n{} {}", path.display(), m.len()));
                    if count {
                        total = total.and_then(|t| Some(t + count_lines(path).ok()?));
                    } else {
                        total = None;
                    }
                }
                _ => {
                    fingerprint.push_str("\n-");
                    total = None;
                }
            }
        }
        let inputs = Inputs {
            files: files
                .iter()
                .filter(|p| p.as_os_str() != "-")
                .cloned()
                .collect(),
            corpus: None,
        };
        Ok(Source {
            items: Box::new(JsonlItems {
                readers,
                line: 0,
                buf: Vec::new(),
            }),
            total,
            inputs,
            langs: Vec::new(),
            fingerprint,
            notes: Vec::new(),
        })
    }
}

/// A short stable hash (FNV-1a) of lines joined by `\n`, without joining them, and
/// their count: for fingerprints and page names.
fn hash_lines<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut n = 0usize;
    for line in lines {
        if n > 0 {
            h = (h ^ u64::from(b'\n')).wrapping_mul(0x0100_0000_01b3);
        }
        for b in line.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        n += 1;
    }
    format!("{h:016x} {n}")
}

/// The non-blank lines of a file.
fn count_lines(path: &Path) -> io::Result<u64> {
    let mut r = BufReader::with_capacity(1 << 20, File::open(path)?);
    let mut n = 0;
    let mut blank = true;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(n + u64::from(!blank));
        }
        // A line counts when it has a byte that is not white space: the newlines are
        // found with memchr, and a line's bytes are looked at only until its first such
        // byte (a JSON line's first).
        let mut start = 0;
        for nl in memchr::memchr_iter(b'\n', buf) {
            blank = blank && buf[start..nl].iter().all(u8::is_ascii_whitespace);
            n += u64::from(!blank);
            blank = true;
            start = nl + 1;
        }
        blank = blank && buf[start..].iter().all(u8::is_ascii_whitespace);
        let len = buf.len();
        r.consume(len);
    }
}

struct JsonlItems {
    readers: Vec<(String, Box<dyn BufRead>)>,
    line: usize,
    buf: Vec<u8>,
}

impl Iterator for JsonlItems {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            let (name, reader) = self.readers.first_mut()?;
            self.buf.clear();
            match reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.readers.remove(0);
                    self.line = 0;
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    let at = format!("{name}: line {}", self.line + 1);
                    self.readers.remove(0);
                    return Some(Item::Unreadable {
                        at,
                        reason: format!("cannot read: {e}"),
                    });
                }
            }
            self.line += 1;
            let at = format!("{name}: line {}", self.line);
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            // The buffer becomes the line, without a copy (the next line starts a new one).
            return Some(match String::from_utf8(std::mem::take(&mut self.buf)) {
                Ok(mut line) => {
                    line.truncate(line.trim_end().len());
                    Item::Line {
                        at,
                        line: std::sync::Mutex::new(line),
                    }
                }
                Err(e) => Item::Unreadable {
                    at,
                    reason: format!(
                        "invalid UTF-8 at byte {} of the line",
                        e.utf8_error().valid_up_to()
                    ),
                },
            });
        }
    }
}

/// How a corpus run went.
#[derive(Default)]
pub struct Summary {
    pub articles: usize,
    pub done: usize,
    pub incomplete: usize,
    pub skipped: usize,
    pub failed: usize,
    pub with_findings: usize,
    pub units: u64,
    pub resumed: usize,
    /// The manifest written (one JSON line per input article, in input order).
    pub manifest: Option<PathBuf>,
    pub seconds: f64,
}

impl Summary {
    fn count(&mut self, entry: &Value) {
        self.articles += 1;
        match entry["status"].as_str() {
            Some("done") => {
                self.done += 1;
                if entry["missing"].as_array().is_some_and(|m| !m.is_empty()) {
                    self.incomplete += 1;
                }
            }
            Some("skipped") => self.skipped += 1,
            _ => self.failed += 1,
        }
        if entry["findings"].as_u64().is_some_and(|n| n > 0) {
            self.with_findings += 1;
        }
        self.units += entry["units"].as_u64().unwrap_or(0);
    }

    /// The summary line: `123 articles: 121 done (2 missing a version), 1 skipped, 1 failed`.
    pub fn line(&self, what: &str) -> String {
        let noun = if self.articles == 1 {
            "article"
        } else {
            "articles"
        };
        let mut s = format!("{} {noun}: {} done", self.articles, self.done);
        if self.incomplete > 0 {
            s.push_str(&format!(" ({} missing a version)", self.incomplete));
        }
        s.push_str(&format!(
            ", {} skipped, {} failed",
            self.skipped, self.failed
        ));
        if self.resumed > 0 {
            s.push_str(&format!(" ({} from the interrupted run)", self.resumed));
        }
        s.push_str(&format!(
            "; {} {what} in {:.1} s ({:.1} articles/s)",
            self.units,
            self.seconds,
            (self.articles - self.resumed) as f64 / self.seconds.max(1e-9)
        ));
        s
    }

    /// The exit code: 2 when an article failed, else 1 when one has findings, else 0.
    pub fn exit_code(&self) -> std::process::ExitCode {
        std::process::ExitCode::from(if self.failed > 0 {
            2
        } else {
            u8::from(self.with_findings > 0)
        })
    }
}

/// The settings of one run.
pub struct Run<'a> {
    pub args: &'a CorpusArgs,
    pub dest: Dest,
    /// Written before the first article (a TMX header, a TSV header row).
    pub head: Vec<u8>,
    /// Written after the last.
    pub tail: Vec<u8>,
    /// The command and its options, for --resume: a journal of other settings is not
    /// resumed.
    pub settings: String,
    /// With `--jsonl`: use the records' `sentences` rather than segmenting `text`.
    pub use_sentences: bool,
    /// The default manifest when `--manifest` is not given.
    pub manifest: Option<PathBuf>,
}

/// Articles of a corpus the aligner's priors are learned from: the first ones.
pub const PRIOR_ARTICLES: usize = 256;

/// The priors of a corpus run (`None` when the corpus teaches nothing: too few links),
/// learned from its first [`PRIOR_ARTICLES`] articles on `jobs` threads (default all) with
/// the command's link types and dictionary (the pivot does not matter to the pairs
/// learned from); the articles stay first in `source`.
pub fn learn_priors(
    source: &mut Source,
    use_sentences: bool,
    link_types: Option<&str>,
    dict: Option<&Path>,
    jobs: Option<usize>,
) -> Result<Option<std::sync::Arc<polyalign::align::Priors>>> {
    let config = super::align_config(link_types, None, dict, &[])?;
    let sample = source.sample(PRIOR_ARTICLES, use_sentences);
    let articles: Vec<&[Document<'_>]> = sample.iter().map(|a| a.docs.as_slice()).collect();
    let threads = jobs.unwrap_or_else(rayon::current_num_threads).max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?;
    let priors = pool.install(|| polyalign::align::Priors::learn(&articles, &config));
    Ok((!priors.is_empty()).then(|| std::sync::Arc::new(priors)))
}

/// The default manifest of an output file: `memory.tmx` → `memory.manifest.jsonl`.
pub fn manifest_beside(path: &Path) -> PathBuf {
    path.with_extension("manifest.jsonl")
}

/// Runs `work` on every article of `source` (on `--jobs` threads), writes the output
/// stream, the manifest and the summary, and hands each article's payload to `consume`
/// in input order.
pub fn drive<T: Send>(
    run: Run<'_>,
    source: Source,
    work: impl Fn(&Loaded) -> Result<Done<T>> + Sync,
    mut consume: impl FnMut(&Loaded, T) -> Result<()>,
) -> Result<Summary> {
    let args = run.args;
    let start = Instant::now();
    if args.resume && !matches!(run.dest, Dest::File(_)) {
        bail!("--resume continues a run into a file: give the same -o as the interrupted run");
    }
    for note in &source.notes {
        eprintln!("polyalign: note: {note}");
    }
    let threads = args.jobs.unwrap_or_else(rayon::current_num_threads).max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?;
    let mut summary = Summary::default();
    let run_id = format!("{}\n{}", run.settings, source.fingerprint);
    let mut journal = None;
    let mut stdout = None;
    let mut items = source.items;
    match &run.dest {
        Dest::File(path) => {
            let (j, resumed) = Journal::open(
                path,
                &source.inputs.of(path)?,
                &run_id,
                &run.head,
                args.resume,
            )?;
            if resumed.discarded && !args.resume {
                eprintln!(
                    "polyalign: note: an interrupted run into {} was found and started over (--resume continues one)",
                    path.display()
                );
            } else if resumed.discarded {
                eprintln!(
                    "polyalign: note: the interrupted run into {} had other inputs or settings: started over",
                    path.display()
                );
            } else if args.resume && resumed.entries.is_empty() {
                eprintln!(
                    "polyalign: note: nothing to resume into {}: starting",
                    path.display()
                );
            }
            for entry in &resumed.entries {
                let Some(item) = items.next() else {
                    bail!("the inputs have fewer articles than the interrupted run did: run again without --resume");
                };
                if let Some(id) = item.known_id() {
                    if entry["id"].as_str() != Some(id) {
                        bail!(
                            "the inputs changed since the interrupted run (article {id} where it had {}): run again without --resume",
                            entry["id"]
                        );
                    }
                }
            }
            for entry in &resumed.entries {
                summary.count(entry);
            }
            summary.resumed = summary.articles;
            journal = Some(j);
        }
        Dest::Stdout => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            out.write_all(&run.head)?;
            stdout = Some(out);
        }
        Dest::Nothing => {}
    }
    let manifest_path = args.manifest.clone().or(run.manifest.clone());
    // Without a journal, the manifest's lines go to a temporary file as the run goes, so
    // that memory does not grow with the corpus; it is copied into place at the end.
    let mut manifest_lines = match (&manifest_path, &journal) {
        (Some(path), None) => Some(scratch_beside(path)?),
        _ => None,
    };
    let bar = progress_bar(args, source.total, summary.resumed as u64);
    // A panic is caught at its article's boundary and reported as that article's
    // failure; the hook says where it happened, in one line instead of a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "polyalign: internal error{at} (the article is reported as failed; please report this)"
        );
    }));
    let batch = (threads * 16).max(32);
    let mut since_commit = 0;
    let use_sentences = run.use_sentences;
    let mut sink = |item: Item, result: Result<Fate<T>, String>| -> Result<()> {
        let fallback = item.fallback_id();
        drop(item);
        let fate = result.unwrap_or_else(|panic| {
            Fate::Failed(
                fallback.clone(),
                format!("internal error (please report it): {panic}"),
            )
        });
        let (entry, bytes, payload) = match fate {
            Fate::Done(loaded, done) => {
                let mut e = Map::new();
                e.insert("id".into(), json!(loaded.id));
                e.insert("status".into(), json!("done"));
                let langs: Vec<&str> = loaded.docs.iter().map(|d| d.lang.code()).collect();
                e.insert("langs".into(), json!(langs));
                e.insert("missing".into(), json!(loaded.missing));
                e.extend(done.entry);
                if done.findings && !e.contains_key("findings") {
                    e.insert("findings".into(), json!(1));
                }
                (Value::Object(e), done.bytes, Some((loaded, done.payload)))
            }
            Fate::Skipped(id, reason) => (
                json!({"id": id, "status": "skipped", "reason": reason}),
                Vec::new(),
                None,
            ),
            Fate::Failed(id, reason) => {
                let line = format!("polyalign: article {id} failed: {reason}");
                if bar.is_hidden() {
                    eprintln!("{line}");
                } else {
                    bar.println(line);
                }
                (
                    json!({"id": id, "status": "failed", "reason": reason}),
                    Vec::new(),
                    None,
                )
            }
        };
        summary.count(&entry);
        if journal.is_none() {
            if let Some(m) = manifest_lines.as_mut() {
                serde_json::to_writer(&mut *m, &entry)?;
                writeln!(m)?;
            }
        }
        if let Some((loaded, payload)) = payload {
            consume(&loaded, payload)?;
        }
        if let Some(j) = journal.as_mut() {
            j.append(&bytes, entry)?;
            since_commit += 1;
            if since_commit >= batch {
                j.commit()?;
                since_commit = 0;
            }
        } else if let Some(out) = stdout.as_mut() {
            out.write_all(&bytes)?;
        }
        bar.inc(1);
        if summary.failed > 0 {
            bar.set_message(format!("{} failed", summary.failed));
        }
        Ok(())
    };
    for_each_ordered(
        items,
        Some(&pool),
        batch,
        |item| process(item, use_sentences, &work),
        &mut sink,
    )?;
    bar.finish_and_clear();
    match (journal, &manifest_path) {
        (Some(j), Some(path)) => {
            // The output, then its manifest from the journal's entries.
            let mut lines = scratch_beside(path)?;
            j.finish(&run.tail, |e| {
                serde_json::to_writer(&mut lines, &e)?;
                writeln!(lines)
            })?;
            manifest_lines = Some(lines);
        }
        (Some(j), None) => j.finish(&run.tail, |_| Ok(()))?,
        (None, _) => {}
    }
    if let Some(mut out) = stdout {
        out.write_all(&run.tail)?;
        out.flush()?;
    }
    if let (Some(path), Some(lines)) = (&manifest_path, manifest_lines) {
        let mut file = lines.into_inner().map_err(|e| e.into_error())?;
        file.seek(io::SeekFrom::Start(0))?;
        polyalign::output::write_atomically(path, &source.inputs.of(path)?, |w| {
            io::copy(&mut file, w).map(|_| ())
        })?;
        summary.manifest = Some(path.clone());
    }
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// An unnamed temporary file in the directory of `path` (else the system's), where the
/// manifest's lines gather before they are copied into place.
fn scratch_beside(path: &Path) -> Result<io::BufWriter<File>> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file = tempfile::tempfile_in(dir)
        .or_else(|_| tempfile::tempfile())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(io::BufWriter::new(file))
}

fn progress_bar(args: &CorpusArgs, total: Option<u64>, done: u64) -> ProgressBar {
    if args.quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::new_spinner(),
    };
    let template = if total.is_some() {
        "{bar:30} {pos}/{len} articles, {rate}, ETA {eta}, {msg}"
    } else {
        "{spinner} {pos} articles, {rate}, {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1} articles/s", state.per_sec());
            },
        ));
    }
    bar.set_message("0 failed");
    bar.set_position(done);
    bar.reset_eta();
    bar
}

/// Reads an article and runs the job on it.
fn process<T>(
    item: &Item,
    use_sentences: bool,
    work: &(impl Fn(&Loaded) -> Result<Done<T>> + Sync),
) -> Fate<T> {
    let loaded = match load(item, use_sentences) {
        Ok(Ok(l)) => l,
        Ok(Err((id, why))) => return Fate::Skipped(id, why),
        Err((id, why)) => return Fate::Failed(id, why),
    };
    if let Some(empty) = loaded.docs.iter().find(|d| d.is_empty()) {
        let id = loaded.id.clone();
        return Fate::Failed(id, format!("{}: no text", empty.name()));
    }
    match work(&loaded) {
        Ok(done) => Fate::Done(loaded, done),
        Err(e) => Fate::Failed(loaded.id, format!("{e:#}")),
    }
}

type Failure = (String, String);

/// An article read, skipped (`Ok(Err)`: fewer than two versions) or failed (`Err`).
type Loading = Result<Result<Loaded, Failure>, Failure>;

/// The article's documents; `Ok(Err)` when it is to be skipped (fewer than two versions).
fn load(item: &Item, use_sentences: bool) -> Loading {
    match item {
        Item::Unreadable { at, reason } => Err((at.clone(), reason.clone())),
        // Read ahead: the sample that shared it is gone by now, so it is moved, not copied.
        Item::Ready { id, loaded } => loaded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .map(|a| Ok(std::sync::Arc::try_unwrap(a).unwrap_or_else(|a| Loaded::clone(&a))))
            .ok_or_else(|| (id.clone(), "read twice".to_string())),
        Item::Files {
            id,
            versions,
            missing,
            conflicts,
        } => {
            let fail = |why: String| (id.clone(), why);
            if !conflicts.is_empty() {
                let names: Vec<String> =
                    conflicts.iter().map(|p| p.display().to_string()).collect();
                return Err(fail(format!(
                    "more than one file for a language: {} (besides the ones read)",
                    names.join(", ")
                )));
            }
            let missing: Vec<String> = missing.iter().map(|l| l.code().to_string()).collect();
            if versions.len() < 2 {
                let have: Vec<&str> = versions.iter().map(|v| v.0.code()).collect();
                return Ok(Err((
                    id.clone(),
                    format!("only {}: two versions are needed", have.join(", ")),
                )));
            }
            let texts: Vec<String> = versions
                .par_iter()
                .map(|(lang, path)| {
                    super::read_text(path, Some(*lang)).map_err(|e| format!("{e:#}"))
                })
                .collect::<Result<_, _>>()
                .map_err(fail)?;
            let docs = versions
                .par_iter()
                .zip(texts)
                .map(|((lang, path), text)| {
                    let mut doc = Document::segment(&super::segmenter(*lang), &text)
                        .with_name(path.display().to_string());
                    super::strip_furniture(&mut doc, path, true);
                    doc.into_owned()
                })
                .collect();
            Ok(Ok(Loaded {
                id: id.clone(),
                docs,
                missing,
            }))
        }
        Item::Line { at, line } => {
            let line = std::mem::take(&mut *line.lock().unwrap_or_else(|e| e.into_inner()));
            load_line(at, line, use_sentences, false).0
        }
    }
}

/// An article from its JSON line; with `keep`, the line is handed back (when the article
/// does not load, for the run to read again), else dropped as soon as it is parsed.
fn load_line(at: &str, line: String, use_sentences: bool, keep: bool) -> (Loading, Option<String>) {
    let record: Record = match serde_json::from_str(&line) {
        Ok(r) => r,
        Err(e) => {
            return (
                Err((at.to_string(), format!("not a JSON article: {e}"))),
                Some(line),
            )
        }
    };
    let line = if keep {
        Some(line)
    } else {
        drop(line);
        None
    };
    let id = match &record.id {
        Value::String(s) => s.clone(),
        Value::Null => at.to_string(),
        v => v.to_string(),
    };
    let docs = match record_documents(&record, use_sentences) {
        Ok(d) => d,
        Err(e) => return (Err((id.clone(), format!("{at}: {e:#}"))), line),
    };
    if docs.len() < 2 {
        let have: Vec<&str> = docs.iter().map(|d| d.lang.code()).collect();
        return (
            Ok(Err((
                id,
                format!("only {}: two versions are needed", have.join(", ")),
            ))),
            line,
        );
    }
    (
        Ok(Ok(Loaded {
            id,
            docs,
            missing: Vec::new(),
        })),
        line,
    )
}

/// The versions of a record as owned documents, built (and segmented, for raw text) in
/// parallel; the same documents, in the same order, as [`Record::documents`].
pub fn record_documents(doc: &Record, use_sentences: bool) -> Result<Vec<Document<'static>>> {
    let codes = doc.codes(use_sentences);
    let langs: Option<Vec<Lang>> = codes.iter().map(|c| c.parse().ok()).collect();
    let built: Option<Vec<Document<'static>>> = match langs.filter(|_| !codes.is_empty()) {
        Some(langs) => codes
            .par_iter()
            .zip(langs)
            .map(|(code, lang)| {
                doc.document_with(code, &super::segmenter(lang), use_sentences)
                    .map(Document::into_owned)
            })
            .collect(),
        None => None,
    };
    match built {
        Some(docs) => Ok(docs),
        // Let the record say what is wrong with it.
        None => Ok(doc
            .documents(use_sentences)?
            .into_iter()
            .map(Document::into_owned)
            .collect()),
    }
}

/// A file name for an article's page: the id where it is safe in a file name, else a
/// safe form of it and the article's position.
pub fn page_name(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect();
    let safe = safe.trim_start_matches('.').to_string();
    if safe == id && !safe.is_empty() {
        format!("{safe}.html")
    } else {
        format!("{safe}-{}.html", &hash_lines(std::iter::once(id))[..8])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_lines_counts_lines_that_are_not_blank() {
        let dir = tempfile::tempdir().unwrap();
        for (text, want) in [
            ("", 0),
            ("\n\n", 0),
            ("{}\n{}\n", 2),
            ("{}\n  \t\n{}", 2),
            ("\r\n {}\r\n\r\n", 1),
            ("   {}", 1),
        ] {
            let path = dir.path().join("in.jsonl");
            std::fs::write(&path, text).unwrap();
            assert_eq!(count_lines(&path).unwrap(), want, "{text:?}");
        }
        // Lines longer than the reader's buffer.
        let path = dir.path().join("long.jsonl");
        let spaces = " ".repeat((1 << 20) + 10);
        std::fs::write(&path, format!("{spaces}\n{spaces}x\n{spaces}")).unwrap();
        assert_eq!(count_lines(&path).unwrap(), 1);
    }
}
