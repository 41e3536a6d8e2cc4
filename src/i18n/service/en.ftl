# The service's own pages and the messages it sends, in English (the reference).

## Any page

bad-host-title = Bad request
bad-host = The Host header is missing or not a host name.

## Reflection reminders, by email and chat

nudge-subject-due = Time to reflect: { $step }
nudge-subject-reminder = Still open: { $step }
nudge-subject-many = { $count ->
    [one] One reflection is waiting for you
   *[other] { $count } reflections are waiting for you
}
nudge-hello = Hello,
nudge-due = It is time for your reflection in “{ $program }”: { $step }.
nudge-waiting = Your reflection “{ $step }” in “{ $program }” has been waiting for { $days ->
    [one] { $days } day
   *[other] { $days } days
}.
nudge-reflect-now = Reflect now: { $url }
nudge-reflect-button = Reflect now
nudge-reflect-step = Reflect: { $step }
nudge-open-course = Open the course where you made your commitments to reflect.
nudge-few-minutes = It takes a few minutes; you can also skip it or choose a later day there.
nudge-program = “{ $program }”
nudge-and = { $first } and { $second }
nudge-why-email = You are getting this email because you made commitments in { $programs }, which reminds you of each reflection on its schedule.
nudge-why-email-capped = You are getting this email because you made commitments in { $programs }, which reminds you of each reflection on its schedule (at most { $count ->
    [one] { $count } email
   *[other] { $count } emails
} per reflection).
nudge-why-chat = You are getting this because you made commitments in { $programs }, which reminds you of each reflection on its schedule (at most { $count ->
    [one] { $count } message
   *[other] { $count } messages
} per reflection).
nudge-stop-email = Stop these emails: { $url }
nudge-stop-chat = Stop these messages

## The unsubscribe pages

unsubscribe-title = Stop reflection emails
unsubscribe-explain = You will no longer get emails about your reflections. Your plan and your reflections stay as they are, and you can still answer them on your course page.
unsubscribe-button = Stop the emails
unsubscribed-title = You are unsubscribed
unsubscribed = You will get no more reflection emails. Your plan is unchanged; your course page still shows what is due.
link-not-valid-title = Link not valid
link-not-valid = This link is not valid. It may have been copied incompletely; open it again from the email.
try-again-title = Please try again
try-again = The service could not record this just now ({ $reason }). Please try the link again in a minute.

## LTI launches and the Deep Linking picker

launch-refused-title = Launch refused
launch-refused-heading = This launch was refused
launch-refused-help = Start the course again from your learning platform. If it keeps happening, show this message to your LMS administrator.
launch-login-incomplete = The login request is missing iss, login_hint or target_link_uri.
launch-platform-unknown = This learning platform is not registered with Throughline.
launch-deployment-unknown = This deployment is not registered with Throughline.
launch-not-recorded = The launch could not be recorded. Try again in a moment.
launch-login-not-recorded = The login could not be recorded. Try again in a moment.
launch-incomplete = The launch is missing its id_token or state.
launch-no-login = This launch does not match a login in progress (it expired or was already used).
launch-replayed = This launch was already used (its nonce was seen before).
launch-invalid = The learning platform's launch could not be accepted: { $reason }
launch-title = Your follow-up plan
picker-no-key = This service has no signing key, so it cannot answer Deep Linking requests.
picker-no-program = There is no valid program to add yet: ask your Throughline administrator to add one.
picker-not-prepared = The picker could not be prepared. Try again.
picker-title = Add Throughline to your course
picker-legend = Choose the follow-up program learners will open from this link
picker-grades = Learners who commit to a plan are marked complete in your gradebook.
picker-add = Add to the course
picker-choose = Choose a program, then add it.
picker-expired = This page expired or was not made by this service: add the tool again from your course.
picker-unavailable = That program is not available.
picker-not-signed = The answer to your platform could not be signed. Try again.
picker-returning-title = Adding Throughline to your course
picker-returning = Returning to your course with “{ $program }”…
picker-continue = Continue
picker-line-item = { $program }: committed to a plan

## The status page

status-title = Throughline service
status-running = This server is running. Its parts:
status-lrs = xAPI LRS: { $url }
status-lti = LTI 1.3 tool: login { $login }, launch and Deep Linking { $launch }, keys { $keys }
status-grades = LTI grades to platforms: { $state }
status-grades-state = { $sent } sent, { $waiting } waiting.
status-grades-problem = { $count } not accepted yet, retried with backoff; the latest answer: { $answer }
status-unknown = unknown (the database did not answer)
status-nudges = Reflection emails: { $state }
status-nudges-state = { $sent } prompts sent; { $reachable } learners reachable, { $unsubscribed } unsubscribed
status-bundles = Widget bundles: { $url }
status-programs = Compiled programs: { $url }
status-dashboard = The adoption dashboard
status-dashboard-note = (sign in with an admin LRS key)
status-workbench = The designer's workbench

## The dashboard's sign-in page

dashboard-page-title = Adoption dashboard · Throughline
dashboard-page-heading = Adoption dashboard
dashboard-page-intro = Who committed to what, and which behaviours are taking hold, read from a learning record store. Sign in with an admin key of that LRS; it stays in this page.
dashboard-page-endpoint = LRS endpoint
dashboard-page-key = Key
dashboard-page-secret = Secret
dashboard-page-program = Program
dashboard-page-open = Open the dashboard
