# Die Seiten des Dienstes und die Nachrichten, die er sendet, auf Deutsch.

## Jede Seite

bad-host-title = Ungültige Anfrage
bad-host = Der Host-Header fehlt oder ist kein Hostname.

## Erinnerungen an Reflexionen, per E-Mail und Chat

nudge-subject-due = Zeit für Ihre Reflexion: { $step }
nudge-subject-reminder = Noch offen: { $step }
nudge-subject-many = { $count ->
    [one] Eine Reflexion wartet auf Sie
   *[other] { $count } Reflexionen warten auf Sie
}
nudge-hello = Guten Tag,
nudge-due = Es ist Zeit für Ihre Reflexion in „{ $program }“: { $step }.
nudge-waiting = Ihre Reflexion „{ $step }“ in „{ $program }“ wartet seit { $days ->
    [one] { $days } Tag
   *[other] { $days } Tagen
} auf Sie.
nudge-reflect-now = Jetzt reflektieren: { $url }
nudge-reflect-button = Jetzt reflektieren
nudge-reflect-step = Reflektieren: { $step }
nudge-open-course = Öffnen Sie zum Reflektieren den Kurs, in dem Sie Ihre Vorsätze gefasst haben.
nudge-few-minutes = Es dauert nur wenige Minuten; dort können Sie die Reflexion auch überspringen oder einen späteren Tag wählen.
nudge-program = „{ $program }“
nudge-and = { $first } und { $second }
nudge-why-email = Sie erhalten diese E-Mail, weil Sie in { $programs } Vorsätze gefasst haben; das Programm erinnert Sie planmäßig an jede Reflexion.
nudge-why-email-capped = Sie erhalten diese E-Mail, weil Sie in { $programs } Vorsätze gefasst haben; das Programm erinnert Sie planmäßig an jede Reflexion (höchstens { $count ->
    [one] { $count } E-Mail
   *[other] { $count } E-Mails
} pro Reflexion).
nudge-why-chat = Sie erhalten diese Nachricht, weil Sie in { $programs } Vorsätze gefasst haben; das Programm erinnert Sie planmäßig an jede Reflexion (höchstens { $count ->
    [one] { $count } Nachricht
   *[other] { $count } Nachrichten
} pro Reflexion).
nudge-stop-email = Diese E-Mails abbestellen: { $url }
nudge-stop-chat = Diese Nachrichten abbestellen

## Die Abmeldeseiten

unsubscribe-title = Erinnerungs-E-Mails abbestellen
unsubscribe-explain = Sie erhalten dann keine E-Mails mehr zu Ihren Reflexionen. Ihr Plan und Ihre Reflexionen bleiben, wie sie sind, und Sie können sie weiterhin auf Ihrer Kursseite beantworten.
unsubscribe-button = E-Mails abbestellen
unsubscribed-title = Sie sind abgemeldet
unsubscribed = Sie erhalten keine Erinnerungs-E-Mails mehr. Ihr Plan bleibt unverändert; Ihre Kursseite zeigt weiterhin, was fällig ist.
link-not-valid-title = Link ungültig
link-not-valid = Dieser Link ist ungültig. Vielleicht wurde er nicht vollständig kopiert; öffnen Sie ihn noch einmal aus der E-Mail.
try-again-title = Bitte versuchen Sie es noch einmal
try-again = Der Dienst konnte das gerade nicht speichern ({ $reason }). Bitte öffnen Sie den Link in einer Minute noch einmal.

## LTI-Starts und die Auswahl für Deep Linking

