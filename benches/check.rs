//! Time to check one article of about 200 sentences per language (en, ru, uk): segmenting,
//! aligning and every check, from raw text; and to render its HTML report. The article is
//! made of consecutive dev documents (`../shared/eval/align/ntrex-dev.jsonl`) up to 200
//! English sentences, or of the samples repeated when that file is absent. Run with
//! `cargo bench --bench check`.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use polyalign::lang::Lang;
use polyalign::qa::{html, Checker, Severity, Version};
use polyalign::segment::Segmenter;

/// Raw en, ru and uk texts of about 200 sentences each.
fn article() -> [String; 3] {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out: [String; 3] = Default::default();
    let count = |t: &str| Segmenter::new(Lang::EN).sentences(t).len();
    if let Ok(data) = std::fs::read_to_string(root.join("../shared/eval/align/ntrex-dev.jsonl")) {
        for line in data.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("dev JSON");
            for (i, lang) in ["en", "ru", "uk"].iter().enumerate() {
                out[i].push_str(v["text"][lang].as_str().unwrap_or_default());
                out[i].push_str("\n\n");
            }
            if count(&out[0]) >= 200 {
                return out;
            }
        }
    }
    out = Default::default();
    while count(&out[0]) < 200 {
        for (i, lang) in ["en", "ru", "uk"].iter().enumerate() {
            let path = root.join(format!("samples/harbour-bridge.{lang}.txt"));
            out[i].push_str(&std::fs::read_to_string(path).expect("samples"));
            out[i].push_str("\n\n");
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let texts = article();
    let langs = [Lang::EN, Lang::RU, Lang::UK];
    let versions: Vec<Version> = texts
        .iter()
        .zip(langs)
        .map(|(t, l)| Version::new(l, l.code(), t))
        .collect();
    let report = Checker::default().check(&versions).expect("check");
    let counts: Vec<String> = report
        .versions
        .iter()
        .map(|v| format!("{} {}", v.lang, v.sentences))
        .collect();
    eprintln!(
        "article: {} sentences; {} findings",
        counts.join(", "),
        report.findings.len()
    );
    let mut group = c.benchmark_group("check");
    group.sample_size(30);
    group.bench_function("check_200_sentences_en_ru_uk", |b| {
        b.iter(|| {
            Checker::default()
                .check(black_box(&versions))
                .expect("check")
        })
    });
    group.bench_function("html_report_200_sentences", |b| {
        b.iter(|| html::render(black_box(&report), Severity::Info))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
