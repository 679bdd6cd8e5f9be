//! Alignments written out: TMX (streaming), the bilingual `--pairs` projection, unit
//! filtering, vecalign's ladder (written and read), TSV, JSONL and a text view.
//!
//! Every writer takes the documents the alignment was made from ([`Document`]) and the
//! [`Alignment`]; the texts of a unit are borrowed from the documents (joined by one space
//! when a unit holds several sentences of a version).
//!
//! ```
//! use polyalign::align::Aligner;
//! use polyalign::doc::Document;
//! use polyalign::formats::alignment::{write_ladder, read_ladder, write_tsv};
//! use polyalign::lang::Lang;
//!
//! let docs = [
//!     Document::from_text(Lang::EN, "One sentence. Two sentences."),
//!     Document::from_text(Lang::RU, "Одно предложение. Два предложения."),
//! ];
//! let al = Aligner::default().align(&docs)?;
//! let mut tsv = Vec::new();
//! write_tsv(&mut tsv, &docs, &al)?;
//! assert!(String::from_utf8(tsv).unwrap().starts_with("en\tru\tscore\nOne sentence.\tОдно предложение.\t"));
//! let mut ladder = Vec::new();
//! write_ladder(&mut ladder, &al)?;
//! let back = read_ladder(&ladder[..])?;
//! assert_eq!(back[0].0, "en-ru");
//! assert_eq!(back[0].1.iter().map(|l| (l.src.clone(), l.tgt.clone())).collect::<Vec<_>>(),
//!            [(0..1, 0..1), (1..2, 1..2)]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{self, BufRead, Write};
use std::ops::Range;

use crate::align::{Alignment, Link, Unit};
use crate::doc::Document;
use crate::lang::Lang;
use crate::tmx::{Header, Prop, TmxError, TmxWriter, Tu, WriteReport};

/// Which units to leave out of an output.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[non_exhaustive]
pub struct UnitFilter {
    /// Leave out units scoring below this. Default: none.
    pub min_score: Option<f64>,
    /// Leave out units whose texts are the same, and not empty, in every version (names,
    /// navigation). Default: `false`.
    pub skip_identical: bool,
}

impl UnitFilter {
    /// A filter with these settings.
    pub fn new(min_score: Option<f64>, skip_identical: bool) -> Self {
        UnitFilter {
            min_score,
            skip_identical,
        }
    }
}

/// How many units a [`UnitFilter`] left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filtered {
    /// Units before filtering.
    pub before: usize,
    /// Left out for scoring below the minimum.
    pub low_score: usize,
    /// Left out for being identical in every version.
    pub identical: usize,
}

impl Filtered {
    /// Adds the counts of another filtering (of another article).
    pub fn add(&mut self, other: Filtered) {
        self.before += other.before;
        self.low_score += other.low_score;
        self.identical += other.identical;
    }
}

