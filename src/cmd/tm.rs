//! `polyalign tm build`: a translation memory's index file (`.ptm`), and the loading of
//! memories shared by `lookup` and `pretranslate`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use polyalign::tm::{is_ptm_file, TranslationMemory};

/// Translation memory subcommands.
#[derive(clap::Subcommand)]
pub enum TmCommand {
    /// Build an index file (.ptm) from memories, so that lookups start fast.
    Build {
        /// Memories: TMX files (any tool's), polyalign's JSON lines alignments (.jsonl),
        /// or .ptm files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The index file to write.
        #[arg(long, short, required = true)]
        output: PathBuf,
    },
}

/// Runs the command.
pub fn run(cmd: TmCommand) -> Result<ExitCode> {
    match cmd {
        TmCommand::Build { files, output } => {
            let start = Instant::now();
            let tm = load_memory(&files)?;
            if tm.is_empty() {
                bail!("{}: no translation units", names(&files));
            }
            polyalign::output::write_atomically(&output, &files, |w| tm.write_ptm(w))?;
            let size = std::fs::metadata(&output).map_or(0, |m| m.len());
            let langs: Vec<String> = tm
                .languages()
                .iter()
                .map(|(l, n)| format!("{l} {n}"))
                .collect();
            eprintln!(
                "polyalign: wrote {} ({} units: {}; {:.1} MiB) in {:.1} s",
                output.display(),
                tm.len(),
                langs.join(", "),
                size as f64 / (1 << 20) as f64,
                start.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn names(files: &[PathBuf]) -> String {
    files
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads memories into one: `.ptm` files (told by their first bytes, whatever their
/// name), JSON lines alignments (`.jsonl`, `.ndjson`), and TMX files (anything else).
pub fn load_memory(files: &[PathBuf]) -> Result<TranslationMemory> {
    let mut tm = TranslationMemory::new();
    for path in files {
        if path.is_dir() {
            bail!("{} is a directory, not a memory", path.display());
        }
        let ptm = is_ptm_file(path).with_context(|| format!("cannot open {}", path.display()))?;
        if ptm {
            let loaded = TranslationMemory::load(path)?;
            if tm.is_empty() && tm.files().is_empty() {
                tm = loaded;
            } else {
                tm.extend(&loaded);
            }
        } else if is_jsonl(path) {
            tm.add_jsonl_file(path)?;
        } else {
            tm.add_tmx_file(path)?;
        }
    }
    Ok(tm)
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}
