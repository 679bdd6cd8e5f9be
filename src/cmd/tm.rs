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
        #[arg(required_unless_present = "corpus")]
        files: Vec<PathBuf>,
        /// The index file to write.
        #[arg(long, short, required = true)]
        output: PathBuf,
        /// With --corpus: the languages to read, in order (default: every one found).
        #[arg(long, value_delimiter = ',', requires = "corpus")]
        langs: Vec<String>,
        /// With --corpus: a pivot language for the alignment (default: the first).
        #[arg(long, requires = "corpus")]
        pivot: Option<String>,
        /// With --corpus: align every article on its own, without the priors (length
        /// ratio, lexicon per pair of languages) learned from the first 256 articles.
        #[arg(long, requires = "corpus")]
        no_priors: bool,
        #[command(flatten)]
        corpus: super::corpus::CorpusArgs,
    },
}

/// Runs the command.
pub fn run(cmd: TmCommand) -> Result<ExitCode> {
    match cmd {
        TmCommand::Build {
            files,
            output,
            langs,
            pivot,
            no_priors,
            corpus,
        } => {
            let start = Instant::now();
            if corpus.resume {
                bail!("tm build writes its index when every article is in: --resume is for align and check");
            }
            let mut tm = load_memory(&files)?;
            let mut inputs = files.clone();
            let mut failed = false;
            if let Some(dir) = &corpus.corpus {
                let summary = build_from_corpus(
                    &mut tm,
                    dir,
                    &langs,
                    Choices {
                        pivot: pivot.as_deref(),
                        no_priors,
                    },
                    &corpus,
                    &output,
                    &mut inputs,
                )?;
                failed = summary.failed > 0;
            }
            let files = inputs;
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
            // An article that failed is in the manifest; the exit code says so.
            Ok(if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// How `tm build --corpus` aligns the articles: the pivot language, and whether without
/// the priors.
struct Choices<'a> {
    pivot: Option<&'a str>,
    no_priors: bool,
}

/// Aligns every article of a corpus into `tm`.
fn build_from_corpus(
    tm: &mut TranslationMemory,
    dir: &Path,
    langs: &[String],
    choices: Choices<'_>,
    args: &super::corpus::CorpusArgs,
    output: &Path,
    inputs: &mut Vec<PathBuf>,
) -> Result<super::corpus::Summary> {
    use super::corpus::{drive, manifest_beside, Dest, Done, Run, Source};
    let wanted: Vec<polyalign::lang::Lang> =
        langs.iter().map(|l| l.parse()).collect::<Result<_, _>>()?;
    let mut source = Source::dir(dir, &args.pattern, &wanted)?;
    inputs.extend(source.inputs.of(output)?);
    // The priors of the archive's language pairs, from its first articles, as `align
    // --corpus` learns them.
    let Choices { pivot, no_priors } = choices;
    let priors = if no_priors {
        None
    } else {
        super::corpus::learn_priors(&mut source, false, None, None, args.jobs)?
    };
    let file = dir.display().to_string();
    let run = Run {
        args,
        dest: Dest::Nothing,
        head: Vec::new(),
        tail: Vec::new(),
        settings: String::new(),
        use_sentences: false,
        manifest: Some(manifest_beside(output)),
    };
    let summary = drive(
        run,
        source,
        |article| {
            let article_langs: Vec<polyalign::lang::Lang> =
                article.docs.iter().map(|d| d.lang).collect();
            let mut config = super::align_config(None, pivot, None, &article_langs)?;
            config.priors.clone_from(&priors);
            let al = polyalign::align::Aligner::new(config).align(&article.docs)?;
            let mut entry = serde_json::Map::new();
            entry.insert("units".into(), al.units.len().into());
            Ok(Done {
                bytes: Vec::new(),
                entry,
                findings: false,
                payload: al,
            })
        },
        |article, al| {
            tm.add_alignment(&article.docs, &al, &article.id, &file);
            Ok(())
        },
    )?;
    if !args.quiet {
        eprintln!("polyalign: {}", summary.line("units"));
    }
    Ok(summary)
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
