//! Every settings field is read: for each field of `AlignConfig`, `CheckConfig` and
//! `SegmentConfig`, a test sets it to a value other than its default and asserts that what
//! comes out changes, so that code which stops reading a field (or reads the default in its
//! place) fails that field's test. Each test says why the two results differ.
//!
//! Public API only: documents are built with `Document::from_sentences` and
//! `Document::from_text`, versions with `Version::new`.

mod common;
use common::check_trio;

use std::ops::Range;

use polyalign::align::{parse_link_types, AlignConfig, Aligner, Document, Link};
use polyalign::lang::Lang;
use polyalign::qa::{CheckConfig, Checker, Kind, Report, Severity, Version};
use polyalign::segment::{SegmentConfig, Segmenter};

// ---------------------------------------------------------------------------------------
// AlignConfig
// ---------------------------------------------------------------------------------------

/// A document of these sentences, each in a paragraph of its own.
fn doc(lang: Lang, sentences: &[&str]) -> Document<'static> {
    doc_in(lang, sentences, &[])
}

/// A document of these sentences in these paragraphs.
fn doc_in(lang: Lang, sentences: &[&str], paragraphs: &[usize]) -> Document<'static> {
    Document::from_sentences(
        lang,
        sentences.iter().map(|s| s.to_string()).collect(),
        paragraphs.to_vec(),
    )
}

/// The links of a pair without their scores.
fn ranges(links: &[Link]) -> Vec<(Range<usize>, Range<usize>)> {
    links
        .iter()
        .map(|l| (l.src.clone(), l.tgt.clone()))
        .collect()
}

/// The links of `a` and `b` with the default settings changed by `set`.
fn align_pair_with(
    a: &Document,
    b: &Document,
    set: impl FnOnce(&mut AlignConfig),
) -> Vec<(Range<usize>, Range<usize>)> {
    let mut config = AlignConfig::default();
    set(&mut config);
    ranges(
        &Aligner::new(config)
            .align_pair(a, b)
            .expect("valid settings"),
    )
}

/// English: the cost, then the traffic figure, each a sentence in one paragraph; the
/// Russian version says both in one sentence (a 2-1 link across the English paragraph
/// start).
fn merged_pair() -> (Document<'static>, Document<'static>) {
    let en = doc_in(
        Lang::EN,
        &[
            "The bridge opened on 14 May.",
            "It cost 2.3 million dollars.",
            "About 84,000 cars will cross it every day.",
            "Margit Holm was there.",
        ],
        &[0, 0, 1, 1],
    );
    let ru = doc_in(
        Lang::RU,
        &[
            "Мост открылся 14 мая.",
            "Он обошелся в 2,3 млн долларов, и около 84 тыс. машин будут пересекать его каждый день.",
            "Там была Маргит Хольм.",
        ],
        &[0, 0, 1],
    );
    (en, ru)
}

/// `link_types`: the default allows the 2-1 that the Russian merge calls for; with only
/// 1-1, 1-0 and 0-1 allowed, no link has two sentences on a side.
#[test]
fn align_link_types_restrict_the_links() {
    let (en, ru) = merged_pair();
    let default = align_pair_with(&en, &ru, |_| {});
    assert!(default.contains(&(1..3, 1..2)), "{default:?}");
    let restricted = align_pair_with(&en, &ru, |c| {
        c.link_types = parse_link_types("1-1,1-0,0-1").unwrap();
    });
    assert!(
        restricted.iter().all(|(s, t)| s.len() <= 1 && t.len() <= 1),
        "{restricted:?}"
    );
}

/// `paragraph_penalty`: the default pays 2.0 for the 2-1 that runs over the English
/// paragraph start and still takes it; at 50 the aligner avoids the crossing and links the
/// cost sentence alone.
#[test]
fn align_paragraph_penalty_prices_links_across_paragraphs() {
    let (en, ru) = merged_pair();
    let default = align_pair_with(&en, &ru, |_| {});
    assert!(default.contains(&(1..3, 1..2)), "{default:?}");
    let strict = align_pair_with(&en, &ru, |c| c.paragraph_penalty = 50.0);
    assert!(strict.contains(&(1..2, 1..2)), "{strict:?}");
    assert!(!strict.contains(&(1..3, 1..2)), "{strict:?}");
}

