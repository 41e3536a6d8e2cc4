# Das Dashboard zur Umsetzung, auf Deutsch.

## Start und Laden

dash-failed = Das Dashboard konnte nicht starten
dash-options-invalid = Die Optionen des Dashboards sind ungültig: { $reason }
dash-program-problems = Die Programmdatei hat Probleme; prüfen Sie sie mit `throughline check`:
dash-eyebrow = Dashboard zur Umsetzung
dash-as-of = Zahlen mit Stand { $date }. Lernende erscheinen unter einer pseudonymen Kennung, solange Sie die Namen nicht einblenden.
dash-loading-figures = Die Zahlen werden geladen
dash-asking-service = Die Zahlen werden beim Throughline-Dienst angefragt … Beim ersten Mal nach dem Start liest der Dienst jede Aussage; bei einer Million kann das eine Minute dauern.
dash-loading-statements = Aussagen werden geladen
dash-cancel = Abbrechen
dash-refresh = Aktualisieren
dash-from-service = { $count ->
    [one] Zahlen vom Throughline-Dienst aus { $count } Aussage berechnet.
   *[other] Zahlen vom Throughline-Dienst aus { $count } Aussagen berechnet.
}
dash-from-lrs = { $count ->
    [one] { $count } Aussage aus dem Learning Record Store gelesen.
   *[other] { $count } Aussagen aus dem Learning Record Store gelesen.
}
dash-cancelled = Das Laden wurde abgebrochen. Die Zahlen zählen die Aussagen, die bis dahin angekommen waren; beim nächsten Besuch geht es dort weiter.
dash-kept-updating = { $count ->
    [one] Das sind die Zahlen Ihres letzten Besuchs ({ $count } Aussage). Neue Aussagen werden gelesen; die Zahlen ändern sich, sobald sie gezählt sind.
   *[other] Das sind die Zahlen Ihres letzten Besuchs ({ $count } Aussagen). Neue Aussagen werden gelesen; die Zahlen ändern sich, sobald sie gezählt sind.
}
dash-note = Hinweis: { $reason }.
progress-almost-done = Aussagen werden geladen … { $count } gelesen, { $rate } pro Sekunde; fast fertig
progress-left = Aussagen werden geladen … { $count } gelesen, { $rate } pro Sekunde; noch etwa { $seconds } s (geschätzt aus den Speicherzeiten)
progress-estimating = Aussagen werden geladen … { $count } gelesen, { $rate } pro Sekunde; die Restzeit wird geschätzt
progress-unknown = Aussagen werden geladen … { $count } gelesen, { $rate } pro Sekunde; der Learning Record Store sagt nicht, wie viele noch fehlen

## Filter

dash-filters = Filter
dash-role = Rolle
dash-all-roles = Alle Rollen
dash-course = Kurs
dash-all-courses = Alle Kurse
dash-from = Festgelegt ab
dash-until = Festgelegt bis

## Jedes Feld

dash-download-csv = CSV herunterladen
dash-table-view = Tabellenansicht
dash-none = –
dash-yes = Ja
dash-no = Nein
dash-of = { $part } von { $whole } ({ $share })
dash-count-share = { $count } ({ $share })

## Wo das Lernen abbricht

funnel-title = Wo das Lernen abbricht
funnel-question = Der Weg von der Rollenwahl bis zum verankerten Verhalten, als Anteil derer, die begonnen haben. Hervorgehoben sind Schritte, die auf einmal mehr als ein Viertel verlieren.
funnel-chart = Lernende auf jeder Stufe des Wegs
funnel-table = Lernende auf jeder Stufe, nach Rolle
funnel-step = Schritt
funnel-learners = Lernende
funnel-lost = Verloren seit dem vorigen Schritt
stage-selected = Rolle gewählt
stage-committed = Festgelegt
stage-answered = Tag { $day } beantwortet ({ $title })
stage-self-checked = Selbsteinschätzung abgeschlossen
stage-adopted = Verhalten verankert

## Rollen

roles-title = Wer sich ändern soll, aber nicht entwickelt wurde
roles-question = Jede Rolle, die das Programm vorsieht, mit der Zahl ihrer Lernenden. Rollen mit keinen oder wenigen fallen auf.
roles-chart = Lernende pro Rolle
roles-committed = Festgelegt
roles-flag = Markierung
roles-nobody = { $count } ({ $share }) – niemand entwickelt
roles-few = { $count } ({ $share }) – wenige
coverage-none = keine
coverage-few = wenige

## Gemeinsame Sprache

