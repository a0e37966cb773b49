# backcoach: the screens' words.
# Keys are <screen>-<what>; every key exists in every language (tests/i18n.rs).

## Shared

app-name = backcoach
common-back = Back
common-end-session = End session
common-on = On
common-off = Off

## Top bar and notices

top-pain-button = I feel pain — stop
top-or-space = or press Space
top-voice-off = Voice off — press M
top-voice-hint = M: voice off
notice-history-not-saved = History is not being saved: { $error }
notice-camera-cannot-start = Cannot start the camera: { $error }. Check that it is plugged in and not used by another program, or start backcoach with --source VIDEO.
notice-camera-starting = Starting the camera…
notice-camera-lost = The camera was lost ({ $message }). Paused: plug it back in and we carry on.
notice-camera-failed = Camera stopped: { $message } Or choose another camera in Settings.
notice-coaching-failed = Coaching stopped: { $message }
notice-video-ended = The video has ended.
notice-video-ends-early = The video file ends early: read { $read } s of { $promised } s. Only that part was judged; copy the whole file again, or wait until the recording is finished.
notice-video-damaged = The video ended early: { $message }
notice-voice-log-failed = Cannot write the voice log { $path }: { $error }
debug-fps = fps { $fps }
debug-inference = inference { $ms } ms
debug-latency = latency { $ms } ms
debug-frames = frames { $judged } judged of { $offered }, { $dropped } dropped
debug-inference-pct = inference p50 { $p50 } ms, p95 { $p95 } ms
debug-latency-pct = screen latency p50 { $p50 } ms, p95 { $p95 } ms
debug-process = CPU { $cpu } % of a core, { $rss } MB, model { $model }
debug-paint = window painted { $fps } times a second
settings-model = Body tracking
settings-model-auto = Automatic
settings-model-full = Accurate
settings-model-lite = Fast
settings-model-timings = This computer: accurate { $full } ms, fast { $lite } ms a frame. Automatic uses: { $model }.
settings-model-not-timed = Not measured on this computer yet: automatic uses Accurate.
settings-model-measuring = Measuring this computer's speed…
settings-model-measure = Measure again
settings-model-failed = Could not measure: { $error }
settings-model-hint = Fast suits a slow computer. The change applies from the next exercise.

## Home

home-plan = Today's plan
home-no-exercises = No exercises chosen yet.
home-plan-item = { $name } — { $sets } × { $reps }
home-start = Start
home-choose = Choose exercises
home-history = History
home-settings = Settings
home-streak = { $days ->
    [one] day in a row
   *[other] days in a row
  }
home-daily = Do the exercises daily.
home-pain-question = How is your back now? 0 = no pain, 10 = worst
home-pain-where = Where? (optional)
home-voice-notice = Voice: { $notice }
home-pain-save = Save pain report

## Library and Info

library-title = Choose exercises
library-done = Done
library-select = Select { $name }
library-sets = Sets
library-reps = Reps
library-fewer-sets = Fewer { $name } sets
library-more-sets = More { $name } sets
library-fewer-reps = Fewer { $name } reps
library-more-reps = More { $name } reps
library-info = Info
library-about = About { $name }
info-how = How to do it
info-muscles = Muscles it trains
info-cautions = Take care
info-pause = Pause
info-play = Play

## Before you begin, the live set, the rest

live-no-picture = No camera picture
live-video-ended = The video has ended
live-waiting = Waiting for the camera…
live-two-people = { $people } people in view: counting paused
live-not-seen = We can't see you. Step into view, 2-3 m from the screen.
live-set = Set { $set } of { $sets }
live-tempo = { $phase }  ·  slowly
before-title = Before you begin — set { $set } of { $sets }
before-hold = Good. Hold still…
before-ready = Ready!
before-stop-hint = To stop at any time: cross both wrists above your head for a second, or press Space.
rest-title = Rest
rest-seconds = { $secs ->
    [one] second
   *[other] seconds
  }
rest-next = Next: { $name } — set { $set } of { $sets }
rest-skip = Skip rest

## Summary

summary-pain-title = Session stopped for pain
summary-well-done = Well done
summary-home = Home
summary-secs-per-rep = { $secs } s per rep
summary-counts = Reps { $reps }   Good { $good }   Too fast { $fast }   Partial { $partial }   { $tempo }
summary-rep-faults = Rep { $n }: { $faults }
summary-rep-form = Rep { $n }: form { $score }/100   { $faults }
summary-form-mean = Form score: { $score }/100 (mean of the reps)
summary-guidance-kept = { $rule }: kept in { $kept } of { $reps } reps
summary-plot-movement = movement
summary-plot-rep-done = rep done
summary-plot-reps = reps

