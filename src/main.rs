//! The `polyalign` command: a thin layer over the library.
//!
//! Exit codes: 0 success, 1 findings (a check or an evaluation below its target; no match
//! for `lookup`), 2 error (bad input, bad usage, I/O).

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Sentence segmentation, multilingual alignment and translation memories.
#[derive(Parser)]
#[command(name = "polyalign", version, about, long_about = None)]
struct Cli {
    /// The encoding of text inputs (utf-8, utf-16le, windows-1251, koi8-r, koi8-u,
    /// iso-8859-5, cp866, windows-1252, ...), instead of detecting it.
    #[arg(long, global = true, value_name = "NAME")]
    encoding: Option<String>,
    /// Keep the page furniture of scraped texts in the units of `align` and `check`
    /// (language switcher lines, photo credits, share lines, a headline repeated in front
    /// of its caption), which are otherwise left out and listed on stderr.
    #[arg(long, global = true)]
    keep_boilerplate: bool,
    /// The format of inputs: auto (by the file name's extension, else the content), text,
    /// html (a web page: its article is read), docx, odt.
    #[arg(long, global = true, value_name = "FORMAT")]
    input_format: Option<String>,
    /// Segment with the rules of this SRX 2.0 file for the language (its `languagemap`s
    /// choose them) instead of polyalign's own.
    #[arg(long, global = true, value_name = "FILE")]
    srx: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split text into paragraphs and sentences.
    Segment(cmd::segment::Args),
    /// Align the sentences of two or more language versions.
    Align(cmd::align::Args),
    /// Check that language versions match: missing content, numbers, names, untranslated
    /// text (exit 1 when something is found).
    Check(cmd::check::Args),
    /// Statistics, merging and conversion of translation memories.
    #[command(subcommand)]
    Tmx(cmd::tmx::TmxCommand),
    /// Look sentences up in translation memories: fuzzy matches, ranked.
    Lookup(cmd::lookup::Args),
    /// Pre-translate a new text from translation memories: a draft per target language
    /// and a report of match bands.
    Pretranslate(cmd::pretranslate::Args),
    /// Translation memory index files.
    #[command(subcommand)]
    Tm(cmd::tm::TmCommand),
    /// Print the text polyalign reads from a file: a web page's article, a document's
    /// paragraphs, a text in any encoding as UTF-8.
    Extract(cmd::extract::Args),
    /// Score polyalign against gold data.
    #[command(subcommand)]
    Eval(cmd::eval::EvalCommand),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if let Err(err) = cmd::set_encoding(cli.encoding.as_deref())
        .and_then(|()| cmd::set_format(cli.input_format.as_deref()))
    {
        eprintln!("polyalign: error: {err:#}");
        return ExitCode::from(2);
    }
    cmd::set_keep_boilerplate(cli.keep_boilerplate);
    if let Err(err) = cmd::set_srx(cli.srx.as_deref()) {
        eprintln!("polyalign: error: {err:#}");
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Segment(args) => cmd::segment::run(args),
        Command::Align(args) => cmd::align::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Eval(c) => cmd::eval::run(c),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Tmx(c) => cmd::tmx::run(c),
        Command::Lookup(args) => cmd::lookup::run(args),
        Command::Pretranslate(args) => cmd::pretranslate::run(args),
        Command::Tm(c) => cmd::tm::run(c),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if cmd::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("polyalign: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