/// `anchor_weight`: Russian leaves out the English sentence about 111 trucks, and its
/// sentence about Margit Holm is short. With anchors (the default) the name and the age
/// link the Holm sentences and the trucks are left out; with weight 0 (plain Gale-Church)
/// the lengths decide, and the trucks are linked to the Holm sentence.
#[test]
fn align_anchor_weight_lets_numbers_and_names_decide() {
    let en = doc(
        Lang::EN,
        &[
            "The Harbour Bridge in Nordhaven opened to traffic on 14 May after six years of construction.",
            "Mayor Anna Kowalski said the project cost 2.3 million dollars more than planned.",
            "Officials counted 111 trucks.",
            "Margit Holm, 71, has lived on Harbour Street all her life and remembers the old ferry well.",
            "\"We waited so long,\" she said.",
        ],
    );
    let ru = doc(
        Lang::RU,
        &[
            "Портовый мост в Нордхавене открылся для движения 14 мая после шести лет строительства.",
            "Мэр Анна Ковальски заявила, что проект обошелся на 2,3 млн долларов дороже, чем планировалось.",
            "71-летняя Маргит Хольм всю жизнь.",
            "«Мы так долго ждали», – сказала она.",
        ],
    );
    let anchored = align_pair_with(&en, &ru, |_| {});
    assert!(anchored.contains(&(2..3, 2..2)), "{anchored:?}");
    assert!(anchored.contains(&(3..4, 2..3)), "{anchored:?}");
    let lengths_only = align_pair_with(&en, &ru, |c| c.anchor_weight = 0.0);
    assert!(lengths_only.contains(&(2..3, 2..3)), "{lengths_only:?}");
}

/// The scores of the links of `a` and `b` with the default settings changed by `set`.
fn scores_with(a: &Document, b: &Document, set: impl FnOnce(&mut AlignConfig)) -> Vec<f64> {
    let mut config = AlignConfig::default();
    set(&mut config);
    let links = Aligner::new(config)
        .align_pair(a, b)
        .expect("valid settings");
    links.iter().map(|l| l.score).collect()
}

/// Russian and Ukrainian sentences that share word shapes but no names or numbers.
fn cognate_pair() -> (Document<'static>, Document<'static>) {
    let ru = doc(
        Lang::RU,
        &[
            "Президент подписал историческое соглашение.",
            "Министерство объявило программу реконструкции.",
        ],
    );
    let uk = doc(
        Lang::UK,
        &[
            "Президент підписав історичну угоду.",
            "Міністерство оголосило програму реконструкції.",
        ],
    );
    (ru, uk)
}

#[test]
fn align_cognate_weight_scores_shared_word_shapes() {
    let (ru, uk) = cognate_pair();
    let with = scores_with(&ru, &uk, |_| {});
    let without = scores_with(&ru, &uk, |c| c.cognate_weight = 0.0);
    assert!(with[1] > without[1], "{with:?} {without:?}");
}

/// English and German sentences whose words recur: `ferry`/`Fähre` and `bridge`/`Brücke`
/// in several confident links, so the learned lexicon has entries.
fn recurring_pair() -> (Document<'static>, Document<'static>) {
    let en = doc(
        Lang::EN,
        &[
            "The ferry leaves at 8.",
            "The bridge opens on 14 May.",
            "The ferry returns at 9.",
            "The bridge closes on 15 May.",
            "The ferry stops in June, and the bridge stays open.",
        ],
    );
    let de = doc(
        "de".parse().unwrap(),
        &[
            "Die Fähre fährt um 8 ab.",
            "Die Brücke öffnet am 14. Mai.",
            "Die Fähre kehrt um 9 zurück.",
            "Die Brücke schließt am 15. Mai.",
            "Die Fähre fährt im Juni nicht mehr, und die Brücke bleibt offen.",
        ],
    );
    (en, de)
}

#[test]
fn align_lexicon_weight_adds_the_learned_lexicon() {
    let (en, de) = recurring_pair();
    let with = scores_with(&en, &de, |_| {});
    let without = scores_with(&en, &de, |c| c.lexicon_weight = 0.0);
    assert!(with[4] > without[4], "{with:?} {without:?}");
}