## Fault names (summary), one per fault code

fault-too_fast = too fast
fault-feet_not_parallel = feet not parallel
fault-stance_too_narrow = stance too narrow
fault-stance_too_wide = stance too wide
fault-knees_locked = knees locked
fault-knees_caving_in = knees caving in
fault-leaning_forward = leaning forward
fault-trunk_twist = trunk twist
fault-head_forward = head forward
fault-out_of_frame = out of frame
fault-partial_rep = partial rep
fault-leaning_sideways = leaning sideways
fault-hips_turning = hips turning

## Pain stop

pain-stopped = Stopped.
pain-question = If you like: how strong is the pain? (0-10)
pain-where = Where?
pain-save = Save
pain-thanks = Thank you. Your answer is saved.
pain-what-now = What now? You choose.
pain-back-home = Back to home
pain-next-exercise = Next exercise
pain-try-again = Try this one again

## Settings

settings-title = Settings
settings-fixed-source = Now using --source { $source }. The camera below is used when backcoach starts without --source.
settings-camera = Camera
settings-camera-n = Camera { $index }
settings-no-camera = No camera found
settings-plug-in = Plug in a webcam, then press Look again.
settings-look-again = Look again
settings-resolution = Resolution
settings-mirror = Mirror view
settings-mirror-hint = See yourself as in a mirror. Counting is the same.
settings-language = Language
settings-language-system = System
settings-voice = Voice
settings-voice-hint = Press M at any time to turn the voice off or on.
settings-speed = Speech speed
settings-speed-slow = Slow
settings-speed-normal = Normal
settings-speed-fast = Fast
settings-volume = Volume
settings-volume-low = Low
settings-volume-medium = Medium
settings-volume-high = High
settings-tempo-calls = Tempo calls
settings-tempo-calls-hint = The voice counts the slow tempo with you.

## History

history-title = History
history-report = Report
history-export-json = Export JSON
history-export-csv = Export CSV
history-none = No history: it could not be opened.
history-plot-reps = reps per day
history-plot-pain = pain 0-10
history-plot-pain-reports = pain reports
history-status-completed = completed
history-status-stopped-for-pain = stopped for pain
history-status-ended-early = ended early
history-status-interrupted = interrupted
history-session-line = { $date }   { $reps ->
    [one] 1 rep
   *[other] { $reps } reps
  } ({ $good } good)   { $status }   { $names }
history-pain-line = { $date }   pain { $intensity }   { $location }
history-saved = Saved { $path }
history-save-failed = Could not save { $path }: { $error }
history-report-saved = Report saved: { $path }
history-report-failed = Could not save the report: { $error }
fault-hands_far_from_body = hands far from the body
fault-not_deep_enough = not deep enough
fault-hips_shifting = hips shifting to one side

## History: the programme (per exercise, sets × reps now and the changes of the last 4 weeks)
history-programme = Programme
history-programme-none = Nothing yet: each exercise's sets and reps show here once you have done it.
history-programme-now = { $name }: now { $sets } × { $reps }
history-programme-no-changes = No changes in the last 4 weeks.
history-programme-step-up = { $date }: up to { $sets } × { $reps }
history-programme-back-off-stop = { $date }: down to { $sets } × { $reps } after a pain stop
history-programme-back-off-report = { $date }: down to { $sets } × { $reps } after pain above your usual
history-programme-missed-week = { $date }: one step lower, { $sets } × { $reps }, after a week without exercise
history-programme-override = { $date }: your own numbers, { $sets } × { $reps }
history-programme-override-cleared = { $date }: back on the programme, { $sets } × { $reps }

## Today's programme on Home, the week, the Library's own counts, the daily reminder (#17)
home-own-choice = Your choice for today
home-follow-programme = Today's programme
home-week = This week
home-week-mon = Mon
home-week-tue = Tue
home-week-wed = Wed
home-week-thu = Thu
home-week-fri = Fri
home-week-sat = Sat
home-week-sun = Sun
home-week-done = done
library-back-to-programme = Back to the programme
settings-reminder = Daily reminder
settings-reminder-hint = A nudge at your time, even when backcoach is closed.
settings-reminder-time = Time
settings-reminder-days = Days
settings-reminder-status-systemd = On: a system timer reminds you at { $time }.
settings-reminder-status-autostart = On: reminds you at { $time } while you are logged in.
settings-reminder-status-off = Off: no reminder.
settings-reminder-failed = Could not change the reminder: { $error }
settings-reminder-no-folder = No config folder found (HOME is not set): the reminder cannot be set up.
