# backcoach: the coach's words (cues, advice, what the voice says).
# Keys are stable; every key exists in every language (tests/i18n.rs).

## The seed's advice

pain-advice = Stop. If you feel pain, consult your doctor or an authorised therapist.
physician-advice = Your pain has stayed the same for more than 36 hours. Please see a physician or licensed therapist.

## Before you begin (the seed's checklist, in its order)

checklist-shoes = Flat shoes or barefoot, loose clothes
checklist-space = Space around you for arms and legs
checklist-stance = Feet parallel, knees slightly bent, chin in
checklist-core = Tense your deep core and pelvic floor
checklist-breathe = Take some deep breaths

## Cues: one per fault (an exercise file may give its own)

cue-too_fast = Slow down
cue-feet_not_parallel = Point your feet forward
cue-stance_too_narrow = Step your feet hip-width apart
cue-stance_too_wide = Bring your feet in to hip width
cue-knees_locked = Unlock your knees a little
cue-knees_caving_in = Keep your knees over your toes
cue-leaning_forward = Keep your chest up, don't lean forward
cue-trunk_twist = Keep your shoulders square, don't twist
cue-head_forward = Pull your chin in
cue-out_of_frame = Step back so your whole body is in view
cue-partial_rep = Go a little further if it feels fine
cue-leaning_sideways = Stay upright, don't lean sideways
cue-hips_turning = Keep your hips facing forward, turn only your upper body
cue-hands_far_from_body = Keep the load close to your body
cue-not_deep_enough = Sit a little deeper, heels down
cue-hips_shifting = Keep your weight even on both feet
cue-good-form = Good, deep and steady
cue-good-rep = Good rep
several-people = { $people } people in view: counting paused

## The stance gate

stance-knees_not_squatting = Stand up tall, knees only slightly bent
stance-trunk_upright = Stand tall with your chest slightly forward
stance-neutral = Find your neutral stance
view-nobody = I can't see you: stand in front of the camera
view-head_not_seen = I can't see your head: tilt the camera up or step back
view-shoulders_not_seen = I can't see your shoulders: step back from the camera
view-feet_not_seen = I can't see your feet: tilt the camera down or step back
view-side_cut = Move to the middle of the picture
view-too_dark = It is too dark: turn on a light

## What the voice says

voice-count = { $n }
voice-last-one = Last one
voice-start-exercise = { $name }. Set { $set } of { $sets }
voice-tempo-two = two
voice-rest = Rest. { $secs } seconds
voice-rest-left = { $secs } seconds
voice-next = Next: { $name }
voice-well-done = Well done
voice-summary = { $reps ->
    [0] Session over. No reps counted
    [one] Session over. One rep counted
   *[other] Session over. { $reps } reps counted
  }
voice-unmuted = Voice on
phase-rest = Rest
