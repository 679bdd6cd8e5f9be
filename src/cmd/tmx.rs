//! `polyalign tmx`: statistics, merging and conversion of translation memories.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use polyalign::formats::{jsonl, tsv};
use polyalign::output::write_atomically;
use polyalign::tmx::{merge, read_tmx_file, stats, write_tmx, Tmx};

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
            write_atomically(&output, &files, |w| Ok(write_tmx(w, &merged).map(|_| ())?))?;
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
                Kind::Tsv => tsv::read(super::open_input(&input)?)
                    .with_context(|| input.display().to_string())?,
                Kind::Jsonl => jsonl::read(super::open_input(&input)?)
                    .with_context(|| input.display().to_string())?,
            };
            let inputs = [input.clone()];
            let format = kind(&output)?;
            write_atomically(&output, &inputs, |w| match format {
                Kind::Tmx => Ok(write_tmx(w, &tmx).map(|_| ())?),
                Kind::Tsv => tsv::write(w, &tmx),
                Kind::Jsonl => jsonl::write(w, &tmx),
            })?;
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
