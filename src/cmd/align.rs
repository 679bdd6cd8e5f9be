//! `polyalign align`: align the language versions of a document.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use polyalign::align::Aligner;
use polyalign::doc::{document_name, Document, Record};
use polyalign::formats::alignment::{
    codes, filter_units, pairs, record, write_jsonl, write_ladder, write_text, write_tmx,
    write_tsv, Filtered, UnitFilter,
};
use polyalign::lang::Lang;
use rayon::prelude::*;

/// Arguments of `polyalign align`.
#[derive(clap::Args)]
pub struct Args {
    /// One text file per language version (`article.en.txt article.ru.txt ...`).
    files: Vec<PathBuf>,
    /// The languages of the files, in order (`en,ru,uk`; `ua` is accepted). Default: from
    /// the file names.
    #[arg(long, value_delimiter = ',')]
    langs: Vec<String>,
    /// Output format. Default: from the extension of `--output` (`.tsv`, `.jsonl`), else
    /// text.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write to this file instead of standard output (written to a temporary file and
    /// renamed, so an interrupted run never leaves a half file).
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// The pivot language: units where a version inserts or leaves out sentences follow its
    /// order (every pair of versions is aligned directly). Default: the first.
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
    /// Leave out units whose score is below this (0 to 1); the count goes to stderr.
    #[arg(long, value_name = "S")]
    min_score: Option<f64>,
    /// Leave out units whose texts are identical in every language (names, navigation).
    #[arg(long)]
    skip_identical: bool,
    /// With `-o FILE.tmx`: write one bilingual file per pair of languages
    /// (`FILE.en-ru.tmx`, ...) instead of one multilingual file.
    #[arg(long)]
    pairs: bool,
    /// The TMX source language: one of the languages, or `*all*`. Default: the first.
    #[arg(long)]
    srclang: Option<String>,
    /// Pipeline mode: read documents as JSON lines from the files (or standard input) and
    /// write one JSON line of units per document.
    #[arg(long)]
    jsonl: bool,
}

/// Output formats of `align`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The units side by side, one block per unit.
    Text,
    /// Per language pair, vecalign's `[0]:[0, 1]:0.930` lines.
    Ladder,
    /// Tab-separated: a header of language codes and `score`, then one row per unit.
    Tsv,
    /// One JSON object per unit: sentence ids and text per language, and the score.
    Jsonl,
    /// TMX 1.4b: one `tu` per unit, one `tuv` per language with text in it.
    Tmx,
}

impl Format {
    fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "tsv" | "tab" => Some(Format::Tsv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "tmx" => Some(Format::Tmx),
            "txt" => Some(Format::Text),
            _ => None,
        }
    }
}

fn aligner(args: &Args, langs: &[Lang]) -> Result<Aligner> {
    Ok(Aligner::new(super::align_config(
        args.link_types.as_deref(),
        args.pivot.as_deref(),
        args.dict.as_deref(),
        langs,
    )?))
}