/// Leaves out the units `filter` names; says how many.
pub fn filter_units(al: &mut Alignment, docs: &[Document<'_>], filter: UnitFilter) -> Filtered {
    let mut counts = Filtered {
        before: al.units.len(),
        ..Filtered::default()
    };
    al.units.retain(|u| {
        if filter.min_score.is_some_and(|s| u.score < s) {
            counts.low_score += 1;
            return false;
        }
        if filter.skip_identical {
            let first = cell(&docs[0], &u.groups[0]);
            let same = !first.is_empty()
                && docs
                    .iter()
                    .zip(&u.groups)
                    .skip(1)
                    .all(|(d, g)| cell(d, g) == first);
            if same {
                counts.identical += 1;
                return false;
            }
        }
        true
    });
    counts
}

/// The bilingual alignments of every pair of versions `(a, b)`, `a < b`: one unit per
/// pairwise link.
pub fn pairs(al: &Alignment) -> Vec<(usize, usize, Alignment)> {
    al.pairs
        .iter()
        .map(|p| {
            let units = p
                .links
                .iter()
                .map(|l| Unit {
                    groups: vec![l.src.clone(), l.tgt.clone()],
                    score: l.score,
                })
                .collect();
            let pair = Alignment {
                langs: vec![al.langs[p.a], al.langs[p.b]],
                units,
                pairs: Vec::new(),
            };
            (p.a, p.b, pair)
        })
        .collect()
}

/// The translation unit of `unit` (numbered `n` from 1): `tuid` `n`, properties
/// `x-document`, `x-link-type` (`2-1-1`), `x-score` (the unit's calibrated score) and
/// one `x-score-<a>-<b>` per pair of versions the unit has links of (`pair_scores`:
/// pairs of version indices and the score of that pair's links, as
/// [`Alignment::unit_pair_scores`] gives them; for a pair one side of which is empty in
/// the unit, the probability that it truly has no counterpart), one variant per version
/// with text in the unit, its sentences joined by one space.
pub fn unit_tu(
    docs: &[Document<'_>],
    unit: &Unit,
    n: usize,
    document: &str,
    pair_scores: &[((usize, usize), f64)],
) -> Tu {
    let kind: Vec<String> = unit.groups.iter().map(|g| g.len().to_string()).collect();
    let mut tu = Tu::new();
    tu.tuid = Some(n.to_string());
    tu.props.push(Prop::new("x-document", document));
    tu.props.push(Prop::new("x-link-type", kind.join("-")));
    tu.props
        .push(Prop::new("x-score", format!("{:.3}", unit.score)));
    for &((a, b), score) in pair_scores {
        if let (Some(da), Some(db)) = (docs.get(a), docs.get(b)) {
            let kind = format!("x-score-{}-{}", da.lang.code(), db.lang.code());
            tu.props.push(Prop::new(kind, format!("{score:.3}")));
        }
    }
    for (d, g) in docs.iter().zip(&unit.groups) {
        if !g.is_empty() {
            tu = tu.with_variant(d.lang.code(), d.group_text(g).into_owned());
        }
    }
    tu
}

/// Writes the alignment as TMX 1.4b, one unit at a time (see [`unit_tu`]), with `srclang`
/// (a language code or `*all*`) in the header.
pub fn write_tmx<W: Write>(
    out: W,
    docs: &[Document<'_>],
    al: &Alignment,
    document: &str,
    srclang: &str,
) -> Result<WriteReport, TmxError> {
    let mut writer = TmxWriter::new(out, &Header::new(srclang))?;
    let pair_scores = al.unit_pair_scores();
    for (n, (unit, pairs)) in al.units.iter().zip(&pair_scores).enumerate() {
        writer.write_unit(&unit_tu(docs, unit, n + 1, document, pairs))?;
    }
    Ok(writer.finish()?.1)
}

/// The units of one article of a corpus as TMX `tu` elements, without the document's
/// start or end (see [`TmxWriter::fragment`]): as [`write_tmx`] writes them, with
/// `x-document` `document` and the `tuid` `DOCUMENT:N`, unique in a memory of many
/// articles.
pub fn write_tmx_units<W: Write>(
    out: W,
    docs: &[Document<'_>],
    al: &Alignment,
    document: &str,
) -> Result<(W, WriteReport), TmxError> {
    let mut writer = TmxWriter::fragment(out);
    let pair_scores = al.unit_pair_scores();
    for (n, (unit, pairs)) in al.units.iter().zip(&pair_scores).enumerate() {
        let mut tu = unit_tu(docs, unit, n + 1, document, pairs);
        tu.tuid = Some(format!("{document}:{}", n + 1));
        writer.write_unit(&tu)?;
    }
    writer.into_parts()
}

/// A group's text made fit for one TSV cell: tabs and line breaks become single spaces.
fn cell(doc: &Document<'_>, g: &Range<usize>) -> String {
    super::tsv::cell(&doc.group_text(g))
}

/// Tab-separated: a header of language codes and `score`, then one row per unit.
pub fn write_tsv(out: &mut dyn Write, docs: &[Document<'_>], al: &Alignment) -> io::Result<()> {
    let header: Vec<&str> = docs.iter().map(|d| d.lang.code()).collect();
    writeln!(out, "{}\tscore", header.join("\t"))?;
    for unit in &al.units {
        let cells: Vec<String> = docs
            .iter()
            .zip(&unit.groups)
            .map(|(d, g)| cell(d, g))
            .collect();
        writeln!(out, "{}\t{:.3}", cells.join("\t"), unit.score)?;
    }
    Ok(())
}

/// `{"en-ru": 0.99, ...}` of pair scores, versions named by `code`.
fn pair_object<'c>(
    pairs: &[((usize, usize), f64)],
    code: impl Fn(usize) -> &'c str,
) -> serde_json::Value {
    let m: serde_json::Map<String, serde_json::Value> = pairs
        .iter()
        .map(|&((a, b), s)| (format!("{}-{}", code(a), code(b)), score3(s)))
        .collect();
    serde_json::Value::Object(m)
}

/// A score rounded to three decimals, as the JSON outputs give it.
fn score3(score: f64) -> serde_json::Value {
    serde_json::json!(round3(score))
}

/// One JSON object per unit: `unit` (from 1), then per language `{"ids", "text"}`,
/// `score` and `scores`, the score of each pair's links in the unit (`{"en-ru": 0.99,
/// ...}`, as the TMX's `x-score-en-ru`). With a `document` (an article of a corpus), each
/// object also has `document` and the `tuid` `DOCUMENT:N`, as [`write_tmx_units`] gives.
pub fn write_jsonl(
    out: &mut dyn Write,
    docs: &[Document<'_>],
    al: &Alignment,
    document: Option<&str>,
) -> io::Result<()> {
    let pair_scores = al.unit_pair_scores();
    for (n, (unit, pairs)) in al.units.iter().zip(&pair_scores).enumerate() {
        let mut m = serde_json::Map::new();
        m.insert("unit".into(), serde_json::json!(n + 1));
        if let Some(d) = document {
            m.insert("document".into(), serde_json::json!(d));
            m.insert("tuid".into(), serde_json::json!(format!("{d}:{}", n + 1)));
        }
        for (d, g) in docs.iter().zip(&unit.groups) {
            m.insert(
                d.lang.code().to_string(),
                serde_json::json!({"ids": g.clone().collect::<Vec<_>>(), "text": cell(d, g)}),
            );
        }
        m.insert("score".into(), score3(unit.score));
        m.insert("scores".into(), pair_object(pairs, |k| docs[k].lang.code()));
        serde_json::to_writer(&mut *out, &serde_json::Value::Object(m))?;
        writeln!(out)?;
    }
    Ok(())
}

/// The record of one document in JSONL pipeline mode: `id`, the `sentences` per code,
/// the `units` (sentence ids per code, `score` and the per-pair `scores`) and the pairwise `links`
/// (`"en-ru": [[[0], [0]], 0.93], ...`). Keys come in alphabetical order.
///
/// The record borrows the documents and the alignment and is written as it is serialized,
/// so a document of a million sentences needs no second copy of itself in memory.
pub fn record<'a>(
    id: &'a serde_json::Value,
    codes: &'a [String],
    docs: &'a [Document<'a>],
    al: &'a Alignment,
) -> AlignmentRecord<'a> {
    AlignmentRecord {
        id,
        codes,
        docs,
        al,
        pair_scores: al.unit_pair_scores(),
    }
}

/// A JSONL pipeline record ([`record`]), serialized on the fly.
pub struct AlignmentRecord<'a> {
    id: &'a serde_json::Value,
    codes: &'a [String],
    docs: &'a [Document<'a>],
    al: &'a Alignment,
    pair_scores: Vec<Vec<((usize, usize), f64)>>,
}

