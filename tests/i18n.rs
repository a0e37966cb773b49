//! The translation catalogue: English and Danish have the same keys with the same
//! variables, every key is used, every key the code asks for exists, and the shipped
//! exercises have their Danish texts.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use backcoach::exercise::{ExerciseLibrary, FaultCode, StanceCheckKind, ViewProblem};
use backcoach::i18n::{self, Lang};
use fluent_syntax::ast;

/// Every message of `lang` with the variables it uses, from the raw .ftl sources.
fn variables(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (l, name, text) in i18n::sources() {
        if *l != lang {
            continue;
        }
        let resource = fluent_syntax::parser::parse(*text)
            .unwrap_or_else(|(_, errors)| panic!("{lang}/{name} does not parse: {errors:?}"));
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(pattern) = &m.value {
                    pattern_vars(pattern, &mut vars);
                }
                let key = m.id.name.to_owned();
                assert!(
                    out.insert(key.clone(), vars).is_none(),
                    "{lang}: {key} is defined twice"
                );
            }
        }
    }
    out
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

/// The text of every `.rs` file under `src/`.
fn source_texts() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    assert!(out.len() > 20, "found the sources");
    out
}

/// Keys the code builds from enum names (`cue-<fault>`, `fault-<fault>`, `view-<problem>`).
fn enum_keys() -> Vec<String> {
    let mut keys = Vec::new();
    for f in FaultCode::ALL {
        keys.push(format!("cue-{}", f.as_str()));
        keys.push(format!("fault-{}", f.as_str()));
    }
    for v in ViewProblem::ALL {
        keys.push(format!("view-{}", v.as_str()));
    }
    keys
}

/// String literals in `text` that look like catalogue keys of one of `prefixes`
/// (`"home-start"`): lower case, digits, `_` and `-`, with a known first segment.
fn key_like_literals(text: &str, prefixes: &BTreeSet<&str>) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for (i, _) in text.match_indices('"') {
        let rest = &bytes[i + 1..];
        let len = rest
            .iter()
            .take_while(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || **b == b'-' || **b == b'_'
            })
            .count();
        if len == 0 || rest.get(len) != Some(&b'"') {
            continue;
        }
        let literal = &text[i + 1..i + 1 + len];
        if let Some((prefix, _)) = literal.split_once('-')
            && prefixes.contains(prefix)
        {
            found.push(literal.to_owned());
        }
    }
    found
}

#[test]
fn english_and_danish_have_the_same_keys_and_variables() {
    let en = variables(Lang::En);
    let da = variables(Lang::Da);
    assert!(en.len() > 100, "{} English keys", en.len());
    let en_keys: BTreeSet<&String> = en.keys().collect();
    let da_keys: BTreeSet<&String> = da.keys().collect();
    let missing_da: Vec<_> = en_keys.difference(&da_keys).collect();
    let missing_en: Vec<_> = da_keys.difference(&en_keys).collect();
    assert!(missing_da.is_empty(), "missing in Danish: {missing_da:?}");
    assert!(missing_en.is_empty(), "missing in English: {missing_en:?}");
    for (key, vars) in &en {
        assert_eq!(Some(vars), da.get(key), "{key}: the variables differ");
    }
    // The compiled catalogues agree with the sources (nothing was dropped on loading).
    for lang in Lang::ALL {
        let compiled: BTreeSet<String> = i18n::keys(lang).into_iter().collect();
        let parsed: BTreeSet<String> = variables(lang).into_keys().collect();
        assert_eq!(compiled, parsed, "{lang}");
    }
}

