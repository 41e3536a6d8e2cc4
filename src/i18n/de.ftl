# Throughline-Lernwidget: Deutsch. Gleiche Nachrichten wie en.ftl (von den Tests geprüft). Anrede: Sie.

## Allgemein
continue = Weiter
cancel = Abbrechen
try-again = Erneut versuchen
part-unfetched = Dieser Teil konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut. Nichts, was Sie getan haben, geht verloren.
step-of = Schritt { $step } von { $steps }
loading = Ihr Follow-up-Plan wird geladen …
failed-heading = Der Follow-up-Plan konnte nicht starten
greeting = { $name }, hier ist Ihr Plan
greeting-anonymous = Ihr Follow-up-Plan
role-badge = Rolle: { $role }
dismiss = Schließen

## Schritt 1: die Rolle
role-question = Welche Rolle passt in diesem Programm am besten zu Ihnen?
role-why = Jede Rolle hat eigene Vorsätze für dieselbe Fähigkeit. So üben Führungskräfte, Teams und Partner jeweils ihre Seite desselben Gesprächs.
role-locked = Ihre Rolle steht fest, weil Sie sich bereits festgelegt haben. Mit „Neu beginnen“ unter Ihrem Plan können Sie sie ändern.
role-choose-first = Bitte wählen Sie die Rolle, die am besten zu Ihnen passt.
role-saved = Rolle gespeichert.

## Schritt 2: Vorsätze
commit-heading = Nehmen Sie sich vor, was Sie bei der Arbeit tun werden
commit-help = Wählen Sie einen bis drei Vorsätze. Machen Sie jeden zu Ihrem eigenen: Formulieren Sie ihn um und sagen Sie, wann oder wo Sie ihn umsetzen. Pläne mit Zeit und Ort werden am ehesten umgesetzt.
commit-editing = Vorsätze bearbeiten
commit-behaviour = Verhalten
commit-how-often-now = Wie oft tun Sie das heute schon, bevor Sie anfangen?
commit-own = Mein eigener Vorsatz
commit-what = Was ich tun werde
commit-when = Wann oder wo ich es tun werde
commit-when-example = z. B. in meinen Einzelgesprächen am Montag
commit-why = Warum mir das wichtig ist (optional)
commit-why-private = Bleibt in Ihrem eigenen Plan und Ihren Aufzeichnungen. Das Dashboard des Programms zeigt es nie.
commit-add-own = Eigenen Vorsatz hinzufügen
commit-save = Vorsätze speichern
commit-submit = Plan festlegen
commit-change-role = Rolle ändern
commit-saved = Ihre Vorsätze sind gespeichert.

## Die fällige Reflexion
due-paused-heading = Ihr Plan ist pausiert
due-paused = Sie sind bis { $date } abwesend. Ihre Reflexionen warten, und keine gilt als versäumt.
due-resume = Ich bin zurück: Plan fortsetzen
due-resumed = Willkommen zurück: Ihr Plan geht weiter.
due-none-heading = Heute ist nichts fällig
due-next = Ihre nächste Reflexion, „{ $title }“, ist am { $date }. Üben Sie Ihre Vorsätze bis dahin weiter.
due-all-done = Sie haben alle Reflexionen dieses Programms abgeschlossen. Gut gemacht – bleiben Sie bei Ihren Gewohnheiten.
due-overdue = { $days ->
    [0] Diese Reflexion ist heute fällig.
    [1] Diese Reflexion war gestern fällig. Frühere, versäumte Reflexionen sind geschlossen; diese ist jetzt dran.
   *[other] Diese Reflexion war vor { $days } Tagen fällig. Frühere, versäumte Reflexionen sind geschlossen; diese ist jetzt dran.
}
due-eyebrow = Reflexion · Tag { $day } · fällig am { $date }
due-reflection = Ihre Reflexion
due-self-check = Selbsteinschätzung
due-observer-heading = Wie es in Ihrem Team läuft
due-observer-help = Optional. Ihre Antworten werden nur zusammen mit denen von mindestens zwei weiteren Personen gezählt, und niemand sieht Ihre.
due-save = Reflexion speichern
due-saved = Reflexion gespeichert. Vielen Dank.
due-skip = Diese überspringen
due-skipped = Reflexion übersprungen.
due-snoozed = Erinnerung verschoben.
snooze-tomorrow = Morgen erinnern
snooze-days = In { $days } Tagen
snooze-week = In einer Woche

