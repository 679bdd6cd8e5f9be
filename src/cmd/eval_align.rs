//! `polyalign eval align`: score alignments against gold links.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ValueEnum;
use polyalign::align::{Aligner, Document};
use polyalign::eval::align::{locate, map_to_gold, score_links, AlignScore, IdLink};
use polyalign::lang::Lang;
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
    /// Also print how precision depends on the confidence score (top 90% vs bottom 10%).
    #[arg(long)]
    confidence: bool,
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
struct GoldDoc {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    text: Option<BTreeMap<String, String>>,
    sentences: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    paragraph_of: BTreeMap<String, Vec<usize>>,
    links: BTreeMap<String, Vec<IdLink>>,
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
    for path in &args.gold {
        let set = super::set_name(path);
        let mut table = Table::default();
        let mut scored: Vec<(f64, bool)> = Vec::new();
        for (n, (_, line)) in super::json_records(path)?.iter().enumerate() {
            let at = || format!("{}: document {}", path.display(), n + 1);
            let doc: GoldDoc = serde_json::from_str(line).with_context(at)?;
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
            if args.task != Task::E2e {
                align_task(&doc, &mut table, &mut scored).with_context(at)?;
            }
            if args.task != Task::Align {
                e2e_task(&doc, path, &mut table).with_context(at)?;
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
        }
    }
    Ok(ExitCode::SUCCESS)
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

fn pair_langs(pair: &str) -> Result<(String, String)> {
    let (a, b) = pair
        .split_once('-')
        .with_context(|| format!("bad pair {pair:?}"))?;
    Ok((a.to_string(), b.to_string()))
}

fn languages(doc: &GoldDoc) -> Result<Vec<String>> {
    let mut codes: Vec<String> = Vec::new();
    for pair in doc.links.keys() {
        let (a, b) = pair_langs(pair)?;
        for c in [a, b] {
            if !codes.contains(&c) {
                codes.push(c);
            }
        }
    }
    Ok(codes)
}

fn id_links(links: &[polyalign::align::Link]) -> Vec<IdLink> {
    links
        .iter()
        .map(|l| (l.src.clone().collect(), l.tgt.clone().collect()))
        .collect()
}

fn align_task(doc: &GoldDoc, table: &mut Table, scored: &mut Vec<(f64, bool)>) -> Result<()> {
    let codes = languages(doc)?;
    let mut docs = Vec::new();
    for c in &codes {
        let lang: Lang = c.parse()?;
        let sentences = doc.sentences.get(c).cloned().unwrap_or_default();
        let paras = doc.paragraph_of.get(c).cloned().unwrap_or_default();
        docs.push(Document::from_sentences(lang, sentences, paras));
    }
    let al = Aligner::default().align(&docs)?;
    for (pair, gold) in &doc.links {
        let (a, b) = pair_langs(pair)?;
        let ia = codes.iter().position(|c| *c == a).unwrap_or(0);
        let ib = codes.iter().position(|c| *c == b).unwrap_or(0);
        let links = al.links(ia, ib).unwrap_or_default();
        let pred = id_links(&links);
        for (l, p) in links.iter().zip(&pred) {
            if !(p.0.is_empty() && p.1.is_empty()) {
                scored.push((l.score, gold.contains(p)));
            }
        }
        table.add("align", pair, score_links(&pred, gold));
    }
    Ok(())
}

fn e2e_task(doc: &GoldDoc, path: &Path, table: &mut Table) -> Result<()> {
    let codes = languages(doc)?;
    let mut docs = Vec::new();
    let mut maps: Vec<Vec<Option<usize>>> = Vec::new();
    for c in &codes {
        let lang: Lang = c.parse()?;
        let text = match doc.text.as_ref().and_then(|t| t.get(c)) {
            Some(t) => t.clone(),
            None => std::fs::read_to_string(path.with_file_name(format!("{c}.txt")))
                .with_context(|| format!("no text for {c}"))?,
        };
        let d = Document::from_text(lang, &text);
        let gold_sents = doc.sentences.get(c).cloned().unwrap_or_default();
        let gold_spans = locate(&text, &gold_sents)
            .with_context(|| format!("the gold sentences of {c} are not in its text"))?;
        let pred_spans = locate(&text, &d.sentences).context("segmented sentences not found")?;
        maps.push(map_to_gold(&pred_spans, &gold_spans));
        docs.push(d);
    }
    let al = Aligner::default().align(&docs)?;
    for (pair, gold) in &doc.links {
        let (a, b) = pair_langs(pair)?;
        let ia = codes.iter().position(|c| *c == a).unwrap_or(0);
        let ib = codes.iter().position(|c| *c == b).unwrap_or(0);
        let mut pred: Vec<IdLink> = Vec::new();
        for l in al.links(ia, ib).unwrap_or_default() {
            let mut src: Vec<usize> = l.src.clone().filter_map(|x| maps[ia][x]).collect();
            let mut tgt: Vec<usize> = l.tgt.clone().filter_map(|x| maps[ib][x]).collect();
            src.dedup();
            tgt.dedup();
            if src.is_empty() && tgt.is_empty() {
                continue;
            }
            let link = (src, tgt);
            if pred.last() != Some(&link) {
                pred.push(link);
            }
        }
        table.add("e2e", pair, score_links(&pred, gold));
    }
    Ok(())
}
