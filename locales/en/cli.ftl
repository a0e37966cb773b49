# backcoach: the command line's words (backcoach analyze's summary).
# Every key exists in every language (tests/i18n.rs).

analyze-headline = { $exercise }: { $reps ->
    [one] 1 rep
   *[other] { $reps } reps
  } ({ $partial } partial), { $sets } sets completed
analyze-by-side = by side: left { $left }, right { $right }
analyze-frames = { $frames } frames, { $with_person } with a person, { $secs } s
analyze-left = left
analyze-right = right
analyze-rep = rep { $n }{ $side } { $start }-{ $end } s  out { $out } s, back { $back } s, depth { $depth }°{ $faults }
analyze-too-fast = too fast: { $fast } of { $reps } reps (counted, flagged too fast)
analyze-several-people = { $people } people in view: counting paused ({ $spans })
analyze-too-dark = too dark: in { $dark } of { $frames } frames the picture was too dark to see you. Turn on a light (or face a window) and try again.
analyze-warning = warning: { $warning }
analyze-no-faults = no faults
analyze-faults = faults: { $list }
analyze-cues = cues:
analyze-rule-kept = kept:
analyze-rule-not-kept = NOT kept:
analyze-form = form { $score }/100
analyze-form-mean = form score: mean { $mean }/100 over { $reps } reps
form-depth = knees bent { $value }° at the deepest (at least { $limit }°)
form-lean_over_shins = trunk { $value }° more inclined than the shins (limit { $limit }°)
form-side_tilt = trunk tilted { $value }° sideways (limit { $limit }°)
form-hip_shift = hips shifted { $value } cm sideways (limit { $limit } cm)
form-not-judged = { $what }: not judged (not seen from the front)
form-name-depth = depth
form-name-knee_spacing = knees over the toes
form-name-lean_over_shins = trunk lean
form-name-side_tilt = sideways tilt
form-name-hip_shift = hip shift
form-knee_spacing = knee spacing { $value } % of the ankles' (at least { $limit } %)
form-knees_inside = knees { $cm } cm inside the ankles (knee spacing { $value } % of the ankles', at least { $limit } %)
form-knees_outside = knees { $cm } cm outside the ankles (knee spacing { $value } % of the ankles')
