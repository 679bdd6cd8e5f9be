//! `polyalign eval align`: score alignments against gold links.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ValueEnum;
use polyalign::align::{Aligner, Priors};
use polyalign::doc::Record;
use polyalign::eval::align::{
    align_task, e2e_task, gold_documents, languages, score_links, AlignScore, IdLink,
};
use polyalign::eval::calibrate::{calibration_error, reliability};
use serde::Deserialize;

/// Arguments of `polyalign eval align`.
#[derive(clap::Args)]
pub struct AlignArgs {
    /// Gold files: aligned documents, one JSON object per line (`.jsonl`) or one per file
    /// (`.json`, texts in `<lang>.txt` beside it when the document has no `"text"`).
    #[arg(long, required = true, num_args = 1..)]
    gold: Vec<PathBuf>,
    /// Which task: the alignment of the gold sentences, end to end from the raw text, or
    /// both.
    #[arg(long, value_enum, default_value_t = Task::Both)]
    task: Task,
    /// Score these predicted links instead of running polyalign (JSON lines `{"id": ...,
    /// "links": {"en-ru": [[[0], [0]], ...]}}`, sentence ids of the gold sentences).
    #[arg(long)]
    predicted: Option<PathBuf>,
    /// Name of the system in the table.
    #[arg(long, default_value = "polyalign")]
    system: String,
    /// Also print how precision depends on the confidence score (top 90% vs bottom 10%)
    /// and the expected calibration error of link and unit scores (10 bins).
    #[arg(long)]
    confidence: bool,
    /// Write the reliability bins of links and units (10 bins per gold file) as JSON to
    /// this file, for `scripts/reliability_svg.py`.
    #[arg(long)]
    reliability: Option<PathBuf>,
    /// A dictionary for the aligner, as `align --dict`.
    #[arg(long, value_name = "FILE")]
    dict: Option<PathBuf>,
    /// Turn off kinds of lexical evidence, to measure what each brings.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND")]
    without: Vec<Evidence>,
    /// The alignment task without the gold's paragraph hints (`paragraph_of` ignored): the
    /// sentences alone, as from a source that does not mark paragraphs. Its rows read
    /// `nopar`.
    #[arg(long)]
    no_paragraphs: bool,
}

/// Kinds of lexical evidence `--without` turns off.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Evidence {
    /// The lexicon learned from the documents (no second pass).
    Lexicon,
    /// Cognates.
    Cognates,
    /// What the other documents of the gold file teach: priors (length ratio, lexicon)
    /// learned over the whole file, as `align --jsonl` learns them over its
    /// records. Without it every document is aligned on its own.
    Corpus,
}

/// Evaluation tasks.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Task {
    /// Gold sentences given.
    Align,
    /// From raw text: segment, align, map to gold sentences.
    E2e,
    /// Both.
    Both,
}

#[derive(Deserialize)]
struct PredDoc {
    id: serde_json::Value,
    links: BTreeMap<String, Vec<IdLink>>,
}

/// Scores per (task, pair), in first-seen order.
#[derive(Default)]
struct Table {
    rows: Vec<((String, String), AlignScore)>,
}

impl Table {
    fn add_all(&mut self, task: &str, scores: Vec<(String, AlignScore)>) {
        for (pair, s) in scores {
            self.add(task, &pair, s);
        }
    }

    fn add(&mut self, task: &str, pair: &str, s: AlignScore) {
        match self
            .rows
            .iter_mut()
            .find(|((t, p), _)| t == task && p == pair)
        {
            Some((_, acc)) => acc.add(s),
            None => self.rows.push(((task.to_string(), pair.to_string()), s)),
        }
    }
}

