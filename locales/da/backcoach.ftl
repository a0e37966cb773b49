# backcoach: trænerens ord (råd, vejledning, hvad stemmen siger).
# Nøglerne er de samme som i den engelske fil (tests/i18n.rs).

## Vejledningens råd

pain-advice = Stop. Hvis du får ondt, så kontakt din læge eller en autoriseret behandler.
physician-advice = Dine smerter har haft samme styrke i mere end 36 timer. Søg læge eller en autoriseret behandler.

## Før du starter (vejledningens tjekliste, i dens rækkefølge)

checklist-shoes = Flade sko eller bare fødder, løstsiddende tøj
checklist-space = Plads omkring dig til arme og ben
checklist-stance = Fødderne parallelle, let bøjede knæ, hagen trukket ind
checklist-core = Spænd de dybe mavemuskler og bækkenbunden
checklist-breathe = Tag et par dybe indåndinger

## Råd: ét pr. fejl (en øvelsesfil kan have sit eget)

cue-too_fast = Langsommere
cue-feet_not_parallel = Peg fødderne lige frem
cue-stance_too_narrow = Stil fødderne i hoftebredde
cue-stance_too_wide = Stil fødderne tættere, i hoftebredde
cue-knees_locked = Bøj knæene en smule
cue-knees_caving_in = Hold knæene over tæerne
cue-leaning_forward = Løft brystet, læn dig ikke frem
cue-trunk_twist = Hold skuldrene lige, drej ikke
cue-head_forward = Træk hagen ind
cue-out_of_frame = Gå et skridt tilbage, så hele kroppen kan ses
cue-partial_rep = Gå lidt længere, hvis det føles godt
cue-leaning_sideways = Hold dig oprejst, læn dig ikke til siden
cue-hips_turning = Hold hofterne fremad, drej kun overkroppen
cue-hands_far_from_body = Hold byrden tæt ind til kroppen
cue-good-rep = Flot
cue-one-person = Kun én person i billedet, tak

## Udgangsstillingen

stance-knees_not_squatting = Rejs dig op, knæene kun let bøjede
stance-trunk_upright = Stå rank med brystet lidt frem
stance-neutral = Find din neutrale stilling
view-nobody = Jeg kan ikke se dig: stil dig foran kameraet
view-head_not_seen = Jeg kan ikke se dit hoved: vip kameraet op, eller gå et skridt tilbage
view-shoulders_not_seen = Jeg kan ikke se dine skuldre: gå et skridt væk fra kameraet
view-feet_not_seen = Jeg kan ikke se dine fødder: vip kameraet ned, eller gå et skridt tilbage
view-side_cut = Stil dig midt i billedet

## Hvad stemmen siger

voice-count = { $n }
voice-last-one = Sidste
voice-set = Sæt { $set } af { $sets }
voice-start-exercise = { $name }. Sæt { $set } af { $sets }
voice-tempo-two = to
voice-rest = Pause. { $secs } sekunder
voice-rest-left = { $secs } sekunder
voice-next = Næste: { $name }
voice-well-done = Godt klaret
voice-summary = { $reps ->
    [0] Træningen er slut. Ingen gentagelser talt
    [one] Træningen er slut. Én gentagelse talt
   *[other] Træningen er slut. { $reps } gentagelser talt
  }
voice-muted = Stemme slået fra
voice-unmuted = Stemme slået til
phase-rest = Hvil