## Speichern im Lernprotokoll
sync-ok = Alle Fortschritte sind in Ihrem Lernprotokoll gespeichert.
sync-sending = { $count ->
    [one] 1 Eintrag wird gesendet …
   *[other] { $count } Einträge werden gesendet …
}
sync-offline = Offline: { $count } warten. Sie werden gesendet, sobald Sie wieder online sind.
sync-failed = { $count ->
    [one] Bitte prüfen: 1 Eintrag konnte nicht gespeichert werden. Er bleibt hier erhalten. { $why }
   *[other] Bitte prüfen: { $count } Einträge konnten nicht gespeichert werden. Sie bleiben hier erhalten. { $why }
}
sync-return = Zurück zum Kurs

## Andere Programme
elsewhere-heading = Auch fällig in Ihren anderen Programmen
elsewhere-item = { $program }: „{ $step }“, fällig am { $date }
elsewhere-open = Kurs öffnen

## Der Plan
plan-heading = Meine Vorsätze
plan-edit = Meine Vorsätze bearbeiten
plan-when-where = Wann / wo: { $text }
state-not-started = Nicht begonnen
state-trying = Im Aufbau
state-adopted = Verankert
state-lapsed = Nachgelassen

## Der Zeitplan
schedule-heading = Mein Reflexionsplan
schedule-help = Kurze Reflexionen, verteilt über die Wochen nach dem Kurs. Tragen Sie sie in Ihren Kalender ein, damit sie Sie erreichen.
schedule-download = In meinen Kalender eintragen (.ics)
schedule-downloaded = Kalenderdatei heruntergeladen.
schedule-step = Tag { $day }: { $title }
schedule-step-check = Tag { $day }: { $title } · mit Selbsteinschätzung
schedule-planned = { " " }(geplant: { $date })
status-upcoming = Demnächst
status-due = Jetzt fällig
status-snoozed = Verschoben auf { $date }
status-done = Erledigt
status-skipped = Übersprungen
status-missed = Versäumt
status-waiting = Wartet bis { $date }

## Der Kalenderlink
feed-offer = Oder holen Sie sich einen Link, dem Ihre Kalender-App folgt – dann erscheinen Änderungen an Ihren Tagen von selbst.
feed-get = Kalenderlink erstellen
feed-label = Mein Kalenderlink
feed-help = Fügen Sie ihn in Ihrer Kalender-App als Abonnement hinzu („per URL“). Er gehört nur Ihnen: Wer ihn hat, sieht Ihre Reflexionstage.
feed-copy = Link kopieren
feed-open = In meiner Kalender-App öffnen
feed-new = Neuen Link erstellen
feed-stop = Kalenderlink beenden
feed-ready = Ihr Kalenderlink ist bereit. Fügen Sie ihn in Ihrer Kalender-App als Abonnement hinzu.
feed-stopped = Ihr Kalenderlink ist beendet. Kalender, die ihn nutzen, werden nicht mehr aktualisiert.
feed-copied = Kalenderlink kopiert.
feed-copy-refused = Der Browser hat das Kopieren nicht erlaubt. Markieren Sie den Link und kopieren Sie ihn selbst.

## Mein eigener Rhythmus
cadence-summary = Meine Reflexionstage ändern
cadence-move-legend = Eine Reflexion verschieben (um bis zu { $days ->
    [one] 1 Tag
   *[other] { $days } Tage
})
cadence-reflection = Reflexion
cadence-step-option = Tag { $day }: { $title } ({ $date })
cadence-new-day = Neuer Tag
cadence-same-day = Am geplanten Tag
cadence-earlier = { $days ->
    [one] 1 Tag früher
   *[other] { $days } Tage früher
}
cadence-later = { $days ->
    [one] 1 Tag später
   *[other] { $days } Tage später
}
cadence-move = Reflexion verschieben
cadence-moved = Reflexion verschoben.
cadence-nothing-to-move = Es gibt keine anstehende Reflexion, die sich verschieben ließe.
cadence-day-legend = Mein Reflexionstag
cadence-day-label = Reflexionen fallen auf
cadence-program-days = Die Tage des Programms
cadence-day-save = Meinen Tag speichern
cadence-day-saved = Ihr Reflexionstag ist gespeichert.
cadence-pause-legend = Abwesend? Pausieren Sie bis zu { $days ->
    [one] 1 Tag
   *[other] { $days } Tage
}
cadence-leave-until = Ich bin abwesend bis
cadence-change-back = Rückkehrdatum ändern
cadence-pause = Plan pausieren
cadence-change-return = Mein Rückkehrdatum ändern
cadence-paused = Ihr Plan ist pausiert, bis Sie zurück sind.
cadence-paused-until = Ihr Plan ist pausiert: Sie sind bis { $date } abwesend. Bis dahin ist nichts fällig und nichts gilt als versäumt.
cadence-choose-date = Bitte wählen Sie das Datum, an dem Sie zurück sind.
weekday-monday = Montag
weekday-tuesday = Dienstag
weekday-wednesday = Mittwoch
weekday-thursday = Donnerstag
weekday-friday = Freitag
weekday-saturday = Samstag
weekday-sunday = Sonntag