impl AlignmentRecord<'_> {
    fn pair_name(&self, (a, b): (usize, usize)) -> String {
        format!("{}-{}", self.codes[a], self.codes[b])
    }
}

impl serde::Serialize for AlignmentRecord<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut links: Vec<(String, &[Link])> = self
            .al
            .pairs
            .iter()
            .map(|p| (self.pair_name((p.a, p.b)), p.links.as_slice()))
            .collect();
        links.sort_by(|x, y| x.0.cmp(&y.0));
        links.dedup_by(|x, y| x.0 == y.0);
        let mut sentences: Vec<(&str, &Document<'_>)> = self
            .codes
            .iter()
            .map(String::as_str)
            .zip(self.docs)
            .collect();
        sentences.sort_by(|x, y| x.0.cmp(y.0));
        sentences.dedup_by(|x, y| x.0 == y.0);
        // The keys of a unit: the codes, `score` and `scores`, in alphabetical order.
        let mut unit_keys: Vec<(&str, Option<usize>)> = self
            .codes
            .iter()
            .enumerate()
            .map(|(k, c)| (c.as_str(), Some(k)))
            .chain([("score", None), ("scores", None)])
            .collect();
        unit_keys.sort_by(|x, y| x.0.cmp(y.0));
        unit_keys.dedup_by(|x, y| x.0 == y.0);
        let mut m = ser.serialize_map(Some(4))?;
        m.serialize_entry("id", self.id)?;
        m.serialize_entry("links", &LinksMap(&links))?;
        m.serialize_entry("sentences", &SentencesMap(&sentences))?;
        m.serialize_entry(
            "units",
            &Units {
                record: self,
                keys: &unit_keys,
            },
        )?;
        m.end()
    }
}

