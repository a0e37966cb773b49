//! The commands the UI sends: [`Command`], [`ResumeChoice`] and [`Session::apply`].

use crate::history::{ExerciseOverride, PainReport, PlannedExercise, SessionStatus, Settings};

use super::{ExerciseResult, LiveView, PlanItem, Session, Stage};

/// What the user (or the app on their behalf) asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Replace today's plan (only on the Plan stage): the user's hand choice in the
    /// Library. With a programme, each exercise keeps today's sets and reps, and an empty
    /// choice means the programme's plan again.
    SetPlan(Vec<PlanItem>),
    /// Drop today's hand choice: the programme's plan again (only on the Plan stage).
    FollowProgramme,
    /// Keep the user's own sets and reps for an exercise (`Some`) or go back to the
    /// programme's (`None`), stored in the history as `backcoach plan --choose` /
    /// `--unchoose` do; sets are kept within 1-[`super::MAX_OVERRIDE_SETS`], reps within
    /// the programme's range. The plan follows at once.
    SetOverride {
        /// The exercise.
        exercise_id: String,
        /// The user's sets and reps, or `None` for the programme's.
        choice: Option<ExerciseOverride>,
    },
    /// Start the planned session.
    Start,
    /// Skip the rest countdown.
    SkipRest,
    /// End the session now (no pain) and show the summary.
    EndSession,
    /// Stop at once for pain (button, keys, gesture).
    PainStop,
    /// The app is being closed from outside (SIGTERM, SIGINT): close the set in progress
    /// and save the session as [`SessionStatus::Interrupted`]. Ignored outside a session.
    Interrupt,
    /// The optional answers after a pain stop: intensity 0-10 and where.
    PainDetails {
        /// 0-10, if given.
        intensity: Option<u8>,
        /// Where it hurts (may be empty).
        location: String,
    },
    /// After a pain stop, the explicit choice of what to do next.
    ResumeAfterPain(ResumeChoice),
    /// Add a pain report to the diary from Home (any time).
    ReportPain {
        /// 0-10.
        intensity: u8,
        /// Where it hurts (may be empty).
        location: String,
    },
    /// Back to Home from the summary.
    Home,
    /// Turn the voice off or on (the M key) and store the choice in the settings.
    ToggleVoice,
    /// Replace the app settings (camera, resolution, mirror view) and store them. Takes
    /// effect the next time the camera starts.
    SaveSettings(Settings),
}

/// What to do after a pain stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResumeChoice {
    /// End the session (show the summary).
    EndSession,
    /// Skip the exercise that hurt and go on with the next one.
    NextExercise,
    /// Try the same exercise again (the user chose it explicitly).
    SameExercise,
}

impl Session {
    /// Applies a command. Commands that make no sense in the current stage are ignored.
    pub fn apply(&mut self, command: Command) {
        self.follow_history_file();
        let now_unix = self.unix(self.now_secs);
        match command {
            Command::SetPlan(plan) => {
                if matches!(self.stage, Stage::Plan | Stage::Summary) {
                    self.hand_chosen = !plan.is_empty();
                    self.plan = plan;
                    self.stage = Stage::Plan;
                    self.sync_plan();
                }
            }
            Command::FollowProgramme => {
                if matches!(self.stage, Stage::Plan) {
                    self.hand_chosen = false;
                    self.sync_plan();
                }
            }
            Command::SetOverride {
                exercise_id,
                choice,
            } => self.set_override(&exercise_id, choice),
            Command::Start => {
                if matches!(self.stage, Stage::Plan | Stage::Summary) && !self.plan.is_empty() {
                    self.start_session(now_unix);
                }
            }
            Command::SkipRest => {
                if let Stage::Rest {
                    next_exercise,
                    next_set,
                    ..
                } = self.stage
                {
                    self.enter_before_you_begin(next_exercise, next_set);
                }
            }
            Command::EndSession => {
                if matches!(
                    self.stage,
                    Stage::BeforeYouBegin { .. } | Stage::Set { .. } | Stage::Rest { .. }
                ) {
                    self.finish_session(SessionStatus::EndedEarly);
                }
            }
            Command::Interrupt => {
                if matches!(
                    self.stage,
                    Stage::BeforeYouBegin { .. }
                        | Stage::Set { .. }
                        | Stage::Rest { .. }
                        | Stage::PainStopped { .. }
                ) {
                    self.finish_session(SessionStatus::Interrupted);
                }
            }
            Command::PainStop => self.pain_stop(now_unix),
            Command::PainDetails {
                intensity,
                location,
            } => {
                if let Stage::PainStopped { exercise, .. } = self.stage {
                    if let Some(mut report) = self.pain_report_pending.take() {
                        report.intensity = intensity.map(|i| i.min(10));
                        report.location = location.trim().to_owned();
                        self.record_history(|h| h.add_pain_report(&report));
                        self.reload_pain_reports();
                    }
                    self.stage = Stage::PainStopped {
                        exercise,
                        answered: true,
                    };
                }
            }
            Command::ResumeAfterPain(choice) => {
                if let Stage::PainStopped { exercise, .. } = self.stage {
                    self.flush_pending_pain_report();
                    self.resume_after_pain(exercise, choice);
                }
            }
            Command::ReportPain {
                intensity,
                location,
            } => {
                let report = PainReport {
                    reported_unix_secs: now_unix,
                    intensity: Some(intensity.min(10)),
                    location: location.trim().to_owned(),
                    session_id: None,
                    exercise_id: None,
                };
                if self.history.is_some() {
                    self.record_history(|h| h.add_pain_report(&report));
                    self.reload_pain_reports();
                } else {
                    self.pain_reports.push(report);
                }
            }
            Command::ToggleVoice => {
                let mut settings = self.settings.clone();
                settings.voice = !settings.voice;
                self.record_history(|h| h.save_settings(&settings));
                self.settings = settings;
            }
            Command::SaveSettings(settings) => {
                self.record_history(|h| h.save_settings(&settings));
                self.settings = settings;
            }
            Command::Home => {
                if matches!(self.stage, Stage::Summary) {
                    self.stage = Stage::Plan;
                    self.reset_run();
                    self.check_new_day();
                    self.sync_plan();
                }
            }
        }
    }

    pub(super) fn reset_run(&mut self) {
        self.session_id = None;
        self.set_id = None;
        self.coach = None;
        self.stopped_for_pain = false;
        self.live = LiveView::default();
    }

    pub(super) fn start_session(&mut self, now_unix: f64) {
        self.reset_run();
        self.results = vec![ExerciseResult::default(); self.plan.len()];
        let planned = self.planned_exercises();
        self.session_id = self.record_history(|h| h.start_session(now_unix, &planned));
        self.enter_before_you_begin(0, 1);
    }

    /// Today's plan as the history records it when a session starts.
    pub(super) fn planned_exercises(&self) -> Vec<PlannedExercise> {
        self.plan
            .iter()
            .map(|p| PlannedExercise {
                exercise_id: p.exercise.id.clone(),
                sets: p.sets,
                reps: p.reps,
            })
            .collect()
    }
}
