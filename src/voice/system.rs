//! [`TtsBackend`]: the system speech engine through the `tts` crate (Speech Dispatcher on
//! Linux), on a thread of its own. Only this file names `tts`.
//!
//! Contract:
//! - `tts::Tts` is created, used and left on one worker thread; the backend sends it
//!   requests through a bounded channel and never waits for it, so every call returns at
//!   once. Speech Dispatcher does block: with no working sound output, it starts an
//!   utterance, never ends it, and then hangs on every later request, `stop` included.
//! - `stop()` and an interrupting `speak()` drop every request still waiting in the
//!   channel, then the worker cancels what the engine is saying.
//! - Voices are listed once at start; the voice per language is chosen with
//!   [`choose_voice`] and cached. Setting a voice makes Speech Dispatcher list all its
//!   voices again (1.4 s for espeak-ng's 13,000 here), so the worker sets it only when the
//!   language changes.
//! - `is_speaking()` is true from `speak()` until the engine reports the end or a stop,
//!   for at most an estimate of the utterance's length, and false while the engine does
//!   not answer: a caller waiting for silence never waits forever.
//! - Errors the engine reports after `speak()` returned come back from the next call.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::voice::engine::{
    EngineRange, SpeechBackend, VoiceError, choose_voice, engine_rate, engine_volume,
    is_language_tag,
};

/// How long [`TtsBackend::new`] waits for the engine to start and list its voices
/// (Speech Dispatcher takes about 1.8 s here, most of it listing 13,000 voices).
const START_TIMEOUT: Duration = Duration::from_secs(10);
/// An engine busy with one request for longer than this does not answer (setting a voice,
/// the slowest request, takes 1.4 s).
const STUCK_AFTER: Duration = Duration::from_secs(5);
/// Requests that may wait for the worker; more are refused with [`VoiceError::Busy`].
const QUEUE_CAPACITY: usize = 16;
/// Engine-reported ends remembered, to match an end that arrives before its request
/// returned.
const FINISHED_REMEMBERED: usize = 32;
/// The longest an utterance is taken to last: a fixed start plus per character at normal
/// rate (espeak-ng speaks about 15 characters a second; this allows twice as long).
const SPEAKING_BASE_SECS: f32 = 3.0;
/// See [`SPEAKING_BASE_SECS`].
const SPEAKING_SECS_PER_CHAR: f32 = 0.13;

/// The name in messages.
const ENGINE_NAME: &str = "speech-dispatcher";

/// The longest `text` can take to speak at `rate` (a factor of normal speed), in seconds.
fn max_speaking_secs(text: &str, rate: f32) -> f32 {
    SPEAKING_BASE_SECS + text.chars().count() as f32 * SPEAKING_SECS_PER_CHAR / rate.max(0.1)
}

/// A request to the worker.
enum Request {
    Speak {
        text: String,
        voice: usize,
        interrupt: bool,
        /// [`Shared::epoch`] when sent: a later stop or interrupt makes it obsolete.
        epoch: u64,
        max_secs: f32,
    },
    /// Wakes the worker to handle [`Shared::stop_requested`].
    Stop,
    /// Engine units.
    RateVolume { rate: f32, volume: f32 },
}

/// What the worker reports once the engine runs.
struct Started {
    voices: Vec<(String, String)>,
    rate: EngineRange,
    volume: EngineRange,
}

/// State shared by the backend, the worker and the engine's callbacks. Never locked while
/// calling the engine: its callbacks lock it from the engine's own thread.
struct Shared {
    /// Bumped by `stop` and by an interrupting `speak`.
    epoch: AtomicU64,
    stop_requested: AtomicBool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Speak requests sent and not yet handled.
    queued_speaks: usize,
    /// The epoch of the last speak request sent: when older than [`Shared::epoch`], all
    /// queued speaks are obsolete.
    last_speak_epoch: u64,
    /// Since when the worker is inside an engine call.
    busy_since: Option<Instant>,
    /// The last utterance handed to the engine.
    current: Option<Utterance>,
    /// Utterances the engine reported ended or stopped, newest last.
    finished: VecDeque<String>,
    /// An error the worker met after the request returned.
    error: Option<String>,
}

