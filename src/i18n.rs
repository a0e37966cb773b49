//! Translations: every string the user sees or hears comes from a Project Fluent catalogue
//! (`locales/<lang>/*.ftl`, compiled into the binary), in English or Danish.
//!
//! Contract:
//! - [`tr`] and [`tr_args`] look a message up by its key in a [`Lang`]; a key missing from
//!   that language falls back to English, and a key missing from both comes back as the key
//!   itself (never a panic). The tests keep both catalogues complete and free of unused keys.
//! - Exercise texts live in the exercise files (`[translations.<lang>]`, [`crate::exercise::ExerciseText`]), not here.
//! - Unicode isolation marks are off: egui draws them as boxes and speech engines read them.
//! - The language is an input: [`system_lang`] reads the locale variables once at start-up,
//!   the user's setting or `--lang` overrides it.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// A language of the coach.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Danish.
    Da,
}

impl Lang {
    /// Every language, in menu order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Da];

    /// The ISO 639-1 code ("en", "da").
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Da => "da",
        }
    }

    /// The language's own name, for the settings ("English", "Dansk").
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Da => "Dansk",
        }
    }

    /// A code ("en", "da", case-insensitive) to a language.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "da" => Some(Lang::Da),
            _ => None,
        }
    }

    /// A POSIX locale ("da_DK.UTF-8", "en_GB", "da") to a language, if it is one of ours.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let lang = locale.split(['_', '.', '@', '-']).next().unwrap_or("");
        Lang::parse(lang)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The language the system's locale asks for: the first of `LC_ALL`, `LC_MESSAGES`,
/// `LANGUAGE` (its first entry) and `LANG` that is set, mapped to one of ours; English
/// otherwise. `var` reads a variable (pass `|k| std::env::var(k).ok()`).
pub fn system_lang(var: impl Fn(&str) -> Option<String>) -> Lang {
    for key in ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"] {
        let Some(value) = var(key).filter(|v| !v.trim().is_empty()) else {
            continue;
        };
        let first = value.split(':').next().unwrap_or("");
        if first == "C" || first == "POSIX" || first.starts_with("C.") {
            return Lang::En;
        }
        return Lang::from_locale(first).unwrap_or(Lang::En);
    }
    Lang::En
}

/// The catalogue files: (language, file name, text).
const SOURCES: &[(Lang, &str, &str)] = &[
    (
        Lang::En,
        "backcoach.ftl",
        include_str!("../locales/en/backcoach.ftl"),
    ),
    (
        Lang::En,
        "screens.ftl",
        include_str!("../locales/en/screens.ftl"),
    ),
    (Lang::En, "cli.ftl", include_str!("../locales/en/cli.ftl")),
    (Lang::En, "work.ftl", include_str!("../locales/en/work.ftl")),
    (
        Lang::En,
        "report.ftl",
        include_str!("../locales/en/report.ftl"),
    ),
    (
        Lang::En,
        "programme.ftl",
        include_str!("../locales/en/programme.ftl"),
    ),
    (
        Lang::Da,
        "backcoach.ftl",
        include_str!("../locales/da/backcoach.ftl"),
    ),
    (
        Lang::Da,
        "screens.ftl",
        include_str!("../locales/da/screens.ftl"),
    ),
    (Lang::Da, "cli.ftl", include_str!("../locales/da/cli.ftl")),
    (Lang::Da, "work.ftl", include_str!("../locales/da/work.ftl")),
    (
        Lang::Da,
        "report.ftl",
        include_str!("../locales/da/report.ftl"),
    ),
    (
        Lang::Da,
        "programme.ftl",
        include_str!("../locales/da/programme.ftl"),
    ),
];

/// Numbers with a decimal comma (Danish: "0,2 minutter"); Fluent itself writes a point.
fn decimal_comma<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(n.as_string().replace('.', ",")),
        _ => None,
    }
}

/// One language's compiled catalogue.
struct Catalogue {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    keys: Vec<String>,
}

fn catalogues() -> &'static [Catalogue] {
    static CATALOGUES: OnceLock<Vec<Catalogue>> = OnceLock::new();
    CATALOGUES.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|&lang| {
                let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                bundle.set_use_isolating(false);
                if lang == Lang::Da {
                    bundle.set_formatter(Some(decimal_comma));
                }
                let mut keys = Vec::new();
                for (l, name, text) in SOURCES.iter().filter(|(l, ..)| *l == lang) {
                    let resource = match FluentResource::try_new((*text).to_owned()) {
                        Ok(r) => r,
                        Err((r, errors)) => {
                            eprintln!("backcoach: catalogue {l}/{name}: {errors:?}");
                            r
                        }
                    };
                    keys.extend(message_keys(&resource));
                    if let Err(errors) = bundle.add_resource(resource) {
                        eprintln!("backcoach: catalogue {l}/{name}: {errors:?}");
                    }
                }
                Catalogue { lang, bundle, keys }
            })
            .collect()
    })
}