terms-title = Gemeinsame Sprache
terms-question = Welche Glossarbegriffe Lernende in ihren eigenen Reflexionen verwenden. Ungenutzte Begriffe sind hervorgehoben.
terms-chart = In Reflexionen verwendete Glossarbegriffe
terms-table = Glossarbegriffe in Reflexionen, nach Rolle
terms-term = Begriff
terms-uses = Verwendungen
terms-reflections = Reflexionen
terms-bar = { $uses ->
    [one] { $uses } Verwendung
   *[other] { $uses } Verwendungen
} durch { $learners ->
    [one] { $learners } lernende Person
   *[other] { $learners } Lernende
}

## Festigung

reinforcement-title = Festigung im Zeitverlauf
reinforcement-question = Für jeden Reflexionsschritt: pünktlich beantwortet, verspätet, übersprungen, versäumt oder noch nicht fällig.
reinforcement-chart = Reflexionsimpulse nach Ergebnis
reinforcement-step = Tag { $day }: { $title }
reinforcement-on-time = Pünktlich
reinforcement-late = Verspätet
reinforcement-skipped = Übersprungen
reinforcement-missed = Versäumt
reinforcement-not-due = Nicht fällig
reinforcement-not-due-yet = Noch nicht fällig
reinforcement-snoozed = Mindestens einmal verschoben
reinforcement-own-day = Am selbst gewählten Tag
reinforcement-paused = { $count ->
    [one] { $count } lernende Person ist heute abwesend: Ihre Reflexionen warten, bis sie zurück ist, und keine gilt als versäumt.
   *[other] { $count } Lernende sind heute abwesend: Ihre Reflexionen warten, bis sie zurück sind, und keine gilt als versäumt.
}

## Umsetzung

adoption-title = Teilnahme oder nachhaltige Umsetzung
adoption-question = Lernende, die sich nur festgelegt haben, im Vergleich zu denen, deren Verhalten nach 30, 60 und 90 Tagen verankert ist; Umsetzung pro Verhalten und Woche für Woche.
adoption-sustained-chart = Lernende mit verankertem Verhalten, N Tage nach der Festlegung
adoption-at = Verankert nach { $days } Tagen
adoption-table = Teilnahme im Vergleich zur Umsetzung
adoption-after = Nach
adoption-days = { $days } Tagen
adoption-committed = Festgelegte Lernende
adoption-only-committed = Nur festgelegt
adoption-adopted = Verankert
adoption-behaviours-chart = Umsetzung pro Verhalten
adoption-weekly = Woche für Woche
adoption-weekly-table = Anteil der festgelegten Lernenden mit verankertem Verhalten, nach Wochen seit der Festlegung
adoption-week = Woche { $week }

## Veränderung seit dem Ausgangswert

baseline-title = Veränderung seit dem Ausgangswert
baseline-question = Pro Verhalten: die letzte Selbsteinschätzung im Vergleich zur Ausgangseinschätzung bei der Festlegung, in Stufen der Skala ({ $scale }). Rückgänge sind hervorgehoben.
baseline-chart = Mittlere Veränderung seit dem Ausgangswert pro Verhalten
baseline-table = Veränderung seit dem Ausgangswert pro Verhalten (Stufen: 0 ist die niedrigste)
baseline-bar = { $change } Stufen, { $from } → { $to } ({ $learners ->
    [one] { $learners } lernende Person
   *[other] { $learners } Lernende
})
baseline-not-yet = seit dem Start noch keine Selbsteinschätzung
baseline-mean-start = Mittel am Start
baseline-mean-latest = Mittel zuletzt
baseline-mean-change = Mittlere Veränderung
baseline-improved = Verbessert
baseline-unchanged = Unverändert
baseline-declined = Verschlechtert
baseline-not-rated = Seitdem nicht eingeschätzt

## Wie andere jedes Verhalten sehen

