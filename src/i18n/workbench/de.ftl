# Die Werkbank für Lerndesign, auf Deutsch.

## Die Seite

wb-title = Werkbank für Lerndesign · Northwind Learning
wb-nav = Lernplattform
wb-my-courses = Meine Kurse
wb-heading = Werkbank für Lerndesign
wb-intro = Bearbeiten Sie das Programm im Formular oder als Text; Prüfung und Vorschau folgen sofort. Auf dem Server wird hier nichts gespeichert: Laden Sie ein Paket herunter, wenn Sie fertig sind.
wb-program = Programm
wb-views = So bearbeiten Sie das Programm
wb-tab-form = Formular
wb-tab-text = Text
wb-editor-label = Programmdatei (TOML oder JSON)
wb-undo = Rückgängig
wb-redo = Wiederholen
wb-check = Prüfung
wb-checking = Wird geprüft …
wb-packages = Pakete
wb-download-cmi5 = cmi5-Paket herunterladen
wb-download-xapi = xAPI-Paket herunterladen
wb-download-npm = npm-Paket herunterladen
wb-download-embed = Einbettungsordner herunterladen
wb-show-snippet = Einbettungscode zeigen
wb-snippet = Einbettungscode
wb-csp = Content-Security-Policy, die die Host-Seite braucht
wb-copy-snippet = Code kopieren
wb-copy-csp = CSP kopieren
wb-preview = Vorschau
wb-preview-role = Vorschau als Rolle
wb-preview-week = Vorschau für Woche
wb-restart = Vorschau neu beginnen
wb-preview-help = Die Vorschau ist pro Rolle eine eigene lernende Person, gespeichert in diesem Browser: Wählen und legen Sie sich fest wie Lernende, und verschieben Sie dann die Woche, um zu sehen, was später fällig ist. Woche 1 ist heute.
wb-loading-widget = Das Widget wird geladen …
wb-connections = Wie diese Rolle mit den anderen verbunden ist
wb-bundle-failed = Das Widget-Paket konnte nicht geladen werden, deshalb kann hier nichts geprüft werden. Pakete können trotzdem heruntergeladen werden.
wb-bundle-failed-preview = Das Widget-Paket konnte nicht geladen werden: { $reason }

## Die Prüfung

wb-no-problems = Keine Probleme gefunden
wb-problems = { $count ->
    [one] { $count } Problem gefunden. Wählen Sie es, um im Editor dorthin zu springen.
   *[other] { $count } Probleme gefunden. Wählen Sie eines, um im Editor dorthin zu springen.
}
wb-check-failed = Die Prüfung ist fehlgeschlagen: { $reason }
wb-fix-first = Beheben Sie die Probleme, um die Vorschau zu sehen
wb-no-connections = Keine Paare oder Beobachtungen betreffen diese Rolle.
wb-week = Woche { $week }, { $date }

## Pakete

wb-building = Das { $kind }-Paket wird erstellt …
wb-downloaded = { $name } heruntergeladen.
wb-download-failed = Das Paket konnte nicht heruntergeladen werden: { $reason }
wb-refused-problems = { $count ->
    [one] Das Programm hat { $count } Problem; beheben Sie es zuerst: { $problems }
   *[other] Das Programm hat { $count } Probleme; beheben Sie sie zuerst: { $problems }
}
wb-too-large = Die Programmdatei ist zu groß (höchstens 1 MiB).
wb-server-answered = Der Server hat mit { $status } geantwortet.
wb-building-snippet = Der Einbettungscode wird erstellt …
wb-snippet-shown = Der Einbettungscode steht unten.
wb-snippet-failed = Der Einbettungscode konnte nicht erstellt werden: { $reason }
wb-copied = { $what } kopiert.
wb-selected = { $what } markiert: Kopieren Sie es mit der Tastatur.
wb-what-snippet = Einbettungscode
wb-what-csp = CSP

## Das Formular

wb-form-help = Jede Änderung wird sofort in die Programmdatei geschrieben, ihre Kommentare bleiben erhalten; „Rückgängig“ nimmt sie zurück, im Formular wie im Text.
wb-form-unavailable = Das Formular kann diese Datei nicht zeigen: { $reason }
wb-add = Zu „{ $section }“ hinzufügen
wb-remove = { $name } entfernen
wb-item = { $section } { $number }
wb-yes = Ja
wb-no = Nein
wb-list-help = Trennen Sie Einträge mit Kommas.
section-program = Programm
section-self_check = Selbsteinschätzung
section-adoption = Verankerung
section-cadence = Rhythmus
section-glossary = Glossar
section-roles = Rollen
section-roles-commitments = Vorgeschlagene Vorsätze
section-behaviours = Verhaltensweisen
section-schedule = Zeitplan
section-pairs = Paare
section-observations = Beobachtungen
field-id = Kennung
field-title = Titel
field-locale = Sprache
field-description = Beschreibung
field-question = Frage
field-scale = Skala, niedrigste Stufe zuerst
field-at_least = Verankert ab dieser Stufe
field-consecutive = Selbsteinschätzungen in Folge
field-max_shift_days = Tage, um die Lernende eine Reflexion verschieben dürfen
field-weekdays = Wochentage, die Lernende wählen dürfen
field-max_pause_days = Längste Pause in Tagen
field-term = Begriff
field-definition = Definition
field-aliases = Andere Formen des Begriffs
field-label = Name für Lernende
field-lms_roles = LMS-Rollen, die sie nahelegen
field-leads = Leitet ein Team
field-behaviour = Kennung des Verhaltens
field-text = Text des Vorsatzes
field-roles = Kennungen der Rollen
field-terms = Glossarbegriffe
field-day = Tag nach dem Kurs
field-prompt = Reflexionsimpuls
field-self_check = Selbsteinschätzung erfragen
field-behaviours = Kennungen der Verhaltensweisen
field-about = Beobachtete Rolle
field-by = Beobachtende Rollen
field-days = Tage der Befragung
field-min_raters = Mindestzahl Einschätzender, bevor etwas erscheint