/// Runs the command.
pub fn run(args: AlignArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let predicted: Option<BTreeMap<String, BTreeMap<String, Vec<IdLink>>>> = match &args.predicted {
        None => None,
        Some(p) => {
            let mut m = BTreeMap::new();
            for (n, line) in super::json_records(p)? {
                let d: PredDoc = serde_json::from_str(&line)
                    .with_context(|| format!("{}: line {}", p.display(), n))?;
                m.insert(d.id.to_string(), d.links);
            }
            Some(m)
        }
    };
    writeln!(
        out,
        "{:<12} {:<12} {:<5} {:<6} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "set", "system", "task", "pair", "strictP", "strictR", "strictF", "laxP", "laxR", "laxF"
    )?;
    let mut config = polyalign::align::AlignConfig::default();
    if let Some(path) = &args.dict {
        let dictionary = polyalign::align::Dictionary::from_file(path)?;
        config.dictionary = Some(std::sync::Arc::new(dictionary));
    }
    for kind in &args.without {
        match kind {
            Evidence::Lexicon => config.lexicon_weight = 0.0,
            Evidence::Cognates => config.cognate_weight = 0.0,
            Evidence::Corpus => {}
        }
    }
    let corpus = !args.without.contains(&Evidence::Corpus) && predicted.is_none();
    let base = Aligner::new(config);
    let mut diagrams: Vec<serde_json::Value> = Vec::new();
    for path in &args.gold {
        let set = super::set_name(path);
        let mut table = Table::default();
        let mut scored: Vec<(f64, bool)> = Vec::new();
        let mut units: Vec<(f64, bool)> = Vec::new();
        let mut records: Vec<Record> = Vec::new();
        for (n, (_, line)) in super::json_records(path)?.iter().enumerate() {
            let at = || format!("{}: document {}", path.display(), n + 1);
            records.push(serde_json::from_str(line).with_context(at)?);
        }
        // The raw texts, once, for the end-to-end task (and its priors).
        let e2e = args.task != Task::Align && predicted.is_none();
        let texts: Vec<Vec<(String, String)>> = if e2e {
            records
                .iter()
                .enumerate()
                .map(|(n, d)| {
                    raw_texts(d, path)
                        .with_context(|| format!("{}: document {}", path.display(), n + 1))
                })
                .collect::<Result<_>>()?
        } else {
            Vec::new()
        };
        // The documents of the file align as one corpus: priors learned over all of them
        // (from the gold sentences for the alignment task, the raw text end to end).
        let (aligner, aligner_e2e) = if corpus {
            let raw: Vec<Vec<polyalign::align::Document<'_>>> = texts
                .iter()
                .map(|t| {
                    t.iter()
                        .map(|(c, text)| {
                            Ok(polyalign::align::Document::from_text(c.parse()?, text))
                        })
                        .collect::<Result<_>>()
                })
                .collect::<Result<_>>()?;
            (
                with_priors(&base, &gold_docs(&records, args.no_paragraphs)?),
                with_priors(&base, &raw),
            )
        } else {
            (base.clone(), base.clone())
        };
        for (n, doc) in records.into_iter().enumerate() {
            let at = || format!("{}: document {}", path.display(), n + 1);
            if let Some(pred) = &predicted {
                let links = pred
                    .get(&doc.id.to_string())
                    .with_context(|| format!("no predicted links for document {}", doc.id))?;
                for (pair, gold) in &doc.links {
                    let p = links.get(pair).cloned().unwrap_or_default();
                    table.add("align", pair, score_links(&p, gold));
                }
                continue;
            }
            if args.task != Task::E2e && args.no_paragraphs {
                let mut bare = doc.clone();
                bare.paragraph_of.clear();
                let scores = align_task(&bare, &aligner).with_context(at)?;
                table.add_all("nopar", scores.pairs);
                scored.extend(scores.scored);
            } else if args.task != Task::E2e {
                let scores = align_task(&doc, &aligner).with_context(at)?;
                table.add_all("align", scores.pairs);
                scored.extend(scores.scored);
                units.extend(scores.units);
            }
            if e2e {
                let texts: Vec<(String, &str)> = texts[n]
                    .iter()
                    .map(|(c, t)| (c.clone(), t.as_str()))
                    .collect();
                let scores = e2e_task(&doc, &texts, &aligner_e2e).with_context(at)?;
                table.add_all("e2e", scores.pairs);
            }
        }
        for ((task, pair), s) in &table.rows {
            writeln!(
                out,
                "{:<12} {:<12} {:<5} {:<6} {:>7.4} {:>7.4} {:>7.4} {:>7.4} {:>7.4} {:>7.4}",
                set,
                args.system,
                task,
                pair,
                s.strict.precision(),
                s.strict.recall(),
                s.strict.f1(),
                s.lax.precision(),
                s.lax.recall(),
                s.lax.f1()
            )?;
        }
        if args.confidence && !scored.is_empty() {
            let (top, bottom) = confidence_split(&mut scored);
            writeln!(
                out,
                "{set}: strict precision of the top 90% of links by score {:.4}, of the bottom 10% {:.4} ({} links)",
                top,
                bottom,
                scored.len()
            )?;
            writeln!(
                out,
                "{set}: expected calibration error (10 bins) of link scores {:.4} ({} links)",
                calibration_error(&scored, 10),
                scored.len(),
            )?;
            writeln!(
                out,
                "{set}: expected calibration error (10 bins) of unit scores {:.4} ({} units)",
                calibration_error(&units, 10),
                units.len()
            )?;
        }
        if !scored.is_empty() {
            diagrams.push(serde_json::json!({
                "set": set,
                "links": {"ece": calibration_error(&scored, 10), "bins": reliability(&scored, 10)},
                "units": {"ece": calibration_error(&units, 10), "bins": reliability(&units, 10)},
            }));
        }
    }
    if let Some(path) = &args.reliability {
        let text = serde_json::to_string_pretty(&diagrams)? + "\n";
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The gold sentences of every record as documents (without their paragraph hints when
/// `bare`).
fn gold_docs(
    records: &[Record],
    bare: bool,
) -> Result<Vec<Vec<polyalign::align::Document<'static>>>> {
    records
        .iter()
        .map(|r| {
            if bare {
                let mut r = r.clone();
                r.paragraph_of.clear();
                Ok(gold_documents(&r)?)
            } else {
                Ok(gold_documents(r)?)
            }
        })
        .collect()
}

/// `base` with priors learned from `articles`.
fn with_priors(base: &Aligner, articles: &[Vec<polyalign::align::Document<'_>>]) -> Aligner {
    let mut config = base.config().clone();
    let priors = Priors::learn(articles, &config);
    config.priors = (!priors.is_empty()).then(|| std::sync::Arc::new(priors));
    Aligner::new(config)
}

/// Precision of the top 90% and the bottom 10% of links by score.
fn confidence_split(scored: &mut [(f64, bool)]) -> (f64, f64) {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let cut = (scored.len() as f64 * 0.9).round() as usize;
    let prec = |s: &[(f64, bool)]| {
        if s.is_empty() {
            1.0
        } else {
            s.iter().filter(|x| x.1).count() as f64 / s.len() as f64
        }
    };
    (prec(&scored[..cut]), prec(&scored[cut..]))
}

/// The raw text of each language of a gold record: its `text`, else `<code>.txt` beside
/// the gold file.
fn raw_texts(doc: &Record, path: &Path) -> Result<Vec<(String, String)>> {
    languages(doc)?
        .into_iter()
        .map(|c| {
            let text = match doc.text.get(&c) {
                Some(t) => t.clone(),
                None => std::fs::read_to_string(path.with_file_name(format!("{c}.txt")))
                    .with_context(|| format!("no text for {c}"))?,
            };
            Ok((c, text))
        })
        .collect()
}
