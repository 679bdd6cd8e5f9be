//! `polyalign check`: do the language versions of an article match?

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use polyalign::doc::Document;
use polyalign::formats::report::JsonReport;
use polyalign::lang::Lang;
use polyalign::qa::{html, text, CheckConfig, Checker, Kind, Severity};

/// Arguments of `polyalign check`.
#[derive(clap::Args)]
pub struct Args {
    /// One text file per language version (`article.en.txt article.ru.txt ...`); the first
    /// is the reference the others are compared to, unless `--pivot` says otherwise.
    files: Vec<PathBuf>,
    /// The languages of the files, in order (`en,ru,uk`; `ua` is accepted). Default: from
    /// the file names.
    #[arg(long, value_delimiter = ',')]
    langs: Vec<String>,
    /// The reference language. Default: the first file's.
    #[arg(long)]
    pivot: Option<String>,
    /// Allowed link types. Default: 1-1,1-0,0-1,1-2,2-1,2-2,1-3,3-1.
    #[arg(long)]
    link_types: Option<String>,
    /// A bilingual dictionary in hunalign's format: one `target phrase @ source phrase` per
    /// line (`#` starts a comment). Its entries count as lexical evidence for every pair
    /// of versions, in both directions.
    #[arg(long, value_name = "FILE")]
    dict: Option<PathBuf>,
    /// Report format on standard output (or `--output`). Default: text; JSON lines (one
    /// report a line) with `--jsonl`.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Also write a self-contained HTML page: the versions side by side, flagged units
    /// highlighted, a summary and a filter by kind. For a corpus (`--corpus`, `--jsonl`):
    /// a directory, with a page per article, `index.html` linking them and
    /// `summary.json`.
    #[arg(long, value_name = "FILE|DIR")]
    html: Option<PathBuf>,
    /// The lowest severity reported, and the one that makes the exit code 1: info,
    /// warning or error.
    #[arg(long, default_value = "warning")]
    severity: String,
    /// Kinds not to report (repeat or separate with commas): missing, extra, moved,
    /// number, name, untranslated, language, length, confidence, structure.
    #[arg(long, value_delimiter = ',', value_name = "KIND")]
    ignore: Vec<String>,
    /// Give every finding of a kind this severity (repeat or separate with commas):
    /// `--set length=info,name=error`.
    #[arg(long, value_delimiter = ',', value_name = "KIND=SEVERITY")]
    set: Vec<String>,
    /// Pipeline mode: read documents as JSON lines (`{"id", "langs", "text": {"en": ...}}`)
    /// from the files (or standard input) and write one JSON line of findings per document.
    #[arg(long)]
    jsonl: bool,
    /// With `--jsonl`: use the documents' `sentences` (and `paragraph_of`) instead of
    /// segmenting their `text`.
    #[arg(long, requires = "jsonl")]
    segmented: bool,
    /// With `--jsonl` or `--corpus`: align every article on its own, without the priors
    /// (length ratio, lexicon per pair of languages) learned from the first 256 articles.
    #[arg(long)]
    no_priors: bool,
    #[command(flatten)]
    corpus: super::corpus::CorpusArgs,
}

/// Report formats of `check`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Counts per kind, then the findings, for people.
    Text,
    /// One JSON object: the versions, a summary and the findings, for pipelines.
    Json,
}

fn config(args: &Args, langs: &[Lang]) -> Result<CheckConfig> {
    let mut config = CheckConfig::default();
    config.align = super::align_config(
        args.link_types.as_deref(),
        args.pivot.as_deref(),
        args.dict.as_deref(),
        langs,
    )?;
    for kind in &args.ignore {
        config.ignore.push(kind.parse::<Kind>()?);
    }
    for setting in &args.set {
        let (kind, severity) = setting
            .split_once('=')
            .with_context(|| format!("--set takes KIND=SEVERITY (length=info), not {setting:?}"))?;
        config
            .severity_of
            .push((kind.parse::<Kind>()?, severity.parse::<Severity>()?));
    }
    Ok(config)
}

