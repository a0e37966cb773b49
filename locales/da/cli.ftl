# backcoach: kommandolinjens ord (opsummeringen fra backcoach analyze).
# Nøglerne er de samme som i den engelske fil (tests/i18n.rs).

analyze-headline = { $exercise }: { $reps ->
    [one] 1 gentagelse
   *[other] { $reps } gentagelser
  } ({ $partial } delvise), { $sets } sæt gennemført
analyze-by-side = pr. side: venstre { $left }, højre { $right }
analyze-frames = { $frames } billeder, { $with_person } med en person, { $secs } s
analyze-left = venstre
analyze-right = højre
analyze-rep = gentagelse { $n }{ $side } { $start }-{ $end } s  ud { $out } s, tilbage { $back } s, dybde { $depth }°{ $faults }
analyze-too-fast = for hurtige: { $fast } af { $reps } gentagelser (talt med, markeret som for hurtige)
analyze-several-people = { $people } personer i billedet: tællingen holdt pause ({ $spans })
analyze-too-dark = for mørkt: i { $dark } af { $frames } billeder var billedet for mørkt til at se dig. Tænd et lys (eller vend dig mod et vindue), og prøv igen.
analyze-warning = advarsel: { $warning }
analyze-no-faults = ingen fejl
analyze-faults = fejl: { $list }
analyze-cues = råd:
analyze-rule-kept = overholdt:
analyze-rule-not-kept = IKKE overholdt:
analyze-form = form { $score }/100
analyze-form-mean = formscore: gennemsnit { $mean }/100 over { $reps } gentagelser
form-depth = knæene bøjet { $value }° i bunden (mindst { $limit }°)
form-lean_over_shins = overkroppen { $value }° mere foroverbøjet end skinnebenene (grænse { $limit }°)
form-side_tilt = overkroppen { $value }° til siden (grænse { $limit }°)
form-hip_shift = hofterne { $value } cm til siden (grænse { $limit } cm)
form-not-judged = { $what }: ikke vurderet (ikke set forfra)
form-name-depth = dybde
form-name-knee_spacing = knæene over tæerne
form-name-lean_over_shins = foroverbøjning
form-name-side_tilt = sidehældning
form-name-hip_shift = hofteforskydning
form-knee_spacing = afstanden mellem knæene { $value } % af anklernes (mindst { $limit } %)
form-knees_inside = knæene { $cm } cm inden for anklerne (afstanden { $value } % af anklernes, mindst { $limit } %)
form-knees_outside = knæene { $cm } cm uden for anklerne (afstanden { $value } % af anklernes)
