//! `polyalign eval`: score against gold data.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use polyalign::eval::segment::{score_row, FileScore, GoldRow};
use polyalign::lang::Lang;

/// Evaluation subcommands.
#[derive(clap::Subcommand)]
pub enum EvalCommand {
    /// Sentence segmentation: boundary precision, recall, F1 and exact-match rate.
    Segment(SegmentArgs),
    /// Sentence alignment: strict and lax link precision, recall and F1 per pair.
    Align(super::eval_align::AlignArgs),
    /// Fit the calibration of link and unit scores on gold alignments and write its data
    /// file (src/align/data/calibration.txt).
    Calibrate(super::eval_calibrate::CalibrateArgs),
}

/// Arguments of `polyalign eval segment`.
#[derive(clap::Args)]
pub struct SegmentArgs {
    /// Gold files: JSON lines `{"text": ..., "sentences": [...]}`.
    #[arg(long, required = true, num_args = 1..)]
    gold: Vec<PathBuf>,
    /// Language; default: from each file name (`ud_iu_dev_uk.jsonl` → uk).
    #[arg(long, short)]
    lang: Option<String>,
    /// Print up to N rows whose boundaries differ from the gold.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Print a JSON object per file instead of a table.
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Segment(args) => segment(args),
        EvalCommand::Align(args) => super::eval_align::run(args),
        EvalCommand::Calibrate(args) => super::eval_calibrate::run(args),
    }
}

fn segment(args: SegmentArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut header = !args.json;
    let mut shown = 0;
    for path in &args.gold {
        let name = super::set_name(path);
        // Scores per language, in the order the languages are first seen.
        let mut scores: Vec<(Lang, FileScore)> = Vec::new();
        for (n, line) in super::json_records(path)? {
            let at = || format!("{}: line {}", path.display(), n);
            let rows = gold_rows(&line, path, args.lang.as_deref()).with_context(at)?;
            for (lang, row) in rows {
                let seg = super::segmenter(lang);
                let predicted = seg.split(&row.text);
                let gold: Vec<&str> = row.sentences.iter().map(String::as_str).collect();
                let s = score_row(&predicted, &gold);
                if !s.exact && shown < args.errors {
                    shown += 1;
                    writeln!(
                        out,
                        "--- {} {} {}",
                        path.display(),
                        lang,
                        row.id.as_deref().unwrap_or("")
                    )?;
                    writeln!(out, "  gold: {}", gold.join(" ||| "))?;
                    writeln!(out, "  ours: {}", predicted.join(" ||| "))?;
                }
                match scores.iter_mut().find(|(l, _)| *l == lang) {
                    Some((_, score)) => score.add(&s),
                    None => {
                        let mut score = FileScore::default();
                        score.add(&s);
                        scores.push((lang, score));
                    }
                }
            }
        }
        for (lang, score) in scores {
            if std::mem::take(&mut header) {
                writeln!(
                    out,
                    "{:<28} {:>4} {:>5} {:>6} {:>6} {:>6} {:>6}",
                    "file", "lang", "rows", "P", "R", "F1", "exact"
                )?;
            }
            if args.json {
                let v = serde_json::json!({
                    "file": name, "lang": lang.code(), "rows": score.rows,
                    "precision": score.prf.precision(), "recall": score.prf.recall(),
                    "f1": score.prf.f1(), "exact": score.exact_rate(),
                    "boundaries": score.prf,
                });
                writeln!(out, "{v}")?;
            } else {
                writeln!(
                    out,
                    "{:<28} {:>4} {:>5} {:>6.4} {:>6.4} {:>6.4} {:>6.4}",
                    name,
                    lang.code(),
                    score.rows,
                    score.prf.precision(),
                    score.prf.recall(),
                    score.prf.f1(),
                    score.exact_rate()
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The gold rows of one line: a segmentation row (`{"text", "sentences": [...]}`) in the
/// language of `--lang` or of the file name, or an aligned document (`{"sentences":
/// {"en": [...], ...}}`, texts in `"text"` or in `<lang>.txt` beside the file) with one
/// row per language.
pub(crate) fn gold_rows(
    line: &str,
    path: &Path,
    lang: Option<&str>,
) -> Result<Vec<(Lang, GoldRow)>> {
    let value: serde_json::Value = serde_json::from_str(line).context("not JSON")?;
    if value
        .get("sentences")
        .is_some_and(serde_json::Value::is_array)
    {
        let row: GoldRow = serde_json::from_value(value).context("not a gold row")?;
        return Ok(vec![(super::resolve_lang(lang, path)?, row)]);
    }
    let doc: polyalign::doc::Record = serde_json::from_value(value)
        .context("expected {\"text\", \"sentences\": [...]} or an aligned document")?;
    let mut rows = Vec::new();
    for (code, sentences) in doc.sentences {
        let lang: Lang = code.parse()?;
        let text = match doc.text.get(&code) {
            Some(t) => t.clone(),
            None => {
                let file = path.with_file_name(format!("{code}.txt"));
                std::fs::read_to_string(&file).with_context(|| {
                    format!("no text for {code}: cannot read {}", file.display())
                })?
            }
        };
        rows.push((
            lang,
            GoldRow {
                id: doc.id.as_str().map(str::to_string),
                text,
                sentences,
            },
        ));
    }
    Ok(rows)
}
