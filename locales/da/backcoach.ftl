# backcoach: trænerens ord (råd, vejledning, hvad stemmen siger).
# Nøglerne er stabile; hver nøgle findes på alle sprog (tests/i18n.rs).

## Vejledningens råd

pain-advice = Stop. Hvis du får ondt, så kontakt din læge eller en autoriseret behandler.
physician-advice = Dine smerter har haft samme styrke i mere end 36 timer. Søg læge eller en autoriseret behandler.

## Før du starter (vejledningens tjekliste, i samme rækkefølge)

checklist-shoes = Flade sko eller bare fødder, løstsiddende tøj
checklist-space = Plads omkring dig til arme og ben
checklist-stance = Fødderne parallelle, let bøjede knæ, hagen trukket ind
checklist-core = Spænd de dybe mavemuskler og bækkenbunden
checklist-breathe = Tag et par dybe indåndinger

## Råd: ét pr. fejl (en øvelsesfil kan have sit eget)

cue-too_fast = Lidt langsommere
cue-feet_not_parallel = Stil fødderne parallelt
cue-stance_too_narrow = Stil fødderne i hoftebredde
cue-stance_too_wide = Stil fødderne lidt tættere, i hoftebredde
cue-knees_locked = Bøj knæene en smule
cue-knees_caving_in = Hold knæene ud over tæerne
cue-leaning_forward = Løft brystet, læn dig ikke forover
cue-trunk_twist = Hold skuldrene lige, vrid ikke
cue-head_forward = Træk hagen ind
cue-out_of_frame = Gå et skridt tilbage, så hele kroppen kan ses
cue-partial_rep = Lidt længere, hvis det føles i orden
cue-leaning_sideways = Stå oprejst, læn dig ikke til siden
cue-hips_turning = Hold hofterne vendt fremad, drej kun overkroppen
cue-hands_far_from_body = Hold byrden tæt ind til kroppen
cue-not_deep_enough = Gå lidt dybere ned, hælene i gulvet
cue-hips_shifting = Hold vægten lige på begge fødder
cue-good-form = Godt, dybt og roligt
cue-good-rep = Flot
several-people = { $people } personer i billedet: tællingen holder pause

## Udgangsstillingen

stance-knees_not_squatting = Rejs dig, og bøj kun knæene let
stance-trunk_upright = Stå rank med brystet lidt frem
stance-neutral = Stil dig i neutral stilling
view-nobody = Jeg kan ikke se dig: stil dig foran kameraet
view-head_not_seen = Jeg kan ikke se dit hoved: vip kameraet op, eller gå et skridt tilbage
view-shoulders_not_seen = Jeg kan ikke se dine skuldre: gå et skridt væk fra kameraet
view-feet_not_seen = Jeg kan ikke se dine fødder: vip kameraet ned, eller gå et skridt tilbage
view-side_cut = Stil dig midt i billedet
view-too_dark = Det er for mørkt: tænd et lys

## Hvad stemmen siger
# Tal læses op af espeak-ng ("3" bliver til "tre").

voice-count = { $n }
voice-last-one = Den sidste
# "Sæt" is neuter: the number one is said "ét" (et sæt), not "en". Both numbers are
# words (up to ti), so the line never mixes a word and a digit ("Sæt ét af to").
voice-start-exercise = { $name }. Sæt { $set ->
        [1] ét
        [2] to
        [3] tre
        [4] fire
        [5] fem
        [6] seks
        [7] syv
        [8] otte
        [9] ni
        [10] ti
       *[other] { $set }
    } af { $sets ->
        [1] ét
        [2] to
        [3] tre
        [4] fire
        [5] fem
        [6] seks
        [7] syv
        [8] otte
        [9] ni
        [10] ti
       *[other] { $sets }
    }
voice-tempo-two = to
voice-rest = Pause. { $secs ->
    [one] Ét sekund
   *[other] { $secs } sekunder
  }
voice-rest-left = { $secs ->
    [one] Ét sekund
   *[other] { $secs } sekunder
  }
voice-next = Næste: { $name }
voice-well-done = Godt klaret
voice-summary = { $reps ->
    [0] Træningen er slut. Jeg talte ingen gentagelser
    [one] Træningen er slut. Jeg talte én gentagelse
   *[other] Træningen er slut. Jeg talte { $reps } gentagelser
  }
voice-unmuted = Stemmen er slået til
phase-rest = Hvil