seen-title = Wie andere jedes Verhalten sehen
seen-question = Pro Verhalten, zu dem andere befragt werden: wie oft Lernende sagen, dass sie es zeigen (ihre letzte Selbsteinschätzung), neben dem, wie oft die Menschen um sie herum es sehen, auf der Skala ({ $scale }). Die Sicht der anderen erscheint erst, wenn genug verschiedene Personen eingeschätzt haben, und nur als Mittelwert, sodass keine einzelne Antwort erkennbar ist.
seen-none = Dieses Programm bittet niemanden, jemanden zu beobachten, oder nicht zu der im Filter gewählten Rolle.
seen-chart = Eigene Sicht und Sicht der anderen pro Verhalten
seen-table = Eigene Sicht und Sicht der anderen pro Verhalten (Stufen: 0 ist die niedrigste)
seen-themselves = { $behaviour } ({ $role }): selbst
seen-others = { $behaviour } ({ $role }): andere
seen-own-bar = { $level } ({ $mean }), { $learners ->
    [one] { $learners } lernende Person
   *[other] { $learners } Lernende
}
seen-others-bar = { $level } ({ $mean }), { $raters ->
    [one] { $raters } einschätzende Person
   *[other] { $raters } Einschätzende
} über { $people ->
    [one] { $people } Person
   *[other] { $people } Personen
}
seen-others-lower = { $level } ({ $mean }), { $raters ->
    [one] { $raters } einschätzende Person
   *[other] { $raters } Einschätzende
} über { $people ->
    [one] { $people } Person
   *[other] { $people } Personen
}, niedriger als die eigene Sicht
seen-no-self-check = noch keine Selbsteinschätzung
seen-waiting = nicht angezeigt, bis mindestens { $min } Personen eingeschätzt haben (bisher { $count })
seen-no-ratings = keine Einschätzungen gezählt
seen-waits-for = { $count ->
    [one] Die Sicht der anderen wartet auf { $count } weitere Einschätzung
   *[other] Die Sicht der anderen wartet auf { $count } weitere Einschätzungen
}
seen-lower-note = Andere sehen es seltener, als die Lernenden selbst es sehen
seen-level = { $level } ({ $mean })
seen-role-observed = Beobachtete Rolle
seen-own-view = Eigene Sicht
seen-others-view = Sicht der anderen
seen-raters = Einschätzende
seen-people = Beobachtete Personen
seen-note = Hinweis

## Teams

teams-title = Abdeckung der Teams
teams-question = Teams in diesem Programm, unter pseudonymer Kennung: ob die Führungskraft sich festgelegt hat und ob Mitglieder es getan haben. Ein Team, dessen Führungskraft sich nie festgelegt hat oder dessen Mitglieder nie begonnen haben, ist dort, wo Veränderung erwartet wird, aber niemand entwickelt wird.
teams-chart = Teams und wo die Entwicklung nicht begonnen hat
teams-teams = Teams
teams-summary = { $count ->
    [one] { $count } Team
   *[other] { $count } Teams
}, { $members ->
    [one] { $members } Mitglied
   *[other] { $members } Mitglieder
} (im Mittel { $mean } pro Team)
teams-count = { $count ->
    [one] { $count } Team
   *[other] { $count } Teams
}
teams-count-share = { $count ->
    [one] { $count } Team
   *[other] { $count } Teams
} ({ $share })
teams-leader-never = Führungskraft nie festgelegt
teams-members-never = Mitglieder nie begonnen
teams-no-members = Noch keine Mitglieder
teams-no-leader = Keine Führungskraft bekannt
teams-list = Teamliste (die ersten { $count })
teams-table = Teams, ihre Führungskraft und Mitglieder
teams-team = Team
teams-leader = Führungskraft
teams-leader-committed = Führungskraft festgelegt
teams-members = Mitglieder
teams-members-committed = Mitglieder festgelegt
teams-flags = Markierungen

## Wen befragen

success-title = Wen befragen (Success-Case-Auswahl)
success-question = Pro Verhalten bis zu { $count } Lernende mit der stärksten und { $count } mit der schwächsten Entwicklung seit dem Start, nach Brinkerhoffs Success Case Method: Fragen Sie beide, was geholfen hat und was im Weg stand.
success-table = Zu befragende Lernende, nach Verhalten
success-behaviour = Verhalten
success-group = Gruppe
success-strongest = Stärkste Nr. { $rank }
success-weakest = Schwächste Nr. { $rank }
success-learner = Lernende Person
success-start = Start
success-latest = Zuletzt
success-change = Veränderung
success-checks = Selbsteinschätzungen

## Lernende

learners-heading = Lernende ({ $count })
learners-names = Namen der Lernenden zeigen (nur wo Sie sie sehen dürfen)
learners-list = Liste der Lernenden (die ersten 500)
learners-table = Lernende hinter den Zahlen
learners-committed = Festgelegt
learners-reflections = Reflexionen
learners-adopted = Verankerte Verhaltensweisen

## Was der Learning Record Store geantwortet hat

lrs-refused = Der Learning Record Store hat diese Zugangsdaten abgelehnt (401/403). Prüfen Sie Admin-Schlüssel und Geheimnis.
lrs-trouble = Der Learning Record Store hatte ein Problem ({ $status }). Versuchen Sie es gleich noch einmal; die bisherigen Zahlen bleiben erhalten.
lrs-not-accepted = Der Learning Record Store hat die Abfrage nicht angenommen ({ $status }).
lrs-offline = Der Learning Record Store war nicht erreichbar. Prüfen Sie die Adresse und Ihre Verbindung.
lrs-malformed = Der Learning Record Store hat mit etwas geantwortet, das keine Liste von Aussagen ist.
lrs-loop = Der Learning Record Store hat immer wieder dieselbe Seite geschickt; das Laden wurde angehalten, um eine Endlosschleife zu vermeiden.
