//! `polyalign align`: align the language versions of a document.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use polyalign::align::Aligner;
use polyalign::doc::{document_name, Document};
use polyalign::formats::alignment::{
    codes, filter_units, pairs, record, write_jsonl, write_ladder, write_text, write_tmx,
    write_tmx_units, write_tsv, Filtered, UnitFilter,
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
    /// With `--jsonl` or `--corpus`: align every article on its own, without the priors
    /// (length ratio, lexicon per pair of languages) learned from the first 256 articles.
    #[arg(long)]
    no_priors: bool,
    /// With `-o FILE.tmx`: write one bilingual file per pair of languages
    /// (`FILE.en-ru.tmx`, ...) instead of one multilingual file.
    #[arg(long)]
    pairs: bool,
    /// The TMX source language: one of the languages, or `*all*`. Default: the first.
    #[arg(long)]
    srclang: Option<String>,
    /// Pipeline mode: read articles as JSON lines from the files (or standard input: `-`
    /// or no file), one article a line (`{"id", "text": {"en": ..., "ru": ...}}`, or
    /// `sentences` per language), and write one JSON record of units per article
    /// (`--format records`), or with `-o` any format (a TMX of every article).
    #[arg(long)]
    jsonl: bool,
    #[command(flatten)]
    corpus: super::corpus::CorpusArgs,
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
    /// One JSON line per article: its sentences, its units and the links of each pair
    /// (the pipeline format of `--jsonl`).
    Records,
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
    Ok(Aligner::new(align_config(args, langs)?))
}

fn align_config(args: &Args, langs: &[Lang]) -> Result<polyalign::align::AlignConfig> {
    super::align_config(
        args.link_types.as_deref(),
        args.pivot.as_deref(),
        args.dict.as_deref(),
        langs,
    )
}

