# The adoption dashboard, in English (the reference).

## Start and loading

dash-failed = The dashboard could not start
dash-options-invalid = The dashboard options are not valid: { $reason }
dash-program-problems = The program file has problems; run `throughline check` on it:
dash-eyebrow = Adoption dashboard
dash-as-of = Figures as of { $date }. Learners are shown by pseudonymous id unless you switch names on.
dash-loading-figures = Loading the figures
dash-asking-service = Asking the Throughline service for its figures… The first time after the service starts, it reads every statement, which can take a minute for a million.
dash-loading-statements = Loading statements
dash-cancel = Cancel
dash-refresh = Refresh
dash-from-service = { $count ->
    [one] Figures computed by the Throughline service from { $count } statement.
   *[other] Figures computed by the Throughline service from { $count } statements.
}
dash-from-lrs = { $count ->
    [one] { $count } statement read from the learning record store.
   *[other] { $count } statements read from the learning record store.
}
dash-cancelled = Loading was cancelled. The figures count the statements that had arrived; the next visit goes on from there.
dash-kept-updating = { $count ->
    [one] These are the figures of your last visit ({ $count } statement). New statements are being read; the figures change when they are counted.
   *[other] These are the figures of your last visit ({ $count } statements). New statements are being read; the figures change when they are counted.
}
dash-note = Note: { $reason }.
progress-almost-done = Loading statements… { $count } read, { $rate } a second; almost done
progress-left = Loading statements… { $count } read, { $rate } a second; about { $seconds } s left (estimated from the store times)
progress-estimating = Loading statements… { $count } read, { $rate } a second; estimating the time left
progress-unknown = Loading statements… { $count } read, { $rate } a second; the learning record store does not say how many are left

## Filters

dash-filters = Filters
dash-role = Role
dash-all-roles = All roles
dash-course = Course
dash-all-courses = All courses
dash-from = Committed from
dash-until = Committed until

## Every panel

dash-download-csv = Download CSV
dash-table-view = Table view
dash-none = –
dash-yes = Yes
dash-no = No
dash-of = { $part } of { $whole } ({ $share })
dash-count-share = { $count } ({ $share })

## Where learning breaks down

funnel-title = Where learning breaks down
funnel-question = The journey from choosing a role to an adopted behaviour, as a share of those who started. Highlighted steps lose more than a quarter of them at once.
funnel-chart = Learners at each step of the journey
funnel-table = Learners at each step, by role
funnel-step = Step
funnel-learners = Learners
funnel-lost = Lost since previous step
stage-selected = Chose a role
stage-committed = Committed
stage-answered = Answered day { $day } ({ $title })
stage-self-checked = Completed a self-check
stage-adopted = Adopted a behaviour

## Roles

roles-title = Who is expected to change but has not been developed
roles-question = Every role the program expects, with how many learners each has. Roles with none or few stand out.
roles-chart = Learners per role
roles-committed = Committed
roles-flag = Flag
roles-nobody = { $count } ({ $share }) – nobody developed
roles-few = { $count } ({ $share }) – few
coverage-none = none
coverage-few = few

## Shared language

terms-title = Shared language
terms-question = Which glossary terms learners use in their own reflections. Unused terms are highlighted.
terms-chart = Glossary terms used in reflections
terms-table = Glossary terms in reflections, by role
terms-term = Term
terms-uses = Uses
terms-reflections = Reflections
terms-bar = { $uses ->
    [one] { $uses } use
   *[other] { $uses } uses
} by { $learners ->
    [one] { $learners } learner
   *[other] { $learners } learners
}

## Reinforcement

reinforcement-title = Reinforcement over time
reinforcement-question = For each reflection step: answered on time, late, skipped, missed, or not due yet.
reinforcement-chart = Reflection prompts by outcome
reinforcement-step = Day { $day }: { $title }
reinforcement-on-time = On time
reinforcement-late = Late
reinforcement-skipped = Skipped
reinforcement-missed = Missed
reinforcement-not-due = Not due
reinforcement-not-due-yet = Not due yet
reinforcement-snoozed = Snoozed at least once
reinforcement-own-day = On the learner's own day
reinforcement-paused = { $count ->
    [one] { $count } learner is on leave today: their reflections wait until they are back and none counts as missed.
   *[other] { $count } learners are on leave today: their reflections wait until they are back and none counts as missed.
}

## Adoption

adoption-title = Participation or sustained adoption
adoption-question = Learners who only committed, against those whose behaviours are adopted at 30, 60 and 90 days; adoption per behaviour and week by week.
adoption-sustained-chart = Learners with an adopted behaviour, N days after committing
adoption-at = Adopted at { $days } days
adoption-table = Participation against adoption
adoption-after = After
adoption-days = { $days } days
adoption-committed = Committed learners
adoption-only-committed = Only committed
adoption-adopted = Adopted
adoption-behaviours-chart = Adoption per behaviour
adoption-weekly = Week by week
adoption-weekly-table = Share of committed learners with the behaviour adopted, by week since committing
adoption-week = Week { $week }

