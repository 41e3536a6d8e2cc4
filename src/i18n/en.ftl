# Throughline learner widget: English, the reference file. Every other language file has exactly
# these messages (checked by the tests in src/i18n/tests.rs). Words a learner reads, plainly.

## Shared
continue = Continue
cancel = Cancel
try-again = Try again
part-unfetched = This part could not be loaded. Check your connection, then try again. Nothing you have done is lost.
step-of = Step { $step } of { $steps }
loading = Loading your follow-up plan…
failed-heading = The follow-up plan could not start
greeting = { $name }, here is your plan
greeting-anonymous = Your follow-up plan
role-badge = Role: { $role }
dismiss = Dismiss

## Step 1: the role
role-question = Which role fits you best in this program?
role-why = Each role gets its own commitments for the same skill, so leaders, teams and partners practise their side of the same conversation.
role-locked = Your role is set because you have committed. Use “Start over” below your plan to change it.
role-choose-first = Please choose the role that fits you best.
role-saved = Role saved.

## Step 2: commitments
commit-heading = Commit to what you will do at work
commit-help = Pick one to three. Make each one yours: reword it, then say when or where you will do it. Plans with a time and place are the ones that happen.
commit-editing = Edit your commitments
commit-behaviour = Behaviour
commit-how-often-now = How often do you do this now, before you start?
commit-own = My own commitment
commit-what = What I will do
commit-when = When or where I will do it
commit-when-example = e.g. in my Monday one-to-ones
commit-why = Why this matters to me (optional)
commit-why-private = Kept in your own plan and records. The program's dashboard never shows it.
commit-add-own = Add my own commitment
commit-save = Save my commitments
commit-submit = Commit to my plan
commit-change-role = Change my role
commit-saved = Your commitments are saved.

## The due card
due-paused-heading = Your plan is paused
due-paused = You are on leave until { $date }. Your reflections wait and none counts as missed.
due-resume = I'm back: resume my plan
due-resumed = Welcome back: your plan continues.
due-none-heading = Nothing due today
due-next = Your next reflection, “{ $title }”, is on { $date }. Keep practising your commitments until then.
due-all-done = You have completed every reflection in this program. Well done: keep the habits going.
due-overdue = { $days ->
    [0] This is due today.
    [1] This was due yesterday. Earlier reflections you missed are closed, so this is the one to do now.
   *[other] This was due { $days } days ago. Earlier reflections you missed are closed, so this is the one to do now.
}
due-eyebrow = Reflection · day { $day } · due { $date }
due-reflection = Your reflection
due-self-check = Self-check
due-observer-heading = How your team is doing
due-observer-help = Optional. Your answers are counted only together with at least two other people's, and nobody sees yours.
due-save = Save reflection
due-saved = Reflection saved. Thank you.
due-skip = Skip this one
due-skipped = Reflection skipped.
due-snoozed = Reminder moved.
snooze-tomorrow = Remind me tomorrow
snooze-days = In { $days } days
snooze-week = In a week

## Saving to the learning record
sync-ok = All progress saved to your learning record.
sync-sending = { $count ->
    [one] Sending 1 record…
   *[other] Sending { $count } records…
}
sync-offline = Offline: { $count } waiting. They will be sent when you are back online.
sync-failed = { $count ->
    [one] Needs attention: 1 record could not be recorded. It is kept here. { $why }
   *[other] Needs attention: { $count } records could not be recorded. They are kept here. { $why }
}
sync-return = Return to the course

## Other programs
elsewhere-heading = Also due in your other programs
elsewhere-item = { $program }: “{ $step }”, due { $date }
elsewhere-open = Open the course

## The plan
plan-heading = My commitments
plan-edit = Edit my commitments
plan-when-where = When / where: { $text }
state-not-started = Not started
state-trying = Trying
state-adopted = Adopted
state-lapsed = Lapsed

## The schedule
schedule-heading = My reflection schedule
schedule-help = Short reflections, spaced over the weeks after the course. Add them to your calendar so they find you.
schedule-download = Add to my calendar (.ics)
schedule-downloaded = Calendar file downloaded.
schedule-step = Day { $day }: { $title }
schedule-step-check = Day { $day }: { $title } · with self-check
schedule-planned = { " " }(planned { $date })
status-upcoming = Upcoming
status-due = Due now
status-snoozed = Snoozed to { $date }
status-done = Done
status-skipped = Skipped
status-missed = Missed
status-waiting = Waiting until { $date }

