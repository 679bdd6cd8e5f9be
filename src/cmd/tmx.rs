//! `polyalign tmx`: statistics, merging and conversion of translation memories.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use polyalign::tmx::{
    merge, normalize_lang, read_tmx_file, stats, write_tmx, Header, Prop, Tmx, Tu,
};

/// Translation memory subcommands.
#[derive(clap::Subcommand)]
pub enum TmxCommand {
    /// Units, languages, language pairs, duplicates and empty segments of memories.
    Stats {
        /// TMX files (any tool's; UTF-8 or UTF-16).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print one JSON object per file.
        #[arg(long)]
        json: bool,
    },
    /// Merge memories, keeping units with identical texts once (the newest: from the
    /// file given last).
    Merge {
        /// TMX files, oldest first.
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        /// The merged TMX file.
        #[arg(long, short, required = true)]
        output: PathBuf,
    },
    /// Convert between TMX, TSV (a header of language codes) and JSONL (one object of
    /// language → text per unit), by file extension.
    Convert {
        /// The memory to read (.tmx, .tsv, .jsonl).
        input: PathBuf,
        /// The file to write (.tmx, .tsv, .jsonl).
        #[arg(long, short)]
        output: PathBuf,
    },
}

/// Runs the command.
pub fn run(cmd: TmxCommand) -> Result<ExitCode> {
    match cmd {
        TmxCommand::Stats { files, json } => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for f in &files {
                let tmx = read(f)?;
                let s = stats(&tmx);
                if json {
                    let mut v = serde_json::to_value(&s)?;
                    v["file"] = serde_json::json!(f.display().to_string());
                    writeln!(out, "{v}")?;
                } else {
                    writeln!(out, "{}", f.display())?;
                    writeln!(out, "  units       {}", s.units)?;
                    let langs: Vec<String> = s
                        .languages
                        .iter()
                        .map(|(l, n)| format!("{l} {n}"))
                        .collect();
                    writeln!(out, "  languages   {}", langs.join(", "))?;
                    let pairs: Vec<String> =
                        s.pairs.iter().map(|(p, n)| format!("{p} {n}")).collect();
                    writeln!(out, "  pairs       {}", pairs.join(", "))?;
                    writeln!(out, "  duplicates  {}", s.duplicates)?;
                    writeln!(out, "  empty       {}", s.empty_variants)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        TmxCommand::Merge { files, output } => {
            let memories = files.iter().map(|f| read(f)).collect::<Result<Vec<_>>>()?;
            let (merged, dropped) = merge(memories);
            super::write_atomically(&output, &files, |w| Ok(write_tmx(w, &merged).map(|_| ())?))?;
            eprintln!(
                "polyalign: wrote {} ({} units, {} duplicates left out)",
                output.display(),
                merged.units.len(),
                dropped
            );
            Ok(ExitCode::SUCCESS)
        }
        TmxCommand::Convert { input, output } => {
            let tmx = match kind(&input)? {
                Kind::Tmx => read(&input)?,
                Kind::Tsv => read_tsv(&input)?,
                Kind::Jsonl => read_jsonl(&input)?,
            };
            let inputs = [input.clone()];
            match kind(&output)? {
                Kind::Tmx => super::write_atomically(&output, &inputs, |w| {
                    Ok(write_tmx(w, &tmx).map(|_| ())?)
                })?,
                Kind::Tsv => super::write_atomically(&output, &inputs, |w| write_tsv(w, &tmx))?,
                Kind::Jsonl => super::write_atomically(&output, &inputs, |w| write_jsonl(w, &tmx))?,
            }
            eprintln!(
                "polyalign: wrote {} ({} units)",
                output.display(),
                tmx.units.len()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads a TMX file; errors name the file.
fn read(path: &Path) -> Result<Tmx> {
    read_tmx_file(path).with_context(|| path.display().to_string())
}

enum Kind {
    Tmx,
    Tsv,
    Jsonl,
}

fn kind(path: &Path) -> Result<Kind> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("tmx") => Ok(Kind::Tmx),
        Some("tsv" | "tab") => Ok(Kind::Tsv),
        Some("jsonl" | "ndjson") => Ok(Kind::Jsonl),
        _ => bail!("{}: name the file .tmx, .tsv or .jsonl", path.display()),
    }
}

/// Languages in order of first appearance.
fn languages(tmx: &Tmx) -> Vec<String> {
    let mut langs: Vec<String> = Vec::new();
    for tu in &tmx.units {
        for v in &tu.variants {
            let l = normalize_lang(&v.lang);
            if !langs.contains(&l) {
                langs.push(l);
            }
        }
    }
    langs
}

fn write_tsv(out: &mut dyn Write, tmx: &Tmx) -> Result<()> {
    let langs = languages(tmx);
    writeln!(out, "{}", langs.join("\t"))?;
    for tu in &tmx.units {
        let cells: Vec<String> = langs
            .iter()
            .map(|l| tu.text(l).map(super::tsv_cell).unwrap_or_default())
            .collect();
        writeln!(out, "{}", cells.join("\t"))?;
    }
    Ok(())
}

fn write_jsonl(out: &mut dyn Write, tmx: &Tmx) -> Result<()> {
    for tu in &tmx.units {
        let mut m = serde_json::Map::new();
        if let Some(id) = &tu.tuid {
            m.insert("tuid".into(), serde_json::json!(id));
        }
        for v in &tu.variants {
            m.insert(normalize_lang(&v.lang), serde_json::json!(v.text));
        }
        serde_json::to_writer(&mut *out, &serde_json::Value::Object(m))?;
        writeln!(out)?;
    }
    Ok(())
}

fn read_tsv(path: &Path) -> Result<Tmx> {
    let input = super::open_input(path)?;
    let mut lines = input.lines();
    let header = lines
        .next()
        .transpose()?
        .with_context(|| format!("{}: empty", path.display()))?;
    let cols: Vec<String> = header.split('\t').map(|c| c.trim().to_string()).collect();
    let mut units = Vec::new();
    for (n, line) in lines.enumerate() {
        let line = line.with_context(|| format!("{}: line {}", path.display(), n + 2))?;
        if line.trim().is_empty() {
            continue;
        }
        let mut tu = Tu::new();
        tu.tuid = Some((units.len() + 1).to_string());
        for (col, cell) in cols.iter().zip(line.split('\t')) {
            if col == "score" {
                tu.props.push(Prop::new("x-score", cell.trim()));
            } else if !cell.trim().is_empty() {
                tu = tu.with_variant(col.as_str(), cell.trim());
            }
        }
        if !tu.variants.is_empty() {
            units.push(tu);
        }
    }
    Ok(Tmx {
        header: Header::new(cols.first().cloned().unwrap_or_else(|| "*all*".into())),
        units,
    })
}

fn read_jsonl(path: &Path) -> Result<Tmx> {
    let input = super::open_input(path)?;
    let mut units = Vec::new();
    let mut first_lang: Option<String> = None;
    for (n, line) in input.lines().enumerate() {
        let at = || format!("{}: line {}", path.display(), n + 1);
        let line = line.with_context(at)?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).with_context(at)?;
        let obj = v
            .as_object()
            .with_context(|| format!("{}: not a JSON object", at()))?;
        let mut tu = Tu::new();
        tu.tuid = Some((units.len() + 1).to_string());
        for (k, val) in obj {
            match (k.as_str(), val) {
                ("tuid", id) => tu.tuid = Some(id.as_str().map_or(id.to_string(), str::to_string)),
                ("score", s) => tu.props.push(Prop::new("x-score", s.to_string())),
                ("unit" | "id", _) => {}
                (lang, serde_json::Value::String(text)) if !text.is_empty() => {
                    first_lang.get_or_insert_with(|| lang.to_string());
                    tu = tu.with_variant(lang, text.as_str());
                }
                (lang, serde_json::Value::Object(o)) => {
                    if let Some(text) = o
                        .get("text")
                        .and_then(|t| t.as_str())
                        .filter(|t| !t.is_empty())
                    {
                        first_lang.get_or_insert_with(|| lang.to_string());
                        tu = tu.with_variant(lang, text);
                    }
                }
                _ => {}
            }
        }
        if !tu.variants.is_empty() {
            units.push(tu);
        }
    }
    Ok(Tmx {
        header: Header::new(first_lang.unwrap_or_else(|| "*all*".into())),
        units,
    })
}