## Change from baseline

baseline-title = Change from baseline
baseline-question = Per behaviour: the latest self-check against the starting rating learners gave when they committed, in levels of the scale ({ $scale }). Falls are highlighted.
baseline-chart = Mean change from baseline per behaviour
baseline-table = Change from baseline per behaviour (levels: 0 is the lowest)
baseline-bar = { $change } levels, { $from } → { $to } ({ $learners ->
    [one] { $learners } learner
   *[other] { $learners } learners
})
baseline-not-yet = no self-check since the start yet
baseline-mean-start = Mean start
baseline-mean-latest = Mean latest
baseline-mean-change = Mean change
baseline-improved = Improved
baseline-unchanged = Unchanged
baseline-declined = Declined
baseline-not-rated = Not rated since

## How others see each behaviour

seen-title = How others see each behaviour
seen-question = Per behaviour others are asked about: how often learners say they do it (their latest self-check) next to how often the people around them see it, on the scale ({ $scale }). Others' view is shown only once enough different people have rated, and only as an average, so no one's answer can be picked out.
seen-none = This program asks nobody to observe anyone, or not about the role chosen in the filter.
seen-chart = Own view and others' view per behaviour
seen-table = Own and others' view per behaviour (levels: 0 is the lowest)
seen-themselves = { $behaviour } ({ $role }): themselves
seen-others = { $behaviour } ({ $role }): others
seen-own-bar = { $level } ({ $mean }), { $learners ->
    [one] { $learners } learner
   *[other] { $learners } learners
}
seen-others-bar = { $level } ({ $mean }), { $raters ->
    [one] { $raters } rater
   *[other] { $raters } raters
} about { $people ->
    [one] { $people } person
   *[other] { $people } people
}
seen-others-lower = { $level } ({ $mean }), { $raters ->
    [one] { $raters } rater
   *[other] { $raters } raters
} about { $people ->
    [one] { $people } person
   *[other] { $people } people
}, lower than they see themselves
seen-no-self-check = no self-check yet
seen-waiting = not shown until at least { $min } people have rated ({ $count } so far)
seen-no-ratings = no ratings counted
seen-waits-for = { $count ->
    [one] Others' view waits for { $count } more rater
   *[other] Others' view waits for { $count } more raters
}
seen-lower-note = Others see it less often than learners see themselves
seen-level = { $level } ({ $mean })
seen-role-observed = Role observed
seen-own-view = Own view
seen-others-view = Others' view
seen-raters = Raters
seen-people = People observed
seen-note = Note

## Teams

teams-title = Team coverage
teams-question = Teams started in this program, by pseudonymous id: whether the leader committed, and whether any of the members did. A team whose leader never committed, or whose members never started, is where change is expected but nobody is being developed.
teams-chart = Teams and where development has not started
teams-teams = Teams
teams-summary = { $count ->
    [one] { $count } team
   *[other] { $count } teams
}, { $members ->
    [one] { $members } member
   *[other] { $members } members
} ({ $mean } per team on average)
teams-count = { $count ->
    [one] { $count } team
   *[other] { $count } teams
}
teams-count-share = { $count ->
    [one] { $count } team
   *[other] { $count } teams
} ({ $share })
teams-leader-never = Leader never committed
teams-members-never = Members never started
teams-no-members = No members yet
teams-no-leader = No leader known
teams-list = Team list (first { $count })
teams-table = Teams, their leader and members
teams-team = Team
teams-leader = Leader
teams-leader-committed = Leader committed
teams-members = Members
teams-members-committed = Members committed
teams-flags = Flags

## Whom to interview

success-title = Whom to interview (Success Case sampling)
success-question = Per behaviour, up to { $count } learners with the strongest and { $count } with the weakest trajectories from their start, after Brinkerhoff's Success Case Method: ask both what helped and what got in the way.
success-table = Learners to interview, by behaviour
success-behaviour = Behaviour
success-group = Group
success-strongest = Strongest #{ $rank }
success-weakest = Weakest #{ $rank }
success-learner = Learner
success-start = Start
success-latest = Latest
success-change = Change
success-checks = Self-checks

## Learners

learners-heading = Learners ({ $count })
learners-names = Show learner names (only where you are allowed to see them)
learners-list = Learner list (first 500)
learners-table = Learners behind the figures
learners-committed = Committed
learners-reflections = Reflections
learners-adopted = Behaviours adopted

## What the learning record store answered

lrs-refused = The learning record store refused these credentials (401/403). Check the admin key and secret.
lrs-trouble = The learning record store had a problem ({ $status }). Try again in a moment; the figures so far are kept.
lrs-not-accepted = The learning record store did not accept the query ({ $status }).
lrs-offline = The learning record store could not be reached. Check the address and your connection.
lrs-malformed = The learning record store answered with something that is not a list of statements.
lrs-loop = The learning record store kept sending the same page, so loading stopped to avoid an endless loop.