## Mein Verlauf
trend-heading = Mein Verlauf
trend-empty = Ihr Verlauf erscheint nach Ihrer ersten Selbsteinschätzung.
trend-baseline-only = Ihr Verlauf beginnt dort, wo Sie sich zu Beginn eingeschätzt haben, und geht nach Ihrer ersten Selbsteinschätzung weiter.
trend-start = Start
trend-day = Tag { $day }
# Inside a sentence (the chart's description).
trend-start-inline = Start
trend-day-inline = Tag { $day }
trend-point = { $day }: etwa „{ $level }“
trend-summary = Ihre durchschnittliche Selbsteinschätzung im Zeitverlauf: { $points }.
trend-help = Niedrigste Stufe: { $lowest }. Jeder Punkt ist der Durchschnitt Ihrer Selbsteinschätzungen bei dieser Abfrage; „Start“ ist, wo Sie sich beim Festlegen Ihrer Vorsätze gesehen haben.
trend-caption = Ihre Selbsteinschätzungen nach Verhalten

## Gemeinsame Sprache
glossary-heading = Gemeinsame Sprache
glossary-help = Führungskräfte, Teammitglieder und Partner verwenden diese Begriffe alle gleich.

## Neu beginnen
start-over = Neu beginnen
start-over-confirm = Neu beginnen? Damit werden Ihre Rolle, Ihre Vorsätze und Ihre Reflexionen in diesem Browser gelöscht.
start-over-yes = Ja, neu beginnen
start-over-keep = Meinen Plan behalten
start-over-done = Ihr Plan wurde gelöscht.

