//! `polyalign lookup`: fuzzy matches of sentences in translation memories.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use polyalign::lang::{script_mismatch, Lang};
use polyalign::tm::{LookupConfig, Match, TmError};

/// Output formats.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Matches ranked, one block each.
    Text,
    /// One JSON object per query: `{"query", "matches": [...]}`.
    Json,
}

/// Arguments of `polyalign lookup`.
#[derive(clap::Args)]
pub struct Args {
    /// The sentence to look up (words may be given unquoted). Without it, queries are
    /// read from standard input, one per line (blank lines are skipped).
    text: Vec<String>,
    /// A memory: TMX (any tool's), polyalign's .jsonl alignment, or a .ptm index built
    /// by `polyalign tm build`. Repeat for several.
    #[arg(long = "tm", required = true)]
    tm: Vec<PathBuf>,
    /// The language of the query (en, ru, uk, ...).
    #[arg(long)]
    from: String,
    /// The language of the translations wanted.
    #[arg(long)]
    to: String,
    /// The lowest match percentage shown, 1 to 100.
    #[arg(long, default_value_t = 70)]
    min: u8,
    /// The most matches shown per query.
    #[arg(long, default_value_t = 5)]
    max: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Print the load time and the per-query lookup latency (p50, p90, p99, max) to
    /// standard error (for benchmarks).
    #[arg(long, hide = true)]
    timings: bool,
    /// Score every unit instead of using the index (for benchmarks).
    #[arg(long, hide = true)]
    exhaustive: bool,
}

/// Runs the command.
pub fn run(args: Args) -> Result<ExitCode> {
    let (from, to) = (args.from.parse::<Lang>()?, args.to.parse::<Lang>()?);
    let config = LookupConfig {
        min: args.min,
        max: args.max,
    };
    config.validate().context("--min")?;
    let single = (!args.text.is_empty()).then(|| args.text.join(" "));
    if single.as_deref().is_some_and(|t| t.trim().is_empty()) {
        anyhow::bail!("empty query: give a sentence to look up");
    }
    if let Some(problem) = single.as_deref().and_then(|q| wrong_script(q, from)) {
        anyhow::bail!("{problem}");
    }
    let load_start = Instant::now();
    let tm = super::tm::load_memory(&args.tm)?;
    let load = load_start.elapsed();
    let queries: Box<dyn Iterator<Item = std::io::Result<String>>> = match single {
        Some(t) => Box::new(std::iter::once(Ok(t))),
        None => Box::new(std::io::stdin().lock().lines()),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut times: Vec<Duration> = Vec::new();
    let mut found_any = false;
    for (n, query) in queries.enumerate() {
        let query = query?;
        let line = n + 1;
        if args.text.is_empty() && query.trim().is_empty() {
            continue;
        }
        if let Some(msg) = script_mismatch(&query, from) {
            eprintln!("polyalign: warning: query {line}: {msg}");
        }
        let start = Instant::now();
        let result = if args.exhaustive {
            tm.lookup_exhaustive(&query, from, to, &config)
        } else {
            tm.lookup(&query, from, to, &config)
        };
        times.push(start.elapsed());
        let matches = match result {
            Ok(m) => m,
            Err(TmError::EmptyQuery) if args.text.is_empty() => {
                eprintln!("polyalign: warning: query {line}: no word to look up");
                Vec::new()
            }
            Err(e) => return Err(e.into()),
        };
        found_any |= !matches.is_empty();
        match args.format {
            Format::Text => print_text(&mut out, &query, &matches, args.min)?,
            Format::Json => {
                let v = serde_json::json!({"query": query, "matches": matches});
                writeln!(out, "{v}")?;
            }
        }
    }
    out.flush()?;
    if args.timings {
        print_timings(load, &mut times);
    }
    Ok(if found_any {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Why a query given on the command line cannot be in `from`: its letters (at least three)
/// are mostly of the other script. Suggests the language it looks like.
fn wrong_script(query: &str, from: Lang) -> Option<String> {
    let letters = polyalign::lang::script_letters(query);
    if letters.letters < 3 || !letters.foreign(from) {
        return None;
    }
    let guess = if from.is_cyrillic() {
        "en".to_string()
    } else {
        let (ru, uk) = polyalign::qa::russian_ukrainian_marks(query);
        match ru.cmp(&uk) {
            std::cmp::Ordering::Greater => "ru".into(),
            std::cmp::Ordering::Less => "uk".into(),
            std::cmp::Ordering::Equal => "ru or uk".into(),
        }
    };
    let script = if from.is_cyrillic() {
        "Latin"
    } else {
        "Cyrillic"
    };
    Some(format!(
        "the query is written in {script} letters, not in {} ({from}): did you mean --from {guess}?",
        from.name()
    ))
}

fn print_text(out: &mut dyn Write, query: &str, matches: &[Match], min: u8) -> Result<()> {
    writeln!(out, "query: {query}")?;
    if matches.is_empty() {
        writeln!(out, "  no match at {min}% or more")?;
    }
    for (i, m) in matches.iter().enumerate() {
        writeln!(out, "{:>3}. {:>3}%  {}", i + 1, m.score, m.source)?;
        writeln!(out, "           {}", m.target)?;
        let mut origin = m.origin.file.clone();
        if let Some(t) = &m.origin.tuid {
            origin.push_str(&format!(", tuid {t}"));
        }
        if let Some(d) = &m.origin.document {
            origin.push_str(&format!(", document {d}"));
        }
        writeln!(out, "           ({origin})")?;
    }
    writeln!(out)?;
    Ok(())
}

fn print_timings(load: Duration, times: &mut [Duration]) {
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| {
        if times.is_empty() {
            0.0
        } else {
            ms(times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1])
        }
    };
    let mean = if times.is_empty() {
        0.0
    } else {
        times.iter().map(|&d| ms(d)).sum::<f64>() / times.len() as f64
    };
    eprintln!(
        "timings: {} queries; load {:.1} ms; lookup mean {:.3} ms, p50 {:.3} ms, p90 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        times.len(),
        ms(load),
        mean,
        at(0.5),
        at(0.9),
        at(0.99),
        times.last().map_or(0.0, |&d| ms(d))
    );
}