/// Runs the command.
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
    let langs = super::resolve_langs(&args.langs, &args.files)?;
    let texts = super::read_versions(&args.files, &langs)?;
    // The versions are segmented in parallel, each on its own.
    let mut docs: Vec<Document> = texts
        .par_iter()
        .zip(&langs)
        .zip(&args.files)
        .map(|((text, &lang), path)| {
            Document::segment(&super::segmenter(lang), text).with_name(path.display().to_string())
        })
        .collect();
    for (doc, path) in docs.iter_mut().zip(&args.files) {
        super::strip_furniture(doc, path, false);
    }
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
            Format::Jsonl => write_jsonl(out, &docs, &alignment, None),
            Format::Tmx => {
                tmx_reporting(write_tmx(out, &docs, &alignment, &name, &srclang)?);
                Ok(())
            }
            Format::Records => {
                let codes: Vec<String> = langs.iter().map(|l| l.code().to_string()).collect();
                let id = serde_json::Value::String(name.clone());
                serde_json::to_writer(&mut *out, &record(&id, &codes, &docs, &alignment))?;
                writeln!(out)
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

/// Corpus mode: every article of `--corpus DIR` or of `--jsonl` input, into one output.
fn corpus_mode(args: &Args) -> Result<ExitCode> {
    use super::corpus::{drive, manifest_beside, Dest, Done, Run, Source};
    if args.pairs {
        bail!("--pairs is for one article: a corpus run writes one memory of every pair");
    }
    if args.corpus.corpus.is_some() && args.jsonl {
        bail!("--corpus DIR and --jsonl are two ways to give a corpus: use one");
    }
    if args.corpus.corpus.is_some() && !args.files.is_empty() {
        bail!("--corpus DIR reads the directory's articles: give no files besides it");
    }
    if let Some(s) = args.min_score {
        if !(0.0..=1.0).contains(&s) {
            bail!("--min-score takes a score from 0 to 1, not {s}");
        }
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
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(path)) => Format::from_path(path).with_context(|| {
            format!(
                "cannot tell the format of {}: name it .tmx, .tsv, .jsonl or .txt, or pass --format",
                path.display()
            )
        })?,
        (None, None) => Format::Records,
    };
    if format == Format::Ladder {
        bail!("--format ladder is for one article: use jsonl, records, tsv or tmx for a corpus");
    }
    let langs = source.langs.clone();
    let priors = if args.no_priors {
        None
    } else {
        super::corpus::learn_priors(
            &mut source,
            true,
            args.link_types.as_deref(),
            args.dict.as_deref(),
            args.corpus.jobs,
        )?
    };
    let srclang = match args.srclang.as_deref() {
        Some("*all*") => "*all*".to_string(),
        Some(code) => code.parse::<Lang>()?.code().to_string(),
        None => langs
            .first()
            .map_or("*all*".to_string(), |l| l.code().to_string()),
    };
    let (head, tail) = match format {
        Format::Tmx => {
            let header = polyalign::tmx::Header::new(srclang.as_str());
            let head = polyalign::tmx::TmxWriter::new(Vec::new(), &header)?
                .into_parts()?
                .0;
            (head, polyalign::tmx::TMX_END.to_vec())
        }
        Format::Tsv if !langs.is_empty() => {
            let codes: Vec<&str> = langs.iter().map(|l| l.code()).collect();
            (
                format!("{}\tscore\tdocument\n", codes.join("\t")).into_bytes(),
                Vec::new(),
            )
        }
        Format::Tsv => {
            bail!("--format tsv needs the languages of its columns: use it with --corpus")
        }
        _ => (Vec::new(), Vec::new()),
    };
    let settings = format!(
        "align {:?} {srclang} {:?} {:?} {:?} {:?} {:?} {:?} {}",
        format as u8,
        args.link_types,
        args.pivot,
        args.dict,
        args.min_score,
        args.skip_identical,
        args.no_priors,
        args.langs.join(",")
    );
    let dest = match &args.output {
        Some(path) => Dest::File(path.clone()),
        None => Dest::Stdout,
    };
    let manifest = args.output.as_deref().map(manifest_beside);
    let filter = UnitFilter::new(args.min_score, args.skip_identical);
    let filtered = std::sync::Mutex::new(Filtered::default());
    let run = Run {
        args: &args.corpus,
        dest,
        head,
        tail,
        settings,
        use_sentences: true,
        manifest,
    };
    let summary = drive(
        run,
        source,
        |article| {
            let docs = &article.docs;
            let art_langs: Vec<Lang> = docs.iter().map(|d| d.lang).collect();
            let mut config = align_config(args, &art_langs)?;
            config.priors.clone_from(&priors);
            let mut al = Aligner::new(config).align(docs)?;
            let f = filter_units(&mut al, docs, filter);
            if let Ok(mut total) = filtered.lock() {
                total.add(f);
            }
            let mut bytes = Vec::new();
            let id = &article.id;
            match format {
                Format::Tmx => {
                    bytes = write_tmx_units(bytes, docs, &al, id)?.0;
                }
                Format::Jsonl => write_jsonl(&mut bytes, docs, &al, Some(id))?,
                Format::Records => {
                    let codes: Vec<String> =
                        art_langs.iter().map(|l| l.code().to_string()).collect();
                    let id = serde_json::Value::String(id.clone());
                    serde_json::to_writer(&mut bytes, &record(&id, &codes, docs, &al))?;
                    bytes.push(b'\n');
                }
                Format::Tsv => write_tsv_rows(&mut bytes, &langs, docs, &al, id)?,
                Format::Text => {
                    writeln!(bytes, "== {id}")?;
                    write_text(&mut bytes, docs, &al)?;
                }
                Format::Ladder => unreachable!("refused above"),
            }
            let mut entry = serde_json::Map::new();
            entry.insert("units".into(), al.units.len().into());
            Ok(Done {
                bytes,
                entry,
                findings: false,
                payload: (),
            })
        },
        |_, ()| Ok(()),
    )?;
    if let Ok(f) = filtered.into_inner() {
        report_filtered(f, args.min_score);
    }
    if !args.corpus.quiet {
        let target = args.output.as_ref().map_or_else(
            || "standard output".to_string(),
            |p| p.display().to_string(),
        );
        eprintln!("polyalign: {} into {target}", summary.line("units"));
    }
    Ok(summary.exit_code())
}

/// TSV rows of one article of a corpus: a cell per corpus language (empty where the
/// article has no version in it), the score and the article's id.
fn write_tsv_rows(
    out: &mut Vec<u8>,
    langs: &[Lang],
    docs: &[Document<'_>],
    al: &polyalign::align::Alignment,
    id: &str,
) -> io::Result<()> {
    for unit in &al.units {
        let cells: Vec<String> = langs
            .iter()
            .map(|l| {
                docs.iter()
                    .zip(&unit.groups)
                    .find(|(d, _)| d.lang == *l)
                    .map(|(d, g)| polyalign::formats::tsv::cell(&d.group_text(g)))
                    .unwrap_or_default()
            })
            .collect();
        writeln!(
            out,
            "{}\t{:.3}\t{}",
            cells.join("\t"),
            unit.score,
            polyalign::formats::tsv::cell(id)
        )?;
    }
    Ok(())
}
