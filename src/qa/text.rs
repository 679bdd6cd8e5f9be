//! The terminal report: the versions, counts per kind, then the findings.

use std::io::{self, Write};

use super::{Finding, Report, Severity};

/// Longest text shown per version in a finding, in characters.
const MAX_TEXT: usize = 160;

fn clip(text: &str) -> String {
    if text.chars().count() <= MAX_TEXT {
        return text.to_string();
    }
    let mut s: String = text.chars().take(MAX_TEXT - 1).collect();
    s.push('…');
    s
}

/// Writes the report for people: findings at or above `min`, with counts first.
///
/// ```
/// use polyalign::lang::Lang;
/// use polyalign::qa::{text, Checker, Severity, Version};
/// let report = Checker::default().check(&[
///     Version::new(Lang::EN, "en.txt", "One sentence here. Another one, with 42 in it."),
///     Version::new(Lang::RU, "ru.txt", "Одно предложение здесь. Еще одно, с 42 в нем."),
/// ])?;
/// let mut out = Vec::new();
/// text::write(&report, Severity::Warning, &mut out)?;
/// let out = String::from_utf8(out).unwrap();
/// assert!(out.contains("no findings at warning or above"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(report: &Report, min: Severity, out: &mut impl Write) -> io::Result<()> {
    for (v, info) in report.versions.iter().enumerate() {
        writeln!(
            out,
            "{:<3} {}  {} paragraphs, {} sentences{}",
            info.lang.code(),
            info.name,
            info.paragraphs,
            info.sentences,
            if v == report.reference {
                "  (reference)"
            } else {
                ""
            }
        )?;
    }
    let [info, warning, error] = report.counts();
    writeln!(
        out,
        "{} units: {error} error{}, {warning} warning{}, {info} info",
        report.alignment.units.len(),
        if error == 1 { "" } else { "s" },
        if warning == 1 { "" } else { "s" },
    )?;
    let shown: Vec<&Finding> = report.at_least(min).collect();
    if shown.is_empty() {
        writeln!(out, "no findings at {min} or above")?;
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<14}{:>6}{:>8}{:>6}",
        "kind", "error", "warning", "info"
    )?;
    for (kind, [i, w, e]) in report.counts_by_kind() {
        writeln!(out, "{:<14}{e:>6}{w:>8}{i:>6}", kind.as_str())?;
    }
    for f in shown {
        writeln!(out)?;
        let langs: Vec<&str> = f.langs.iter().map(|l| l.code()).collect();
        let at = if f.units.is_empty() {
            "document".to_string()
        } else if f.units.len() == 1 {
            format!("unit {}", f.units.start + 1)
        } else {
            format!("units {}-{}", f.units.start + 1, f.units.end)
        };
        writeln!(
            out,
            "{:<8} {:<13} {:<7} {at}",
            f.severity.as_str(),
            f.kind.as_str(),
            langs.join(",")
        )?;
        writeln!(out, "  {}", f.message)?;
        for (pos, passage) in f.positions.iter().zip(&f.texts) {
            if passage.text.is_empty() {
                writeln!(out, "    {:<3} —", pos.lang.code())?;
            } else {
                writeln!(
                    out,
                    "    {:<3} ¶{} s{} l{}: {}",
                    pos.lang.code(),
                    pos.paragraph,
                    pos.sentence,
                    pos.line,
                    clip(&passage.text)
                )?;
            }
        }
    }
    Ok(())
}