## Teams
team-heading = Mein Team
team-my-name = Mein Name, wie mein Team ihn sieht
team-looking = Ihre Teams werden gesucht …
team-still-loading = Das Team wird noch geladen. Versuchen Sie es gleich noch einmal.
team-name-first = Geben Sie zuerst den Namen ein, den Ihr Team sehen soll.
team-ready = Ihr Team ist bereit. Teilen Sie den Code oder Link mit den Personen, die Sie führen.
team-joined = Sie sind dem Team beigetreten.
team-left = Sie haben das Team verlassen.
team-removed = Die Person ist nicht mehr in Ihrem Team.
team-roster-added = Ihre Kursteilnehmenden sind jetzt in Ihrem Team.
team-invitation = Einladung in ein Team
team-invited = Sie wurden in ein Team eingeladen (Code { $code }). Wenn Sie beitreten, teilen Sie Ihre Vorsätze mit dem Team; welche, wählen Sie unten. Ihre Reflexionen bleiben privat.
team-join-this = Diesem Team beitreten
team-start-help = Gründen Sie ein Team, damit die Personen, die Sie führen, Ihre Vorsätze sehen – und Sie deren.
team-start = Team gründen
team-join-summary = Einem Team mit Code beitreten
team-code = Team-Code
team-join = Dem Team beitreten
team-remove = Entfernen
team-remove-who = { $name } aus dem Team entfernen
team-member = { $name } ({ $role })
team-member-leads = { $name } ({ $role }) · leitet das Team
team-nothing-shared = Von der anderen Seite Ihrer Paare wurde noch nichts geteilt.
team-side-leader = Ihre Führungskraft { $name } hat sich „{ $behaviour }“ vorgenommen
team-side-member = { $name } ({ $role }) hat sich „{ $behaviour }“ vorgenommen
team-side-pair = { " " }({ $pair })
team-share = { " " }„{ $title }“ teilen
team-add-roster = Meine Kursteilnehmenden hinzufügen
team-share-code = Teilen Sie diesen Code mit den Personen, die Sie führen:
team-join-link = Beitrittslink
team-leave = Dieses Team verlassen
team-led-by = { $count ->
    [one] Geleitet von { $leader }. 1 Person im Team.
   *[other] Geleitet von { $leader }. { $count } Personen im Team.
}
team-who = Wer dazugehört
team-other-side = Was sich die andere Seite vorgenommen hat
team-what-i-share = Was ich mit diesem Team teile
team-never-shared = Ihre Reflexionen und Bewertungen werden nie geteilt.
team-reading-figures = Die Zahlen Ihres Teams werden gelesen …
team-not-rated = noch nicht eingeschätzt
team-quoted = „{ $level }“
team-says = Ihr Team sagt „{ $level }“ ({ $count } Personen, Tag { $day })
team-shown-once = wird angezeigt, sobald { $min } Personen geantwortet haben (noch { $needed } nötig)
team-no-answers = noch keine Antworten; wird angezeigt, sobald { $min } Personen geantwortet haben
team-seen-row = { $title }: Sie sagen { $mine }; { $team }.
team-adoption-row = { $title }: { $members } festgelegt; { $adopted } verankert, { $trying } im Aufbau, { $notstarted } nicht begonnen, { $lapsed } nachgelassen.
team-adoption-empty = Wird für jedes gepaarte Verhalten angezeigt, sobald sich mindestens 3 Personen in Ihrem Team darauf festgelegt haben.
team-lead-figures = Wie es den Personen geht, die Sie führen
team-sees-me = Wie mein Team mich sieht

## Warum eine Aktion abgelehnt wurde (die Regeln des Plans)
plan-error-unknown-role = Die Rolle „{ $role }“ gehört nicht zu diesem Programm. Bitte wählen Sie eine der angezeigten Rollen.
plan-error-role-locked = Ihre Rolle steht fest, sobald Sie sich festlegen. Mit „Neu beginnen“ können Sie eine andere Rolle wählen.
plan-error-no-role = Bitte wählen Sie zuerst Ihre Rolle.
plan-error-no-commitments = Wählen Sie mindestens einen Vorsatz, um fortzufahren.
plan-error-too-many = Höchstens { $max } Vorsätze: Wenige, gut umgesetzt, bringen mehr als viele begonnene.
plan-error-behaviour-not-for-role = „{ $behaviour }“ gehört nicht zu den Verhaltensweisen Ihrer Rolle.
plan-error-empty-what = Bitte tragen Sie ein, was Sie tun werden.
plan-error-empty-when = Bitte tragen Sie ein, wann oder wo Sie es tun werden.
plan-error-empty-reflection = Bitte schreiben Sie Ihre Reflexion.
plan-error-long-what = „Was ich tun werde“ ist zu lang: bitte unter { $max } Zeichen.
plan-error-long-when = „Wann oder wo ich es tun werde“ ist zu lang: bitte unter { $max } Zeichen.
plan-error-long-reflection = Ihre Reflexion ist zu lang: bitte unter { $max } Zeichen.
plan-error-not-due = Diese Reflexion ist gerade nicht offen. Laden Sie die Seite neu, um zu sehen, was fällig ist.
plan-error-missing-rating = Bitte schätzen Sie ein, wie oft „{ $behaviour }“ vorkam, bevor Sie speichern.
plan-error-bad-rating = Die Einschätzung für „{ $behaviour }“ liegt nicht auf der Skala.
plan-error-bad-snooze = Wählen Sie einen späteren Tag vor Ihrer nächsten Reflexion.
plan-error-missing-baseline = Bitte sagen Sie, wie oft „{ $behaviour }“ heute vorkommt, damit Sie Ihren Fortschritt von hier aus sehen.
plan-error-not-committed = Legen Sie zuerst Ihren Plan fest; danach können Sie seine Tage einstellen.
plan-error-no-moving = Dieses Programm erlaubt nicht, Reflexionen zu verschieben.
plan-error-no-weekday = Dieses Programm erlaubt nicht, einen Wochentag zu wählen.
plan-error-no-pausing = Dieses Programm erlaubt keine Pause.
plan-error-move-too-far = Eine Reflexion lässt sich höchstens um { $max } Tage vom geplanten Tag verschieben.
plan-error-cannot-move = Nur anstehende Reflexionen lassen sich verschieben.
plan-error-move-past-neighbour = Eine Reflexion kann nicht über die vorige oder nächste hinaus verschoben werden.
plan-error-move-into-past = Wählen Sie einen Tag ab heute.
plan-error-weekday-not-offered = Dieses Programm bietet diese Tage an: { $days }.
plan-error-bad-pause = Wählen Sie ein Rückkehrdatum nach heute.
plan-error-pause-too-long = Eine Pause dauert höchstens { $max } Tage. Wählen Sie ein früheres Rückkehrdatum.
plan-error-not-paused = Ihr Plan ist nicht pausiert.

