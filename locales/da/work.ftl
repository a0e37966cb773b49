# backcoach: arbejdstilstandens ord (påmindelser, arbejdsskærmen).

work-break-title = Tid til at rejse sig
work-break-body = Du har siddet i { $minutes } minutter. Rejs dig, gå lidt rundt, eller tag den stående øvelse på 2 minutter.
work-slouch-title = Varier din arbejdsstilling
work-slouch-body = Du har siddet foroverbøjet i nogle minutter. Den næste arbejdsstilling er altid den bedste: ret dig op, eller stå lidt.
work-privacy = Der gemmes eller sendes intet billede: kun stillinger og tider. Kameraet slippes, når arbejdstilstanden er sat på pause.
work-title = På arbejde
work-state-sitting = Sidder
work-state-standing = Står
work-state-away = Væk
work-state-unknown = Leder efter dig…
work-sitting-for = Siddet i { $time } (pause efter { $limit } min)
work-paused = På pause: kameraet er slukket
work-pause = Pause
work-resume = Fortsæt
work-meeting-start = Stående møde
work-meeting-stop = Afslut mødet
work-meeting-time = Stående møde: { $time }
work-routine = Den stående øvelse på 2 minutter: { $list }
work-routine-start = Start øvelsen
work-today = I dag på arbejde: siddet { $sitting }, længste periode { $longest }, pauser { $breaks }, oversete påmindelser { $ignored }