#[test]
fn align_dictionary_and_its_weight_add_entries() {
    let en = doc(Lang::EN, &["The weather was cold and windy all day."]);
    let de = doc(
        "de".parse().unwrap(),
        &["Das Wetter war den ganzen Tag kalt und windig."],
    );
    let dict = polyalign::align::Dictionary::parse("Wetter @ weather\nkalt @ cold\n", "d").unwrap();
    let dict = Some(std::sync::Arc::new(dict));
    let plain = scores_with(&en, &de, |c| c.lexicon_weight = 0.0);
    let with = scores_with(&en, &de, |c| {
        c.lexicon_weight = 0.0;
        c.dictionary = dict.clone();
    });
    assert!(with[0] > plain[0], "{with:?} {plain:?}");
    let weightless = scores_with(&en, &de, |c| {
        c.lexicon_weight = 0.0;
        c.dictionary = dict.clone();
        c.dictionary_weight = 0.0;
    });
    assert_eq!(weightless, plain);
}

/// Four English sentences and their Russian versions without the second (the traffic
/// figure): the full dynamic programme links the last two sentences 1-1 after the omitted
/// one.
fn omission_pair() -> (Document<'static>, Document<'static>) {
    let en = doc(
        Lang::EN,
        &[
            "The Harbour Bridge in Nordhaven opened to traffic at 6 a.m. on Wednesday, almost six years after construction began.",
            "The 1.5-kilometre crossing links the old town with the industrial district of Eastport and is expected to carry about 84,000 vehicles a day.",
            "\"Today we are finally one city, not two halves divided by water,\" Mayor Anna Kowalski said at the ceremony.",
            "\"Welcome to the new Nordhaven!\"",
        ],
    );
    let ru = doc(
        Lang::RU,
        &[
            "Портовый мост в Нордхавене открылся для движения в среду в 6 утра, почти через шесть лет после начала строительства.",
            "«Сегодня мы наконец стали одним городом, а не двумя половинами, разделенными водой», – сказала на церемонии мэр Анна Ковальски.",
            "«Добро пожаловать в новый Нордхавен!»",
        ],
    );
    (en, ru)
}

/// `full_dp_cells` and `band_radius`: 4 × 3 sentences are far below the default 40,000
/// cells, so the full programme runs; at 1 cell the search goes coarse to fine (blocks of
/// two sentences) and finds the same links with the default band of 8 sentences, and
/// even with no band at all: the blocks carry their sentences' numbers and names, so the
/// coarse path already pairs the right blocks.
#[test]
fn align_full_dp_cells_and_band_radius_find_the_full_programme_s_links() {
    let (en, ru) = omission_pair();
    let expected = vec![(0..1, 0..1), (1..2, 1..1), (2..3, 1..2), (3..4, 2..3)];
    assert_eq!(align_pair_with(&en, &ru, |c| c.band_radius = 0), expected);
    assert_eq!(align_pair_with(&en, &ru, |c| c.full_dp_cells = 1), expected);
    let no_band = align_pair_with(&en, &ru, |c| {
        c.full_dp_cells = 1;
        c.band_radius = 0;
    });
    assert_eq!(no_band, expected);
}

/// `pivot`: English adds an aside and Russian a sentence of its own at the same place, so
/// two units are ready at once; the one without a pivot sentence comes first (insertions
/// come before the pivot sentence that follows them).
#[test]
fn align_pivot_orders_the_units() {
    let en = doc(
        Lang::EN,
        &[
            "The bridge opened on 14 May.",
            "Read also: the ferry.",
            "Margit Holm was there.",
        ],
    );
    let ru = doc(
        Lang::RU,
        &[
            "Мост открылся 14 мая.",
            "Погода была хорошей весь день 1999.",
            "Там была Маргит Хольм.",
        ],
    );
    let units = |pivot: usize| -> Vec<Vec<Range<usize>>> {
        let mut config = AlignConfig::default();
        config.pivot = pivot;
        Aligner::new(config)
            .align(&[en.clone(), ru.clone()])
            .expect("valid settings")
            .units
            .into_iter()
            .map(|u| u.groups)
            .collect()
    };
    // Pivot English: the Russian-only unit first; pivot Russian: the English aside first.
    assert_eq!(units(0)[1], vec![1..1, 1..2]);
    assert_eq!(units(0)[2], vec![1..2, 2..2]);
    assert_eq!(units(1)[1], vec![1..2, 1..1]);
    assert_eq!(units(1)[2], vec![2..2, 1..2]);
}

