//! The command-line tool's subcommands, one file each (`align`, `check`, `segment`, `tmx`,
//! `tm`, `lookup`, `pretranslate`, `eval`): each parses its arguments, calls the library
//! and prints. What they share lives here: reading input files and their languages, the
//! alignment settings of `align` and `check`, the `--jsonl` input loop.

pub mod align;
pub mod check;
pub mod corpus;
pub mod eval;
pub mod eval_align;
pub mod eval_calibrate;
pub mod extract;
pub mod lookup;
pub mod pretranslate;
pub mod segment;
pub mod tm;
pub mod tmx;

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use anyhow::{Context, Result};
use polyalign::lang::{lang_from_path, Lang, Support};

/// Whether an error is a closed output pipe (`polyalign ... | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Opens a file, or standard input for `-`.
pub fn open_input(path: &Path) -> Result<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(BufReader::new(io::stdin())));
    }
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        anyhow::bail!("{} is a directory, not a text file", path.display());
    }
    Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
}

/// The language from `--lang`, or from the file name (`article.uk.txt`), or, for a web
/// page, from its `<html lang="...">`.
pub fn resolve_lang(given: Option<&str>, path: &Path) -> Result<Lang> {
    let lang = match given {
        Some(code) => code.parse::<Lang>()?,
        None => lang_from_path(path)
            .or_else(|| page_lang(path))
            .with_context(|| {
                format!(
                    "cannot tell the language of {}: pass --lang (en, ru, uk, ...) or name the \
                     file like article.en.txt",
                    path.display()
                )
            })?,
    };
    if lang.support() == Support::Generic {
        eprintln!(
            "polyalign: note: {} ({}) has no dedicated rules; using generic rules",
            lang,
            lang.name()
        );
    }
    Ok(lang)
}

/// The languages of files: from `--langs` (one per file), else from the file names.
pub fn resolve_langs(langs: &[String], files: &[std::path::PathBuf]) -> Result<Vec<Lang>> {
    if !langs.is_empty() {
        if langs.len() != files.len() {
            anyhow::bail!(
                "--langs names {} languages for {} files",
                langs.len(),
                files.len()
            );
        }
        return langs.iter().map(|l| Ok(l.parse::<Lang>()?)).collect();
    }
    files
        .iter()
        .map(|p| {
            lang_from_path(p).or_else(|| page_lang(p)).with_context(|| {
                format!(
                    "cannot tell the language of {}: pass --langs en,ru,uk",
                    p.display()
                )
            })
        })
        .collect()
}

/// The alignment settings from `--link-types`, `--pivot` (a language of `langs`) and
/// `--dict`.
pub fn align_config(
    link_types: Option<&str>,
    pivot: Option<&str>,
    dict: Option<&std::path::Path>,
    langs: &[Lang],
) -> Result<polyalign::align::AlignConfig> {
    let mut config = polyalign::align::AlignConfig::default();
    if let Some(path) = dict {
        let dictionary = polyalign::align::Dictionary::from_file(path)?;
        config.dictionary = Some(std::sync::Arc::new(dictionary));
    }
    if let Some(types) = link_types {
        config.link_types = polyalign::align::parse_link_types(types)?;
    }
    if let Some(p) = pivot {
        let p: Lang = p.parse()?;
        config.pivot = langs
            .iter()
            .position(|&l| l == p)
            .with_context(|| format!("pivot {p} is not one of the languages"))?;
    }
    Ok(config)
}

/// Reads the text of each language version, warning when a file's letters do not fit its
/// language's script.
pub fn read_versions(files: &[std::path::PathBuf], langs: &[Lang]) -> Result<Vec<String>> {
    let mut texts = Vec::with_capacity(files.len());
    for (path, &lang) in files.iter().zip(langs) {
        let text = read_text(path, Some(lang))?;
        if let Some(problem) = polyalign::lang::script_mismatch(&text, lang) {
            eprintln!("polyalign: warning: {}: {problem}", path.display());
        }
        texts.push(text);
    }
    Ok(texts)
}

/// Whether `--keep-boilerplate` was given, once set by [`set_keep_boilerplate`].
static KEEP_BOILERPLATE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Sets whether page furniture stays in the units (`--keep-boilerplate`).
pub fn set_keep_boilerplate(keep: bool) {
    let _ = KEEP_BOILERPLATE.set(keep);
}

/// Pieces of page furniture listed one by one on stderr; the rest are counted.
const FURNITURE_SHOWN: usize = 20;

