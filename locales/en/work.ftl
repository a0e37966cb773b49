# backcoach: work mode's words (reminders, the work screen).

work-break-title = Time to stand up
work-break-body = You have been sitting for { $minutes } minutes. Stand up, walk around a little, or do the 2-minute standing routine.
work-slouch-title = Vary your posture
work-slouch-body = You have been leaning forward for a few minutes. The next working posture is always the best: sit up, or stand for a while.
work-privacy = No picture is stored or sent: only posture states and times. The camera is released while work mode is paused.
work-title = At work
work-state-sitting = Sitting
work-state-standing = Standing
work-state-away = Away
work-state-unknown = Looking for you…
work-sitting-for = Sitting for { $time } (break after { $limit } min)
work-paused = Paused: the camera is off
work-pause = Pause
work-resume = Resume
work-meeting-start = Standing meeting
work-meeting-stop = End the meeting
work-meeting-time = Standing meeting: { $time }
work-routine = The 2-minute standing routine: { $list }
work-routine-start = Start the routine
work-today = Today at work: sitting { $sitting }, longest bout { $longest }, breaks { $breaks }, reminders ignored { $ignored }
