# backcoach: skærmenes ord.
# Nøglerne er de samme som i den engelske fil (tests/i18n.rs).

## Fælles

app-name = backcoach
common-back = Tilbage
common-end-session = Afslut træningen
common-on = Til
common-off = Fra

## Topbjælken og beskeder

top-pain-button = Jeg har ondt — stop
top-or-space = eller tryk på mellemrum
top-voice-off = Stemme fra — tryk M
top-voice-hint = M: stemme fra
notice-history-not-saved = Historikken bliver ikke gemt: { $error }
notice-camera-cannot-start = Kameraet kan ikke starte: { $error }. Tjek, at det er sat til og ikke bruges af et andet program, eller start backcoach med --source VIDEO.
notice-camera-starting = Starter kameraet…
notice-camera-lost = Forbindelsen til kameraet er væk ({ $message }). Pause: sæt det til igen, så fortsætter vi.
notice-camera-failed = Kameraet stoppede: { $message } Eller vælg et andet kamera under Indstillinger.
notice-coaching-failed = Vejledningen stoppede: { $message }
notice-video-ended = Videoen er slut.
notice-video-ends-early = Videofilen slutter for tidligt: { $read } s af { $promised } s blev læst. Kun den del er bedømt; kopiér hele filen igen, eller vent til optagelsen er færdig.
notice-video-damaged = Videoen sluttede for tidligt: { $message }
notice-voice-log-failed = Kan ikke skrive stemmeloggen { $path }: { $error }
debug-fps = fps { $fps }
debug-inference = beregning { $ms } ms
debug-latency = forsinkelse { $ms } ms
debug-frames = billeder { $judged } bedømt af { $offered }, { $dropped } tabt
debug-inference-pct = beregning p50 { $p50 } ms, p95 { $p95 } ms
debug-latency-pct = forsinkelse til skærm p50 { $p50 } ms, p95 { $p95 } ms
debug-process = CPU { $cpu } % af en kerne, { $rss } MB, model { $model }
debug-paint = vinduet tegnet { $fps } gange i sekundet
settings-model = Kropssporing
settings-model-auto = Automatisk
settings-model-full = Præcis
settings-model-lite = Hurtig
settings-model-timings = Denne computer: præcis { $full } ms, hurtig { $lite } ms pr. billede. Automatisk bruger: { $model }.
settings-model-not-timed = Endnu ikke målt på denne computer: automatisk bruger Præcis.
settings-model-measuring = Måler computerens hastighed…
settings-model-measure = Mål igen
settings-model-failed = Kunne ikke måle: { $error }
settings-model-hint = Hurtig passer til en langsom computer. Ændringen gælder fra næste øvelse.

## Forsiden

home-plan = Dagens plan
home-no-exercises = Ingen øvelser valgt endnu.
home-plan-item = { $name } — { $sets } × { $reps }
home-start = Start træningen
home-choose = Vælg øvelser
home-history = Historik
home-settings = Indstillinger
home-streak = { $days ->
    [one] dag i træk
   *[other] dage i træk
  }
home-daily = Lav øvelserne hver dag.
home-pain-question = Hvordan har din ryg det nu? 0 = ingen smerter, 10 = værst tænkelige
home-pain-where = Hvor? (valgfrit)
home-voice-notice = Stemme: { $notice }
home-pain-save = Gem smerterne

## Øvelser og info

library-title = Vælg øvelser
library-done = Færdig
library-select = Vælg { $name }
library-sets = Sæt
library-reps = Gentagelser
library-fewer-sets = Færre sæt: { $name }
library-more-sets = Flere sæt: { $name }
library-fewer-reps = Færre gentagelser: { $name }
library-more-reps = Flere gentagelser: { $name }
library-info = Info
library-about = Om { $name }
info-how = Sådan gør du
info-muscles = Muskler, der trænes
info-cautions = Pas på
info-pause = Pause
info-play = Afspil

## Før du starter, sættet, pausen

live-no-picture = Intet billede fra kameraet
live-video-ended = Videoen er slut
live-waiting = Venter på kameraet…
live-two-people = { $people } personer i billedet: tællingen holder pause
live-not-seen = Vi kan ikke se dig. Stil dig i billedet, 2-3 m fra skærmen.
live-set = Sæt { $set } af { $sets }
live-tempo = { $phase }  ·  langsomt tempo
before-title = Før du starter — sæt { $set } af { $sets }
before-hold = Godt. Stå stille…
before-ready = Klar!
before-stop-hint = Stop når som helst: kryds håndleddene over hovedet i et sekund, eller tryk på mellemrum.
rest-title = Pause
rest-seconds = { $secs ->
    [one] sekund
   *[other] sekunder
  }
rest-next = Næste: { $name } — sæt { $set } af { $sets }
rest-skip = Spring pausen over

## Opsummering

summary-pain-title = Stoppet på grund af smerter
summary-well-done = Godt klaret
summary-home = Forside
summary-secs-per-rep = { $secs } s pr. gentagelse
summary-counts = Gentagelser { $reps }   Gode { $good }   For hurtige { $fast }   Delvise { $partial }   { $tempo }
summary-rep-faults = Gentagelse { $n }: { $faults }
summary-rep-form = Gentagelse { $n }: form { $score }/100   { $faults }
summary-form-mean = Formscore: { $score }/100 (gennemsnit af gentagelserne)
summary-guidance-kept = { $rule }: overholdt i { $kept } af { $reps } gentagelser
summary-plot-movement = bevægelse
summary-plot-rep-done = gentagelse færdig
summary-plot-reps = gentagelser

