use polyalign::align::numbers::number_tokens;
use polyalign::align::translit::{skeleton, to_latin};
use polyalign::lang::Lang;
use std::time::Instant;
fn main() {
    let data = std::fs::read_to_string("/tmp/long10000.jsonl").unwrap();
    let v: serde_json::Value = serde_json::from_str(&data).unwrap();
    let en: Vec<String> = v["sentences"]["en"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    let t = Instant::now();
    let mut k = 0;
    for s in &en {
        k += number_tokens(s, Lang::EN).len();
    }
    println!("numbers {:?} {}", t.elapsed(), k);
    let t = Instant::now();
    for s in &en {
        for w in s.split(' ') {
            k += skeleton(&to_latin(w, Lang::EN)).len();
        }
    }
    println!("translit {:?} {}", t.elapsed(), k);
}
