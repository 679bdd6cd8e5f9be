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
