//! TMX writing and reading throughput on a memory of 1,000,000 two-language units.
//!
//! Units: English and Ukrainian sentences of the bundled sample article (segmented by
//! polyalign, paired by position, so they are sentence-like but not translations), each
//! made distinct by its unit number, with a `tuid` and an `x-score` property. The memory
//! is about 400 MB of TMX.
//!
//! - `tmx/write`: `TmxWriter` into a byte-counting sink (serialising and escaping only).
//! - `tmx/read`: `TmxReader` over the bytes in memory, unit by unit.
//! - `tmx/read-file`: `TmxReader` over a file (a temporary file, in the page cache).
//!
//! Throughput is in bytes of TMX (`thrpt`, MiB/s). Before criterion runs, the bench reads
//! the file once and prints how much the peak resident memory grew meanwhile: the reader
//! streams, so it grows by a few buffers, not by the size of the memory.
//! Run with `cargo bench --bench tmx`.

use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use polyalign::lang::Lang;
use polyalign::segment::Segmenter;
use polyalign::tmx::{Header, Prop, TmxReader, TmxWriter, Tu};

const UNITS: usize = 1_000_000;

/// Sentences of a sample, one language.
fn sentences(lang: Lang) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join(format!("samples/harbour-bridge.{}.txt", lang.code()));
    let text = std::fs::read_to_string(path).expect("the samples are part of the repository");
    Segmenter::new(lang)
        .split(&text)
        .into_iter()
        .map(String::from)
        .collect()
}

/// Writes the memory, making each unit as it goes.
fn write_memory<W: Write>(out: W, en: &[String], uk: &[String]) {
    let mut header = Header::new("en");
    header.creationdate = Some("20250101T120000Z".into());
    let mut writer = TmxWriter::new(out, &header).unwrap();
    let mut tu = Tu::new().with_variant("en", "").with_variant("uk", "");
    tu.props.push(Prop::new("x-score", "0.97"));
    for i in 0..UNITS {
        let (e, u) = (&en[i % en.len()], &uk[i % uk.len()]);
        tu.tuid = Some(i.to_string());
        for (v, s) in tu.variants.iter_mut().zip([e, u]) {
            v.text.clear();
            v.text.push_str(s);
            v.text.push_str(" #");
            v.text.push_str(tu.tuid.as_deref().unwrap_or(""));
        }
        writer.write_unit(&tu).unwrap();
    }
    writer.finish().unwrap();
}

/// A sink that counts bytes.
#[derive(Default)]
struct Count(u64);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Reads every unit; returns the number of units and of text bytes.
fn read_memory<R: std::io::Read>(input: R) -> (usize, usize) {
    let mut reader = TmxReader::new(input);
    let (mut units, mut bytes) = (0, 0);
    for tu in reader.by_ref() {
        let tu = tu.unwrap();
        units += 1;
        bytes += tu.variants.iter().map(|v| v.text.len()).sum::<usize>();
    }
    (units, bytes)
}

/// Peak resident memory of this process, in KiB (Linux), or 0.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn bench(c: &mut Criterion) {
    let (en, uk) = (sentences(Lang::EN), sentences(Lang::UK));

    // The file first, streaming in and out, before anything large is in memory.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memory.tmx");
    write_memory(
        BufWriter::new(std::fs::File::create(&path).unwrap()),
        &en,
        &uk,
    );
    let file_size = std::fs::metadata(&path).unwrap().len();
    let before = peak_rss_kib();
    let start = Instant::now();
    let (units, _) = read_memory(std::fs::File::open(&path).unwrap());
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(units, UNITS);
    println!(
        "tmx: {UNITS} units, {:.1} MB; one read of the file: {:.2} s ({:.0} MB/s), \
         peak resident memory grew by {} KiB while reading",
        file_size as f64 / 1e6,
        secs,
        file_size as f64 / 1e6 / secs,
        peak_rss_kib().saturating_sub(before)
    );

    let mut group = c.benchmark_group("tmx");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(30));
    group.throughput(Throughput::Bytes(file_size));
    group.bench_function("write", |b| {
        b.iter(|| {
            let mut sink = Count::default();
            write_memory(&mut sink, black_box(&en), black_box(&uk));
            assert_eq!(sink.0, file_size);
        })
    });
    group.bench_function("read-file", |b| {
        b.iter(|| read_memory(std::fs::File::open(&path).unwrap()))
    });
    let bytes = std::fs::read(&path).unwrap();
    group.bench_function("read", |b| b.iter(|| read_memory(black_box(&bytes[..]))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