/// The `links` of a record: per pair name, its links.
struct LinksMap<'r>(&'r [(String, &'r [Link])]);

impl serde::Serialize for LinksMap<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_map(self.0.iter().map(|(k, l)| (k, LinkList(l))))
    }
}

/// A pair's links, each as `[[src ids], [tgt ids], score]`.
struct LinkList<'r>(&'r [Link]);

impl serde::Serialize for LinkList<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_seq(
            self.0
                .iter()
                .map(|l| (Ids(l.src.clone()), Ids(l.tgt.clone()), round3(l.score))),
        )
    }
}

/// The `sentences` of a record: per code, the document's sentences.
struct SentencesMap<'r>(&'r [(&'r str, &'r Document<'r>)]);

impl serde::Serialize for SentencesMap<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_map(self.0.iter().map(|(k, d)| (k, DocSentences(d))))
    }
}

/// A document's sentences as a list of strings.
struct DocSentences<'r>(&'r Document<'r>);

impl serde::Serialize for DocSentences<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_seq(self.0.sentences())
    }
}

/// The `units` of a record.
struct Units<'r, 'a> {
    record: &'r AlignmentRecord<'a>,
    keys: &'r [(&'r str, Option<usize>)],
}

impl serde::Serialize for Units<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let r = self.record;
        ser.collect_seq(
            r.al.units
                .iter()
                .zip(&r.pair_scores)
                .map(|(unit, pairs)| UnitRow {
                    record: r,
                    keys: self.keys,
                    unit,
                    pairs,
                }),
        )
    }
}

/// A sentence range as the list of its ids.
struct Ids(Range<usize>);

impl serde::Serialize for Ids {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_seq(self.0.clone())
    }
}

/// One unit of a record: its ids per code, `score` and `scores`, in the record's key order.
struct UnitRow<'r, 'a> {
    record: &'r AlignmentRecord<'a>,
    keys: &'r [(&'r str, Option<usize>)],
    unit: &'r Unit,
    pairs: &'r [((usize, usize), f64)],
}

