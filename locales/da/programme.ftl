# backcoach: programmets begrundelser (backcoach plan). Nøglerne er de samme som i den
# engelske fil (tests/i18n.rs). Datoer er ÅÅÅÅ-MM-DD.

programme-reason-start = Ny: start med { $sets } sæt à { $reps }.
programme-reason-stepped-up = Op til { $reps } gentagelser: { $clean } rene træninger i træk (alle gentagelser talt, ingen smerter over dit normale, højst { $faulted } gentagelse ud af { $out_of } med en fejl i udførelsen).
programme-reason-at-top = På toppen, { $reps } gentagelser: hold niveauet.
programme-reason-holding = Bliver på { $reps } gentagelser: { $clean } af { $needed } rene træninger før næste gentagelse.
programme-reason-incomplete = Bliver på { $reps } gentagelser: sidst blev { $counted } af { $planned } gentagelser talt.
programme-reason-too-many-faults = Bliver på { $reps } gentagelser: sidst havde { $faulted } af { $counted } gentagelser en fejl i udførelsen (højst { $max } ud af { $out_of }).
programme-reason-pain-above-usual = Bliver på { $reps } gentagelser: sidst meldte du smerter på { $intensity }, over dit normale { $usual }.
programme-reason-pain-stop = { $drop } gentagelser ned til { $reps } efter et smertestop { $date }; ingen øgning før { $resume }.
programme-reason-pain-report = { $drop } gentagelser ned til { $reps } efter smerter på { $intensity } { $date } (dit normale: { $usual }); ingen øgning før { $resume }.
programme-reason-missed-week = Et trin ned, { $reps } gentagelser, efter { $days } dage uden træning.
programme-reason-user-choice = Dit valg: { $sets } sæt à { $reps } (programmet ville give { $programme_sets } à { $programme_reps }).

## Kategorier (tekstformen af backcoach plan; JSON beholder de engelske navne)
programme-category-mobility = mobilitet
programme-category-stability = stabilitet
programme-category-strength = styrke
programme-category-stamina = kondition

## Den daglige påmindelse (backcoach remind)

remind-title = Dine rygøvelser
remind-body = { $exercises ->
    [one] Én øvelse, cirka { $minutes } minutter
   *[other] { $exercises } øvelser, cirka { $minutes } minutter
  }
remind-open = Start dagens øvelser
remind-doctor-title = Din ryg: hvil i dag
remind-doctor-body = Tal med din læge eller fysioterapeut, før du træner igen.
