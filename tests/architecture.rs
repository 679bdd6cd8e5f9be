//! The walk of `docs/architecture.md`: one sentence from the text to a TMX `seg` and to a
//! QA finding, through the one document type.

use polyalign::align::Aligner;
use polyalign::doc::Document;
use polyalign::formats::alignment::write_tmx;
use polyalign::lang::Lang;
use polyalign::qa::{Checker, Kind};
use polyalign::segment::Sentence;

const EN: &str =
    "Noem visits prison\nOn March 26, Kristi Noem visited CECOT. Mr. Bukele opened it in 2023.\n";
const RU: &str =
    "Ноэм посетила тюрьму\n26 марта Кристи Ноэм посетила CECOT. Н. Букеле открыл ее в 2023 г.\n";

#[test]
fn one_sentence_from_the_file_to_a_tmx_seg_and_a_finding() {
    let docs = [
        Document::new(Lang::EN, "article.en.txt", EN),
        Document::new(Lang::RU, "article.ru.txt", RU),
    ];
    // Segmenting: a span of the text, nothing copied.
    assert_eq!(
        docs[0].spans()[1],
        Sentence {
            start: 19,
            end: 58,
            paragraph: 1
        }
    );
    assert!(std::ptr::eq(
        docs[0].sentence(1).as_ptr(),
        EN[19..].as_ptr()
    ));

    // Aligning: the sentence is the second unit, with its Russian counterpart.
    let al = Aligner::default().align(&docs).unwrap();
    assert_eq!(al.units[1].groups, [1..2, 1..2]);

    // TMX: the unit's seg is the sentence.
    let mut tmx = Vec::new();
    write_tmx(&mut tmx, &docs, &al, "article", "en").unwrap();
    let tmx = String::from_utf8(tmx).unwrap();
    assert!(tmx
        .contains("<tuv xml:lang=\"en\"><seg>On March 26, Kristi Noem visited CECOT.</seg></tuv>"));

    // QA: a changed day is a number finding whose positions come from the spans.
    let changed = RU.replace("26 марта", "27 марта");
    let faulty = [
        docs[0].clone(),
        Document::new(Lang::RU, "article.ru.txt", &changed),
    ];
    let report = Checker::default().check(&faulty).unwrap();
    let f = report
        .findings
        .iter()
        .find(|f| f.kind == Kind::Number)
        .expect("a number finding");
    assert_eq!(f.units, 1..2);
    let p = &f.positions[1];
    assert_eq!((p.paragraph, p.sentence, p.line), (2, 2, 2));
    assert_eq!(f.texts[0].text, "On March 26, Kristi Noem visited CECOT.");
}

/// What each library module may use of the others (`docs/architecture.md`).
const ALLOWED: &[(&str, &[&str])] = &[
    ("lang", &[]),
    ("output", &[]),
    ("segment", &["lang"]),
    ("input", &["lang"]),
    ("doc", &["lang", "segment"]),
    ("anchors", &["lang"]),
    ("tmx", &["lang", "output"]),
    ("align", &["lang", "segment", "doc", "anchors"]),
    ("qa", &["lang", "segment", "doc", "anchors", "align"]),
    ("formats", &["lang", "segment", "doc", "align", "tmx", "qa"]),
    (
        "tm",
        &[
            "lang", "segment", "doc", "anchors", "align", "tmx", "formats", "output",
        ],
    ),
    ("eval", &["lang", "segment", "doc", "align"]),
    ("corpus", &["lang", "output"]),
];

/// The crate modules named by `crate::x` paths in code (not comments) of `source`,
/// including grouped imports (`crate::{a, b::c}`).
fn crate_paths(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in source.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            if let Some(group) = after.strip_prefix('{') {
                let body = &group[..group.find('}').unwrap_or(group.len())];
                for item in body.split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.push(name);
                }
            } else {
                out.push(
                    after
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect(),
                );
            }
            rest = after;
        }
    }
    out
}

fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut broken = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).expect("under src");
        let module = rel
            .iter()
            .next()
            .and_then(|m| m.to_str())
            .map(|m| m.trim_end_matches(".rs").to_string())
            .unwrap_or_default();
        if matches!(module.as_str(), "lib" | "main" | "cmd") {
            continue;
        }
        let allowed = ALLOWED
            .iter()
            .find(|(m, _)| *m == module)
            .unwrap_or_else(|| panic!("{module} (src/{}) is not in ALLOWED", rel.display()))
            .1;
        let text = std::fs::read_to_string(&file).expect("source");
        for used in crate_paths(&text) {
            let known = ALLOWED.iter().any(|(m, _)| *m == used);
            if known && used != module && !allowed.contains(&used.as_str()) {
                broken.push(format!("src/{} uses crate::{used}", rel.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the layers:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_layers_have_no_cycle() {
    // Depth-first search over ALLOWED: no module reaches itself.
    fn reaches(from: &str, target: &str, seen: &mut Vec<String>) -> bool {
        let uses = ALLOWED
            .iter()
            .find(|(m, _)| *m == from)
            .map_or(&[][..], |e| e.1);
        uses.iter().any(|&u| {
            if u == target {
                return true;
            }
            if seen.iter().any(|s| s == u) {
                return false;
            }
            seen.push(u.to_string());
            reaches(u, target, seen)
        })
    }
    for (m, _) in ALLOWED {
        assert!(!reaches(m, m, &mut Vec::new()), "{m} depends on itself");
    }
}
