//! The gate and injected faults, on the clean trio of `tests/fixtures/check`: one fault
//! injected into the Russian or the Ukrainian version (a sentence dropped, repeated,
//! added from elsewhere, left in English, cut in half; a number changed; two paragraphs
//! swapped), at every sentence of both versions in turn. The gate is open when the faulty
//! trio has no finding at the default severity (the exit code 0) or fewer errors than the
//! clean trio.
//!
//! The property the checker is held to is that no fault opens the gate. It does not hold
//! yet for every fault: a short sentence dropped inside a merge, a sentence cut where the
//! aligner then merges, paragraphs swapped that the aligner absorbs into one unit. The test
//! states the property for the faults where it holds (an English sentence left in) and
//! bounds the others by the counts measured, so that a change that opens the gate more
//! often fails, and one that closes it can lower the bounds.

mod common;
use common::{cases, fixture, proptest_config};

use polyalign::lang::Lang;
use polyalign::qa::{Checker, Version};
use proptest::prelude::*;

/// One version as paragraphs of sentences, cut by the segmenter.
fn paragraphs(lang: Lang, text: &str) -> Vec<Vec<String>> {
    let doc = Version::new(lang, lang.code(), text);
    let mut out: Vec<Vec<String>> = Vec::new();
    for i in 0..doc.len() {
        if i == 0 || doc.paragraph(i) != doc.paragraph(i - 1) {
            out.push(Vec::new());
        }
        out.last_mut()
            .expect("a paragraph")
            .push(doc.sentence(i).to_string());
    }
    out
}

fn text_of(paragraphs: &[Vec<String>]) -> String {
    paragraphs
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[derive(Debug, Clone, Copy)]
enum Fault {
    Drop,
    Repeat,
    Add,
    English,
    Cut,
    Number,
    Swap,
}

/// `(errors, findings at warning or above)` of a trio.
fn gate(texts: &[String; 3]) -> (usize, usize) {
    let versions: Vec<Version> = [Lang::EN, Lang::RU, Lang::UK]
        .into_iter()
        .zip(texts)
        .map(|(lang, text)| Version::new(lang, lang.code(), text))
        .collect();
    let report = Checker::default().check(&versions).expect("checked");
    let [_, warnings, errors] = report.counts();
    (errors, warnings + errors)
}

fn read(lang: &str) -> String {
    std::fs::read_to_string(fixture(&format!("check/clean.{lang}.txt"))).expect("fixture")
}

/// Injects `fault` into `version` at `at` (a share of its sentences, 0 to 1); false when
/// the fault does not apply there.
fn inject(version: &mut [Vec<String>], english: &[Vec<String>], fault: Fault, at: f64) -> bool {
    let all: Vec<(usize, usize)> = version
        .iter()
        .enumerate()
        .flat_map(|(p, s)| (0..s.len()).map(move |i| (p, i)))
        .collect();
    let (p, i) = all[((all.len() as f64 * at) as usize).min(all.len() - 1)];
    let sentence = version[p][i].clone();
    match fault {
        Fault::Drop => {
            version[p].remove(i);
        }
        Fault::Repeat => {
            if sentence.chars().count() < 40 {
                return false;
            }
            version[p].insert(i + 1, sentence);
        }
        Fault::Add => version[p].insert(
            i,
            "Тем временем в соседнем городе открылся новый торговый центр с кинотеатром."
                .to_string(),
        ),
        Fault::English => {
            // The English sentence of the same place, by share of the text.
            let en: Vec<&String> = english.iter().flatten().collect();
            let k = ((en.len() as f64 * at) as usize).min(en.len() - 1);
            if en[k].chars().count() < 40 {
                return false;
            }
            version[p][i] = en[k].clone();
        }
        Fault::Cut => {
            let words: Vec<&str> = sentence.split_whitespace().collect();
            if words.len() < 12 {
                return false;
            }
            version[p][i] = format!("{}.", words[..words.len() / 2].join(" "));
        }
        Fault::Number => {
            let Some(k) = sentence.find(|c: char| c.is_ascii_digit()) else {
                return false;
            };
            let d = sentence.as_bytes()[k];
            let new = if d == b'9' { '1' } else { (d + 1) as char };
            let mut changed = sentence.clone();
            changed.replace_range(k..k + 1, &new.to_string());
            version[p][i] = changed;
        }
        Fault::Swap => {
            if p + 1 >= version.len() {
                return false;
            }
            version.swap(p, p + 1);
        }
    }
    true
}

/// Every fault of a kind at every sentence of ru and uk: `(trials, gate open)`, and the
/// open ones.
fn open_gates(fault: Fault) -> (usize, usize, Vec<String>) {
    let clean = [read("en"), read("ru"), read("uk")];
    let english = paragraphs(Lang::EN, &clean[0]);
    let (clean_errors, _) = gate(&clean);
    let (mut trials, mut open) = (0, Vec::new());
    for (lang, v) in [(Lang::RU, 1), (Lang::UK, 2)] {
        let count = paragraphs(lang, &clean[v]).iter().flatten().count();
        for k in 0..count {
            let at = (k as f64 + 0.5) / count as f64;
            let mut version = paragraphs(lang, &clean[v]);
            if !inject(&mut version, &english, fault, at) {
                continue;
            }
            let mut faulty = clean.clone();
            faulty[v] = text_of(&version);
            let (errors, shown) = gate(&faulty);
            trials += 1;
            if shown == 0 || errors < clean_errors {
                open.push(format!(
                    "{lang} sentence {}: {shown} shown, {errors} errors",
                    k + 1
                ));
            }
        }
    }
    (trials, open.len(), open)
}

#[test]
fn no_fault_opens_the_gate_more_often_than_measured() {
    // (fault, trials, gate open at most): the measured counts.
    let bounds = [
        (Fault::English, 67, 0),
        (Fault::Number, 40, 1),
        (Fault::Add, 79, 1),
        (Fault::Repeat, 68, 2),
        (Fault::Cut, 48, 8),
        (Fault::Swap, 73, 8),
        (Fault::Drop, 79, 10),
    ];
    for (fault, want_trials, most) in bounds {
        let (trials, open, which) = open_gates(fault);
        assert_eq!(trials, want_trials, "{fault:?}: trials");
        assert!(
            open <= most,
            "{fault:?}: the gate opens {open} times of {trials} (at most {most}): {which:#?}"
        );
    }
}

proptest! {
    #![proptest_config(proptest_config(cases(24)))]

    #[test]
    fn a_fault_never_opens_the_gate(
        fault in Just(Fault::English),
        uk in any::<bool>(),
        at in 0.0f64..1.0,
    ) {
        let (lang, v) = if uk { (Lang::UK, 2) } else { (Lang::RU, 1) };
        let clean = [read("en"), read("ru"), read("uk")];
        let english = paragraphs(Lang::EN, &clean[0]);
        let mut version = paragraphs(lang, &clean[v]);
        prop_assume!(inject(&mut version, &english, fault, at));
        let mut faulty = clean.clone();
        faulty[v] = text_of(&version);
        let (clean_errors, _) = gate(&clean);
        let (errors, shown) = gate(&faulty);
        prop_assert!(shown > 0, "{fault:?} in {lang} at {at:.3}: nothing reported");
        prop_assert!(
            errors >= clean_errors,
            "{fault:?} in {lang} at {at:.3}: {errors} errors, the clean trio has {clean_errors}"
        );
    }
}