fn message_keys(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

fn catalogue(lang: Lang) -> Option<&'static Catalogue> {
    catalogues().iter().find(|c| c.lang == lang)
}

/// A value for a message's variable.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A number (plural selection uses it).
    Num(f64),
    /// Text.
    Str(String),
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Num(f64::from(n))
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Num(n as f64)
    }
}

impl From<f64> for Arg {
    fn from(n: f64) -> Arg {
        Arg::Num(n)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}

/// The message `key` in `lang` (English if that language lacks it; the key if both do).
pub fn tr(lang: Lang, key: &str) -> String {
    tr_args(lang, key, &[])
}

/// The message `key` in `lang` with its variables (`{ $name }`).
pub fn tr_args(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Num(n) => fluent_args.set(*name, FluentValue::from(*n)),
            Arg::Str(s) => fluent_args.set(*name, FluentValue::from(s.clone())),
        }
    }
    for l in [lang, Lang::En] {
        let Some(c) = catalogue(l) else { continue };
        let Some(pattern) = c.bundle.get_message(key).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        let text = c
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        return text.into_owned();
    }
    key.to_owned()
}

/// A number with `digits` decimals and the language's decimal mark ("2.5", "2,5").
pub fn decimal(lang: Lang, value: f64, digits: usize) -> String {
    let text = format!("{value:.digits$}");
    match lang {
        Lang::En => text,
        Lang::Da => text.replace('.', ","),
    }
}

/// Whether `lang`'s own catalogue has `key`.
pub fn has_key(lang: Lang, key: &str) -> bool {
    catalogue(lang).is_some_and(|c| c.bundle.has_message(key))
}

/// Every message key of `lang`'s catalogue, in file order (for the tests).
pub fn keys(lang: Lang) -> Vec<String> {
    catalogue(lang).map(|c| c.keys.clone()).unwrap_or_default()
}

/// The raw catalogue sources (language, file name, text), for the tests.
pub fn sources() -> &'static [(Lang, &'static str, &'static str)] {
    SOURCES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Lang::from_locale("da_DK.UTF-8"), Some(Lang::Da));
        assert_eq!(Lang::from_locale("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_locale("de_DE"), None);
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(system_lang(env(&[("LANG", "da_DK.UTF-8")])), Lang::Da);
        assert_eq!(
            system_lang(env(&[("LC_ALL", "C"), ("LANG", "da_DK.UTF-8")])),
            Lang::En
        );
        assert_eq!(system_lang(env(&[("LANGUAGE", "da:en")])), Lang::Da);
        assert_eq!(system_lang(env(&[])), Lang::En);
    }

    #[test]
    fn danish_numbers_have_a_decimal_comma() {
        let da = tr_args(
            Lang::Da,
            "work-sitting-for",
            &[("time", "0:18".into()), ("limit", 0.5.into())],
        );
        assert!(da.contains("0,5 min"), "{da}");
        let en = tr_args(
            Lang::En,
            "work-sitting-for",
            &[("time", "0:18".into()), ("limit", 0.5.into())],
        );
        assert!(en.contains("0.5 min"), "{en}");
    }

    #[test]
    fn messages_format_with_plurals_and_fall_back() {
        assert_eq!(tr(Lang::En, "no-such-key"), "no-such-key");
        let one = tr_args(
            Lang::En,
            "voice-start-exercise",
            &[
                ("name", "Knee bend".into()),
                ("set", 1u32.into()),
                ("sets", 3u32.into()),
            ],
        );
        assert!(one.contains('1') && one.contains('3'), "{one}");
        assert!(!one.contains('\u{2068}'), "no isolation marks: {one:?}");
    }

    #[test]
    fn decimals_use_the_language_s_mark() {
        assert_eq!(decimal(Lang::En, 3.46, 1), "3.5");
        assert_eq!(decimal(Lang::Da, 3.46, 1), "3,5");
        assert_eq!(decimal(Lang::Da, 12.0, 0), "12");
    }
}