impl serde::Serialize for UnitRow<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = ser.serialize_map(Some(self.keys.len()))?;
        for &(key, code) in self.keys {
            match code {
                Some(k) => m.serialize_entry(key, &Ids(self.unit.groups[k].clone()))?,
                None if key == "score" => m.serialize_entry(key, &round3(self.unit.score))?,
                None => {
                    let mut scores: Vec<(String, f64)> = self
                        .pairs
                        .iter()
                        .map(|&(p, s)| (self.record.pair_name(p), round3(s)))
                        .collect();
                    scores.sort_by(|x, y| x.0.cmp(&y.0));
                    scores.dedup_by(|x, y| x.0 == y.0);
                    m.serialize_entry(key, &ScoresMap(&scores))?;
                }
            }
        }
        m.end()
    }
}

/// A unit's `scores`: per pair name, a score.
struct ScoresMap<'r>(&'r [(String, f64)]);

impl serde::Serialize for ScoresMap<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// A score rounded to three decimals.
fn round3(score: f64) -> f64 {
    (score * 1000.0).round() / 1000.0
}

/// The units side by side, one block per unit: `#1 1-1 score 0.97`, then one line per
/// language with its sentence ids.
pub fn write_text(out: &mut dyn Write, docs: &[Document<'_>], al: &Alignment) -> io::Result<()> {
    for (n, unit) in al.units.iter().enumerate() {
        let kind: Vec<String> = unit.groups.iter().map(|g| g.len().to_string()).collect();
        writeln!(out, "#{} {} score {:.2}", n + 1, kind.join("-"), unit.score)?;
        for (doc, g) in docs.iter().zip(&unit.groups) {
            let ids = if g.is_empty() {
                "-".to_string()
            } else {
                format!("{}-{}", g.start, g.end - 1)
            };
            writeln!(out, "  {} [{}] {}", doc.lang, ids, doc.group_text(g))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Per pair of versions, a `# en-ru` line and vecalign's `[0]:[0, 1]:0.930` lines.
pub fn write_ladder(out: &mut dyn Write, al: &Alignment) -> io::Result<()> {
    for p in &al.pairs {
        writeln!(out, "# {}-{}", al.langs[p.a], al.langs[p.b])?;
        for l in &p.links {
            let src: Vec<String> = l.src.clone().map(|x| x.to_string()).collect();
            let tgt: Vec<String> = l.tgt.clone().map(|x| x.to_string()).collect();
            writeln!(
                out,
                "[{}]:[{}]:{:.3}",
                src.join(", "),
                tgt.join(", "),
                l.score
            )?;
        }
    }
    Ok(())
}

/// A line of a ladder file that cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LadderError {
    /// The input could not be read.
    #[error("line {line}: {source}")]
    Io {
        /// The line (from 1).
        line: usize,
        /// The error.
        source: io::Error,
    },
    /// A line is not `[ids]:[ids]` or `[ids]:[ids]:score` with consecutive ids.
    #[error("line {line}: not a ladder line ([0]:[0, 1]:0.930): {text:?}")]
    BadLine {
        /// The line (from 1).
        line: usize,
        /// Its text.
        text: String,
    },
}

/// Reads a ladder, as vecalign's `read_alignments` does: `[src ids]:[tgt ids]` with an
/// optional `:score` (1.0 when absent), ids consecutive. `# a-b` lines start the links of
/// a pair (named `""` before any); blank lines are skipped.
pub fn read_ladder(input: impl BufRead) -> Result<Vec<(String, Vec<Link>)>, LadderError> {
    let mut out: Vec<(String, Vec<Link>)> = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|source| LadderError::Io {
            line: n + 1,
            source,
        })?;
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(pair) = text.strip_prefix('#') {
            out.push((pair.trim().to_string(), Vec::new()));
            continue;
        }
        let bad = || LadderError::BadLine {
            line: n + 1,
            text: line.clone(),
        };
        let link = parse_ladder_line(text).ok_or_else(bad)?;
        if out.is_empty() {
            out.push((String::new(), Vec::new()));
        }
        if let Some((_, links)) = out.last_mut() {
            links.push(link);
        }
    }
    Ok(out)
}

fn parse_ladder_line(text: &str) -> Option<Link> {
    let ids = |s: &str| -> Option<Range<usize>> {
        let inner = s.trim().strip_prefix('[')?.strip_suffix(']')?;
        let ids: Vec<usize> = inner
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().ok())
            .collect::<Option<_>>()?;
        match (ids.first(), ids.last()) {
            (Some(&a), Some(&b)) if ids.windows(2).all(|w| w[1] == w[0] + 1) => Some(a..b + 1),
            (None, None) => Some(0..0),
            _ => None,
        }
    };
    let close = text.find("]:")?;
    let (src, rest) = (&text[..=close], &text[close + 2..]);
    let (tgt, score) = match rest.rfind("]:") {
        Some(i) => (&rest[..=i], rest[i + 2..].trim().parse().ok()?),
        None => (rest, 1.0),
    };
    Some(Link {
        src: ids(src)?,
        tgt: ids(tgt)?,
        score,
    })
}