// ---------------------------------------------------------------------------------------
// CheckConfig
// ---------------------------------------------------------------------------------------

/// The texts of a trio of `tests/fixtures/check`: the clean versions with `faulty` in
/// place of one.
fn trio_texts(faulty: &str) -> Vec<String> {
    check_trio(faulty)
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("fixture"))
        .collect()
}

/// The report on en, ru and uk texts with the default settings changed by `set`.
fn check_with(texts: &[String], set: impl FnOnce(&mut CheckConfig)) -> Report<'_> {
    let mut config = CheckConfig::default();
    set(&mut config);
    let versions: Vec<Version<'_>> = [Lang::EN, Lang::RU, Lang::UK]
        .into_iter()
        .zip(texts)
        .map(|(lang, text)| Version::new(lang, format!("{lang}.txt"), text))
        .collect();
    Checker::new(config)
        .check(&versions)
        .expect("the check runs")
}

/// The findings of a kind: (severity, languages).
fn of_kind(report: &Report, kind: Kind) -> Vec<(Severity, Vec<Lang>)> {
    report
        .findings
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| (f.severity, f.langs.clone()))
        .collect()
}

/// `align` (its `pivot`): the reference version. With English as the reference (the
/// default) the sentence Russian dropped is missing in Russian; with Russian as the
/// reference, English and Ukrainian have extra content (one finding).
#[test]
fn check_align_pivot_is_the_reference() {
    let texts = trio_texts("dropped.ru.txt");
    let default = check_with(&texts, |_| {});
    assert_eq!(default.reference, 0);
    assert!(of_kind(&default, Kind::Missing).contains(&(Severity::Error, vec![Lang::RU])));
    assert!(of_kind(&default, Kind::Extra)
        .iter()
        .all(|(s, _)| *s == Severity::Info));
    let from_ru = check_with(&texts, |c| c.align.pivot = 1);
    assert_eq!(from_ru.reference, 1);
    // One finding for the sentence both English and Ukrainian have.
    let extra = of_kind(&from_ru, Kind::Extra);
    assert!(
        extra.contains(&(Severity::Error, vec![Lang::EN, Lang::UK])),
        "{extra:?}"
    );
}

/// `align` (the rest of it): the aligner is built from these settings. With only 1-1, 1-0
/// and 0-1 links, the clean trio's merges (units of several sentences) are gone.
#[test]
fn check_align_settings_reach_the_aligner() {
    let texts = trio_texts("clean.uk.txt");
    let merges = |r: &Report| {
        r.alignment
            .units
            .iter()
            .filter(|u| u.groups.iter().any(|g| g.len() > 1))
            .count()
    };
    let default = check_with(&texts, |_| {});
    assert!(merges(&default) > 0);
    let one_to_one = check_with(&texts, |c| {
        c.align.link_types = parse_link_types("1-1,1-0,0-1").unwrap();
    });
    assert_eq!(merges(&one_to_one), 0);
}

/// `ignore`: the changed number is reported, unless its kind is ignored.
#[test]
fn check_ignore_drops_a_kind() {
    let texts = trio_texts("number.uk.txt");
    let default = check_with(&texts, |_| {});
    assert!(of_kind(&default, Kind::Number).contains(&(Severity::Error, vec![Lang::UK])));
    let ignored = check_with(&texts, |c| c.ignore = vec![Kind::Number]);
    assert_eq!(of_kind(&ignored, Kind::Number), vec![]);
    assert!(
        !ignored.findings.is_empty(),
        "other kinds are still reported"
    );
}

/// `severity_of`: the changed number is an error by default, information when set so.
#[test]
fn check_severity_of_overrides_a_kind() {
    let texts = trio_texts("number.uk.txt");
    let default = check_with(&texts, |_| {});
    assert!(of_kind(&default, Kind::Number)
        .iter()
        .any(|(s, _)| *s == Severity::Error));
    let info = check_with(&texts, |c| {
        c.severity_of = vec![(Kind::Number, Severity::Info)];
    });
    let numbers = of_kind(&info, Kind::Number);
    assert!(!numbers.is_empty());
    assert!(
        numbers.iter().all(|(s, _)| *s == Severity::Info),
        "{numbers:?}"
    );
}

