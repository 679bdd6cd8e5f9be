//! `polyalign check`: do the language versions of an article match?

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use polyalign::doc::{Document, Record};
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
    /// Report format on standard output (or `--output`).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Also write a self-contained HTML page: the versions side by side, flagged units
    /// highlighted, a summary and a filter by kind.
    #[arg(long, value_name = "FILE")]
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
    if args.jsonl {
        return jsonl_mode(&args);
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
    let versions: Vec<Document> = args
        .files
        .iter()
        .zip(&langs)
        .zip(&texts)
        .map(|((path, &lang), text)| Document::new(lang, path.display().to_string(), text))
        .collect();
    let report = Checker::new(config).check(&versions)?;

    if let Some(path) = &args.html {
        let page = html::render(&report, min);
        polyalign::output::write_atomically(path, &args.files, |w| w.write_all(page.as_bytes()))?;
    }
    let write = |out: &mut dyn Write| -> Result<()> {
        match args.format {
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

fn jsonl_mode(args: &Args) -> Result<ExitCode> {
    let min: Severity = args.severity.parse()?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut found = false;
    for (at, line) in super::jsonl_records(&args.files)? {
        let at = || at.clone();
        let doc: Record = serde_json::from_str(&line).with_context(at)?;
        let codes = doc.codes(args.segmented);
        let langs: Vec<Lang> = codes
            .iter()
            .map(|c| c.parse())
            .collect::<Result<_, _>>()
            .with_context(at)?;
        let versions = codes
            .iter()
            .zip(&langs)
            .map(|(code, &lang)| {
                doc.document(code, lang, args.segmented)
                    .with_context(|| format!("{}: no text in {code}", at()))
            })
            .collect::<Result<Vec<_>>>()?;
        let config = config(args, &langs).with_context(at)?;
        let report = Checker::new(config).check(&versions).with_context(at)?;
        found |= report.at_least(min).next().is_some();
        let record = JsonReport::new(&report, min).with_id(doc.id.clone());
        serde_json::to_writer(&mut out, &record.to_json())?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(if found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
