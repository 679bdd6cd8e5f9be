//! Segmentation throughput on real English, Russian and Ukrainian text.
//!
//! Text: the bundled samples plus, when present, the texts of the evaluation sets in
//! `../shared/eval/segment/` and `../shared/eval/align/`, repeated to at least 4 MB per
//! language. Peer: Unicode UAX #29 sentence boundaries (`unicode-segmentation`), which
//! knows no abbreviations. Run with `cargo bench --bench segment`; criterion prints the
//! throughput of each (`thrpt`, MiB/s).

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use polyalign::lang::Lang;
use polyalign::segment::Segmenter;
use unicode_segmentation::UnicodeSegmentation;

const TARGET_BYTES: usize = 4 << 20;

/// Texts of one language from the samples and the evaluation data.
fn corpus(lang: Lang) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    let sample = root.join(format!("samples/harbour-bridge.{}.txt", lang.code()));
    if let Ok(t) = std::fs::read_to_string(sample) {
        texts.push(t);
    }
    let shared = root.join("../shared/eval");
    let files: &[&str] = match lang {
        Lang::EN => &[
            "segment/ud_ewt_dev_en.jsonl",
            "segment/ud_gum_dev_en.jsonl",
            "align/ntrex-dev.jsonl",
        ],
        Lang::RU => &["segment/razdel_ru.jsonl", "align/ntrex-dev.jsonl"],
        _ => &["segment/ud_iu_dev_uk.jsonl", "align/ntrex-dev.jsonl"],
    };
    for f in files {
        let Ok(data) = std::fs::read_to_string(shared.join(f)) else {
            continue;
        };
        for line in data.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            match &v["text"] {
                serde_json::Value::String(s) => texts.push(s.clone()),
                serde_json::Value::Object(m) => {
                    if let Some(serde_json::Value::String(s)) = m.get(lang.code()) {
                        texts.push(s.clone());
                    }
                }
                _ => {}
            }
        }
    }
    let base = texts.join("\n\n");
    let mut out = String::with_capacity(TARGET_BYTES + base.len());
    while out.len() < TARGET_BYTES {
        out.push_str(&base);
        out.push_str("\n\n");
    }
    out
}

fn bench(c: &mut Criterion) {
    for lang in [Lang::EN, Lang::RU, Lang::UK] {
        let text = corpus(lang);
        let seg = Segmenter::new(lang);
        let mut group = c.benchmark_group(format!("segment/{}", lang.code()));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(20);
        group.bench_function("polyalign", |b| {
            b.iter(|| black_box(seg.sentences(black_box(&text))).len())
        });
        group.bench_function("polyalign-stream", |b| {
            b.iter(|| {
                seg.stream(black_box(text.as_bytes()))
                    .map(|p| p.map(|p| p.sentences.len()).unwrap_or(0))
                    .sum::<usize>()
            })
        });
        group.bench_function("uax29-peer", |b| {
            b.iter(|| black_box(&text).split_sentence_bounds().count())
        });
        group.finish();
    }
}

/// Hostile input: 256 KB runs without a space or a sentence end that a scanner could look
/// back or ahead over from every period (`Mr.Mr.Mr.…`), beside the same with spaces. The
/// throughput should be of the order of real text's, not fall with the run's length.
fn adversarial(c: &mut Criterion) {
    let mut group = c.benchmark_group("segment/adversarial");
    group.sample_size(10);
    for (name, unit, lang) in [
        ("Mr.Mr.", "Mr.", Lang::EN),
        ("Mr. Mr. ", "Mr. ", Lang::EN),
        ("г.г.", "г.", Lang::RU),
        ("U.S.U.S.", "U.S.", Lang::EN),
    ] {
        let text = unit.repeat((256 << 10) / unit.len());
        let seg = Segmenter::new(lang);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| black_box(seg.sentences(black_box(&text))).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench, adversarial);
criterion_main!(benches);
