//! `polyalign segment`: split text into sentences.

use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ValueEnum;
use polyalign::segment::Segmenter;
use serde::{Deserialize, Serialize};

/// Arguments of `polyalign segment`.
#[derive(clap::Args)]
pub struct Args {
    /// Text file to segment (`-` for standard input).
    #[arg(default_value = "-")]
    file: PathBuf,
    /// Language code (en, ru, uk; `ua` is accepted; other ISO 639-1 codes use generic
    /// rules). Default: from the file name (`article.uk.txt`).
    #[arg(long, short)]
    lang: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Pipeline mode: each input line is a JSON object `{"text": "..."}`; each output line
    /// is a JSON array of its sentences.
    #[arg(long)]
    jsonl: bool,
}

/// Output formats of `segment`.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One sentence per line, an empty line between paragraphs.
    Text,
    /// One JSON record per sentence: paragraph, byte offsets, text.
    Jsonl,
}

#[derive(Serialize)]
struct Record<'a> {
    paragraph: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Deserialize)]
struct JsonlInput {
    text: String,
}

/// Runs the command.
pub fn run(args: Args) -> Result<ExitCode> {
    let lang = super::resolve_lang(args.lang.as_deref(), &args.file)?;
    let seg = super::segmenter(lang);
    let mut input = super::open_input(&args.file)?;
    // UTF-8 text streams; anything else (another encoding, a document) is read whole.
    let head = input
        .fill_buf()
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    if !args.jsonl
        && (super::given_encoding().is_some_and(|e| e != encoding_rs::UTF_8)
            || polyalign::input::needs_decoding(head))
    {
        let text = super::read_text_from(input, &args.file, Some(lang))?;
        input = Box::new(std::io::Cursor::new(text.into_bytes()));
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let name = args.file.display().to_string();
    if args.jsonl {
        jsonl_mode(&seg, input, &mut out, &name)?;
    } else {
        let mut first = true;
        for para in seg.stream(input) {
            let para = para.with_context(|| name.clone())?;
            match args.format {
                Format::Text => {
                    if !first {
                        writeln!(out)?;
                    }
                    for s in &para.sentences {
                        writeln!(out, "{}", one_line(para.sentence_text(s)))?;
                    }
                }
                Format::Jsonl => {
                    for s in &para.sentences {
                        let rec = Record {
                            paragraph: s.paragraph,
                            start: s.start,
                            end: s.end,
                            text: para.sentence_text(s),
                        };
                        serde_json::to_writer(&mut out, &rec)?;
                        writeln!(out)?;
                    }
                }
            }
            first = false;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn jsonl_mode(
    seg: &Segmenter,
    input: Box<dyn BufRead>,
    out: &mut impl Write,
    name: &str,
) -> Result<()> {
    for (n, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("{name}: line {}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let rec: JsonlInput = serde_json::from_str(&line)
            .with_context(|| format!("{name}: line {}: expected {{\"text\": \"...\"}}", n + 1))?;
        serde_json::to_writer(&mut *out, &seg.split(&rec.text))?;
        writeln!(out)?;
    }
    Ok(())
}

/// A sentence on one line: line breaks inside it (`\n`, `\r`, U+2028, U+0085, ...)
/// become single spaces.
fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    let is_break = |c: char| {
        matches!(
            c,
            '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
    };
    if s.contains(is_break) {
        let parts: Vec<&str> = s
            .split(is_break)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        parts.join(" ").into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_line_joins_every_kind_of_line_break() {
        assert_eq!(super::one_line("a\r\nb\rc\u{2028}d"), "a b c d");
        assert_eq!(super::one_line("plain"), "plain");
    }
}
