//! `polyalign align`: align the language versions of a document.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use polyalign::align::{Aligner, Alignment, Document};
use polyalign::lang::Lang;
use serde::Deserialize;

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
    /// The pivot language the others are aligned to. Default: the first.
    #[arg(long)]
    pivot: Option<String>,
    /// Allowed link types. Default: 1-1,1-0,0-1,1-2,2-1,2-2,1-3,3-1.
    #[arg(long)]
    link_types: Option<String>,
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

/// A document in `--jsonl` mode.
#[derive(Deserialize)]
struct JsonDoc {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    langs: Option<Vec<String>>,
    #[serde(default)]
    sentences: Option<std::collections::BTreeMap<String, Vec<String>>>,
    #[serde(default)]
    paragraph_of: Option<std::collections::BTreeMap<String, Vec<usize>>>,
    #[serde(default)]
    text: Option<std::collections::BTreeMap<String, String>>,
}

fn aligner(args: &Args, langs: &[Lang]) -> Result<Aligner> {
    Ok(Aligner::new(super::align_config(
        args.link_types.as_deref(),
        args.pivot.as_deref(),
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
    let docs: Vec<Document> = super::read_versions(&args.files, &langs)?
        .iter()
        .zip(&langs)
        .map(|(text, &lang)| Document::from_text(lang, text))
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
    filter_units(&mut alignment, &docs, args.min_score, args.skip_identical);
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
    let emit = |out: &mut dyn Write| -> Result<()> {
        match format {
            Format::Text => print_text(out, &docs, &alignment),
            Format::Ladder => print_ladder(out, &alignment),
            Format::Tsv => print_tsv(out, &docs, &alignment),
            Format::Jsonl => print_jsonl(out, &docs, &alignment),
            Format::Tmx => {
                let tmx = to_tmx(&docs, &alignment, &document_name(&args.files), &srclang);
                write_tmx_reporting(out, &tmx)
            }
        }
    };
    if args.pairs {
        let Some(path) = args.output.as_ref().filter(|_| format == Format::Tmx) else {
            bail!("--pairs writes bilingual TMX files: give -o FILE.tmx");
        };
        for p in &alignment.pairs {
            let (a, b) = (&docs[p.a], &docs[p.b]);
            let pair_docs = [a.clone(), b.clone()];
            let units = p
                .links
                .iter()
                .map(|l| polyalign::align::Unit {
                    groups: vec![l.src.clone(), l.tgt.clone()],
                    score: l.score,
                })
                .collect();
            let mut pair_al = Alignment {
                langs: vec![a.lang, b.lang],
                units,
                pairs: Vec::new(),
            };
            filter_units(
                &mut pair_al,
                &pair_docs,
                args.min_score,
                args.skip_identical,
            );
            let src = if srclang == b.lang.code() {
                b.lang.code()
            } else {
                a.lang.code()
            };
            let src = if srclang == "*all*" { "*all*" } else { src };
            let tmx = to_tmx(&pair_docs, &pair_al, &document_name(&args.files), src);
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let out = path.with_file_name(format!("{stem}.{}-{}.tmx", a.lang, b.lang));
            polyalign::output::write_atomically(&out, &args.files, |w| {
                write_tmx_reporting(w, &tmx).map_err(io::Error::other)
            })?;
            eprintln!(
                "polyalign: wrote {} ({} units)",
                out.display(),
                tmx.units.len()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    match &args.output {
        Some(path) => {
            polyalign::output::write_atomically(path, &args.files, |w| {
                emit(w).map_err(io::Error::other)
            })?;
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

/// The document's name for the TMX: the first file's name without its language and
/// extension (`article.en.txt` → `article`).
fn document_name(files: &[PathBuf]) -> String {
    let Some(first) = files.first() else {
        return String::new();
    };
    let name = first
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.split('.').next().unwrap_or(&name);
    if stem.len() == 2 && stem.parse::<Lang>().is_ok() {
        // `en.txt`: the folder names the document.
        return first
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| stem.to_string());
    }
    stem.to_string()
}

fn codes(langs: &[Lang]) -> String {
    langs.iter().map(Lang::code).collect::<Vec<_>>().join(", ")
}

/// Writes a TMX and warns about removed control characters.
fn write_tmx_reporting(out: &mut dyn Write, tmx: &polyalign::tmx::Tmx) -> Result<()> {
    let report = polyalign::tmx::write_tmx(out, tmx)?;
    if report.removed_control_chars > 0 {
        eprintln!(
            "polyalign: warning: removed {} control characters that XML 1.0 forbids",
            report.removed_control_chars
        );
    }
    Ok(())
}

/// Leaves out units below `min_score` and, with `skip_identical`, units whose texts are the
/// same in every language; reports how many on stderr.
fn filter_units(
    al: &mut Alignment,
    docs: &[Document],
    min_score: Option<f64>,
    skip_identical: bool,
) {
    let before = al.units.len();
    let mut low = 0;
    let mut identical = 0;
    al.units.retain(|u| {
        if min_score.is_some_and(|s| u.score < s) {
            low += 1;
            return false;
        }
        if skip_identical {
            let texts: Vec<String> = docs
                .iter()
                .zip(&u.groups)
                .map(|(d, g)| group_text(d, g))
                .collect();
            if texts.iter().all(|t| !t.is_empty() && *t == texts[0]) {
                identical += 1;
                return false;
            }
        }
        true
    });
    if low > 0 {
        eprintln!(
            "polyalign: left out {low} of {before} units scoring below {}",
            min_score.unwrap_or(0.0)
        );
    }
    if identical > 0 {
        eprintln!("polyalign: left out {identical} of {before} units identical in every language");
    }
}

/// The units as a translation memory: `tuid` from 1, properties `x-document`,
/// `x-link-type` (`2-1-1`) and `x-score`, one variant per language with text, sentences
/// joined by one space.
fn to_tmx(docs: &[Document], al: &Alignment, document: &str, srclang: &str) -> polyalign::tmx::Tmx {
    use polyalign::tmx::{Header, Prop, Tmx, Tu};
    let header = Header::new(srclang);
    let units = al
        .units
        .iter()
        .enumerate()
        .map(|(n, u)| {
            let kind: Vec<String> = u.groups.iter().map(|g| g.len().to_string()).collect();
            let mut tu = Tu::new();
            tu.tuid = Some((n + 1).to_string());
            tu.props.push(Prop::new("x-document", document));
            tu.props.push(Prop::new("x-link-type", kind.join("-")));
            tu.props
                .push(Prop::new("x-score", format!("{:.3}", u.score)));
            for (d, g) in docs.iter().zip(&u.groups) {
                if !g.is_empty() {
                    let text: Vec<&str> =
                        d.sentences[g.clone()].iter().map(String::as_str).collect();
                    tu = tu.with_variant(d.lang.code(), text.join(" "));
                }
            }
            tu
        })
        .collect();
    Tmx { header, units }
}

/// The text of a group of sentences on one line, for tabular output.
fn group_text(doc: &Document, g: &std::ops::Range<usize>) -> String {
    let joined: Vec<&str> = doc.sentences[g.clone()]
        .iter()
        .map(String::as_str)
        .collect();
    polyalign::formats::tsv::cell(&joined.join(" "))
}

fn print_tsv(out: &mut dyn Write, docs: &[Document], al: &Alignment) -> Result<()> {
    let header: Vec<&str> = docs.iter().map(|d| d.lang.code()).collect();
    writeln!(out, "{}\tscore", header.join("\t"))?;
    for unit in &al.units {
        let cells: Vec<String> = docs
            .iter()
            .zip(&unit.groups)
            .map(|(d, g)| group_text(d, g))
            .collect();
        writeln!(out, "{}\t{:.3}", cells.join("\t"), unit.score)?;
    }
    Ok(())
}

fn print_jsonl(out: &mut dyn Write, docs: &[Document], al: &Alignment) -> Result<()> {
    for (n, unit) in al.units.iter().enumerate() {
        let mut m = serde_json::Map::new();
        m.insert("unit".into(), serde_json::json!(n + 1));
        for (d, g) in docs.iter().zip(&unit.groups) {
            m.insert(
                d.lang.code().to_string(),
                serde_json::json!({"ids": g.clone().collect::<Vec<_>>(), "text": group_text(d, g)}),
            );
        }
        m.insert(
            "score".into(),
            serde_json::json!((unit.score * 1000.0).round() / 1000.0),
        );
        serde_json::to_writer(&mut *out, &serde_json::Value::Object(m))?;
        writeln!(out)?;
    }
    Ok(())
}

fn print_text(out: &mut dyn Write, docs: &[Document], al: &Alignment) -> Result<()> {
    for (n, unit) in al.units.iter().enumerate() {
        let kind: Vec<String> = unit.groups.iter().map(|g| g.len().to_string()).collect();
        writeln!(out, "#{} {} score {:.2}", n + 1, kind.join("-"), unit.score)?;
        for (doc, g) in docs.iter().zip(&unit.groups) {
            let text: Vec<&str> = doc.sentences[g.clone()]
                .iter()
                .map(String::as_str)
                .collect();
            let ids = if g.is_empty() {
                "-".to_string()
            } else {
                format!("{}-{}", g.start, g.end - 1)
            };
            writeln!(out, "  {} [{}] {}", doc.lang, ids, text.join(" "))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn print_ladder(out: &mut dyn Write, al: &Alignment) -> Result<()> {
    for p in &al.pairs {
        writeln!(out, "# {}-{}", al.langs[p.a], al.langs[p.b])?;
        for l in &p.links {
            let src: Vec<String> = l.src.clone().map(|x| x.to_string()).collect();
            let tgt: Vec<String> = l.tgt.clone().map(|x| x.to_string()).collect();
            writeln!(
                out,
                "[{}]:[{}]:{:.3}",
                src.join(", "),
                tgt.join(", "),
                l.score
            )?;
        }
    }
    Ok(())
}

fn jsonl_mode(args: &Args) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (at, line) in super::jsonl_records(&args.files)? {
        let doc: JsonDoc = serde_json::from_str(&line).with_context(|| at.clone())?;
        let record = align_json(args, doc).with_context(|| at.clone())?;
        serde_json::to_writer(&mut out, &record)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Aligns one JSON document and returns its output record.
fn align_json(args: &Args, doc: JsonDoc) -> Result<serde_json::Value> {
    let codes: Vec<String> = match (&doc.langs, &doc.sentences, &doc.text) {
        (Some(l), _, _) => l.clone(),
        (None, Some(s), _) => s.keys().cloned().collect(),
        (None, None, Some(t)) => t.keys().cloned().collect(),
        _ => bail!("a document needs \"sentences\" or \"text\""),
    };
    let langs: Vec<Lang> = codes.iter().map(|c| c.parse()).collect::<Result<_, _>>()?;
    let mut docs = Vec::new();
    for (code, &lang) in codes.iter().zip(&langs) {
        let d = if let Some(s) = doc.sentences.as_ref().and_then(|m| m.get(code)) {
            let paras = doc
                .paragraph_of
                .as_ref()
                .and_then(|m| m.get(code))
                .cloned()
                .unwrap_or_default();
            Document::from_sentences(lang, s.clone(), paras)
        } else if let Some(t) = doc.text.as_ref().and_then(|m| m.get(code)) {
            Document::from_text(lang, t)
        } else {
            bail!("no sentences or text for {code}");
        };
        docs.push(d);
    }
    let al = aligner(args, &langs)?.align(&docs)?;
    let units: Vec<serde_json::Value> = al
        .units
        .iter()
        .map(|u| {
            let mut m = serde_json::Map::new();
            for (code, g) in codes.iter().zip(&u.groups) {
                m.insert(
                    code.clone(),
                    serde_json::json!(g.clone().collect::<Vec<_>>()),
                );
            }
            m.insert(
                "score".into(),
                serde_json::json!((u.score * 1000.0).round() / 1000.0),
            );
            serde_json::Value::Object(m)
        })
        .collect();
    let mut links = serde_json::Map::new();
    for p in &al.pairs {
        let v: Vec<serde_json::Value> = p
            .links
            .iter()
            .map(|l| {
                serde_json::json!([
                    l.src.clone().collect::<Vec<_>>(),
                    l.tgt.clone().collect::<Vec<_>>(),
                    (l.score * 1000.0).round() / 1000.0
                ])
            })
            .collect();
        links.insert(
            format!("{}-{}", codes[p.a], codes[p.b]),
            serde_json::Value::Array(v),
        );
    }
    let sentences: serde_json::Map<String, serde_json::Value> = codes
        .iter()
        .zip(&docs)
        .map(|(c, d)| (c.clone(), serde_json::json!(d.sentences)))
        .collect();
    Ok(serde_json::json!({"id": doc.id, "sentences": sentences, "units": units, "links": links}))
}