## Probleme, die das Widget meldet

problem-options = Die Einstellungen dieser Seite für den Plan haben Probleme. Zeigen Sie diese Meldung der Person, die die Kursseite betreut:
problem-storage-step = Der Speicher Ihres Browsers ist voll oder ausgeschaltet, deshalb konnte dieser Schritt nicht festgehalten werden. Geben Sie Speicherplatz frei oder erlauben Sie dieser Website das Speichern und versuchen Sie es dann noch einmal.
problem-session-ended = Diese Kurssitzung ist beendet, und alles darin wurde festgehalten. Um weiterzumachen, öffnen Sie den Kurs noch einmal aus Ihrer Lernplattform.
problem-program-invalid = Die Programmdatei hat Probleme, deshalb kann das Widget nicht starten. Bitten Sie das Kursdesign, sie mit `throughline check` zu prüfen:
problem-role-hint = Der Kurs hat die Rolle „{ $role }“ vorgeschlagen, die es in diesem Programm nicht gibt; bitte wählen Sie Ihre Rolle.
problem-storage-blocked = Dieser Browser lässt die Seite Ihren Plan nicht speichern (privater Modus oder Speicher ausgeschaltet). Ihre Änderungen gehen verloren, wenn Sie die Seite verlassen.
problem-storage-full = Ihr Plan konnte nicht gespeichert werden: Der Browserspeicher für diese Website ist voll oder ausgeschaltet.
problem-sync-offline = Ihr Plan ist in diesem Browser gespeichert; er wird in Ihren Learning Record Store kopiert, sobald Sie wieder online sind.
problem-sync-refused = Der Learning Record Store hat die Zugangsdaten des Widgets nicht angenommen, deshalb bleibt Ihr Plan nur in diesem Browser.
problem-sync-no-plans = Ihr Fortschritt ist festgehalten; dieser Learning Record Store speichert keine Pläne, deshalb bleibt Ihr Plan in diesem Browser.
problem-sync-status = Der Learning Record Store hat mit { $status } geantwortet; Ihr Plan ist in diesem Browser gespeichert und wird später kopiert.
problem-sync-other-window = Ihr Plan wird gerade in einem anderen Fenster geändert; er wird gleich kopiert.
problem-programs-other-window = Ihre Programmliste wird gerade in einem anderen Fenster geändert; sie wird bei Ihrem nächsten Besuch aktualisiert.
problem-team-offline = Das Team war nicht erreichbar (offline, oder der Server hat nicht geantwortet). Versuchen Sie es gleich noch einmal.
problem-team-refused = Der Learning Record Store erlaubt dieser Seite nicht, Teams zu speichern. Fragen Sie Ihre Kursadministration.
problem-team-status = Das Team konnte nicht gespeichert werden (Fehler { $status }). Versuchen Sie es später noch einmal.
problem-team-list-unreadable = Die Teamliste des Dienstes konnte nicht gelesen werden: { $reason }
problem-team-figures-need-service = Wie Ihr Team Sie sieht, zeigt nur der Throughline-Dienst: Dieser Learning Record Store führt keine Teamzahlen.
problem-team-figures-unreadable = Die Zahlen des Teams konnten nicht gelesen werden: { $reason }
problem-roster-needs-service = Die Teilnehmerliste des Kurses kann nur mit dem Throughline-Dienst hinzugefügt werden.
problem-team-unreadable = Das Team konnte nicht gelesen werden: { $reason }
problem-team-busy = Das Team wird gerade von jemand anderem geändert. Versuchen Sie es gleich noch einmal.
problem-teams-other-window = Ihre Teamliste wird gerade in einem anderen Fenster geändert; laden Sie die Seite neu.
problem-team-code = Dieser Browser kann keinen Teamcode erzeugen (keine sicheren Zufallszahlen).
problem-download-refused = Ihr Browser hat den Download nicht erlaubt. Versuchen Sie es noch einmal oder nutzen Sie einen anderen Browser.
problem-checker-empty = Die Programmprüfung hat kein Programm zurückgegeben.
problem-program-unreachable = Die Programmdatei unter { $url } war nicht erreichbar. Prüfen Sie die Adresse und Ihre Verbindung.
problem-program-status = Die Programmdatei unter { $url } konnte nicht geladen werden (der Server hat mit { $status } geantwortet).
problem-program-unreadable = Die Programmdatei unter { $url } ist kein lesbarer Text.
problem-checker-unavailable = Dieses Programm ist eine Quelldatei, und die Prüfung, die Quelldateien liest, konnte nicht geladen werden. Bitten Sie das Kursdesign, das kompilierte Programm zu veröffentlichen (`throughline compile`) oder den Ordner `check` neben throughline.js abzulegen.
problem-cmi5-no-answer = Der Kurs hat von Ihrer Lernplattform kein Anmelde-Token erhalten (keine Antwort). Bitte starten Sie ihn noch einmal aus der Plattform.
problem-cmi5-unreadable = Die Anmeldeantwort Ihrer Lernplattform war nicht lesbar. Bitte starten Sie den Kurs noch einmal aus der Plattform.
problem-cmi5-used = Dieser Startlink des Kurses wurde schon verwendet. Bitte starten Sie den Kurs noch einmal aus Ihrer Lernplattform.
problem-cmi5-no-token = Ihre Lernplattform hat dem Kurs kein Anmelde-Token gegeben. Bitte starten Sie den Kurs noch einmal aus der Plattform.
problem-lrs-unreachable-start = Der Learning Record Store war zum Start des Kurses nicht erreichbar. Prüfen Sie Ihre Verbindung und laden Sie die Seite neu.
problem-cmi5-no-launch-data = Ihre Lernplattform hat dem Kurs keine Startdaten hinterlegt. Bitte starten Sie den Kurs noch einmal aus der Plattform.
problem-lrs-status-start = Der Learning Record Store hat beim Start des Kurses mit { $status } geantwortet. Bitte starten Sie ihn noch einmal aus Ihrer Lernplattform.
problem-cmi5-no-session = Die Startdaten Ihrer Lernplattform enthalten keine Sitzungskennung.

