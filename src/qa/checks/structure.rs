//! `structure`: paragraph counts and unbalanced pairs.
//!
//! Paragraph counts that differ from the reference's are information. A paragraph with
//! unbalanced brackets where another version is balanced there is a warning; unbalanced
//! quotation marks (often left open on purpose) are information.

use super::{plural, Check, Context};
use crate::qa::{Finding, Kind, Severity};

/// The family of `structure`.
pub(super) struct Structure;

impl Check for Structure {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Structure]
    }

    /// Paragraph counts that differ, and paragraphs with unbalanced quotes or brackets
    /// where another version has them balanced.
    fn run(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let r = ctx.reference();
        let versions = &ctx.report.versions;
        let rp = versions[r].paragraphs;
        let differ: Vec<String> = versions
            .iter()
            .filter(|v| v.paragraphs != rp)
            .map(|v| {
                format!(
                    "{} {}",
                    v.lang,
                    plural(v.paragraphs, "paragraph", "paragraphs")
                )
            })
            .collect();
        if !differ.is_empty() {
            let counts: Vec<String> = versions
                .iter()
                .map(|v| format!("{} {}/{}", v.lang, v.paragraphs, v.sentences))
                .collect();
            let message = format!(
                "paragraph counts differ: {} {} against {} (paragraphs/sentences: {})",
                versions[r].lang,
                rp,
                differ.join(", "),
                counts.join(", ")
            );
            let langs = versions
                .iter()
                .filter(|v| v.paragraphs != rp)
                .map(|v| v.lang)
                .collect();
            out.push(ctx.finding(Kind::Structure, Severity::Info, langs, 0..0, message));
        }
        for (v, info) in versions.iter().enumerate() {
            let mut s = 0;
            while s < info.sentences {
                let doc = &ctx.report.documents[v];
                let p = doc.paragraph(s);
                let mut e = s + 1;
                while e < info.sentences && doc.paragraph(e) == p {
                    e += 1;
                }
                let text = doc.group_text(&(s..e));
                if let Some(problem) = unbalanced(&text) {
                    let units = ctx.unit_of[v][s]..ctx.unit_of[v][e - 1] + 1;
                    let others_fine = (0..versions.len()).filter(|&w| w != v).any(|w| {
                        let span = ctx.span(w, &units);
                        !span.is_empty() && unbalanced(&ctx.report.text(w, &span)).is_none()
                    });
                    if others_fine {
                        // Quotation marks are often left open on purpose (a quotation that runs
                        // on into the next paragraph; `«...«...»` with the inner closing mark
                        // dropped): information. Brackets are not.
                        let severity = if problem.contains("`(`") || problem.contains("`[`") {
                            Severity::Warning
                        } else {
                            Severity::Info
                        };
                        let message = format!(
                            "paragraph {} of {} (line {}) has {problem}; the other versions are balanced there",
                            p + 1,
                            info.lang,
                            ctx.report.line(v, s)
                        );
                        out.push(ctx.finding(
                            Kind::Structure,
                            severity,
                            vec![info.lang],
                            units,
                            message,
                        ));
                    }
                }
                s = e;
            }
        }
    }
}

/// Unbalanced pairs in a text: `None` when every bracket and guillemet is closed and
/// quotation marks come in pairs.
pub(in crate::qa) fn unbalanced(text: &str) -> Option<String> {
    let count = |cs: &[char]| text.chars().filter(|c| cs.contains(c)).count();
    let pairs = [('(', ')'), ('[', ']'), ('«', '»')];
    for (open, close) in pairs {
        let (o, c) = (count(&[open]), count(&[close]));
        if o != c {
            return Some(format!("{o} `{open}` and {c} `{close}`"));
        }
    }
    let quotes = count(&['"', '“', '”', '„']);
    if quotes % 2 == 1 {
        return Some(format!("an odd number of quotation marks ({quotes})"));
    }
    None
}