#[test]
fn danish_messages_are_danish() {
    // Words a physiotherapist expects, and none of the English left over.
    for (key, word) in [
        ("home-choose", "Vælg øvelser"),
        ("top-pain-button", "ondt"),
        ("live-tempo", "langsomt tempo"),
        ("checklist-core", "dybe mavemuskler"),
        ("checklist-core", "bækkenbund"),
        ("stance-neutral", "neutral stilling"),
    ] {
        let text = i18n::tr(Lang::Da, key);
        assert!(text.contains(word), "{key}: {text:?} lacks {word:?}");
    }
    let same: Vec<String> = i18n::keys(Lang::En)
        .into_iter()
        .filter(|k| {
            let (en, da) = (i18n::tr(Lang::En, k), i18n::tr(Lang::Da, k));
            en == da && en.chars().filter(|c| c.is_alphabetic()).count() > 6
        })
        .collect();
    // Names and codes are the same in both languages; a sentence is not.
    assert!(same.len() <= 3, "untranslated: {same:?}");
}

#[test]
fn plurals_follow_the_number() {
    let days = |lang, n: u32| i18n::tr_args(lang, "home-streak", &[("days", n.into())]);
    assert_eq!(days(Lang::En, 1), "day in a row");
    assert_eq!(days(Lang::En, 2), "days in a row");
    assert_eq!(days(Lang::Da, 1), "dag i træk");
    assert_eq!(days(Lang::Da, 0), "dage i træk");
    let secs = |n: u32| i18n::tr_args(Lang::Da, "rest-seconds", &[("secs", n.into())]);
    assert_eq!(
        (secs(1).as_str(), secs(30).as_str()),
        ("sekund", "sekunder")
    );
}

#[test]
fn every_key_is_used_and_every_used_key_exists() {
    let sources = source_texts();
    let keys: BTreeSet<String> = i18n::keys(Lang::En).into_iter().collect();
    let from_enums = enum_keys();
    for key in &from_enums {
        for lang in Lang::ALL {
            assert!(i18n::has_key(lang, key), "{lang} lacks {key}");
        }
    }
    let unused: Vec<&String> = keys
        .iter()
        .filter(|k| !from_enums.contains(k))
        .filter(|k| {
            let quoted = format!("\"{k}\"");
            !sources.iter().any(|(_, text)| text.contains(&quoted))
        })
        .collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");

    // Every key-like literal in the code is in the catalogue (a typo shows the raw key).
    let prefixes: BTreeSet<&str> = keys
        .iter()
        .filter_map(|k| k.split_once('-').map(|(p, _)| p))
        .collect();
    assert!(prefixes.contains("home") && prefixes.contains("settings"));
    let mut missing = Vec::new();
    let mut checked = 0;
    for (path, text) in &sources {
        for literal in key_like_literals(text, &prefixes) {
            checked += 1;
            if !keys.contains(&literal) {
                missing.push(format!("{path}: {literal}"));
            }
        }
    }
    assert!(checked > 100, "found the keys in the code ({checked})");
    assert!(missing.is_empty(), "not in the catalogue: {missing:?}");
}

#[test]
fn key_like_literals_are_found() {
    let prefixes: BTreeSet<&str> = ["home", "cue"].into_iter().collect();
    let code = r#"app.tr("home-start"); tr(lang, "cue-too_fast"); "knee-bend"; "home"; "Home-x""#;
    assert_eq!(
        key_like_literals(code, &prefixes),
        ["home-start", "cue-too_fast"]
    );
}

#[test]
fn stance_cues_come_from_the_catalogue() {
    let keys: BTreeSet<String> = i18n::keys(Lang::En).into_iter().collect();
    for kind in StanceCheckKind::ALL {
        for lang in Lang::ALL {
            let cue = kind.cue_in(lang);
            assert!(
                !cue.is_empty() && !keys.contains(&cue),
                "{kind:?} {lang}: {cue:?}"
            );
        }
    }
    for v in ViewProblem::ALL {
        assert_ne!(
            v.instruction_in(Lang::Da),
            v.instruction_in(Lang::En),
            "{v:?}"
        );
    }
}

