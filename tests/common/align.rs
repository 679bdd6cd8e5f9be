//! The Nordhaven article in English, Russian and Ukrainian (a headline, then one paragraph
//! of five sentences; the Ukrainian version leaves one out), and readers of the outputs of
//! `polyalign align`: the unit blocks of the text format and the ladder format.

use predicates::Predicate;
use tempfile::TempDir;

use super::dir_with;

/// The English version: a headline, then one paragraph of five sentences.
pub const EN: &str = "Harbour Bridge Opens in Nordhaven\n\
\n\
The Harbour Bridge in Nordhaven opened to traffic on 14 May after six years of construction. \
Mayor Anna Kowalski said the project cost $2.3 million more than planned. \
The crossing is expected to carry about 84,000 vehicles a day. \
Margit Holm, 71, has lived on Harbour Street all her life. \
\"We waited so long,\" she said.\n";

pub const RU: &str = "В Нордхавене открылся Портовый мост\n\
\n\
Портовый мост в Нордхавене открылся для движения 14 мая после шести лет строительства. \
Мэр Анна Ковальски заявила, что проект обошелся на 2,3 млн долларов дороже, чем планировалось. \
Ожидается, что переправа будет пропускать около 84 тыс. автомобилей в сутки. \
71-летняя Маргит Хольм всю жизнь живет на Портовой улице. \
«Мы так долго ждали», – сказала она.\n";

/// The Ukrainian version drops the sentence about Margit Holm.
pub const UK: &str = "У Нордгавені відкрився Портовий міст\n\
\n\
Портовий міст у Нордгавені відкрили для руху 14 травня після шести років будівництва. \
Міська голова Анна Ковальскі заявила, що проєкт коштував на 2,3 млн доларів більше, ніж планувалося. \
Очікується, що переправа пропускатиме близько 84 тис. автомобілів на добу. \
«Ми так довго чекали», – сказала вона.\n";

/// The trio `a.en.txt`, `a.ru.txt`, `a.uk.txt`, plus copies without language in the name.
pub fn trio() -> TempDir {
    dir_with(&[
        ("a.en.txt", EN.as_bytes()),
        ("a.ru.txt", RU.as_bytes()),
        ("a.uk.txt", UK.as_bytes()),
        ("first.txt", EN.as_bytes()),
        ("second.txt", RU.as_bytes()),
        ("third.txt", UK.as_bytes()),
    ])
}

/// One line of a unit block in the text format: language, ids (`0-1` or `-`), text.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub lang: String,
    pub ids: String,
    pub text: String,
}

/// The units of the text format: blocks `#1 1-1-1 score 0.99` then `  en [0-0] text`.
pub fn parse_units(out: &str) -> Vec<Vec<Row>> {
    let mut units: Vec<Vec<Row>> = Vec::new();
    for line in out.lines() {
        if line.starts_with('#') {
            let head: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(head.len(), 4, "unit header {line:?}");
            assert_eq!(head[2], "score", "unit header {line:?}");
            let score: f64 = head[3].parse().expect("score is a number");
            assert!((0.0..=1.0).contains(&score), "unit header {line:?}");
            units.push(Vec::new());
        } else if let Some(rest) = line.strip_prefix("  ") {
            let (lang, rest) = rest.split_once(" [").expect("`  xx [ids] text`");
            let (ids, text) = rest.split_once(']').expect("`  xx [ids] text`");
            units
                .last_mut()
                .expect("a row belongs to a unit")
                .push(Row {
                    lang: lang.to_string(),
                    ids: ids.to_string(),
                    text: text.trim().to_string(),
                });
        } else {
            assert!(line.is_empty(), "unexpected line {line:?}");
        }
    }
    units
}

/// The unit whose row of `lang` contains `needle`.
pub fn unit_with<'u>(units: &'u [Vec<Row>], lang: &str, needle: &str) -> &'u [Row] {
    units
        .iter()
        .find(|u| u.iter().any(|r| r.lang == lang && r.text.contains(needle)))
        .unwrap_or_else(|| panic!("no unit with {lang} {needle:?} in {units:#?}"))
}

/// The row of `lang` in `unit`.
pub fn row<'u>(unit: &'u [Row], lang: &str) -> &'u Row {
    unit.iter()
        .find(|r| r.lang == lang)
        .unwrap_or_else(|| panic!("no {lang} row in {unit:?}"))
}

/// Every sentence id of `lang` appears once, in order, over the units (`0-1`, `-`).
pub fn assert_ids_cover(units: &[Vec<Row>], lang: &str, count: usize) {
    let mut next = 0;
    for u in units {
        let r = row(u, lang);
        if r.ids == "-" {
            assert!(r.text.is_empty(), "{r:?}");
            continue;
        }
        let (a, b) = r.ids.split_once('-').expect("ids `a-b`");
        let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
        assert_eq!(a, next, "{lang}: units out of order at {r:?}");
        assert!(b >= a);
        next = b + 1;
    }
    assert_eq!(
        next, count,
        "{lang}: the units hold {next} of {count} sentences"
    );
}

/// A ladder link: source ids, target ids, score.
pub type LadderLink = (Vec<usize>, Vec<usize>, f64);

/// The pairs of a ladder output: header `# en-ru`, then `[0]:[0, 1]:0.930` lines.
pub fn parse_ladder(out: &str) -> Vec<(String, Vec<LadderLink>)> {
    let line_re = predicates::str::is_match(r"^\[[0-9, ]*\]:\[[0-9, ]*\]:[01]\.[0-9]{3}$")
        .expect("valid regex");
    let ids = |s: &str| -> Vec<usize> {
        s.split(", ")
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().expect("id"))
            .collect()
    };
    let mut pairs: Vec<(String, Vec<LadderLink>)> = Vec::new();
    for line in out.lines() {
        if let Some(pair) = line.strip_prefix("# ") {
            pairs.push((pair.to_string(), Vec::new()));
            continue;
        }
        assert!(line_re.eval(line), "ladder line {line:?}");
        let parts: Vec<&str> = line.split(':').collect();
        assert_eq!(parts.len(), 3, "{line:?}");
        let src = ids(parts[0].trim_start_matches('[').trim_end_matches(']'));
        let tgt = ids(parts[1].trim_start_matches('[').trim_end_matches(']'));
        let score: f64 = parts[2].parse().expect("score");
        assert!((0.0..=1.0).contains(&score), "{line:?}");
        pairs
            .last_mut()
            .expect("a link line follows a header")
            .1
            .push((src, tgt, score));
    }
    pairs
}

/// The links of a pair cover `n` and `m` sentences in order.
pub fn assert_ladder_covers(links: &[LadderLink], n: usize, m: usize) {
    let (mut i, mut j) = (0, 0);
    for (src, tgt, _) in links {
        assert!(!(src.is_empty() && tgt.is_empty()), "{links:?}");
        for &x in src {
            assert_eq!(x, i, "{links:?}");
            i += 1;
        }
        for &y in tgt {
            assert_eq!(y, j, "{links:?}");
            j += 1;
        }
    }
    assert_eq!((i, j), (n, m), "{links:?}");
}