launch-refused-title = Start abgelehnt
launch-refused-heading = Dieser Start wurde abgelehnt
launch-refused-help = Starten Sie den Kurs noch einmal aus Ihrer Lernplattform. Wenn das wieder passiert, zeigen Sie diese Meldung Ihrer LMS-Administration.
launch-login-incomplete = In der Anmeldeanfrage fehlt iss, login_hint oder target_link_uri.
launch-platform-unknown = Diese Lernplattform ist bei Throughline nicht registriert.
launch-deployment-unknown = Diese Bereitstellung (Deployment) ist bei Throughline nicht registriert.
launch-not-recorded = Der Start konnte nicht gespeichert werden. Versuchen Sie es gleich noch einmal.
launch-login-not-recorded = Die Anmeldung konnte nicht gespeichert werden. Versuchen Sie es gleich noch einmal.
launch-incomplete = Beim Start fehlen id_token oder state.
launch-no-login = Dieser Start passt zu keiner laufenden Anmeldung (sie ist abgelaufen oder wurde schon verwendet).
launch-replayed = Dieser Start wurde schon verwendet (seine Nonce ist bereits bekannt).
launch-invalid = Der Start der Lernplattform konnte nicht angenommen werden: { $reason }
launch-title = Ihr Plan für die Zeit nach dem Kurs
picker-no-key = Dieser Dienst hat keinen Signaturschlüssel und kann deshalb keine Deep-Linking-Anfragen beantworten.
picker-no-program = Es gibt noch kein gültiges Programm zum Hinzufügen: Bitten Sie Ihre Throughline-Administration, eines hinzuzufügen.
picker-not-prepared = Die Auswahl konnte nicht vorbereitet werden. Versuchen Sie es noch einmal.
picker-title = Throughline zu Ihrem Kurs hinzufügen
picker-legend = Wählen Sie das Begleitprogramm, das Lernende über diesen Link öffnen
picker-grades = Lernende, die sich auf einen Plan festlegen, werden in Ihrer Bewertungsübersicht als abgeschlossen markiert.
picker-add = Zum Kurs hinzufügen
picker-choose = Wählen Sie ein Programm und fügen Sie es dann hinzu.
picker-expired = Diese Seite ist abgelaufen oder stammt nicht von diesem Dienst: Fügen Sie das Tool noch einmal aus Ihrem Kurs hinzu.
picker-unavailable = Dieses Programm ist nicht verfügbar.
picker-not-signed = Die Antwort an Ihre Plattform konnte nicht signiert werden. Versuchen Sie es noch einmal.
picker-returning-title = Throughline wird zu Ihrem Kurs hinzugefügt
picker-returning = Zurück zu Ihrem Kurs mit „{ $program }“ …
picker-continue = Weiter
picker-line-item = { $program }: auf einen Plan festgelegt

## Die Statusseite

status-title = Throughline-Dienst
status-running = Dieser Server läuft. Seine Teile:
status-lrs = xAPI-LRS: { $url }
status-lti = LTI-1.3-Tool: Anmeldung { $login }, Start und Deep Linking { $launch }, Schlüssel { $keys }
status-grades = LTI-Bewertungen an Plattformen: { $state }
status-grades-state = { $sent } gesendet, { $waiting } wartend.
status-grades-problem = { $count } noch nicht angenommen, wird mit wachsendem Abstand erneut versucht; die letzte Antwort: { $answer }
status-unknown = unbekannt (die Datenbank hat nicht geantwortet)
status-nudges = Erinnerungs-E-Mails: { $state }
status-nudges-state = { $sent } Erinnerungen gesendet; { $reachable } Lernende erreichbar, { $unsubscribed } abgemeldet
status-bundles = Widget-Pakete: { $url }
status-programs = Kompilierte Programme: { $url }
status-dashboard = Das Dashboard zur Umsetzung
status-dashboard-note = (Anmeldung mit einem LRS-Admin-Schlüssel)
status-workbench = Die Werkbank für Lerndesign

## Die Anmeldeseite des Dashboards

dashboard-page-title = Dashboard zur Umsetzung · Throughline
dashboard-page-heading = Dashboard zur Umsetzung
dashboard-page-intro = Wer sich was vorgenommen hat und welche Verhaltensweisen sich festigen, gelesen aus einem Learning Record Store. Melden Sie sich mit einem Admin-Schlüssel dieses LRS an; er bleibt auf dieser Seite.
dashboard-page-endpoint = LRS-Endpunkt
dashboard-page-key = Schlüssel
dashboard-page-secret = Geheimnis
dashboard-page-program = Programm
dashboard-page-open = Dashboard öffnen