struct Utterance {
    /// The engine's utterance id (its `Debug` text: the id type has no `Eq` everywhere).
    id: Option<String>,
    done: bool,
    until: Instant,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // The state stays consistent between statements, so a poisoned lock is usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn utterance_over(&self, id: String) {
        let mut state = self.state();
        if let Some(current) = state.current.as_mut()
            && current.id.as_deref() == Some(id.as_str())
        {
            current.done = true;
        }
        state.finished.push_back(id);
        while state.finished.len() > FINISHED_REMEMBERED {
            state.finished.pop_front();
        }
    }
}

/// The system speech engine through the `tts` crate, on its own thread (see the module
/// docs). Dropping it stops any speech and ends the thread.
pub struct TtsBackend {
    requests: SyncSender<Request>,
    shared: Arc<Shared>,
    voices: Vec<(String, String)>,
    chosen: HashMap<String, Option<usize>>,
    rate_range: EngineRange,
    volume_range: EngineRange,
    /// The rate factor last set, for [`max_speaking_secs`].
    rate: f32,
}

impl TtsBackend {
    /// Starts the engine and lists its voices, waiting for it up to 10 s (about 1.8 s
    /// with Speech Dispatcher and espeak-ng). No engine or no voices:
    /// [`VoiceError::NoEngine`]; no answer: [`VoiceError::NotResponding`]. Never panics.
    pub fn new() -> Result<Self, VoiceError> {
        let shared = Arc::new(Shared {
            epoch: AtomicU64::new(0),
            stop_requested: AtomicBool::new(false),
            state: Mutex::new(State::default()),
        });
        let (requests, inbox) = mpsc::sync_channel(QUEUE_CAPACITY);
        let (started_tx, started_rx) = mpsc::sync_channel(1);
        let worker_shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("speech".to_owned())
            .spawn(move || run_worker(&started_tx, &inbox, &worker_shared))
            .map_err(|e| VoiceError::NoEngine {
                reason: format!("cannot start the speech thread: {e}"),
            })?;
        let started = match started_rx.recv_timeout(START_TIMEOUT) {
            Ok(Ok(started)) => started,
            Ok(Err(reason)) => return Err(VoiceError::NoEngine { reason }),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return Err(VoiceError::NotResponding {
                    busy_secs: START_TIMEOUT.as_secs_f64(),
                });
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(VoiceError::NoEngine {
                    reason: "the speech engine failed while starting".to_owned(),
                });
            }
        };
        if started.voices.is_empty() {
            return Err(VoiceError::NoEngine {
                reason: "Speech Dispatcher lists no voices".to_owned(),
            });
        }
        Ok(TtsBackend {
            requests,
            shared,
            voices: started.voices,
            chosen: HashMap::new(),
            rate_range: started.rate,
            volume_range: started.volume,
            rate: 1.0,
        })
    }

    /// How many voices the engine lists.
    pub fn voice_count(&self) -> usize {
        self.voices.len()
    }

    /// The name of the voice used for `language`, if the engine has one (chosen with
    /// [`choose_voice`]; `speak` caches the choice per language).
    pub fn voice_for(&self, language: &str) -> Option<&str> {
        let index = match self.chosen.get(&language.to_ascii_lowercase()) {
            Some(cached) => *cached,
            None => choose_voice(&self.voices, language),
        }?;
        self.voices.get(index).map(|(name, _)| name.as_str())
    }

    fn voice_index(&mut self, language: &str) -> Option<usize> {
        let voices = &self.voices;
        *self
            .chosen
            .entry(language.to_ascii_lowercase())
            .or_insert_with(|| choose_voice(voices, language))
    }

    /// Refuses when the worker is stuck in a call or has ended; returns a reported error.
    fn check_worker(&self) -> Result<(), VoiceError> {
        let mut state = self.shared.state();
        if let Some(since) = state.busy_since
            && since.elapsed() > STUCK_AFTER
        {
            return Err(VoiceError::NotResponding {
                busy_secs: since.elapsed().as_secs_f64(),
            });
        }
        if let Some(reason) = state.error.take() {
            return Err(VoiceError::Engine {
                action: "speak",
                reason,
            });
        }
        Ok(())
    }

    fn send(&self, request: Request) -> Result<(), VoiceError> {
        let speak_epoch = match &request {
            Request::Speak { epoch, .. } => Some(*epoch),
            _ => None,
        };
        let is_speak = speak_epoch.is_some();
        {
            let mut state = self.shared.state();
            if let Some(epoch) = speak_epoch {
                state.queued_speaks += 1;
                state.last_speak_epoch = epoch;
            }
        }
        let refused = match self.requests.try_send(request) {
            Ok(()) => return Ok(()),
            Err(TrySendError::Full(_)) => VoiceError::Busy {
                waiting: QUEUE_CAPACITY,
            },
            Err(TrySendError::Disconnected(_)) => VoiceError::EngineStopped,
        };
        let mut state = self.shared.state();
        state.queued_speaks -= usize::from(is_speak);
        Err(refused)
    }
}