/// Runs the command.
pub fn run(args: Args) -> Result<ExitCode> {
    if args.jsonl {
        return jsonl_mode(&args);
    }
    if args.files.len() < 2 {
        bail!("give at least two files, one per language (e.g. article.en.txt article.ru.txt)");
    }
    let langs = super::resolve_langs(&args.langs, &args.files)?;
    let texts = super::read_versions(&args.files, &langs)?;
    // The versions are segmented in parallel, each on its own.
    let docs: Vec<Document> = texts
        .par_iter()
        .zip(&langs)
        .zip(&args.files)
        .map(|((text, &lang), path)| Document::new(lang, path.display().to_string(), text))
        .collect();
    let mut alignment = aligner(&args, &langs)?.align(&docs)?;
    if let Some(s) = args.min_score {
        if !(0.0..=1.0).contains(&s) {
            bail!("--min-score takes a score from 0 to 1, not {s}");
        }
    }
    let srclang = match args.srclang.as_deref() {
        None => docs[0].lang.code().to_string(),
        Some("*all*") => "*all*".to_string(),
        Some(code) => {
            let l: Lang = code.parse()?;
            if !langs.contains(&l) {
                bail!(
                    "--srclang {l} is not one of the languages ({})",
                    codes(&langs)
                );
            }
            l.code().to_string()
        }
    };
    let filter = UnitFilter::new(args.min_score, args.skip_identical);
    report_filtered(filter_units(&mut alignment, &docs, filter), args.min_score);
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(path)) => Format::from_path(path).with_context(|| {
            format!(
                "cannot tell the format of {}: name it .tmx, .tsv, .jsonl or .txt, or pass --format",
                path.display()
            )
        })?,
        (None, None) => Format::Text,
    };
    let name = args
        .files
        .first()
        .map_or_else(String::new, |p| document_name(p));
    if args.pairs {
        let Some(path) = args.output.as_ref().filter(|_| format == Format::Tmx) else {
            bail!("--pairs writes bilingual TMX files: give -o FILE.tmx");
        };
        for (a, b, mut pair) in pairs(&alignment) {
            let pair_docs = [docs[a].clone(), docs[b].clone()];
            report_filtered(filter_units(&mut pair, &pair_docs, filter), args.min_score);
            let src = match srclang.as_str() {
                "*all*" => "*all*",
                s if s == docs[b].lang.code() => s,
                _ => docs[a].lang.code(),
            };
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let out = path.with_file_name(format!("{stem}.{}-{}.tmx", docs[a].lang, docs[b].lang));
            polyalign::output::write_atomically(&out, &args.files, |w| {
                tmx_reporting(write_tmx(w, &pair_docs, &pair, &name, src)?);
                Ok(())
            })?;
            eprintln!(
                "polyalign: wrote {} ({} units)",
                out.display(),
                pair.units.len()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let emit = |out: &mut dyn Write| -> io::Result<()> {
        match format {
            Format::Text => write_text(out, &docs, &alignment),
            Format::Ladder => write_ladder(out, &alignment),
            Format::Tsv => write_tsv(out, &docs, &alignment),
            Format::Jsonl => write_jsonl(out, &docs, &alignment),
            Format::Tmx => {
                tmx_reporting(write_tmx(out, &docs, &alignment, &name, &srclang)?);
                Ok(())
            }
        }
    };
    match &args.output {
        Some(path) => {
            polyalign::output::write_atomically(path, &args.files, emit)?;
            eprintln!(
                "polyalign: wrote {} ({} units, {})",
                path.display(),
                alignment.units.len(),
                codes(&langs)
            );
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            emit(&mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Warns about control characters the TMX writer removed.
fn tmx_reporting(report: polyalign::tmx::WriteReport) {
    if report.removed_control_chars > 0 {
        eprintln!(
            "polyalign: warning: removed {} control characters that XML 1.0 forbids",
            report.removed_control_chars
        );
    }
}

/// Says on stderr how many units a filter left out.
fn report_filtered(f: Filtered, min_score: Option<f64>) {
    if f.low_score > 0 {
        eprintln!(
            "polyalign: left out {} of {} units scoring below {}",
            f.low_score,
            f.before,
            min_score.unwrap_or(0.0)
        );
    }
    if f.identical > 0 {
        eprintln!(
            "polyalign: left out {} of {} units identical in every language",
            f.identical, f.before
        );
    }
}

fn jsonl_mode(args: &Args) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (at, line) in super::jsonl_records(&args.files)? {
        let doc: Record = serde_json::from_str(&line).with_context(|| at.clone())?;
        // The line is parsed: its memory goes back before the alignment needs its own.
        drop(line);
        align_json(args, doc, &mut out).with_context(|| at.clone())?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Aligns one JSON document and writes its output record.
fn align_json(args: &Args, doc: Record, out: &mut impl Write) -> Result<()> {
    let docs = record_documents(&doc)?;
    let codes = doc.codes(true);
    // The documents hold their own texts: the record's sentences and gold links are not
    // needed any more.
    let id = doc.id.clone();
    drop(doc);
    let langs: Vec<Lang> = docs.iter().map(|d| d.lang).collect();
    let al = aligner(args, &langs)?.align(&docs)?;
    serde_json::to_writer(out, &record(&id, &codes, &docs, &al))?;
    Ok(())
}

/// The versions of a record as owned documents, built (and segmented, for raw text) in
/// parallel; the same documents, in the same order, as [`Record::documents`].
fn record_documents(doc: &Record) -> Result<Vec<Document<'static>>> {
    let codes = doc.codes(true);
    let langs: Option<Vec<Lang>> = codes.iter().map(|c| c.parse().ok()).collect();
    let built: Option<Vec<Document<'static>>> = match langs.filter(|_| !codes.is_empty()) {
        Some(langs) => codes
            .par_iter()
            .zip(langs)
            .map(|(code, lang)| doc.document(code, lang, true).map(Document::into_owned))
            .collect(),
        None => None,
    };
    match built {
        Some(docs) => Ok(docs),
        // Let the record say what is wrong with it.
        None => Ok(doc
            .documents(true)?
            .into_iter()
            .map(Document::into_owned)
            .collect()),
    }
}