/// Runs the command: exit 0 when nothing at or above `--severity` is found, 1 when
/// something is.
pub fn run(args: Args) -> Result<ExitCode> {
    if args.jsonl || args.corpus.corpus.is_some() {
        return corpus_mode(&args);
    }
    if args.corpus.resume || !args.corpus.pattern.is_empty() {
        bail!("--resume and --pattern are for a corpus run: add --corpus DIR or --jsonl");
    }
    if args.files.len() < 2 {
        bail!("give at least two files, one per language (e.g. article.en.txt article.ru.txt)");
    }
    let min: Severity = args.severity.parse()?;
    let langs = super::resolve_langs(&args.langs, &args.files)?;
    if let Some(dup) = langs
        .iter()
        .enumerate()
        .find_map(|(i, l)| langs[..i].contains(l).then_some(l))
    {
        bail!("two files are in {dup}: give one file per language");
    }
    let config = config(&args, &langs)?;
    let texts = super::read_versions(&args.files, &langs)?;
    let mut versions: Vec<Document> = args
        .files
        .iter()
        .zip(&langs)
        .zip(&texts)
        .map(|((path, &lang), text)| {
            Document::segment(&super::segmenter(lang), text).with_name(path.display().to_string())
        })
        .collect();
    for (doc, path) in versions.iter_mut().zip(&args.files) {
        super::strip_furniture(doc, path, false);
    }
    let report = Checker::new(config).check(&versions)?;

    if let Some(path) = &args.html {
        let page = html::render(&report, min);
        polyalign::output::write_atomically(path, &args.files, |w| w.write_all(page.as_bytes()))?;
    }
    let write = |out: &mut dyn Write| -> Result<()> {
        match args.format.unwrap_or(Format::Text) {
            Format::Text => text::write(&report, min, &mut &mut *out)?,
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &JsonReport::new(&report, min).to_json())?;
                writeln!(out)?;
            }
        }
        Ok(())
    };
    match &args.output {
        Some(path) => polyalign::output::write_atomically(path, &args.files, |w| {
            write(w).map_err(io::Error::other)
        })?,
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    if let Some(path) = &args.html {
        eprintln!("polyalign: wrote {}", path.display());
    }
    Ok(if report.at_least(min).next().is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Corpus mode: every article of `--corpus DIR` or of `--jsonl` input checked, a report
/// line (or block) per article, and with `--html DIR` a page per article and an index.
fn corpus_mode(args: &Args) -> Result<ExitCode> {
    use super::corpus::{drive, manifest_beside, page_name, Dest, Done, Run, Source};
    let min: Severity = args.severity.parse()?;
    if args.corpus.corpus.is_some() && args.jsonl {
        bail!("--corpus DIR and --jsonl are two ways to give a corpus: use one");
    }
    if args.corpus.corpus.is_some() && !args.files.is_empty() {
        bail!("--corpus DIR reads the directory's articles: give no files besides it");
    }
    let wanted: Vec<Lang> = args
        .langs
        .iter()
        .map(|l| l.parse::<Lang>())
        .collect::<Result<_, _>>()?;
    let mut source = match &args.corpus.corpus {
        Some(dir) => Source::dir(dir, &args.corpus.pattern, &wanted)?,
        None => {
            if !wanted.is_empty() {
                bail!("--langs is for files or --corpus: a JSON line names its own languages");
            }
            Source::jsonl(&args.files, !args.corpus.quiet)?
        }
    };
    // Settings are checked once, before any article.
    for kind in &args.ignore {
        kind.parse::<Kind>()?;
    }
    for setting in &args.set {
        let (kind, severity) = setting
            .split_once('=')
            .with_context(|| format!("--set takes KIND=SEVERITY (length=info), not {setting:?}"))?;
        kind.parse::<Kind>()?;
        severity.parse::<Severity>()?;
    }
    let format = args.format.unwrap_or(if args.jsonl {
        Format::Json
    } else {
        Format::Text
    });
    if let Some(dir) = &args.html {
        if dir.is_file() {
            bail!(
                "{} is a file: with a corpus, --html names a directory (a page per article and index.html)",
                dir.display()
            );
        }
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the directory {}", dir.display()))?;
    }
    let dest = match (&args.output, &args.html) {
        (Some(path), _) => Dest::File(path.clone()),
        (None, Some(_)) => Dest::Nothing,
        (None, None) => Dest::Stdout,
    };
    let manifest = match (&args.html, &args.output) {
        (Some(dir), _) => Some(dir.join("manifest.jsonl")),
        (None, Some(path)) => Some(manifest_beside(path)),
        (None, None) => None,
    };
    let settings = format!(
        "check {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {} {:?} {}",
        format == Format::Json,
        args.severity,
        args.ignore,
        args.set,
        args.link_types,
        args.pivot,
        args.dict,
        args.html,
        args.segmented,
        args.langs,
        args.no_priors
    );
    let priors = if args.no_priors {
        None
    } else {
        super::corpus::learn_priors(
            &mut source,
            args.segmented,
            args.link_types.as_deref(),
            args.dict.as_deref(),
            args.corpus.jobs,
        )?
    };
    let inputs = source.inputs.clone();
    let run = Run {
        args: &args.corpus,
        dest,
        head: Vec::new(),
        tail: Vec::new(),
        settings,
        use_sentences: args.segmented,
        manifest,
    };
    let summary = drive(
        run,
        source,
        |article| {
            let langs: Vec<Lang> = article.docs.iter().map(|d| d.lang).collect();
            let mut config = config(args, &langs)?;
            config.align.priors.clone_from(&priors);
            let report = Checker::new(config).check(&article.docs)?;
            let mut entry = serde_json::Map::new();
            let mut counts = [0usize; 3];
            let mut kinds = serde_json::Map::new();
            for f in report.at_least(min) {
                counts[f.severity as usize] += 1;
                let k = kinds
                    .entry(f.kind.to_string())
                    .or_insert(serde_json::json!(0));
                *k = serde_json::json!(k.as_u64().unwrap_or(0) + 1);
            }
            let found = counts.iter().sum::<usize>();
            entry.insert("units".into(), report.alignment.units.len().into());
            entry.insert("findings".into(), found.into());
            entry.insert("errors".into(), counts[2].into());
            entry.insert("warnings".into(), counts[1].into());
            entry.insert("info".into(), counts[0].into());
            entry.insert("kinds".into(), serde_json::Value::Object(kinds));
            if let Some(dir) = &args.html {
                let name = page_name(&article.id);
                let page = html::render(&report, min);
                let path = dir.join(&name);
                polyalign::output::write_atomically(&path, &inputs.of(&path)?, |w| {
                    w.write_all(page.as_bytes())
                })?;
                entry.insert("page".into(), name.into());
            }
            let mut bytes = Vec::new();
            match format {
                Format::Json => {
                    let record = JsonReport::new(&report, min)
                        .with_id(serde_json::Value::String(article.id.clone()));
                    serde_json::to_writer(&mut bytes, &record.to_json())?;
                    bytes.push(b'\n');
                }
                Format::Text => {
                    writeln!(bytes, "== {}", article.id)?;
                    text::write(&report, min, &mut bytes)?;
                    writeln!(bytes)?;
                }
            }
            Ok(Done {
                bytes,
                entry,
                findings: found > 0,
                payload: (),
            })
        },
        |_, ()| Ok(()),
    )?;
    if let Some(dir) = &args.html {
        // The index and the totals, from the manifest read back line by line.
        let manifest = summary
            .manifest
            .clone()
            .context("the corpus report needs its manifest")?;
        let read = std::io::BufReader::new(
            std::fs::File::open(&manifest)
                .with_context(|| format!("cannot read {}", manifest.display()))?,
        );
        let mut rows: Vec<html::IndexRow> = Vec::new();
        let mut by_kind = serde_json::Map::new();
        let mut totals = [0u64; 3];
        let mut with: Vec<serde_json::Value> = Vec::new();
        for line in std::io::BufRead::lines(read) {
            let e: serde_json::Value = serde_json::from_str(&line?)?;
            if let Some(kinds) = e["kinds"].as_object() {
                for (k, v) in kinds {
                    let slot = by_kind.entry(k.clone()).or_insert(serde_json::json!(0));
                    *slot = serde_json::json!(slot.as_u64().unwrap_or(0) + v.as_u64().unwrap_or(0));
                }
            }
            for (i, k) in ["info", "warnings", "errors"].iter().enumerate() {
                totals[i] += e[*k].as_u64().unwrap_or(0);
            }
            if e["findings"].as_u64().is_some_and(|n| n > 0) {
                with.push(e["id"].clone());
            }
            let n = |k: &str| e[k].as_u64().unwrap_or(0) as usize;
            rows.push(html::IndexRow {
                id: e["id"].as_str().unwrap_or_default().to_string(),
                page: e["page"].as_str().map(String::from),
                status: e["status"].as_str().unwrap_or_default().to_string(),
                reason: e["reason"].as_str().map(String::from),
                counts: [n("info"), n("warnings"), n("errors")],
                missing: e["missing"]
                    .as_array()
                    .map(|m| {
                        m.iter()
                            .filter_map(|v| v.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default(),
            });
        }
        let page = html::render_index(&rows, min);
        let index = dir.join("index.html");
        polyalign::output::write_atomically(&index, &inputs.of(&index)?, |w| {
            w.write_all(page.as_bytes())
        })?;
        let json = serde_json::json!({
            "articles": summary.articles,
            "done": summary.done,
            "missing_a_version": summary.incomplete,
            "skipped": summary.skipped,
            "failed": summary.failed,
            "severity": args.severity,
            "articles_with_findings": summary.with_findings,
            "findings": {"error": totals[2], "warning": totals[1], "info": totals[0]},
            "by_kind": by_kind,
            "with_findings": with,
            "index": "index.html",
            "manifest": manifest.display().to_string(),
        });
        let summary_path = dir.join("summary.json");
        polyalign::output::write_atomically(&summary_path, &inputs.of(&summary_path)?, |w| {
            serde_json::to_writer_pretty(&mut *w, &json)?;
            writeln!(w)
        })?;
    }
    if !args.corpus.quiet {
        let mut line = summary.line("units");
        line.push_str(&format!("; {} with findings", summary.with_findings));
        if let Some(dir) = &args.html {
            line.push_str(&format!("; report: {}", dir.join("index.html").display()));
        }
        eprintln!("polyalign: {line}");
    }
    Ok(summary.exit_code())
}