impl SpeechBackend for TtsBackend {
    fn speak(&mut self, text: &str, lang: &str, interrupt: bool) -> Result<(), VoiceError> {
        if !is_language_tag(lang) {
            return Err(VoiceError::BadLanguage(lang.to_owned()));
        }
        let Some(voice) = self.voice_index(lang) else {
            return Err(VoiceError::NoVoice {
                language: lang.to_owned(),
                engine: self.name(),
            });
        };
        self.check_worker()?;
        if interrupt {
            self.shared.epoch.fetch_add(1, Ordering::SeqCst);
        }
        self.send(Request::Speak {
            // The engine's C interface cannot take a NUL.
            text: text.replace('\0', " "),
            voice,
            interrupt,
            epoch: self.shared.epoch.load(Ordering::SeqCst),
            max_secs: max_speaking_secs(text, self.rate),
        })
    }

    fn stop(&mut self) -> Result<(), VoiceError> {
        self.shared.epoch.fetch_add(1, Ordering::SeqCst);
        self.shared.stop_requested.store(true, Ordering::SeqCst);
        if let Some(current) = self.shared.state().current.as_mut() {
            current.done = true;
        }
        match self.send(Request::Stop) {
            // A full channel still wakes the worker, which sees the flag first.
            Ok(()) | Err(VoiceError::Busy { .. }) => {}
            Err(e) => return Err(e),
        }
        self.check_worker()
    }

    fn is_speaking(&self) -> bool {
        let state = self.shared.state();
        if state
            .busy_since
            .is_some_and(|since| since.elapsed() > STUCK_AFTER)
        {
            return false;
        }
        let epoch = self.shared.epoch.load(Ordering::SeqCst);
        (state.queued_speaks > 0 && state.last_speak_epoch >= epoch)
            || state
                .current
                .as_ref()
                .is_some_and(|u| !u.done && Instant::now() < u.until)
    }

    fn set_rate_volume(&mut self, rate: f32, volume: f32) -> Result<(), VoiceError> {
        let engine_rate = engine_rate(rate, self.rate_range)?;
        let engine_volume = engine_volume(volume, self.volume_range)?;
        self.check_worker()?;
        self.send(Request::RateVolume {
            rate: engine_rate,
            volume: engine_volume,
        })?;
        self.rate = rate;
        Ok(())
    }

    fn name(&self) -> String {
        ENGINE_NAME.to_owned()
    }
}

/// The engine's utterance id as a comparable key.
fn id_key(id: &tts::UtteranceId) -> String {
    format!("{id:?}")
}

/// The worker thread: starts the engine, reports, then handles requests until the
/// backend is dropped.
fn run_worker(
    started: &SyncSender<Result<Started, String>>,
    inbox: &Receiver<Request>,
    shared: &Arc<Shared>,
) {
    let tts = match tts::Tts::default() {
        Ok(tts) => tts,
        Err(e) => {
            let _ = started.send(Err(format!("cannot connect to Speech Dispatcher: {e}")));
            return;
        }
    };
    let features = tts.supported_features();
    let voices = if features.voice {
        match tts.voices() {
            Ok(voices) => voices,
            Err(e) => {
                let _ = started.send(Err(format!("cannot list the voices: {e}")));
                keep_alive(tts);
                return;
            }
        }
    } else {
        Vec::new()
    };
    if features.utterance_callbacks {
        for register in [tts::Tts::on_utterance_end, tts::Tts::on_utterance_stop] {
            let shared = Arc::clone(shared);
            let callback = Box::new(move |id: tts::UtteranceId| shared.utterance_over(id_key(&id)));
            let _ = register(&tts, Some(callback));
        }
    }
    let report = Started {
        voices: voices
            .iter()
            .map(|v| (v.name(), v.language().to_string()))
            .collect(),
        rate: EngineRange {
            min: tts.min_rate(),
            normal: tts.normal_rate(),
            max: tts.max_rate(),
        },
        volume: EngineRange {
            min: tts.min_volume(),
            normal: tts.normal_volume(),
            max: tts.max_volume(),
        },
    };
    if started.send(Ok(report)).is_err() {
        // The backend gave up waiting.
        keep_alive(tts);
        return;
    }
    let mut worker = Worker {
        tts,
        voices,
        voice: None,
        shared,
    };
    while let Ok(request) = inbox.recv() {
        worker.handle(request);
    }
    // The backend was dropped.
    let _ = worker.call(|tts| tts.stop().map(|_| ()));
    keep_alive(worker.tts);
}

