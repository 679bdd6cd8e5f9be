use super::*;

/// The findings of one kind.
fn of_kind<'r>(report: &'r Report<'_>, kind: Kind) -> Vec<&'r Finding> {
    report.findings.iter().filter(|f| f.kind == kind).collect()
}

fn check<'t>(versions: &[(Lang, &'t str)]) -> Report<'t> {
    let versions: Vec<Version> = versions
        .iter()
        .map(|&(l, t)| Version::new(l, format!("{l}.txt"), t))
        .collect();
    Checker::default().check(&versions).unwrap()
}

fn errors(report: &Report) -> Vec<(Kind, Vec<Lang>)> {
    report
        .at_least(Severity::Error)
        .map(|f| (f.kind, f.langs.clone()))
        .collect()
}

const EN: &str = "Bridge opens in Nordhaven\n\nThe Harbour Bridge opened on Wednesday, almost six years after construction began. The crossing is 1.5 km long and is expected to carry about 84,000 cars a day.\n\nThe project cost 412 million euros. Mayor Anna Kowalski called it \"a new map of Nordhaven\".\n\nThe ferry, which has operated since 1911, will close on 30 June. Its 37 employees have been offered new jobs.";
const RU: &str = "В Нордхавене открылся мост\n\nПортовый мост открылся в среду, почти через шесть лет после начала строительства. Длина переправы 1,5 км, и ожидается, что она будет пропускать около 84 тыс. автомобилей в сутки.\n\nПроект обошелся в 412 млн евро. Мэр Анна Ковальски назвала его «новой картой Нордхавена».\n\nПаром, который работал с 1911 г., закроется 30 июня. Его 37 сотрудникам предложили новую работу.";
const UK: &str = "У Нордгавені відкрився міст\n\nПортовий міст відкрився в середу, майже через шість років після початку будівництва. Довжина переправи 1,5 км, і очікується, що вона пропускатиме близько 84 тис. автомобілів на добу.\n\nПроєкт коштував 412 млн євро. Міська голова Анна Ковальскі назвала його «новою мапою Нордгавена».\n\nПором, який працював з 1911 р., закриється 30 червня. Його 37 працівникам запропонували нову роботу.";

#[test]
fn a_clean_trio_has_no_errors_or_warnings() {
    let report = check(&[(Lang::EN, EN), (Lang::RU, RU), (Lang::UK, UK)]);
    let serious: Vec<_> = report.at_least(Severity::Warning).collect();
    assert!(serious.is_empty(), "{serious:#?}");
}

#[test]
fn a_changed_number_is_an_error_in_that_version_only() {
    let uk = UK.replace("412 млн", "421 млн");
    let report = check(&[(Lang::EN, EN), (Lang::RU, RU), (Lang::UK, &uk)]);
    assert_eq!(errors(&report), [(Kind::Number, vec![Lang::UK])]);
    let f = report.at_least(Severity::Error).next().unwrap();
    assert_eq!(
        f.message,
        "numbers differ: en has 412,000,000, uk has 421,000,000"
    );
    assert_eq!(f.positions[2].paragraph, 3);
    assert_eq!(f.positions[2].line, 5);
}

#[test]
fn a_dropped_sentence_is_missing_with_its_text_and_position() {
    let ru = RU.replace(" Его 37 сотрудникам предложили новую работу.", "");
    let report = check(&[(Lang::EN, EN), (Lang::RU, &ru), (Lang::UK, UK)]);
    assert_eq!(errors(&report), [(Kind::Missing, vec![Lang::RU])]);
    let f = report.at_least(Severity::Error).next().unwrap();
    assert_eq!(
        f.texts[0].text,
        "Its 37 employees have been offered new jobs."
    );
    assert_eq!(f.texts[1].text, "");
    assert_eq!((f.positions[0].paragraph, f.positions[0].sentence), (4, 7));
}

#[test]
fn an_untranslated_sentence_is_found() {
    let uk = UK.replace(
        "Проєкт коштував 412 млн євро.",
        "The project cost 412 million euros.",
    );
    let report = check(&[(Lang::EN, EN), (Lang::RU, RU), (Lang::UK, &uk)]);
    assert_eq!(errors(&report), [(Kind::Untranslated, vec![Lang::UK])]);
}

