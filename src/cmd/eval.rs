//! `polyalign eval`: score against gold data.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use polyalign::eval::segment::{score_row, FileScore, GoldRow};
use polyalign::segment::Segmenter;

/// Evaluation subcommands.
#[derive(clap::Subcommand)]
pub enum EvalCommand {
    /// Sentence segmentation: boundary precision, recall, F1 and exact-match rate.
    Segment(SegmentArgs),
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
    }
}

fn segment(args: SegmentArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if !args.json {
        writeln!(
            out,
            "{:<28} {:>4} {:>5} {:>6} {:>6} {:>6} {:>6}",
            "file", "lang", "rows", "P", "R", "F1", "exact"
        )?;
    }
    for path in &args.gold {
        let lang = super::resolve_lang(args.lang.as_deref(), path)?;
        let seg = Segmenter::new(lang);
        let input = super::open_input(path)?;
        let mut score = FileScore::default();
        let mut shown = 0;
        for (n, line) in input.lines().enumerate() {
            let line = line.with_context(|| format!("{}: line {}", path.display(), n + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let row: GoldRow = serde_json::from_str(&line)
                .with_context(|| format!("{}: line {}: not a gold row", path.display(), n + 1))?;
            let predicted = seg.split(&row.text);
            let gold: Vec<&str> = row.sentences.iter().map(String::as_str).collect();
            let s = score_row(&predicted, &gold);
            if !s.exact && shown < args.errors {
                shown += 1;
                writeln!(
                    out,
                    "--- {} {}",
                    path.display(),
                    row.id.as_deref().unwrap_or("")
                )?;
                writeln!(out, "  gold: {}", gold.join(" ||| "))?;
                writeln!(out, "  ours: {}", predicted.join(" ||| "))?;
            }
            score.add(&s);
        }
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
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
    Ok(ExitCode::SUCCESS)
}