/// Leaves the engine open until the process ends. `tts` 0.26 unregisters its callbacks
/// before it closes the connection, and an utterance ending in between makes a callback
/// panic on the engine's thread, which aborts the process.
fn keep_alive(tts: tts::Tts) {
    std::mem::forget(tts);
}

struct Worker<'a> {
    tts: tts::Tts,
    voices: Vec<tts::Voice>,
    /// The voice set on the engine, as an index into `voices`.
    voice: Option<usize>,
    shared: &'a Shared,
}

impl Worker<'_> {
    /// Runs one engine call, marked busy for the stuck check.
    fn call<T>(
        &mut self,
        f: impl FnOnce(&mut tts::Tts) -> Result<T, tts::Error>,
    ) -> Result<T, String> {
        self.shared.state().busy_since = Some(Instant::now());
        let result = f(&mut self.tts);
        self.shared.state().busy_since = None;
        result.map_err(|e| e.to_string())
    }

    fn obsolete(&self, epoch: u64) -> bool {
        epoch < self.shared.epoch.load(Ordering::SeqCst)
    }

    fn handle_stop(&mut self) {
        if self.shared.stop_requested.swap(false, Ordering::SeqCst)
            && let Err(e) = self.call(|tts| tts.stop().map(|_| ()))
        {
            self.shared.state().error = Some(e);
        }
    }

    fn handle(&mut self, request: Request) {
        self.handle_stop();
        let is_speak = matches!(request, Request::Speak { .. });
        let result = match request {
            Request::Speak {
                text,
                voice,
                interrupt,
                epoch,
                max_secs,
            } => self.speak(&text, voice, interrupt, epoch, max_secs),
            Request::Stop => Ok(()),
            Request::RateVolume { rate, volume } => self.call(|tts| {
                tts.set_rate(rate)?;
                tts.set_volume(volume)?;
                Ok(())
            }),
        };
        let mut state = self.shared.state();
        if is_speak {
            state.queued_speaks = state.queued_speaks.saturating_sub(1);
        }
        if let Err(e) = result {
            state.error = Some(e);
        }
    }

    fn speak(
        &mut self,
        text: &str,
        voice: usize,
        interrupt: bool,
        epoch: u64,
        max_secs: f32,
    ) -> Result<(), String> {
        if self.obsolete(epoch) {
            return Ok(());
        }
        if self.voice != Some(voice) {
            let Some(v) = self.voices.get(voice).cloned() else {
                return Err(format!("no voice number {voice}"));
            };
            self.call(|tts| tts.set_voice(&v))?;
            self.voice = Some(voice);
            // Setting a voice takes a while: a stop may have come meanwhile.
            self.handle_stop();
            if self.obsolete(epoch) {
                return Ok(());
            }
        }
        let id = self.call(|tts| tts.speak(text, interrupt))?;
        let id = id.as_ref().map(id_key);
        let mut state = self.shared.state();
        let done = id
            .as_ref()
            .is_some_and(|id| state.finished.iter().any(|f| f == id));
        state.current = Some(Utterance {
            id,
            done,
            until: Instant::now() + Duration::from_secs_f32(max_secs),
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backend_can_move_to_another_thread() {
        fn is_send<T: Send>() {}
        is_send::<TtsBackend>();
    }

    #[test]
    fn speaking_time_grows_with_text_and_slower_rate() {
        let short = max_speaking_secs("Tre", 1.0);
        let long = max_speaking_secs("Hold ryggen lige og bøj knæene langsomt", 1.0);
        assert!(short >= SPEAKING_BASE_SECS && short < long);
        assert!(max_speaking_secs("Tre", 0.5) > short);
        // Generous: at least twice espeak-ng's ~15 characters a second.
        assert!(long > 2.0 * 40.0 / 15.0);
    }
}