#[test]
fn russian_text_in_the_ukrainian_version_is_found() {
    let uk = UK.replace(
        "Пором, який працював з 1911 р., закриється 30 червня.",
        "Паром, который работал с 1911 г., закроется 30 июня.",
    );
    let report = check(&[(Lang::EN, EN), (Lang::RU, RU), (Lang::UK, &uk)]);
    assert_eq!(errors(&report), [(Kind::Language, vec![Lang::UK])]);
    let f = report.at_least(Severity::Error).next().unwrap();
    assert!(f.message.contains("reads as Russian"), "{f:#?}");
    assert!(f.message.contains("the same as the ru version"), "{f:#?}");
}

#[test]
fn a_dropped_name_is_reported() {
    let uk = UK.replace("Міська голова Анна Ковальскі", "Міська голова");
    let report = check(&[(Lang::EN, EN), (Lang::RU, RU), (Lang::UK, &uk)]);
    let names: Vec<_> = of_kind(&report, Kind::Name);
    assert_eq!(names.len(), 1, "{:#?}", report.findings);
    assert_eq!(names[0].severity, Severity::Info);
    assert!(
        names[0].message.starts_with("uk lacks Anna"),
        "{}",
        names[0].message
    );
    // A Latin-script token only one version has is a warning about that version.
    let uk = UK.replace("Проєкт коштував", "Проєкт Harbour Link коштував");
    let report = check(&[(Lang::EN, EN), (Lang::RU, RU), (Lang::UK, &uk)]);
    let names: Vec<_> = of_kind(&report, Kind::Name);
    assert_eq!(names.len(), 1, "{:#?}", report.findings);
    assert_eq!(names[0].severity, Severity::Warning);
    assert_eq!(names[0].message, "only uk has Harbour, Link");
    // Dropped from one version, it is a warning about the version that lacks it.
    let en = EN.replace("The project cost", "The Harbour Link project cost");
    let ru = RU.replace("Проект обошелся", "Проект Harbour Link обошелся");
    let report = check(&[(Lang::EN, &en), (Lang::RU, &ru), (Lang::UK, UK)]);
    let names: Vec<_> = of_kind(&report, Kind::Name);
    assert_eq!(names.len(), 1, "{:#?}", report.findings);
    assert_eq!(
        names[0].message,
        "uk lacks Harbour (en, ru), Link (en, ru) (spelled out or translated?)"
    );
}

#[test]
fn unbalanced_quotes_are_a_structure_finding() {
    let ru = RU.replace("«новой картой Нордхавена».", "«новой картой Нордхавена.");
    let report = check(&[(Lang::EN, EN), (Lang::RU, &ru)]);
    let f: Vec<_> = of_kind(&report, Kind::Structure);
    assert_eq!(f.len(), 1, "{:#?}", report.findings);
    assert!(f[0].message.contains("1 `«` and 0 `»`"), "{}", f[0].message);
}

#[test]
fn ignore_and_severity_settings_apply() {
    let uk = UK.replace("412 млн", "421 млн");
    let config = CheckConfig {
        severity_of: vec![(Kind::Number, Severity::Info)],
        ..CheckConfig::default()
    };
    let versions = [
        Version::new(Lang::EN, "en", EN),
        Version::new(Lang::UK, "uk", &uk),
    ];
    let report = Checker::new(config).check(&versions).unwrap();
    assert_eq!(report.at_least(Severity::Warning).count(), 0);
    assert_eq!(report.findings[0].severity, Severity::Info);
    let config = CheckConfig {
        ignore: vec![Kind::Number],
        ..CheckConfig::default()
    };
    let report = Checker::new(config).check(&versions).unwrap();
    assert!(report.findings.iter().all(|f| f.kind != Kind::Number));
}

#[test]
fn fewer_than_two_versions_is_an_error() {
    let err = Checker::default()
        .check(&[Version::new(Lang::EN, "en", EN)])
        .unwrap_err();
    assert!(matches!(err, CheckError::TooFewVersions));
}

