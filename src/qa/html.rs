//! The HTML report: one self-contained page (no external assets) with a summary, a filter
//! by kind and the versions side by side, one row per unit, flagged rows highlighted with
//! their reasons.
//!
//! The filter is driven by the address's fragment, so a filtered view can be shared:
//! `report.html#kind=number` shows the units with a number finding, `#kind=flagged` every
//! flagged unit, `#kind=all` (the default) every unit.

use std::fmt::Write as _;

use super::{Finding, Kind, Report, Severity};

/// Escapes text for HTML content and attribute values.
///
/// ```
/// assert_eq!(polyalign::qa::html::escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --error: #fde8e8; --error-edge: #c62828; --warning: #fff4d6; --warning-edge: #b7791f;
        --info: #e8f1fd; --info-edge: #2b6cb0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1a202c; background: #fff; }
header { padding: 16px 24px 8px; border-bottom: 1px solid #e2e8f0; }
h1 { font-size: 20px; margin: 0 0 6px; }
.versions { margin: 0; color: #4a5568; }
#summary { padding: 8px 24px; display: flex; gap: 32px; flex-wrap: wrap; align-items: flex-start; }
.totals { font-size: 16px; margin: 8px 0; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 10px; margin-right: 6px; border-left: 4px solid; }
.badge.error { background: var(--error); border-color: var(--error-edge); }
.badge.warning { background: var(--warning); border-color: var(--warning-edge); }
.badge.info { background: var(--info); border-color: var(--info-edge); }
table.counts { border-collapse: collapse; }
table.counts td, table.counts th { padding: 2px 10px; text-align: right; border-bottom: 1px solid #edf2f7; }
table.counts td:first-child, table.counts th:first-child { text-align: left; }
#document-findings { padding: 0 24px; }
nav#filter { position: sticky; top: 0; background: #f7fafc; padding: 8px 24px; border-bottom: 1px solid #e2e8f0; z-index: 1; }
nav#filter a { display: inline-block; margin: 2px 4px 2px 0; padding: 2px 10px; border: 1px solid #cbd5e0; border-radius: 12px; color: #2d3748; text-decoration: none; }
nav#filter a.active { background: #2d3748; color: #fff; border-color: #2d3748; }
#shown { margin-left: 12px; color: #4a5568; }
table#units { border-collapse: collapse; width: 100%; table-layout: fixed; }
#units th { position: sticky; top: 41px; background: #edf2f7; text-align: left; padding: 6px 8px; }
#units td { vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #edf2f7; overflow-wrap: anywhere; }
#units th.n, #units td.n { width: 56px; color: #718096; text-align: right; }
#units tr.error { background: var(--error); }
#units tr.error td.n { border-left: 5px solid var(--error-edge); }
#units tr.warning { background: var(--warning); }
#units tr.warning td.n { border-left: 5px solid var(--warning-edge); }
#units tr.info { background: var(--info); }
#units tr.info td.n { border-left: 5px solid var(--info-edge); }
#units td.empty { color: #a0aec0; font-style: italic; }
#units tr.hidden { display: none; }
ul.reasons { margin: 0; padding-left: 16px; }
ul.reasons li.error b { color: var(--error-edge); }
ul.reasons li.warning b { color: var(--warning-edge); }
ul.reasons li.info b { color: var(--info-edge); }
.score { color: #718096; font-size: 12px; }
.pos { display: block; color: #718096; font-size: 11px; }
mark { background: #fde68a; border-radius: 2px; padding: 0 1px; }
"#;

const SCRIPT: &str = r#"
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#units tbody tr'));
  var links = Array.prototype.slice.call(document.querySelectorAll('nav#filter a'));
  var shown = document.getElementById('shown');
  function apply() {
    var m = /kind=([a-z]+)/.exec(window.location.hash);
    var kind = m ? m[1] : 'all';
    var n = 0;
    rows.forEach(function (row) {
      var kinds = (row.getAttribute('data-kinds') || '').split(' ').filter(Boolean);
      var visible = kind === 'all' || (kind === 'flagged' ? kinds.length > 0 : kinds.indexOf(kind) >= 0);
      row.classList.toggle('hidden', !visible);
      if (visible) { n += 1; }
    });
    links.forEach(function (a) { a.classList.toggle('active', a.getAttribute('href') === '#kind=' + kind); });
    shown.textContent = 'showing ' + n + ' of ' + rows.length + ' units';
  }
  window.addEventListener('hashchange', apply);
  apply();
})();
"#;

/// Renders the report as one self-contained HTML page, with findings at or above `min`.
///
/// ```
/// use polyalign::lang::Lang;
/// use polyalign::qa::{html, Checker, Severity, Version};
/// let report = Checker::default().check(&[
///     Version::new(Lang::EN, "en.txt", "The bridge opened in 1932. It is 1,149 m long."),
///     Version::new(Lang::RU, "ru.txt", "Мост открыли в 1923 г. Его длина 1149 м."),
/// ])?;
/// let page = html::render(&report, Severity::Warning);
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains(r#"<tr id="u1" class="error" data-kinds="number">"#));
/// # Ok::<(), polyalign::qa::CheckError>(())
/// ```
pub fn render(report: &Report, min: Severity) -> String {
    let findings: Vec<&Finding> = report.at_least(min).collect();
    let mut h = String::with_capacity(64 * 1024);
    let names: Vec<String> = report.versions.iter().map(|v| v.name.clone()).collect();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>polyalign check: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&names.join(" · "))
    );
    // Header: the versions.
    h.push_str("<header>\n<h1>Language versions check</h1>\n<p class=\"versions\">");
    for (v, info) in report.versions.iter().enumerate() {
        let _ = write!(
            h,
            "{}<b>{}</b> {} ({} paragraphs, {} sentences{})",
            if v > 0 { " · " } else { "" },
            info.lang.code(),
            escape(&info.name),
            info.paragraphs,
            info.sentences,
            if v == report.reference {
                ", reference"
            } else {
                ""
            }
        );
    }
    h.push_str("</p>\n</header>\n");
    // Summary: every finding is counted, as in the text and JSON reports; those below
    // `min` are counted but not listed.
    let mut counts = [0usize; 3];
    for f in &report.findings {
        counts[f.severity as usize] += 1;
    }
    let _ = write!(
        h,
        "<section id=\"summary\">\n<div>\n<p class=\"totals\">\
         <span class=\"badge error\">{} error{}</span>\
         <span class=\"badge warning\">{} warning{}</span>\
         <span class=\"badge info\">{} info</span></p>\n<p>{} units; {} finding{} at {} or above shown.</p>\n</div>\n",
        counts[2],
        if counts[2] == 1 { "" } else { "s" },
        counts[1],
        if counts[1] == 1 { "" } else { "s" },
        counts[0],
        report.alignment.units.len(),
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
        min.as_str()
    );
    h.push_str("<table class=\"counts\">\n<tr><th>kind</th><th>error</th><th>warning</th><th>info</th></tr>\n");
    let mut kinds_present = Vec::new();
    for kind in Kind::ALL {
        let mut n = [0usize; 3];
        for f in report.findings.iter().filter(|f| f.kind == kind) {
            n[f.severity as usize] += 1;
        }
        if n.iter().sum::<usize>() == 0 {
            continue;
        }
        // The filter offers the kinds of the findings shown.
        let shown = findings.iter().filter(|f| f.kind == kind).count();
        if shown > 0 {
            kinds_present.push((kind, shown));
        }
        let _ = writeln!(
            h,
            "<tr><td><a href=\"#kind={k}\">{k}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            n[2],
            n[1],
            n[0],
            k = kind.as_str()
        );
    }
    h.push_str("</table>\n</section>\n");
    // Findings about the whole document.
    let document: Vec<&&Finding> = findings.iter().filter(|f| f.units.is_empty()).collect();
    if !document.is_empty() {
        h.push_str("<section id=\"document-findings\">\n<ul class=\"reasons\">\n");
        for f in document {
            let _ = writeln!(
                h,
                "<li class=\"{}\"><b>{} {}</b>: {}</li>",
                f.severity.as_str(),
                f.severity.as_str(),
                f.kind.as_str(),
                escape(&f.message)
            );
        }
        h.push_str("</ul>\n</section>\n");
    }
    // Filter.
    h.push_str("<nav id=\"filter\"><a href=\"#kind=all\">all units</a><a href=\"#kind=flagged\">flagged</a>");
    for (kind, n) in &kinds_present {
        let _ = write!(h, "<a href=\"#kind={k}\">{k} ({n})</a>", k = kind.as_str());
    }
    h.push_str("<span id=\"shown\"></span></nav>\n");
    // The units.
    let units = &report.alignment.units;
    let mut per_unit: Vec<Vec<&Finding>> = vec![Vec::new(); units.len()];
    for f in &findings {
        for u in f.units.clone() {
            per_unit[u].push(f);
        }
    }
    h.push_str("<table id=\"units\">\n<thead><tr><th class=\"n\">#</th>");
    for info in &report.versions {
        let _ = write!(h, "<th>{}</th>", info.lang.code());
    }
    h.push_str("<th>findings</th></tr></thead>\n<tbody>\n");
    for (u, unit) in units.iter().enumerate() {
        let fs = &per_unit[u];
        let top = fs.iter().map(|f| f.severity).max();
        let mut kinds: Vec<&str> = fs.iter().map(|f| f.kind.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let _ = write!(
            h,
            "<tr id=\"u{}\" class=\"{}\" data-kinds=\"{}\"><td class=\"n\">{}<br><span class=\"score\">{:.2}</span></td>",
            u + 1,
            top.map_or("", Severity::as_str),
            kinds.join(" "),
            u + 1,
            unit.score
        );
        // The numbers and names the findings of the unit name, marked in every version.
        let marks = Marks::of(fs);
        for (v, g) in unit.groups.iter().enumerate() {
            let pos = report.position(v, g);
            if g.is_empty() {
                // Where the missing text would be: before this sentence of the version.
                let _ = write!(
                    h,
                    "<td class=\"empty\"><span class=\"pos\">before s{} (¶{}, l{})</span>(nothing)</td>",
                    pos.sentence, pos.paragraph, pos.line
                );
            } else {
                let _ = write!(
                    h,
                    "<td lang=\"{}\"><span class=\"pos\">¶{} s{} l{}</span>{}</td>",
                    report.versions[v].lang.code(),
                    pos.paragraph,
                    pos.sentence,
                    pos.line,
                    marks.apply(&report.text(v, g))
                );
            }
        }
        h.push_str("<td>");
        if !fs.is_empty() {
            h.push_str("<ul class=\"reasons\">");
            for f in fs {
                let _ = write!(
                    h,
                    "<li class=\"{}\"><b>{}</b> {}</li>",
                    f.severity.as_str(),
                    f.kind.as_str(),
                    escape(&f.message)
                );
            }
            h.push_str("</ul>");
        }
        h.push_str("</td></tr>\n");
    }
    let _ = write!(
        h,
        "</tbody>\n</table>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    h
}

/// What the findings of a unit name that differs between versions: the digits of the
/// numbers of `number` findings and the names of `name` findings, as the messages give
/// them, to be marked where the versions' texts have them.
struct Marks {
    /// Numbers by their digits alone (`84,000` → `84000`).
    numbers: Vec<String>,
    /// Names, in lowercase.
    names: Vec<String>,
}

impl Marks {
    fn of(findings: &[&Finding]) -> Marks {
        let mut marks = Marks {
            numbers: Vec::new(),
            names: Vec::new(),
        };
        for f in findings {
            match f.kind {
                Kind::Number => {
                    for run in f
                        .message
                        .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
                    {
                        let digits: String = run.chars().filter(char::is_ascii_digit).collect();
                        if !digits.is_empty() && !marks.numbers.contains(&digits) {
                            marks.numbers.push(digits);
                        }
                    }
                }
                Kind::Name => {
                    // The names are the capitalised words of the message (its own words are
                    // in lowercase).
                    for word in f
                        .message
                        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                    {
                        if word.chars().count() >= 2
                            && word.chars().next().is_some_and(char::is_uppercase)
                        {
                            let lower = crate::lang::to_lower(word);
                            if !marks.names.contains(&lower) {
                                marks.names.push(lower);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        marks
    }

    /// `text`, escaped, with the marked numbers and names inside `<mark>`.
    fn apply(&self, text: &str) -> String {
        if self.numbers.is_empty() && self.names.is_empty() {
            return escape(text);
        }
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while !rest.is_empty() {
            // The next word or number: letters, or digits with separators inside.
            let start = rest
                .char_indices()
                .find(|&(_, c)| c.is_alphanumeric())
                .map_or(rest.len(), |(i, _)| i);
            out.push_str(&escape(&rest[..start]));
            rest = &rest[start..];
            if rest.is_empty() {
                break;
            }
            let digit = rest.starts_with(|c: char| c.is_ascii_digit());
            let mut end = rest.len();
            let mut prev = ' ';
            for (i, c) in rest.char_indices() {
                let after = &rest[i + c.len_utf8()..];
                let inside = if digit {
                    c.is_ascii_digit()
                        || (matches!(c, ',' | '.' | '\u{a0}' | '\u{202f}')
                            && after.starts_with(|d: char| d.is_ascii_digit())
                            && prev.is_ascii_digit())
                        // A space between thousands: three digits follow, and no fourth.
                        || (c == ' '
                            && prev.is_ascii_digit()
                            && after.len() >= 3
                            && after.as_bytes()[..3].iter().all(u8::is_ascii_digit)
                            && !after.as_bytes().get(3).is_some_and(u8::is_ascii_digit))
                } else {
                    c.is_alphanumeric() || c == '\'' || c == '’'
                };
                if !inside {
                    end = i;
                    break;
                }
                prev = c;
            }
            let token = &rest[..end];
            let marked = if digit {
                let digits: String = token.chars().filter(char::is_ascii_digit).collect();
                self.numbers.contains(&digits)
            } else {
                self.names.contains(&crate::lang::to_lower(token))
            };
            if marked {
                out.push_str("<mark>");
                out.push_str(&escape(token));
                out.push_str("</mark>");
            } else {
                out.push_str(&escape(token));
            }
            rest = &rest[end..];
        }
        out
    }
}

/// One article of a corpus on the index page ([`render_index`]).
#[derive(Debug, Clone, Default)]
pub struct IndexRow {
    /// The article's id.
    pub id: String,
    /// Its page, relative to the index (`None`: no page, the article was not checked).
    pub page: Option<String>,
    /// `done`, `skipped` or `failed`.
    pub status: String,
    /// Why it was skipped or failed.
    pub reason: Option<String>,
    /// The findings at or above the reported severity: `[info, warning, error]`.
    pub counts: [usize; 3],
    /// The languages it lacks.
    pub missing: Vec<String>,
}

/// The index page of a corpus check: totals, a filter (all, with errors, with
/// warnings, failed, or by text in the id) and one row per article linking its page,
/// the articles with errors first.
pub fn render_index(rows: &[IndexRow], min: Severity) -> String {
    let mut h = String::with_capacity(256 + rows.len() * 160);
    let with = |s: usize| rows.iter().filter(|r| r.counts[s] > 0).count();
    let failed = rows.iter().filter(|r| r.status == "failed").count();
    let skipped = rows.iter().filter(|r| r.status == "skipped").count();
    let total = |s: usize| rows.iter().map(|r| r.counts[s]).sum::<usize>();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>polyalign check: {n} articles</title>\n<style>{INDEX_STYLE}</style></head>\n<body>\n<header><h1>polyalign check: {n} articles</h1>\n<p class=\"totals\"><span class=\"badge error\">{e} errors</span><span class=\"badge warning\">{w} warnings</span>{info}<span class=\"badge\">{ae} articles with errors, {aw} with warnings, {skipped} skipped, {failed} failed</span></p></header>\n<nav id=\"filter\"><a href=\"#show=all\" data-show=\"all\">all</a><a href=\"#show=error\" data-show=\"error\">with errors</a><a href=\"#show=warning\" data-show=\"warning\">with warnings</a><a href=\"#show=failed\" data-show=\"failed\">failed or skipped</a><input id=\"q\" type=\"search\" placeholder=\"article id\"><span id=\"shown\"></span></nav>\n<table id=\"articles\"><thead><tr><th>article</th><th>errors</th><th>warnings</th>{info_th}<th>status</th></tr></thead><tbody>\n",
        n = rows.len(),
        e = total(2),
        w = total(1),
        info = if min <= Severity::Info {
            format!("<span class=\"badge info\">{} info</span>", total(0))
        } else {
            String::new()
        },
        ae = with(2),
        aw = with(1),
        info_th = if min <= Severity::Info { "<th>info</th>" } else { "" },
    );
    let mut order: Vec<&IndexRow> = rows.iter().collect();
    order.sort_by_key(|r| {
        (
            std::cmp::Reverse(u8::from(r.status != "done")),
            std::cmp::Reverse(r.counts[2]),
            std::cmp::Reverse(r.counts[1]),
        )
    });
    for r in order {
        let class = if r.status != "done" {
            "failed"
        } else if r.counts[2] > 0 {
            "error"
        } else if r.counts[1] > 0 {
            "warning"
        } else {
            "clean"
        };
        let name = match &r.page {
            Some(p) => format!("<a href=\"{}\">{}</a>", escape(p), escape(&r.id)),
            None => escape(&r.id),
        };
        let status = match (&r.reason, r.missing.is_empty()) {
            (Some(why), _) => format!("{}: {}", escape(&r.status), escape(why)),
            (None, false) => format!("done; no {}", escape(&r.missing.join(", "))),
            (None, true) => escape(&r.status),
        };
        let info_td = if min <= Severity::Info {
            format!("<td>{}</td>", r.counts[0])
        } else {
            String::new()
        };
        let _ = writeln!(
            h,
            "<tr class=\"{class}\" data-id=\"{}\"><td>{name}</td><td>{}</td><td>{}</td>{info_td}<td>{status}</td></tr>",
            escape(&r.id.to_lowercase()),
            r.counts[2],
            r.counts[1]
        );
    }
    h.push_str("</tbody></table>\n<script>");
    h.push_str(INDEX_SCRIPT);
    h.push_str("</script>\n</body></html>\n");
    h
}

const INDEX_STYLE: &str = r#"
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1a202c; }
header { padding: 16px 24px 8px; border-bottom: 1px solid #e2e8f0; } h1 { font-size: 20px; margin: 0 0 6px; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 10px; margin-right: 6px; background: #edf2f7; }
.badge.error { background: #fde8e8; } .badge.warning { background: #fff4d6; } .badge.info { background: #e8f1fd; }
nav#filter { position: sticky; top: 0; background: #f7fafc; padding: 8px 24px; border-bottom: 1px solid #e2e8f0; }
nav#filter a { display: inline-block; margin-right: 4px; padding: 2px 10px; border: 1px solid #cbd5e0; border-radius: 12px; color: #2d3748; text-decoration: none; }
nav#filter a.active { background: #2d3748; color: #fff; } #shown { margin-left: 12px; color: #4a5568; }
table { border-collapse: collapse; margin: 8px 24px; } td, th { padding: 3px 12px; border-bottom: 1px solid #edf2f7; text-align: left; }
tr.error td:first-child { border-left: 5px solid #c62828; } tr.warning td:first-child { border-left: 5px solid #b7791f; }
tr.failed td:first-child { border-left: 5px solid #4a5568; } tr.hidden { display: none; }
"#;

const INDEX_SCRIPT: &str = r#"
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#articles tbody tr'));
  var q = document.getElementById('q');
  function apply() {
    var m = /show=(\w+)/.exec(location.hash); var show = m ? m[1] : 'all';
    var text = q.value.trim().toLowerCase(); var n = 0;
    rows.forEach(function (r) {
      var c = r.className.replace(' hidden', '');
      var ok = show === 'all' || (show === 'error' && c === 'error') ||
        (show === 'warning' && (c === 'warning' || c === 'error')) || (show === 'failed' && c === 'failed');
      if (text && r.getAttribute('data-id').indexOf(text) < 0) ok = false;
      r.className = c + (ok ? '' : ' hidden'); if (ok) n++;
    });
    document.querySelectorAll('nav#filter a').forEach(function (a) {
      a.className = a.getAttribute('data-show') === show ? 'active' : '';
    });
    document.getElementById('shown').textContent = n + ' of ' + rows.length + ' articles shown';
  }
  window.addEventListener('hashchange', apply); q.addEventListener('input', apply); apply();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(kind: Kind, message: &str) -> Finding {
        Finding {
            kind,
            severity: Severity::Error,
            langs: Vec::new(),
            units: 0..1,
            message: message.to_string(),
            positions: Vec::new(),
            texts: Vec::new(),
        }
    }

    #[test]
    fn the_numbers_and_names_of_the_findings_are_marked_in_the_text() {
        let number = finding(Kind::Number, "numbers differ: en has 1798, uk has 1,789");
        let name = finding(
            Kind::Name,
            "uk has Мендоса where the others have Вильяторо (en, ru): a changed name?",
        );
        let marks = Marks::of(&[&number, &name]);
        assert_eq!(
            marks.apply("Закон 1789 р. & 1 789 осіб, Мендоса сказав"),
            "Закон <mark>1789</mark> р. &amp; <mark>1 789</mark> осіб, <mark>Мендоса</mark> сказав"
        );
        // Words of the message are not names, numbers inside words are not numbers.
        assert_eq!(marks.apply("has B1798 the"), "has B1798 the");
        assert_eq!(Marks::of(&[]).apply("a < b"), "a &lt; b");
    }
}