/// `length_deviation`: one Ukrainian sentence made 1.8 times as long as its English one.
/// That is within the default 4.5 robust deviations of this document's ratios, and well
/// outside 2.
#[test]
fn check_length_deviation_sets_the_outlier_threshold() {
    let en = "The bridge opened on 14 May after six years of work. It cost 412 million euros in total. \
About 84,000 vehicles will cross it every day. The ferry has carried 12,000 passengers a day since 1911. \
Its 37 workers were offered jobs at the new municipal company that will maintain the bridge. \
Drivers will pay 2 euros from 1 July. Trucks over 12 tonnes may cross only from 10:00 to 16:00. \
The city will plant 1,200 trees by autumn.";
    let uk = "Міст відкрили 14 травня після шести років робіт. Він коштував 412 млн євро. \
Щодня ним проїжджатиме близько 84 тис. автомобілів. Пором перевозив 12 000 пасажирів на день з 1911 р. \
Її 37 працівникам запропонували роботу на новому комунальному підприємстві з обслуговування мосту, \
де вони отримуватимуть таку саму зарплату, як і раніше, і збережуть усі пільги. \
З 1 липня водії платитимуть 2 євро. Вантажівки понад 12 т можуть їздити лише з 10:00 до 16:00. \
До осені місто висадить 1200 дерев.";
    let check = |deviation: Option<f64>| {
        let mut config = CheckConfig::default();
        if let Some(d) = deviation {
            config.length_deviation = d;
        }
        Checker::new(config)
            .check(&[
                Version::new(Lang::EN, "en.txt", en),
                Version::new(Lang::UK, "uk.txt", uk),
            ])
            .expect("the check runs")
    };
    let default = check(None);
    assert_eq!(of_kind(&default, Kind::Length), vec![]);
    let strict = check(Some(2.0));
    assert_eq!(
        of_kind(&strict, Kind::Length),
        vec![(Severity::Warning, vec![Lang::UK])]
    );
}

/// `min_confidence`: no unit of the clean trio scores below the default 0.65; every unit
/// scores below 1, so at 1.0 the units of a sentence in each version are reported.
#[test]
fn check_min_confidence_sets_the_score_threshold() {
    let texts = trio_texts("clean.uk.txt");
    let default = check_with(&texts, |_| {});
    assert_eq!(of_kind(&default, Kind::Confidence), vec![]);
    let doubtful = check_with(&texts, |c| c.min_confidence = 1.0);
    assert!(of_kind(&doubtful, Kind::Confidence).len() > 30);
}

/// `min_letters`: the Russian sentence in the Ukrainian version has more than the default
/// 16 letters and is reported; sentences shorter than 10,000 letters are not looked at.
#[test]
fn check_min_letters_skips_short_sentences() {
    let texts = trio_texts("russian.uk.txt");
    let default = check_with(&texts, |_| {});
    assert_eq!(
        of_kind(&default, Kind::Language),
        vec![(Severity::Error, vec![Lang::UK])]
    );
    let long_only = check_with(&texts, |c| c.min_letters = 10_000);
    assert_eq!(of_kind(&long_only, Kind::Language), vec![]);
}

// ---------------------------------------------------------------------------------------
// SegmentConfig
// ---------------------------------------------------------------------------------------

/// `headline_breaks`: a headline without a final period on its own line is a sentence and
/// a paragraph of its own by default; without headline breaks it runs into the next line.
#[test]
fn segment_headline_breaks_end_a_line_without_punctuation() {
    let text =
        "Harbour Bridge Opens in Nordhaven\nThe bridge opened on 14 May. It cost €412 million.\n";
    let count = |headline_breaks: Option<bool>| {
        let mut config = SegmentConfig::default();
        if let Some(b) = headline_breaks {
            config.headline_breaks = b;
        }
        Segmenter::with_config(Lang::EN, config)
            .sentences(text)
            .iter()
            .map(|s| (s.text(text).to_string(), s.paragraph))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        count(None),
        [
            ("Harbour Bridge Opens in Nordhaven".to_string(), 0),
            ("The bridge opened on 14 May.".to_string(), 1),
            ("It cost €412 million.".to_string(), 1),
        ]
    );
    assert_eq!(
        count(Some(false)),
        [
            (
                "Harbour Bridge Opens in Nordhaven\nThe bridge opened on 14 May.".to_string(),
                0
            ),
            ("It cost €412 million.".to_string(), 0),
        ]
    );
}