#[test]
fn every_shipped_exercise_has_danish_texts() {
    let library = ExerciseLibrary::load_default().unwrap();
    assert!(!library.exercises().is_empty());
    for exercise in library.exercises() {
        assert!(
            exercise.translations.contains_key(&Lang::Da),
            "{}: no [translations.da]",
            exercise.id
        );
        let problems = exercise.translation_problems();
        assert!(problems.is_empty(), "{}: {problems:?}", exercise.id);
    }
}

/// `backcoach analyze` on a squat track, with these arguments and locale variables.
fn analyze_cli(args: &[&str], locale: &[(&str, &str)]) -> String {
    let track = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/posetracks/cmu_13_29_squats_front.jsonl");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_backcoach"));
    command
        .arg("analyze")
        .arg(&track)
        .args(["--exercise", "knee-bend"])
        .args(args);
    for key in ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"] {
        command.env_remove(key);
    }
    command.envs(locale.iter().copied());
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn analyze_speaks_the_asked_language_and_the_json_stays_neutral() {
    let slow_da = i18n::tr(Lang::Da, "cue-too_fast");
    let slow_en = i18n::tr(Lang::En, "cue-too_fast");
    let english = analyze_cli(&["--lang", "en"], &[("LANG", "da_DK.UTF-8")]);
    assert!(english.starts_with("knee-bend: 2 reps"), "{english}");
    assert!(english.contains(&slow_en), "{english}");
    let danish = analyze_cli(&["--lang", "da"], &[]);
    assert!(danish.starts_with("knee-bend: 2 gentagelser"), "{danish}");
    assert!(
        danish.contains(&slow_da) && danish.contains("fejl: for hurtigt"),
        "{danish}"
    );
    // Without --lang: the system locale's language.
    assert_eq!(analyze_cli(&[], &[("LANG", "da_DK.UTF-8")]), danish);
    // The JSON is the same whatever the language: codes, and the cues in English.
    let json_da = analyze_cli(&["--json", "--lang", "da"], &[]);
    assert_eq!(
        json_da,
        analyze_cli(&["--json"], &[("LANG", "en_GB.UTF-8")])
    );
    let report: backcoach::analysis::AnalysisReport = serde_json::from_str(&json_da).unwrap();
    assert!(
        report.cues.iter().all(|c| c.text == slow_en),
        "{:?}",
        report.cues
    );
    assert!(report.fault_codes().contains(&FaultCode::TooFast));
}

#[test]
fn an_incomplete_translation_names_what_is_missing_or_extra() {
    let library = ExerciseLibrary::load_default().unwrap();
    let mut lift = library.get("squat-lift").unwrap().clone();
    let da = lift.translations.get_mut(&Lang::Da).unwrap();
    da.guidance.remove(&FaultCode::HandsFarFromBody);
    da.cues
        .insert(FaultCode::HeadForward, "Træk hagen ind".into());
    assert_eq!(
        lift.translation_problems(),
        [
            "translations.da.cues.head_forward: no rule with this fault has its own cue",
            "translations.da.guidance.hands_far_from_body: missing (the rule has a guidance text)",
        ]
    );
}

#[test]
fn the_set_announcement_never_mixes_words_and_digits() {
    use backcoach::i18n::{Arg, tr_args};
    let say = |set: f64, sets: f64| {
        tr_args(
            Lang::Da,
            "voice-start-exercise",
            &[
                ("name", Arg::Str("Knæbøjning".into())),
                ("set", Arg::Num(set)),
                ("sets", Arg::Num(sets)),
            ],
        )
    };
    // Fluent wraps arguments in bidi isolation marks; compare without them.
    let plain = |s: String| s.replace(['\u{2068}', '\u{2069}'], "");
    assert_eq!(plain(say(1.0, 2.0)), "Knæbøjning. Sæt ét af to");
    assert_eq!(plain(say(2.0, 3.0)), "Knæbøjning. Sæt to af tre");
    assert_eq!(plain(say(3.0, 10.0)), "Knæbøjning. Sæt tre af ti");
    // Beyond ten, digits for both.
    assert_eq!(plain(say(11.0, 12.0)), "Knæbøjning. Sæt 11 af 12");
}
