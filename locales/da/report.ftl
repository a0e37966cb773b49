# backcoach: rapporten til fysioterapeuten (backcoach report og Historik → Rapport i appen).
# Nøglerne er de samme som i den engelske fil (tests/i18n.rs). Siden escaper alle beskeder.

report-title = backcoach-rapport { $date }
report-heading = Træning og smertedagbog
report-period-label = Periode
report-period = { $first } til { $last } ({ $days ->
    [one] 1 dag
   *[other] { $days } dage
  })
report-period-empty = til og med { $last } (ingen registreringer endnu)
report-made = Lavet { $time } ({ $offset }).
report-about = Øvelser for lænden med vejledning fra backcoach: neutral stilling, langsomt tempo, 5-10 gentagelser pr. sæt, hver dag; brugeren stopper straks, når det gør ondt.
report-alert = Smertedagbogen viser samme smertestyrke i mere end 36 timer. Øvelsesvejledningen anbefaler at søge læge eller en autoriseret behandler.
report-none = ingen

## Overblik
report-glance = Overblik
report-fig-days-of = { $exercised } af { $days }
report-fig-days-exercised = dage med træning
report-sessions = træningspas
report-fig-reps = talte gentagelser
report-fig-streak-days = { $days ->
    [one] 1 dag
   *[other] { $days } dage
  }
report-fig-streak = i træk lige nu
report-fig-pain-latest = seneste smerte
report-fig-pain-worst = værste smerte i perioden
report-fig-pain-stops = smertestop
report-fig-rule-events = antal gange 36-timersreglen slog til

## Smertedagbog
report-pain-diary = Smertedagbog
report-pain-none = Ingen smerteregistreringer i perioden.
report-pain-chart = Smertestyrke (0-10) over tid
report-pain-axis = smerter 0-10
report-marker-36h = 36 t
report-legend-pain = smerteregistrering
report-legend-stop = × smertestop (øverst, når der ikke er angivet en styrke)
report-legend-36h = 36 t: samme smertestyrke i mere end 36 timer
report-rule-heading = 36-timersreglen
report-col-when = tidspunkt
report-col-intensity = styrke
report-col-since = uændret siden
report-col-hours = timer
report-reports = Registreringer
report-reports-shown = De { $shown } nyeste af { $total } registreringer; grafen viser dem alle, og { $command } giver dem alle.
report-col-where = hvor
report-col-during = under
report-during-session = et træningspas

## Smertestop
report-stops = Smertestop
report-stops-none = Intet træningspas blev stoppet på grund af smerter i perioden.
report-col-exercise = øvelse
report-col-set = sæt
report-col-reps-before = gentagelser inden

## Regelmæssighed
report-adherence = Regelmæssighed
report-adherence-prefix = Trænet på
report-adherence-days = { $exercised } af { $days ->
    [one] 1 dag
   *[other] { $days } dage
  }
report-adherence-sessions = { $sessions } træningspas: { $completed } gennemført, { $pain } stoppet på grund af smerter, { $early } afsluttet før tid, { $interrupted } afbrudt. Dage i træk nu: { $streak }, længst: { $longest }.
report-reps-chart = Talte gentagelser pr. dag
report-reps-axis = gentagelser pr. dag

## Øvelser, tempo og fejl
report-exercises = Øvelser
report-no-reps = Ingen gentagelser registreret i perioden.
report-col-reps = gentagelser
report-col-sets = sæt
report-col-no-fault = uden fejl
report-col-partial = delvise
report-secs-per-rep = s pr. gentagelse
report-col-too-fast = for hurtige
report-col-faults = hyppigste fejl
report-tempo = Tempo og fejl over tid
report-legend-session = ét punkt pr. træningspas
report-tempo-heading = Sekunder pr. gentagelse (vejledningen siger langsomt tempo)
report-tempo-chart = Gennemsnitligt antal sekunder pr. gentagelse, pr. træningspas
report-share-heading = Andel af gentagelserne, der var for hurtige (fuld linje) og havde en fejl (stiplet)
report-share-chart = Procent af gentagelserne, der var for hurtige og havde en fejl, pr. træningspas
report-share-axis = % af gentagelserne
report-form-heading = Formscore pr. træningspas (gennemsnit af gentagelserne, 0-100, højere er bedre)
report-form-chart = Gennemsnitlig formscore for gentagelserne pr. træningspas
report-form-axis = formscore
report-footer = Lavet af backcoach { $version } ud fra historikken på denne computer. Gentagelser, tempo og fejl er vurderet ud fra et webkamera og er skøn; smertedagbogen er brugerens egne registreringer.

## Programmet (pr. øvelse: gentagelser pr. sæt i perioden og ændringerne)
report-programme = Program
report-programme-intro = Gentagelser pr. sæt for hver øvelse, som programmet planlagde dem, og hver ændring: et trin op efter fejlfri træningspas, et trin ned efter smerter, et trin lavere efter en uge uden træning, og brugerens egne tal.
report-programme-none = Ingen af programmets øvelser blev lavet i perioden.
report-programme-axis = gentagelser pr. sæt
report-programme-chart = { $name }: gentagelser pr. sæt i perioden
report-programme-now = nu { $sets } × { $reps }
report-programme-legend-line = programmet (sæt × gentagelser står under linjen)
report-programme-legend-choice = brugerens egne tal (stiplet)
report-programme-legend-step-up = trin op
report-programme-legend-pain-stop = trin ned efter et smertestop
report-programme-legend-pain-report = trin ned efter smerter over det sædvanlige
report-programme-legend-missed-week = uge uden træning
report-programme-legend-override = brugerens egne tal
report-programme-legend-override-cleared = tilbage på programmets tal
report-programme-step-up = { $date }: op til { $sets } × { $reps } efter fejlfri træningspas
report-programme-back-off-stop = { $date }: ned til { $sets } × { $reps } efter et smertestop den { $cause }
report-programme-back-off-report = { $date }: ned til { $sets } × { $reps } efter smerter på { $intensity } den { $cause } (sædvanligvis { $usual })
report-programme-missed-week = { $date }: et trin lavere, { $sets } × { $reps }, efter { $days } dage uden træning
report-programme-override = { $date }: brugerens egne tal, { $sets } × { $reps } (programmet: { $programme_sets } × { $programme_reps })
report-programme-override-cleared = { $date }: tilbage på programmets tal, { $sets } × { $reps }
report-programme-months = jan. feb. mar. apr. maj jun. jul. aug. sep. okt. nov. dec.
report-programme-date = { $day }. { $month }
