//! An exercise's words in the user's language: the file's own (English) texts, or its
//! `[translations.<lang>]` table, and the cues of its rules.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::fault::FaultCode;
use super::schema::{Exercise, FormRule};
use crate::i18n::{self, Lang};

/// An exercise's texts in one more language (`[translations.da]` in its file). Strict:
/// the lists have as many entries as the English ones, in the same order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseText {
    /// Display name. Required.
    pub name: String,
    /// One-sentence summary. Required.
    pub summary: String,
    /// The steps, one per English step. Required.
    pub steps: Vec<String>,
    /// The muscles, one per English entry. Default: empty (only if the English has none).
    #[serde(default)]
    pub muscles: Vec<String>,
    /// The cautions, one per English entry. Default: empty (only if the English has none).
    #[serde(default)]
    pub cautions: Vec<String>,
    /// The tempo phase names. Required when the file names its phases.
    #[serde(default)]
    pub tempo: Option<TempoText>,
    /// Cue per rule fault code, for every rule with its own `cue`. Default: none.
    #[serde(default)]
    pub cues: BTreeMap<FaultCode, String>,
    /// The guidance rule's words per rule fault code, for every rule with a `guidance`
    /// text. Default: none.
    #[serde(default)]
    pub guidance: BTreeMap<FaultCode, String>,
}

/// The tempo phase names in one more language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TempoText {
    /// The out phase ("Bøj").
    pub out_name: String,
    /// The back phase ("Rejs dig").
    pub back_name: String,
}

impl Exercise {
    fn text(&self, lang: Lang) -> Option<&ExerciseText> {
        self.translations.get(&lang)
    }

    /// The display name in `lang`.
    pub fn name_in(&self, lang: Lang) -> &str {
        self.text(lang).map_or(&self.name, |t| &t.name)
    }

    /// The summary in `lang`.
    pub fn summary_in(&self, lang: Lang) -> &str {
        self.text(lang).map_or(&self.summary, |t| &t.summary)
    }

    /// The steps in `lang`.
    pub fn steps_in(&self, lang: Lang) -> &[String] {
        self.text(lang).map_or(&self.steps, |t| &t.steps)
    }

    /// The muscles in `lang`.
    pub fn muscles_in(&self, lang: Lang) -> &[String] {
        self.text(lang).map_or(&self.muscles, |t| &t.muscles)
    }

    /// The cautions in `lang`.
    pub fn cautions_in(&self, lang: Lang) -> &[String] {
        self.text(lang).map_or(&self.cautions, |t| &t.cautions)
    }

    /// The out and back phase names in `lang`.
    pub fn phase_names_in(&self, lang: Lang) -> (&str, &str) {
        match self.text(lang).and_then(|t| t.tempo.as_ref()) {
            Some(t) => (&t.out_name, &t.back_name),
            None => (&self.tempo.out_name, &self.tempo.back_name),
        }
    }

    /// A rule's cue in `lang`: the file's translation of its own cue, or the fault's
    /// standard cue from the catalogue.
    pub fn rule_cue_in(&self, rule: &FormRule, lang: Lang) -> String {
        if rule.cue.is_none() {
            return rule.fault.cue_in(lang);
        }
        if lang != Lang::En
            && let Some(text) = self.text(lang).and_then(|t| t.cues.get(&rule.fault))
        {
            return text.clone();
        }
        rule.cue_text()
    }

    /// A rule's guidance text in `lang` (the translation for its fault, else the file's
    /// own words); `None` when the rule checks no guidance rule.
    pub fn rule_guidance_in(&self, rule: &FormRule, lang: Lang) -> Option<String> {
        let english = rule.guidance.as_ref()?;
        if lang != Lang::En
            && let Some(text) = self.text(lang).and_then(|t| t.guidance.get(&rule.fault))
        {
            return Some(text.clone());
        }
        Some(english.clone())
    }

    /// What is missing or inconsistent in the `[translations]` tables (empty when fine):
    /// list lengths that differ from the English, missing tempo names or rule cues, cues
    /// for rules the file does not have, an English table (the file's own texts are the
    /// English).
    pub fn translation_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (lang, t) in &self.translations {
            if *lang == Lang::En {
                problems.push("translations.en: the file's own texts are the English".into());
                continue;
            }
            let lists = [
                ("steps", self.steps.len(), t.steps.len()),
                ("muscles", self.muscles.len(), t.muscles.len()),
                ("cautions", self.cautions.len(), t.cautions.len()),
            ];
            for (field, english, translated) in lists {
                if english != translated {
                    problems.push(format!(
                        "translations.{lang}.{field}: {translated} entries, the English has \
                         {english}"
                    ));
                }
            }
            let names_phases = self.tempo.out_name != "Out" || self.tempo.back_name != "Back";
            if names_phases && t.tempo.is_none() {
                problems.push(format!(
                    "translations.{lang}.tempo: missing (out_name and back_name)"
                ));
            }
            self.per_rule_problems(
                lang,
                "cues",
                &t.cues,
                |r| r.cue.is_some(),
                "its own cue",
                &mut problems,
            );
            self.per_rule_problems(
                lang,
                "guidance",
                &t.guidance,
                |r| r.guidance.is_some(),
                "a guidance text",
                &mut problems,
            );
        }
        problems
    }
}

impl Exercise {
    /// Problems of a per-rule translation table (`cues`, `guidance`): a rule that `has`
    /// the text without a translation, a translation for no such rule.
    fn per_rule_problems(
        &self,
        lang: &Lang,
        field: &str,
        texts: &BTreeMap<FaultCode, String>,
        has: impl Fn(&FormRule) -> bool,
        what: &str,
        problems: &mut Vec<String>,
    ) {
        for rule in self.rules.iter().filter(|r| has(r)) {
            if !texts.contains_key(&rule.fault) {
                problems.push(format!(
                    "translations.{lang}.{field}.{}: missing (the rule has {what})",
                    rule.fault
                ));
            }
        }
        for code in texts.keys() {
            if !self.rules.iter().any(|r| r.fault == *code && has(r)) {
                problems.push(format!(
                    "translations.{lang}.{field}.{code}: no rule with this fault has {what}"
                ));
            }
        }
    }
}

impl FaultCode {
    /// The fault's short name in `lang` ("too fast", from the catalogue).
    pub fn name_in(self, lang: Lang) -> String {
        i18n::tr(lang, &format!("fault-{}", self.as_str()))
    }

    /// A stored fault code's short name in `lang`; a code this version does not know
    /// (a newer history) as it is, spaced.
    pub fn code_name_in(code: &str, lang: Lang) -> String {
        FaultCode::from_code(code).map_or_else(|| code.replace('_', " "), |f| f.name_in(lang))
    }

    /// The fault's standard cue in `lang` (from the catalogue).
    pub fn cue_in(self, lang: Lang) -> String {
        i18n::tr(lang, &format!("cue-{}", self.as_str()))
    }
}
