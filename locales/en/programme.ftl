# backcoach: the programme's reasons (backcoach plan). The keys are the same in the Danish
# file (tests/i18n.rs). Dates are YYYY-MM-DD.

programme-reason-start = New: start at { $sets } sets of { $reps }.
programme-reason-stepped-up = Up to { $reps } reps: { $clean } clean sessions in a row (every rep counted, no pain above your usual, at most { $faulted } rep in { $out_of } with a form fault).
programme-reason-at-top = At the top, { $reps } reps: keep it steady.
programme-reason-holding = Holding at { $reps } reps: { $clean } of { $needed } clean sessions before the next rep.
programme-reason-incomplete = Holding at { $reps } reps: last time { $counted } of { $planned } reps were counted.
programme-reason-too-many-faults = Holding at { $reps } reps: last time { $faulted } of { $counted } reps had a form fault (at most { $max } in { $out_of }).
programme-reason-pain-above-usual = Holding at { $reps } reps: last time you reported pain { $intensity }, above your usual { $usual }.
programme-reason-pain-stop = Down { $drop } reps to { $reps } after a pain stop on { $date }; no step up before { $resume }.
programme-reason-pain-report = Down { $drop } reps to { $reps } after pain { $intensity } on { $date } (your usual: { $usual }); no step up before { $resume }.
programme-reason-missed-week = One step lower, { $reps } reps, after { $days } days without a session.
programme-reason-user-choice = Your choice: { $sets } sets of { $reps } (the programme would give { $programme_sets } of { $programme_reps }).

## Categories (the text form of backcoach plan; the JSON keeps the snake_case names)
programme-category-mobility = mobility
programme-category-stability = stability
programme-category-strength = strength
programme-category-stamina = stamina

## The daily reminder (backcoach remind)

remind-title = Your back exercises
remind-body = { $exercises ->
    [one] One exercise, about { $minutes } minutes
   *[other] { $exercises } exercises, about { $minutes } minutes
  }
remind-open = Start today's exercises
remind-doctor-title = Your back: rest today
remind-doctor-body = See your doctor or therapist before you exercise again.
