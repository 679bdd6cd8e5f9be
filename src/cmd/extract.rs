//! `polyalign extract`: the text a file is read as, printed.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

/// Arguments of `polyalign extract`.
#[derive(clap::Args)]
pub struct Args {
    /// The file (`-` for standard input): a web page, a document or a text.
    #[arg(default_value = "-")]
    file: PathBuf,
    /// Language code, for the encoding detection of a text; default: from the file name
    /// or the page's `<html lang>`, else none.
    #[arg(long, short)]
    lang: Option<String>,
}

/// Runs the command.
pub fn run(args: Args) -> Result<ExitCode> {
    let lang = match &args.lang {
        Some(code) => Some(code.parse()?),
        None => {
            polyalign::lang::lang_from_path(&args.file).or_else(|| super::page_lang(&args.file))
        }
    };
    let text = super::read_text(&args.file, lang)?;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.is_empty() && !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
