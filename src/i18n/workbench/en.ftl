# The designer's workbench, in English (the reference).

## The page

wb-title = Designer's workbench · Northwind Learning
wb-nav = Learning platform
wb-my-courses = My courses
wb-heading = Designer's workbench
wb-intro = Edit the program in the form or as text; the check and the preview follow as you go. Nothing here is saved on the server: download a package when you are done.
wb-program = Program
wb-views = How to edit the program
wb-tab-form = Form
wb-tab-text = Text
wb-editor-label = Program file (TOML or JSON)
wb-undo = Undo
wb-redo = Redo
wb-check = Check
wb-checking = Checking…
wb-packages = Packages
wb-download-cmi5 = Download cmi5 package
wb-download-xapi = Download xAPI package
wb-download-npm = Download npm package
wb-download-embed = Download embed folder
wb-show-snippet = Show embed snippet
wb-snippet = Embed snippet
wb-csp = Content-Security-Policy the host page needs
wb-copy-snippet = Copy snippet
wb-copy-csp = Copy CSP
wb-preview = Preview
wb-preview-role = Preview as role
wb-preview-week = Preview week
wb-restart = Start the preview over
wb-preview-help = The preview is a learner of its own per role, kept in this browser: pick and commit as a learner would, then move the week to see what is due later. Week 1 is today.
wb-loading-widget = Loading the widget…
wb-connections = How this role is connected to the others
wb-bundle-failed = The widget bundle could not be loaded, so nothing can be checked here. Packages can still be downloaded.
wb-bundle-failed-preview = The widget bundle could not be loaded: { $reason }

## The check

wb-no-problems = No problems found
wb-problems = { $count ->
    [one] { $count } problem found. Choose it to go to it in the editor.
   *[other] { $count } problems found. Choose one to go to it in the editor.
}
wb-check-failed = The check failed: { $reason }
wb-fix-first = Fix the problems to see the preview
wb-no-connections = No pairs or observations involve this role.
wb-week = Week { $week }, { $date }

## Packages

wb-building = Building the { $kind } package…
wb-downloaded = Downloaded { $name }.
wb-download-failed = The package could not be downloaded: { $reason }
wb-refused-problems = { $count ->
    [one] The program has { $count } problem; fix it first: { $problems }
   *[other] The program has { $count } problems; fix them first: { $problems }
}
wb-too-large = The program file is too large (1 MiB at most).
wb-server-answered = The server answered { $status }.
wb-building-snippet = Building the embed snippet…
wb-snippet-shown = The embed snippet is shown below.
wb-snippet-failed = The snippet could not be built: { $reason }
wb-copied = { $what } copied.
wb-selected = { $what } selected: copy it with your keyboard.
wb-what-snippet = Snippet
wb-what-csp = CSP

## The form

wb-form-help = Each change is written into the program file at once, keeping its comments; Undo takes it back, in the form and the text alike.
wb-form-unavailable = The form cannot show this file: { $reason }
wb-add = Add to { $section }
wb-remove = Remove { $name }
wb-item = { $section } { $number }
wb-yes = Yes
wb-no = No
wb-list-help = Separate entries with commas.
section-program = Program
section-self_check = Self-check
section-adoption = Adoption
section-cadence = Cadence
section-glossary = Glossary
section-roles = Roles
section-roles-commitments = Suggested commitments
section-behaviours = Behaviours
section-schedule = Schedule
section-pairs = Pairs
section-observations = Observations
field-id = Id
field-title = Title
field-locale = Language
field-description = Description
field-question = Question
field-scale = Scale, lowest first
field-at_least = Adopted at this level or above
field-consecutive = Self-checks in a row
field-max_shift_days = Days a learner may move a reflection
field-weekdays = Weekdays learners may choose
field-max_pause_days = Longest pause, in days
field-term = Term
field-definition = Definition
field-aliases = Other forms of the term
field-label = Name shown to learners
field-lms_roles = LMS roles that suggest it
field-leads = Leads a team
field-behaviour = Behaviour id
field-text = Commitment text
field-roles = Role ids
field-terms = Glossary terms
field-day = Day after the course
field-prompt = Reflection prompt
field-self_check = Ask for a self-check
field-behaviours = Behaviour ids
field-about = Role observed
field-by = Roles who observe
field-days = Days to ask
field-min_raters = Fewest raters before anything shows
