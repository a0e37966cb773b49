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