## The calendar link
feed-offer = Or get a link your calendar app follows, so changes to your days show up by themselves.
feed-get = Get a calendar link
feed-label = My calendar link
feed-help = Add it in your calendar app as a subscription ("from URL"). It is private to you: anyone with it sees your reflection days.
feed-copy = Copy the link
feed-open = Open in my calendar app
feed-new = Make a new link
feed-stop = Stop my calendar link
feed-ready = Your calendar link is ready. Add it to your calendar app as a subscription.
feed-stopped = Your calendar link is stopped. Calendars that used it stop updating.
feed-copied = Calendar link copied.
feed-copy-refused = The browser did not let the page copy. Select the link and copy it yourself.

## My own rhythm
cadence-summary = Change my reflection days
cadence-move-legend = Move a reflection (up to { $days ->
    [one] 1 day
   *[other] { $days } days
})
cadence-reflection = Reflection
cadence-step-option = Day { $day }: { $title } ({ $date })
cadence-new-day = New day
cadence-same-day = On the planned day
cadence-earlier = { $days ->
    [one] 1 day earlier
   *[other] { $days } days earlier
}
cadence-later = { $days ->
    [one] 1 day later
   *[other] { $days } days later
}
cadence-move = Move reflection
cadence-moved = Reflection moved.
cadence-nothing-to-move = There is no reflection still to come to move.
cadence-day-legend = My reflection day
cadence-day-label = Reflections fall on
cadence-program-days = The program's own days
cadence-day-save = Save my day
cadence-day-saved = Your reflection day is saved.
cadence-pause-legend = On leave? Pause for up to { $days ->
    [one] 1 day
   *[other] { $days } days
}
cadence-leave-until = I'm on leave until
cadence-change-back = Change the date I am back
cadence-pause = Pause my plan
cadence-change-return = Change my return date
cadence-paused = Your plan is paused until you are back.
cadence-paused-until = Your plan is paused: you are on leave until { $date }. Nothing is due and nothing counts as missed until then.
cadence-choose-date = Please choose the date you are back.
weekday-monday = Monday
weekday-tuesday = Tuesday
weekday-wednesday = Wednesday
weekday-thursday = Thursday
weekday-friday = Friday
weekday-saturday = Saturday
weekday-sunday = Sunday

## My trend
trend-heading = My trend
trend-empty = Your trend appears after your first self-check.
trend-baseline-only = Your trend starts from where you said you are now; it continues after your first self-check.
trend-start = Start
trend-day = Day { $day }
# Inside a sentence (the chart's description).
trend-start-inline = start
trend-day-inline = day { $day }
trend-point = { $day }: about “{ $level }”
trend-summary = Your average self-rating over time: { $points }.
trend-help = Lowest level: { $lowest }. Each point is the average of your self-ratings at that check; “Start” is where you said you were when you committed.
trend-caption = Your self-checks by behaviour

## Shared language
glossary-heading = Shared language
glossary-help = Leaders, team members and partners all use these words the same way.

## Start over
start-over = Start over
start-over-confirm = Start over? This clears your role, commitments and reflections in this browser.
start-over-yes = Yes, start over
start-over-keep = Keep my plan
start-over-done = Your plan was cleared.