#[test]
fn empty_versions_give_missing_content_not_a_panic() {
    let report = check(&[(Lang::EN, EN), (Lang::RU, "")]);
    assert!(report
        .findings
        .iter()
        .any(|f| f.kind == Kind::Missing && f.langs == [Lang::RU]));
    let report = check(&[(Lang::EN, ""), (Lang::RU, "")]);
    assert!(report.findings.is_empty());
}

#[test]
fn unbalanced_pairs_are_described() {
    assert_eq!(checks::unbalanced("«a» (b) \"c\""), None);
    assert_eq!(checks::unbalanced("„a“ and “b”"), None);
    assert_eq!(
        checks::unbalanced("(a (b)").as_deref(),
        Some("2 `(` and 1 `)`")
    );
    assert!(checks::unbalanced("\"a").is_some());
}

#[test]
fn a_sentence_dropped_beside_another_is_missing_even_when_aligned_as_a_merge() {
    // Without anchors, the aligner may take the two English sentences as a 2-1 merge; the
    // Russian one is then far shorter than two sentences predict.
    let en = "Residents gathered on the embankment despite the rain and waited for hours. \
              Many of them walked across the bridge before the first cars were allowed on it.";
    let ru = "Несмотря на дождь, жители собрались на набережной и ждали несколько часов.";
    let en = format!("{EN}\n\n{en}");
    let ru = format!("{RU}\n\n{ru}");
    let report = check(&[(Lang::EN, &en), (Lang::RU, &ru)]);
    let missing: Vec<_> = of_kind(&report, Kind::Missing);
    assert_eq!(missing.len(), 1, "{:#?}", report.findings);
    assert!(
        missing[0].texts[0].text.starts_with("Many of them walked"),
        "{:#?}",
        missing[0]
    );
}

#[test]
fn numbers_written_as_words_excuse_digits() {
    let set = |t: &str| checks::spelled_numbers(t).into_iter().collect::<Vec<_>>();
    assert!(set("меньше сорока восьми").contains(&"48".to_string()));
    assert!(set("less than forty-eight").contains(&"48".to_string()));
    assert!(set("свыше тысячи людей").contains(&"1000".to_string()));
    assert!(set("двісті п'ятдесят тисяч").contains(&"250000".to_string()));
    assert!(set("two hundred and five").contains(&"205".to_string()));
    let en = format!("{EN}\n\nIt will be more than one and less than 48, he said.");
    let ru = format!("{RU}\n\nБольше одного и меньше сорока восьми, сказал он.");
    let report = check(&[(Lang::EN, &en), (Lang::RU, &ru)]);
    assert!(
        report.findings.iter().all(|f| f.kind != Kind::Number),
        "{:#?}",
        report.findings
    );
}

#[test]
fn an_untranslated_sentence_inside_a_merge_is_untranslated() {
    // The Russian version merges two English sentences and leaves one of them in English.
    let en = format!(
        "{EN}\n\nThe mayor thanked the builders. She said the city would never forget them."
    );
    let ru = format!("{RU}\n\nМэр поблагодарила строителей, сказав, что город их не забудет. The mayor thanked the builders.");
    let report = check(&[(Lang::EN, &en), (Lang::RU, &ru)]);
    let kinds: Vec<Kind> = report.at_least(Severity::Error).map(|f| f.kind).collect();
    assert!(
        kinds.contains(&Kind::Untranslated),
        "{:#?}",
        report.findings
    );
    assert!(!kinds.contains(&Kind::Language), "{:#?}", report.findings);
}

#[test]
fn a_russian_sentence_without_telltale_letters_in_the_ukrainian_version_is_found() {
    // No ы э ъ ё and no function word: only being the Russian version's sentence tells.
    let en = format!("{EN}\n\nPolice detained the suspect near the station.");
    let ru = format!("{RU}\n\nПолиция задержала подозреваемого возле вокзала.");
    let uk = format!("{UK}\n\nПолиция задержала подозреваемого возле вокзала.");
    let report = check(&[(Lang::EN, &en), (Lang::RU, &ru), (Lang::UK, &uk)]);
    assert_eq!(
        errors(&report),
        [(Kind::Language, vec![Lang::UK])],
        "{:#?}",
        report.findings
    );
}