## Fejlenes navne (opsummering), én pr. fejlkode

fault-too_fast = for hurtigt
fault-feet_not_parallel = fødderne ikke parallelle
fault-stance_too_narrow = for smal stilling
fault-stance_too_wide = for bred stilling
fault-knees_locked = låste knæ
fault-knees_caving_in = knæene falder ind
fault-leaning_forward = lænet frem
fault-trunk_twist = vrid i overkroppen
fault-head_forward = hovedet skudt frem
fault-out_of_frame = uden for billedet
fault-partial_rep = delvis gentagelse
fault-leaning_sideways = lænet til siden
fault-hips_turning = hofterne drejer med

## Smertestop

pain-stopped = Stoppet.
pain-question = Hvis du vil: hvor stærke er smerterne? (0-10)
pain-where = Hvor?
pain-save = Gem
pain-thanks = Tak. Dit svar er gemt.
pain-what-now = Hvad nu? Du bestemmer.
pain-back-home = Tilbage til forsiden
pain-next-exercise = Næste øvelse
pain-try-again = Prøv denne igen

## Indstillinger

settings-title = Indstillinger
settings-fixed-source = Bruger nu --source { $source }. Kameraet herunder bruges, når backcoach starter uden --source.
settings-camera = Kamera
settings-camera-n = Kamera { $index }
settings-no-camera = Intet kamera fundet
settings-plug-in = Sæt et webkamera til, og tryk så på Søg igen.
settings-look-again = Søg igen
settings-resolution = Opløsning
settings-mirror = Spejlbillede
settings-mirror-hint = Se dig selv som i et spejl. Tællingen er den samme.
settings-language = Sprog
settings-language-system = System
settings-voice = Stemme
settings-voice-hint = Tryk på M når som helst for at slå stemmen fra eller til.
settings-speed = Talehastighed
settings-speed-slow = Langsom
settings-speed-normal = Normal
settings-speed-fast = Hurtig
settings-volume = Lydstyrke
settings-volume-low = Lav
settings-volume-medium = Middel
settings-volume-high = Høj
settings-tempo-calls = Tempotælling
settings-tempo-calls-hint = Stemmen tæller det langsomme tempo med dig.

## Historik

history-title = Historik
history-report = Rapport
history-export-json = Eksportér JSON
history-export-csv = Eksportér CSV
history-none = Ingen historik: den kunne ikke åbnes.
history-plot-reps = gentagelser pr. dag
history-plot-pain = smerter 0-10
history-plot-pain-reports = smerteregistreringer
history-status-completed = gennemført
history-status-stopped-for-pain = stoppet på grund af smerter
history-status-ended-early = afsluttet før tid
history-status-interrupted = afbrudt
history-session-line = { $date }   { $reps ->
    [one] 1 gentagelse
   *[other] { $reps } gentagelser
  } (gode: { $good })   { $status }   { $names }
history-pain-line = { $date }   smerter { $intensity }   { $location }
history-saved = Gemt: { $path }
history-save-failed = Kunne ikke gemme { $path }: { $error }
history-report-saved = Rapporten er gemt: { $path }
history-report-failed = Kunne ikke gemme rapporten: { $error }
fault-hands_far_from_body = hænderne langt fra kroppen
fault-not_deep_enough = ikke dybt nok
fault-hips_shifting = hofterne skubbes til siden

## Historik: programmet (pr. øvelse: sæt × gentagelser nu og ændringerne de sidste 4 uger)
history-programme = Program
history-programme-none = Intet endnu: hver øvelses sæt og gentagelser vises her, når du har lavet den.
history-programme-now = { $name }: nu { $sets } × { $reps }
history-programme-no-changes = Ingen ændringer de sidste 4 uger.
history-programme-step-up = { $date }: op til { $sets } × { $reps }
history-programme-back-off-stop = { $date }: ned til { $sets } × { $reps } efter et smertestop
history-programme-back-off-report = { $date }: ned til { $sets } × { $reps } efter smerter over det sædvanlige
history-programme-missed-week = { $date }: et trin lavere, { $sets } × { $reps }, efter en uge uden træning
history-programme-override = { $date }: dine egne tal, { $sets } × { $reps }
history-programme-override-cleared = { $date }: tilbage på programmet, { $sets } × { $reps }

## Dagens program på Hjem, ugen, bibliotekets egne antal, den daglige påmindelse (#17)
home-own-choice = Dit eget valg i dag
home-follow-programme = Dagens program
home-week = Denne uge
home-week-mon = man
home-week-tue = tir
home-week-wed = ons
home-week-thu = tor
home-week-fri = fre
home-week-sat = lør
home-week-sun = søn
home-week-done = trænet
library-back-to-programme = Tilbage til programmet
settings-reminder = Daglig påmindelse
settings-reminder-hint = Et lille skub på dit tidspunkt, også når backcoach er lukket.
settings-reminder-time = Tidspunkt
settings-reminder-days = Dage
settings-reminder-status-systemd = Til: en systemtimer minder dig om det kl. { $time }.
settings-reminder-status-autostart = Til: minder dig om det kl. { $time }, mens du er logget ind.
settings-reminder-status-off = Fra: ingen påmindelse.
settings-reminder-failed = Kunne ikke ændre påmindelsen: { $error }
settings-reminder-no-folder = Ingen konfigurationsmappe fundet (HOME er ikke sat): påmindelsen kan ikke sættes op.