## Teams
team-heading = My team
team-my-name = My name as my team sees it
team-looking = Looking for your teams…
team-still-loading = The team is still loading; try again in a moment.
team-name-first = Write the name your team will see first.
team-ready = Your team is ready. Share its code or link with the people you lead.
team-joined = You joined the team.
team-left = You left the team.
team-removed = They are no longer in your team.
team-roster-added = Your course roster is in your team.
team-invitation = Team invitation
team-invited = You were invited to join a team (code { $code }). Joining shares your commitments with it; you can choose which below, and your reflections stay private.
team-join-this = Join this team
team-start-help = Start a team so the people you lead see what you committed to, and you see theirs.
team-start = Start a team
team-join-summary = Join a team with a code
team-code = Team code
team-join = Join the team
team-remove = Remove
team-remove-who = Remove { $name } from the team
team-member = { $name } ({ $role })
team-member-leads = { $name } ({ $role }) · leads the team
team-nothing-shared = Nothing shared yet from the other side of your pairs.
team-side-leader = Your leader { $name } committed to “{ $behaviour }”
team-side-member = { $name } ({ $role }) committed to “{ $behaviour }”
team-side-pair = { " " }({ $pair })
team-share = { " " }Share “{ $title }”
team-add-roster = Add my course roster
team-share-code = Share this code with the people you lead:
team-join-link = Join link
team-leave = Leave this team
team-led-by = { $count ->
    [one] Led by { $leader }. 1 person in it.
   *[other] Led by { $leader }. { $count } people in it.
}
team-who = Who is in it
team-other-side = What the other side committed to
team-what-i-share = What I share with this team
team-never-shared = Your reflections and ratings are never shared.
team-reading-figures = Reading your team's figures…
team-not-rated = not rated yet
team-quoted = “{ $level }”
team-says = your team says “{ $level }” ({ $count } people, day { $day })
team-shown-once = shown once { $min } people have answered ({ $needed } more needed)
team-no-answers = no one has answered yet; shown once { $min } people have
team-seen-row = { $title }: you say { $mine }; { $team }.
team-adoption-row = { $title }: { $members } committed; { $adopted } adopted, { $trying } trying, { $notstarted } not started, { $lapsed } lapsed.
team-adoption-empty = Shown for each paired behaviour once at least 3 people in your team committed to it.
team-lead-figures = How the people you lead are doing
team-sees-me = How my team sees me

## Why an action was refused (the plan's rules)
plan-error-unknown-role = The role “{ $role }” is not part of this program. Please choose one of the roles shown.
plan-error-role-locked = Your role is set once you commit. Use “Start over” to choose another role.
plan-error-no-role = Please choose your role first.
plan-error-no-commitments = Choose at least one commitment to continue.
plan-error-too-many = Keep it to { $max } commitments or fewer: a few done well beat many started.
plan-error-behaviour-not-for-role = “{ $behaviour }” is not one of the behaviours for your role.
plan-error-empty-what = Please fill in what you will do.
plan-error-empty-when = Please fill in when or where you will do it.
plan-error-empty-reflection = Please fill in your reflection.
plan-error-long-what = What you will do is too long: please keep it under { $max } characters.
plan-error-long-when = When or where you will do it is too long: please keep it under { $max } characters.
plan-error-long-reflection = Your reflection is too long: please keep it under { $max } characters.
plan-error-not-due = This reflection is not open right now. Reload the page to see what is due.
plan-error-missing-rating = Please rate how often “{ $behaviour }” happened before you save.
plan-error-bad-rating = The rating for “{ $behaviour }” is not on the scale.
plan-error-bad-snooze = Choose a later day that is before your next reflection.
plan-error-missing-baseline = Please say how often “{ $behaviour }” happens now, so you can see your progress from here.
plan-error-not-committed = Commit to your plan first; then you can set its days.
plan-error-no-moving = This program does not allow moving reflections.
plan-error-no-weekday = This program does not allow choosing a weekday.
plan-error-no-pausing = This program does not allow pausing.
plan-error-move-too-far = A reflection can move at most { $max } days from its planned day.
plan-error-cannot-move = Only reflections still to come can be moved.
plan-error-move-past-neighbour = A reflection cannot move past the one before or after it.
plan-error-move-into-past = Choose a day from today on.
plan-error-weekday-not-offered = This program offers these days: { $days }.
plan-error-bad-pause = Choose a return date after today.
plan-error-pause-too-long = A pause can last at most { $max } days. Choose an earlier return date.
plan-error-not-paused = Your plan is not paused.

## Problems the widget reports

