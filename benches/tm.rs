//! Translation memory lookups on an in-memory memory of 200,000 units.
//!
//! Units: variants of the English and Russian sentences of the dev documents (or of the
//! bundled samples when `../shared` is absent), each with one to three random edits (a
//! word replaced, dropped, inserted or swapped, a number changed). Queries: 500 edited
//! real sentences, looked up in turn.
//!
//! - `tm/lookup`: `TranslationMemory::lookup`, top 5 at 70%, one query per iteration;
//! - `tm/scan`: `lookup_exhaustive` (every unit scored) on the same queries;
//! - `tm/build`: adding 20,000 units to an empty memory (units/s).
//!
//! `scripts/bench/tm_scale.sh` measures 1,000,000 units through the CLI, with peak memory
//! and translate-toolkit's matcher. Run with `cargo bench --bench tm`.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use polyalign::lang::Lang;
use polyalign::segment::Segmenter;
use polyalign::tm::{LookupConfig, TranslationMemory};
use polyalign::tmx::Tu;

const UNITS: usize = 200_000;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
    }
}

/// English and Russian sentences: from the dev set when it is there, else the samples.
fn sentences() -> (Vec<String>, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut en, mut ru) = (Vec::new(), Vec::new());
    if let Ok(data) = std::fs::read_to_string(root.join("../shared/eval/align/ntrex-dev.jsonl")) {
        for line in data.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("dev JSON");
            for (lang, out) in [("en", &mut en), ("ru", &mut ru)] {
                for s in v["sentences"][lang].as_array().into_iter().flatten() {
                    out.push(s.as_str().unwrap_or_default().to_string());
                }
            }
        }
    } else {
        for (lang, out) in [(Lang::EN, &mut en), (Lang::RU, &mut ru)] {
            let path = root.join(format!("samples/harbour-bridge.{}.txt", lang.code()));
            let text = std::fs::read_to_string(path).expect("samples");
            out.extend(
                Segmenter::new(lang)
                    .split(&text)
                    .into_iter()
                    .map(String::from),
            );
        }
    }
    (en, ru)
}

fn variant(rng: &mut Rng, s: &str, vocab: &[&str], edits: usize) -> String {
    let mut w: Vec<String> = s.split_whitespace().map(String::from).collect();
    for _ in 0..edits {
        if w.is_empty() {
            break;
        }
        let i = rng.below(w.len());
        match rng.below(5) {
            0 => w[i] = vocab[rng.below(vocab.len())].to_string(),
            1 if w.len() > 1 => {
                w.remove(i);
            }
            2 => w.insert(i, vocab[rng.below(vocab.len())].to_string()),
            3 if i + 1 < w.len() => w.swap(i, i + 1),
            _ => w[i] = rng.below(5000).to_string(),
        }
    }
    w.join(" ")
}

fn units(n: usize, rng: &mut Rng, en: &[String], ru: &[String]) -> Vec<Tu> {
    let ve: Vec<&str> = en.iter().flat_map(|s| s.split_whitespace()).collect();
    let vr: Vec<&str> = ru.iter().flat_map(|s| s.split_whitespace()).collect();
    (0..n)
        .map(|_| {
            let k = rng.below(en.len());
            let edits = 1 + rng.below(3);
            Tu::new()
                .with_variant("en", variant(rng, &en[k], &ve, edits))
                .with_variant("ru", variant(rng, &ru[k % ru.len()], &vr, edits))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let (en, ru) = sentences();
    let mut rng = Rng(7);
    let mut tm = TranslationMemory::new();
    for tu in units(UNITS, &mut rng, &en, &ru) {
        tm.add(&tu, "bench.tmx");
    }
    let ve: Vec<&str> = en.iter().flat_map(|s| s.split_whitespace()).collect();
    let queries: Vec<String> = (0..500)
        .map(|_| {
            let k = rng.below(en.len());
            let edits = 1 + rng.below(2);
            variant(&mut rng, &en[k], &ve, edits)
        })
        .collect();
    let config = LookupConfig::default();
    let mut group = c.benchmark_group("tm");
    group.throughput(Throughput::Elements(1));
    let mut i = 0;
    group.bench_function("lookup", |b| {
        b.iter(|| {
            i = (i + 1) % queries.len();
            black_box(tm.lookup(&queries[i], Lang::EN, Lang::RU, &config).unwrap())
        })
    });
    group.sample_size(10);
    group.bench_function("scan", |b| {
        b.iter(|| {
            i = (i + 1) % queries.len();
            black_box(
                tm.lookup_exhaustive(&queries[i], Lang::EN, Lang::RU, &config)
                    .unwrap(),
            )
        })
    });
    let batch = units(20_000, &mut rng, &en, &ru);
    group.throughput(Throughput::Elements(batch.len() as u64));
    group.bench_function("build", |b| {
        b.iter(|| {
            let mut tm = TranslationMemory::new();
            for tu in &batch {
                tm.add(tu, "bench.tmx");
            }
            black_box(tm.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
