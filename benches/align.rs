//! Alignment time on long documents built by concatenating the dev documents (en-ru),
//! 1,000, 10,000 and 100,000 sentences per side; `scripts/bench/align_scale.sh` measures
//! peak memory and runs the `galechurch` peer on the same input. Run with
//! `cargo bench --bench align`.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use polyalign::align::{Aligner, Document};
use polyalign::lang::Lang;

/// The en and ru sentences (with paragraphs) of the dev set, or of the samples.
fn source() -> (Document<'static>, Document<'static>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dev = root.join("../shared/eval/align/ntrex-dev.jsonl");
    let (mut en, mut ru) = (Vec::new(), Vec::new());
    let (mut pen, mut pru) = (Vec::new(), Vec::new());
    if let Ok(data) = std::fs::read_to_string(dev) {
        for line in data.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("dev JSON");
            let base_en = pen.last().map_or(0, |p| p + 1);
            let base_ru = pru.last().map_or(0, |p| p + 1);
            for (lang, out, paras, base) in [
                ("en", &mut en, &mut pen, base_en),
                ("ru", &mut ru, &mut pru, base_ru),
            ] {
                for s in v["sentences"][lang].as_array().into_iter().flatten() {
                    out.push(s.as_str().unwrap_or_default().to_string());
                }
                for p in v["paragraph_of"][lang].as_array().into_iter().flatten() {
                    paras.push(base + p.as_u64().unwrap_or(0) as usize);
                }
            }
        }
        return (
            Document::from_sentences(Lang::EN, en, pen),
            Document::from_sentences(Lang::RU, ru, pru),
        );
    }
    let read = |l: &str| {
        std::fs::read_to_string(root.join(format!("samples/harbour-bridge.{l}.txt")))
            .expect("bundled sample")
    };
    (
        Document::from_text(Lang::EN, &read("en")).into_owned(),
        Document::from_text(Lang::RU, &read("ru")).into_owned(),
    )
}

/// Repeats a document until it has `n` sentences.
fn repeat(doc: &Document<'_>, n: usize) -> Document<'static> {
    let mut sentences = Vec::with_capacity(n);
    let mut paragraphs = Vec::with_capacity(n);
    let mut base = 0;
    while sentences.len() < n {
        for (s, p) in doc.sentences().zip(doc.paragraphs()) {
            if sentences.len() == n {
                break;
            }
            sentences.push(s.to_string());
            paragraphs.push(base + p);
        }
        base = paragraphs.last().map_or(0, |p| p + 1);
    }
    Document::from_sentences(doc.lang, sentences, paragraphs)
}

fn bench(c: &mut Criterion) {
    let (en, ru) = source();
    let aligner = Aligner::default();
    let mut group = c.benchmark_group("align/en-ru");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let (a, b) = (repeat(&en, n), repeat(&ru, n * ru.len() / en.len().max(1)));
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{n}"), |bench| {
            bench.iter(|| {
                aligner
                    .align_pair(black_box(&a), black_box(&b))
                    .map(|l| l.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