problem-options = This page's settings for the follow-up plan have problems. Show this message to whoever looks after the course page:
problem-storage-step = Your browser's storage is full or turned off, so this step could not be recorded. Free some space or allow storage for this site, then try again.
problem-session-ended = This course session has ended and everything in it was recorded. To go on, open the course again from your learning platform.
problem-program-invalid = The program file has problems, so the widget cannot start. Ask the course designer to run `throughline check` on it:
problem-role-hint = The course suggested the role “{ $role }”, which this program does not have; please choose your role.
problem-storage-blocked = This browser is not letting the page save your plan (private mode or storage turned off). Your changes will be lost when you leave this page.
problem-storage-full = Your plan could not be saved: the browser's storage for this site is full or turned off.
problem-sync-offline = Your plan is saved in this browser; it will be copied to your learning record store when you are back online.
problem-sync-refused = The learning record store did not accept the widget's credentials, so your plan is kept in this browser only.
problem-sync-no-plans = Your progress is recorded; this learning record store does not keep plans, so your plan stays in this browser.
problem-sync-status = The learning record store answered { $status }; your plan is saved in this browser and will be copied later.
problem-sync-other-window = Your plan is being changed in another window; it will be copied shortly.
problem-programs-other-window = Your list of programs is being changed in another window; it will be updated on your next visit.
problem-team-offline = The team could not be reached (offline or the server did not answer). Try again in a moment.
problem-team-refused = The learning record store does not let this page keep teams. Ask your course administrator.
problem-team-status = The team could not be saved (error { $status }). Try again later.
problem-team-list-unreadable = The service's list of teams could not be read: { $reason }
problem-team-figures-need-service = How your team sees you needs the Throughline service: this learning record store keeps no team figures.
problem-team-figures-unreadable = The team's figures could not be read: { $reason }
problem-roster-needs-service = Adding the course roster needs the Throughline service.
problem-team-unreadable = The team could not be read: { $reason }
problem-team-busy = The team is being changed by someone else right now. Try again in a moment.
problem-teams-other-window = Your list of teams is being changed in another window; reload the page.
problem-team-code = This browser cannot make a team code (no secure random numbers).
problem-download-refused = Your browser did not allow the download. Please try again or use another browser.
problem-checker-empty = The program checker gave back no program.
problem-program-unreachable = The program file at { $url } could not be reached. Check the address and your connection.
problem-program-status = The program file at { $url } could not be loaded (the server answered { $status }).
problem-program-unreadable = The program file at { $url } is not readable text.
problem-checker-unavailable = This program is a source file, and the checker that reads source files could not be loaded. Ask the course designer to publish the compiled program (`throughline compile`), or to put the `check` folder next to throughline.js.
problem-cmi5-no-answer = The course could not get its sign-in token from your learning platform (no answer). Please start it again from the platform.
problem-cmi5-unreadable = Your learning platform's sign-in answer was not readable. Please start the course again from the platform.
problem-cmi5-used = This course launch link was already used. Please start the course again from your learning platform.
problem-cmi5-no-token = Your learning platform did not give the course a sign-in token. Please start the course again from the platform.
problem-lrs-unreachable-start = The learning record store could not be reached to start the course. Check your connection and reload.
problem-cmi5-no-launch-data = Your learning platform did not leave the course its launch data. Please start the course again from the platform.
problem-lrs-status-start = The learning record store answered { $status } when the course started. Please start it again from your learning platform.
problem-cmi5-no-session = Your learning platform's launch data has no session id.

## Why a team action was refused

team-error-bad-code = That is not a team code: a code has 8 letters and digits, such as K7QF-M2XP.
team-error-no-such-team = No team has this code. Check it with the person who shared it; the team may have been closed.
team-error-other-program = This team belongs to another program. Open the course page of that program to join it.
team-error-full = This team is full. Ask its leader to make room or to start another team.
team-error-removed = The leader removed you from this team, so the code no longer lets you in. Ask them if this was a mistake.
team-error-not-leader = Only the team's leader can do that.
team-error-not-member = You are not in this team (any more).
team-error-leader-stays = You lead this team, so you cannot leave it. Remove its members first if it should end.
team-error-cannot-lead = Your role in this program does not lead a team. Join your leader's team with their code instead.
team-error-unknown-role = Choose your role in this program before joining a team.
team-error-unreadable = The team's record could not be read ({ $reason }). Ask the team's leader to check it.