## Warum eine Teamaktion abgelehnt wurde

team-error-bad-code = Das ist kein Teamcode: Ein Code hat 8 Buchstaben und Ziffern, zum Beispiel K7QF-M2XP.
team-error-no-such-team = Kein Team hat diesen Code. Prüfen Sie ihn mit der Person, die ihn geteilt hat; vielleicht wurde das Team aufgelöst.
team-error-other-program = Dieses Team gehört zu einem anderen Programm. Öffnen Sie die Kursseite dieses Programms, um beizutreten.
team-error-full = Dieses Team ist voll. Bitten Sie die Führungskraft, Platz zu schaffen oder ein weiteres Team zu gründen.
team-error-removed = Die Führungskraft hat Sie aus diesem Team entfernt, deshalb lässt der Code Sie nicht mehr hinein. Fragen Sie nach, falls das ein Versehen war.
team-error-not-leader = Das kann nur die Führungskraft des Teams.
team-error-not-member = Sie sind (nicht mehr) in diesem Team.
team-error-leader-stays = Sie leiten dieses Team und können es deshalb nicht verlassen. Entfernen Sie zuerst die Mitglieder, wenn es enden soll.
team-error-cannot-lead = Ihre Rolle in diesem Programm leitet kein Team. Treten Sie stattdessen mit dem Code Ihrer Führungskraft deren Team bei.
team-error-unknown-role = Wählen Sie Ihre Rolle in diesem Programm, bevor Sie einem Team beitreten.
team-error-unreadable = Der Eintrag des Teams konnte nicht gelesen werden ({ $reason }). Bitten Sie die Führungskraft des Teams, ihn zu prüfen.