/// Leaves the page furniture of a version read from `path` out of its sentences, unless
/// `--keep-boilerplate` was given, and says so on stderr: each piece with its line (the
/// first [`FURNITURE_SHOWN`], then how many more), or with `brief` (a corpus run) one
/// line of counts.
pub fn strip_furniture(doc: &mut polyalign::doc::Document, path: &Path, brief: bool) {
    if KEEP_BOILERPLATE.get().copied().unwrap_or(false) {
        return;
    }
    let found = doc.strip_boilerplate();
    if found.is_empty() {
        return;
    }
    if brief {
        let mut counts: Vec<(polyalign::segment::Furniture, usize)> = Vec::new();
        for piece in &found {
            match counts.iter_mut().find(|(k, _)| *k == piece.kind) {
                Some(c) => c.1 += 1,
                None => counts.push((piece.kind, 1)),
            }
        }
        let counts: Vec<String> = counts
            .iter()
            .map(|(k, n)| format!("{n} {}", k.name()))
            .collect();
        eprintln!(
            "polyalign: {}: left out page furniture: {} (--keep-boilerplate keeps it)",
            path.display(),
            counts.join(", ")
        );
        return;
    }
    eprintln!(
        "polyalign: {}: left out {} piece{} of page furniture (--keep-boilerplate keeps them):",
        path.display(),
        found.len(),
        if found.len() == 1 { "" } else { "s" }
    );
    let shown_pieces = &found[..found.len().min(FURNITURE_SHOWN)];
    let lines = polyalign::segment::line_numbers(doc.text(), shown_pieces.iter().map(|b| b.start));
    for (piece, line) in shown_pieces.iter().zip(lines) {
        let text = piece
            .text(doc.text())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let shown: String = text.chars().take(80).collect();
        let more = if shown.len() < text.len() { "…" } else { "" };
        eprintln!("  line {line}: {}: {shown}{more}", piece.kind.name());
    }
    if found.len() > shown_pieces.len() {
        eprintln!("  and {} more", found.len() - shown_pieces.len());
    }
}

/// The language a web page's `<html lang="...">` gives, for a file that is a web page by
/// its name, `--input-format html` or its content; `None` for standard input.
pub fn page_lang(path: &Path) -> Option<Lang> {
    if path.as_os_str() == "-" {
        return None;
    }
    let mut head = Vec::new();
    let file = File::open(path).ok()?;
    std::io::Read::read_to_end(&mut std::io::Read::take(file, 64 << 10), &mut head).ok()?;
    let html = match input_format(path) {
        Some(polyalign::input::Format::Html) => true,
        Some(_) => false,
        None => polyalign::input::html::sniff(&head),
    };
    if !html {
        return None;
    }
    polyalign::input::html::page_lang(&head)?.parse().ok()
}

/// The input format `--input-format` gives for every input (`None`: recognise it).
static FORMAT: std::sync::OnceLock<Option<polyalign::input::Format>> = std::sync::OnceLock::new();

/// Sets the format of inputs from `--input-format` (`auto`, `text`, `html`, `docx`, `odt`).
pub fn set_format(name: Option<&str>) -> Result<()> {
    use polyalign::input::Format;
    let format = match name.map(str::to_ascii_lowercase).as_deref() {
        None | Some("auto") => None,
        Some("text" | "txt") => Some(Format::Text),
        Some("html" | "htm") => Some(Format::Html),
        Some("docx") => Some(Format::Docx),
        Some("odt") => Some(Format::Odt),
        Some(other) => {
            anyhow::bail!("--input-format {other}: not a format (auto, text, html, docx, odt)")
        }
    };
    let _ = FORMAT.set(format);
    Ok(())
}

/// The format to read `path` as: `--input-format`, else the file name's extension, else
/// `None` (recognised by the content).
pub fn input_format(path: &Path) -> Option<polyalign::input::Format> {
    FORMAT
        .get()
        .copied()
        .flatten()
        .or_else(|| polyalign::input::Format::from_path(path))
}

/// The SRX file `--srx` gives, once set by [`set_srx`].
static SRX: std::sync::OnceLock<Option<polyalign::segment::srx::SrxFile>> =
    std::sync::OnceLock::new();

/// Segmenters made so far, one per language (so that SRX warnings are said once).
static SEGMENTERS: std::sync::Mutex<Vec<(Lang, polyalign::segment::Segmenter)>> =
    std::sync::Mutex::new(Vec::new());

