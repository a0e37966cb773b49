# backcoach: the therapist report (backcoach report, and History → Report in the app).
# The keys are the same in the Danish file (tests/i18n.rs). The page escapes every message.

report-title = backcoach report { $date }
report-heading = Exercise and pain record
report-period-label = Period
report-period = { $first } to { $last } ({ $days ->
    [one] 1 day
   *[other] { $days } days
  })
report-period-empty = up to { $last } (no entries yet)
report-made = Made { $time } ({ $offset }).
report-about = Lower-back exercises coached by backcoach: neutral stance, slow pace, 5-10 reps per set, daily; the user stops at once when it hurts.
report-alert = The pain diary shows the same intensity for more than 36 hours. The exercise guide advises seeing a physician or licensed therapist.
report-none = none

## At a glance
report-glance = At a glance
report-fig-days-of = { $exercised } of { $days }
report-fig-days-exercised = days exercised
report-sessions = sessions
report-fig-reps = reps counted
report-fig-streak-days = { $days ->
    [one] 1 day
   *[other] { $days } days
  }
report-fig-streak = current streak
report-fig-pain-latest = latest pain
report-fig-pain-worst = worst pain in period
report-fig-pain-stops = pain stops
report-fig-rule-events = 36-hour rule events

## Pain diary
report-pain-diary = Pain diary
report-pain-none = No pain reports in this period.
report-pain-chart = Pain intensity (0-10) over time
report-pain-axis = pain 0-10
report-marker-36h = 36 h
report-legend-pain = pain report
report-legend-stop = × pain stop (at the top when no intensity was given)
report-legend-36h = 36 h: the same intensity for more than 36 hours
report-rule-heading = 36-hour rule
report-col-when = when
report-col-intensity = intensity
report-col-since = unchanged since
report-col-hours = hours
report-reports = Reports
report-reports-shown = The { $shown } most recent of { $total } reports; the chart shows all, and { $command } lists all.
report-col-where = where
report-col-during = during
report-during-session = a session

## Pain stops
report-stops = Pain stops
report-stops-none = No session was stopped for pain in this period.
report-col-exercise = exercise
report-col-set = set
report-col-reps-before = reps before

## Adherence
report-adherence = Adherence
report-adherence-prefix = Exercised on
report-adherence-days = { $exercised } of { $days ->
    [one] 1 day
   *[other] { $days } days
  }
report-adherence-sessions = { $sessions } sessions: { $completed } completed, { $pain } stopped for pain, { $early } ended early, { $interrupted } interrupted. Current streak { $streak } days, longest { $longest } days.
report-reps-chart = Counted reps per day
report-reps-axis = reps per day

## Exercises, tempo and faults
report-exercises = Exercises
report-no-reps = No reps recorded in this period.
report-col-reps = reps
report-col-sets = sets
report-col-no-fault = no fault
report-col-partial = partial
report-secs-per-rep = s per rep
report-col-too-fast = too fast
report-col-faults = most frequent faults
report-tempo = Tempo and faults over time
report-legend-session = one point per session
report-tempo-heading = Seconds per rep (the guide asks for a slow pace)
report-tempo-chart = Mean seconds per rep, per session
report-share-heading = Share of reps too fast (solid) and with any fault (dashed)
report-share-chart = Percent of reps too fast and with any fault, per session
report-share-axis = % of reps
report-form-heading = Form score per session (mean of the reps, 0-100, higher is better)
report-form-chart = Mean form score of the reps, per session
report-form-axis = form score
report-footer = Made by backcoach { $version } from the history on this computer. Rep counts, tempo and faults are judged from a webcam and are estimates; the pain diary is the user's own entries.

## The programme (per exercise: reps per set over the period and the changes)
report-programme = Programme
report-programme-intro = Reps per set of each exercise as the programme planned them, and every change: a step up after clean sessions, a back-off after pain, one step lower after a week without a session, and the user's own numbers.
report-programme-none = No exercise of the programme was done in this period.
report-programme-axis = reps per set
report-programme-chart = { $name }: reps per set over the period
report-programme-now = now { $sets } × { $reps }
report-programme-legend-line = the programme (sets × reps written under the line)
report-programme-legend-choice = the user's own numbers (dashed)
report-programme-legend-step-up = step up
report-programme-legend-pain-stop = back-off after a pain stop
report-programme-legend-pain-report = back-off after pain above the usual
report-programme-legend-missed-week = missed week
report-programme-legend-override = the user's own numbers
report-programme-legend-override-cleared = back on the programme's numbers
report-programme-step-up = { $date }: up to { $sets } × { $reps } after clean sessions
report-programme-back-off-stop = { $date }: back off to { $sets } × { $reps } after a pain stop on { $cause }
report-programme-back-off-report = { $date }: back off to { $sets } × { $reps } after pain { $intensity } on { $cause } (usual { $usual })
report-programme-missed-week = { $date }: one step lower, { $sets } × { $reps }, after { $days } days without a session
report-programme-override = { $date }: the user's own numbers, { $sets } × { $reps } (the programme: { $programme_sets } × { $programme_reps })
report-programme-override-cleared = { $date }: back on the programme's numbers, { $sets } × { $reps }
report-programme-months = Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec
report-programme-date = { $day } { $month }
