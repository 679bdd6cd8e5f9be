//! `polyalign pretranslate`: a draft translation of a new text from translation memories.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use polyalign::lang::Lang;
use polyalign::output::write_atomically;
use polyalign::tm::pretranslate::{pretranslate_document, Band, PretranslateConfig};

/// Arguments of `polyalign pretranslate`.
#[derive(clap::Args)]
pub struct Args {
    /// The new text (language from --from or from the file name, e.g. article.en.txt).
    file: PathBuf,
    /// A memory: TMX, polyalign's .jsonl alignment, or a .ptm index. Repeat for several.
    #[arg(long = "tm", required = true)]
    tm: Vec<PathBuf>,
    /// The language of the text (default: from the file name).
    #[arg(long)]
    from: Option<String>,
    /// The target languages, comma-separated (ru,uk).
    #[arg(long, required = true, value_delimiter = ',')]
    to: Vec<String>,
    /// The lowest match percentage put into the drafts, 1 to 100.
    #[arg(long, default_value_t = 75)]
    min: u8,
    /// The output prefix: writes PREFIX.<lang>.txt per target language and
    /// PREFIX.report.json.
    #[arg(long, short, required = true)]
    output: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> Result<ExitCode> {
    let from = super::resolve_lang(args.from.as_deref(), &args.file)?;
    let targets = args
        .to
        .iter()
        .map(|t| Ok(t.parse::<Lang>()?))
        .collect::<Result<Vec<_>>>()?;
    let config = PretranslateConfig { min: args.min };
    config.validate().context("--min")?;
    let text = super::read_text(&args.file, Some(from))?;
    let tm = super::tm::load_memory(&args.tm)?;
    let doc = polyalign::doc::Document::segment(&super::segmenter(from), &text);
    let p = pretranslate_document(&tm, &doc, &targets, &config)?;
    let mut inputs = args.tm.clone();
    inputs.push(args.file.clone());
    let mut written = Vec::new();
    for (k, lang) in targets.iter().enumerate() {
        let path = with_suffix(&args.output, &format!("{lang}.txt"));
        let draft = p.draft(&text, k);
        write_atomically(&path, &inputs, |w| w.write_all(draft.as_bytes()))?;
        written.push(path);
    }
    let words: usize = p.segments.iter().map(|s| s.words).sum();
    let mut summary = serde_json::Map::new();
    for (k, lang) in targets.iter().enumerate() {
        let c = p.counts(k);
        let bands: serde_json::Map<String, serde_json::Value> = c
            .bands
            .iter()
            .map(|(b, n, w)| {
                (
                    b.label().to_string(),
                    serde_json::json!({"sentences": n, "words": w}),
                )
            })
            .collect();
        summary.insert(
            lang.to_string(),
            serde_json::json!({"bands": bands, "filled": c.filled, "adapted": c.adapted}),
        );
    }
    let report = serde_json::json!({
        "source": args.file.display().to_string(),
        "from": from,
        "targets": targets,
        "min": args.min,
        "memory": tm.files(),
        "sentences": p.segments.len(),
        "words": words,
        "summary": summary,
        "segments": p.segments,
    });
    let report_path = with_suffix(&args.output, "report.json");
    write_atomically(&report_path, &inputs, |w| {
        serde_json::to_writer_pretty(&mut *w, &report)?;
        writeln!(w)
    })?;
    written.push(report_path);

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{}: {} sentences, {} words, from {} into {}; threshold {}%",
        args.file.display(),
        p.segments.len(),
        words,
        from,
        args.to.join(", "),
        args.min
    )?;
    write!(out, "{:<10}", "band")?;
    for lang in &targets {
        write!(out, " {:>9} {:>7}", format!("{lang} sent."), "words")?;
    }
    writeln!(out)?;
    let counts: Vec<_> = (0..targets.len()).map(|k| p.counts(k)).collect();
    for (i, band) in Band::ALL.iter().enumerate() {
        let label = match band {
            Band::NoMatch => "no match".to_string(),
            b => format!("{}%", b.label()),
        };
        write!(out, "{label:<10}")?;
        for c in &counts {
            write!(out, " {:>9} {:>7}", c.bands[i].1, c.bands[i].2)?;
        }
        writeln!(out)?;
    }
    for (label, f) in [
        (
            "filled",
            (|c: &polyalign::tm::pretranslate::BandCounts| c.filled) as fn(&_) -> usize,
        ),
        ("adapted", |c| c.adapted),
    ] {
        let mut line = format!("{label:<10}");
        for c in &counts {
            line.push_str(&format!(" {:>9} {:>7}", f(c), ""));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    eprintln!("polyalign: wrote {}", names.join(", "));
    Ok(ExitCode::SUCCESS)
}

/// `draft` + `.ru.txt` → `draft.ru.txt` (the prefix is kept whole, dots included).
fn with_suffix(prefix: &Path, suffix: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(".");
    s.push(suffix);
    PathBuf::from(s)
}