/// Reads the SRX file of `--srx`; its errors say the file and line.
pub fn set_srx(path: Option<&Path>) -> Result<()> {
    let srx = match path {
        None => None,
        Some(p) => Some(polyalign::segment::srx::SrxFile::from_path(p)?),
    };
    let _ = SRX.set(srx);
    Ok(())
}

/// The segmenter of `lang`: the SRX rules of `--srx` for it when given (with its warnings
/// said once on standard error), else the built-in rules. When no `languagemap` of the SRX
/// file matches the language, the built-in rules are used, and that is said.
pub fn segmenter(lang: Lang) -> polyalign::segment::Segmenter {
    use polyalign::segment::Segmenter;
    let Some(srx) = SRX.get().and_then(Option::as_ref) else {
        return Segmenter::new(lang);
    };
    let mut made = SEGMENTERS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, seg)) = made.iter().find(|(l, _)| *l == lang) {
        return seg.clone();
    }
    let rules = srx.rules_for(lang.code());
    for w in rules.warnings() {
        eprintln!("polyalign: warning: {w}");
    }
    let seg = if rules.rule_names().is_empty() {
        eprintln!(
            "polyalign: warning: {}: no languagemap matches \"{}\"; using polyalign's built-in \
             rules for {lang}",
            srx.file(),
            lang.code()
        );
        Segmenter::new(lang)
    } else {
        Segmenter::with_srx(lang, std::sync::Arc::new(rules))
    };
    made.push((lang, seg.clone()));
    seg
}

/// The encoding `--encoding` gives for every text input, once set by [`set_encoding`].
static ENCODING: std::sync::OnceLock<Option<&'static polyalign::input::Encoding>> =
    std::sync::OnceLock::new();

/// Sets the encoding of text inputs from `--encoding` (a label such as `windows-1251`).
pub fn set_encoding(label: Option<&str>) -> Result<()> {
    let encoding = match label {
        None => None,
        Some(l) => Some(polyalign::input::encoding_for_label(l).with_context(|| {
            format!(
                "--encoding {l}: not an encoding name (utf-8, utf-16le, utf-16be, windows-1251, \
                 koi8-r, koi8-u, iso-8859-5, cp866, windows-1252, ...)"
            )
        })?),
    };
    let _ = ENCODING.set(encoding);
    Ok(())
}

/// The encoding `--encoding` gave, if any.
pub fn given_encoding() -> Option<&'static polyalign::input::Encoding> {
    ENCODING.get().copied().flatten()
}

/// Reads a whole input file (standard input for `-`) as text in `lang`, whatever its
/// encoding or document format ([`polyalign::input::decode`]); how it was read, when it
/// was not plain UTF-8, is said on standard error. Errors name the file.
pub fn read_text(path: &Path, lang: Option<Lang>) -> Result<String> {
    read_text_from(open_input(path)?, path, lang)
}

/// [`read_text`] from an input already open.
pub fn read_text_from(
    mut input: Box<dyn BufRead>,
    path: &Path,
    lang: Option<Lang>,
) -> Result<String> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let options = polyalign::input::ReadOptions {
        encoding: given_encoding(),
        lang,
        format: input_format(path),
    };
    let read = polyalign::input::decode_vec(bytes, &options)
        .map_err(|e| anyhow::Error::new(e).context(path.display().to_string()))?;
    if let Some(note) = read.note() {
        eprintln!("polyalign: {}: {note}", path.display());
    }
    Ok(read.text)
}

/// The JSON records of a data file with the line each starts on: a `.json` file holds one
/// (possibly pretty-printed) record, any other file one record per line; blank lines are
/// skipped.
pub fn json_records(path: &Path) -> Result<Vec<(usize, String)>> {
    let mut input = open_input(path)?;
    if path.extension().is_some_and(|e| e == "json") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut input, &mut text)
            .with_context(|| path.display().to_string())?;
        return Ok(vec![(1, text)]);
    }
    let mut records = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("{}: line {}", path.display(), n + 1))?;
        if !line.trim().is_empty() {
            records.push((n + 1, line));
        }
    }
    Ok(records)
}

/// A short name for a data file in tables: its stem, or `cecot/gold` for
/// `corpus/cecot/gold.json`.
pub fn set_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match path.parent().and_then(Path::file_name) {
        Some(dir) if stem == "gold" => format!("{}/gold", dir.to_string_lossy()),
        _ => stem,
    }
}