/// The languages as `en, ru, uk`, for messages.
pub fn codes(langs: &[Lang]) -> String {
    langs.iter().map(Lang::code).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Aligner;

    fn docs() -> [Document<'static>; 2] {
        [
            Document::from_sentences(
                Lang::EN,
                vec!["Oslo.".into(), "It rains\tthere.".into()],
                vec![0, 1],
            ),
            Document::from_sentences(
                Lang::RU,
                vec!["Oslo.".into(), "Там идет\nдождь.".into()],
                vec![0, 1],
            ),
        ]
    }

    #[test]
    fn filters_count_what_they_leave_out() {
        let docs = docs();
        let mut al = Aligner::default().align(&docs).unwrap();
        let f = filter_units(&mut al, &docs, UnitFilter::new(None, true));
        assert_eq!((f.before, f.identical, f.low_score), (2, 1, 0));
        let f = filter_units(&mut al, &docs, UnitFilter::new(Some(1.01), false));
        assert_eq!((f.before, f.low_score), (1, 1));
        assert!(al.units.is_empty());
    }

    #[test]
    fn cells_and_tmx_units() {
        let docs = docs();
        let al = Aligner::default().align(&docs).unwrap();
        let mut tsv = Vec::new();
        write_tsv(&mut tsv, &docs, &al).unwrap();
        let tsv = String::from_utf8(tsv).unwrap();
        assert!(tsv
            .lines()
            .nth(2)
            .unwrap()
            .starts_with("It rains there.\tТам идет дождь.\t"));
        let tu = unit_tu(&docs, &al.units[1], 2, "doc", &[((0, 1), 0.9)]);
        assert_eq!(tu.props[3].kind, "x-score-en-ru");
        assert_eq!(tu.props[3].value, "0.900");
        assert_eq!(tu.tuid.as_deref(), Some("2"));
        assert_eq!(tu.text("ru"), Some("Там идет\nдождь."));
        let pairs = pairs(&al);
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].2.units.len(), al.pairs[0].links.len());
    }

    #[test]
    fn ladder_lines_as_vecalign_writes_them() {
        let got = read_ladder("[0]:[0, 1]:0.930\n[1, 2]:[]:0.5\n[]:[2]\n".as_bytes()).unwrap();
        let links: Vec<_> = got[0]
            .1
            .iter()
            .map(|l| (l.src.clone(), l.tgt.clone(), l.score))
            .collect();
        assert_eq!(
            links,
            [(0..1, 0..2, 0.93), (1..3, 0..0, 0.5), (0..0, 2..3, 1.0)]
        );
        assert!(matches!(
            read_ladder("[0]:[0]\n[0, 2]:[1]\n".as_bytes()),
            Err(LadderError::BadLine { line: 2, .. })
        ));
    }
}
