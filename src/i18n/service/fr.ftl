# Les pages du service et les messages qu'il envoie, en français.

## Toute page

bad-host-title = Requête incorrecte
bad-host = L'en-tête Host est absent ou n'est pas un nom d'hôte.

## Rappels de réflexion, par e-mail et par messagerie

nudge-subject-due = C'est le moment de votre réflexion : { $step }
nudge-subject-reminder = Toujours en attente : { $step }
nudge-subject-many = { $count ->
    [one] Une réflexion vous attend
   *[other] { $count } réflexions vous attendent
}
nudge-hello = Bonjour,
nudge-due = C'est le moment de votre réflexion dans « { $program } » : { $step }.
nudge-waiting = Votre réflexion « { $step } » dans « { $program } » vous attend depuis { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}.
nudge-reflect-now = Faire ma réflexion : { $url }
nudge-reflect-button = Faire ma réflexion
nudge-reflect-step = Réflexion : { $step }
nudge-open-course = Ouvrez le cours dans lequel vous avez pris vos engagements pour faire votre réflexion.
nudge-few-minutes = Cela ne prend que quelques minutes ; vous pouvez aussi la passer ou choisir un autre jour.
nudge-program = « { $program } »
nudge-and = { $first } et { $second }
nudge-why-email = Vous recevez cet e-mail parce que vous avez pris des engagements dans { $programs }, qui vous rappelle chaque réflexion selon son calendrier.
nudge-why-email-capped = Vous recevez cet e-mail parce que vous avez pris des engagements dans { $programs }, qui vous rappelle chaque réflexion selon son calendrier ({ $count ->
    [one] { $count } e-mail
   *[other] { $count } e-mails
} au plus par réflexion).
nudge-why-chat = Vous recevez ce message parce que vous avez pris des engagements dans { $programs }, qui vous rappelle chaque réflexion selon son calendrier ({ $count ->
    [one] { $count } message
   *[other] { $count } messages
} au plus par réflexion).
nudge-stop-email = Ne plus recevoir ces e-mails : { $url }
nudge-stop-chat = Ne plus recevoir ces messages

## Les pages de désinscription

unsubscribe-title = Ne plus recevoir les rappels de réflexion
unsubscribe-explain = Vous ne recevrez plus d'e-mails au sujet de vos réflexions. Votre plan et vos réflexions restent tels quels, et vous pouvez toujours y répondre sur la page de votre cours.
unsubscribe-button = Arrêter les e-mails
unsubscribed-title = Vous êtes désinscrit
unsubscribed = Vous ne recevrez plus de rappels de réflexion. Votre plan ne change pas ; la page de votre cours indique toujours ce qui est à faire.
link-not-valid-title = Lien non valide
link-not-valid = Ce lien n'est pas valide. Il a peut-être été copié en partie ; ouvrez-le de nouveau depuis l'e-mail.
try-again-title = Veuillez réessayer
try-again = Le service n'a pas pu l'enregistrer pour le moment ({ $reason }). Rouvrez le lien dans une minute.

## Lancements LTI et sélecteur Deep Linking

launch-refused-title = Lancement refusé
launch-refused-heading = Ce lancement a été refusé
launch-refused-help = Relancez le cours depuis votre plateforme de formation. Si cela se reproduit, montrez ce message à l'administrateur de votre LMS.
launch-login-incomplete = Il manque iss, login_hint ou target_link_uri dans la demande de connexion.
launch-platform-unknown = Cette plateforme de formation n'est pas enregistrée auprès de Throughline.
launch-deployment-unknown = Ce déploiement n'est pas enregistré auprès de Throughline.
launch-not-recorded = Le lancement n'a pas pu être enregistré. Réessayez dans un instant.
launch-login-not-recorded = La connexion n'a pas pu être enregistrée. Réessayez dans un instant.
launch-incomplete = Il manque l'id_token ou le state du lancement.
launch-no-login = Ce lancement ne correspond à aucune connexion en cours (elle a expiré ou a déjà servi).
launch-replayed = Ce lancement a déjà servi (son nonce a déjà été vu).
launch-invalid = Le lancement de la plateforme de formation n'a pas pu être accepté : { $reason }
launch-title = Votre plan de suivi
picker-no-key = Ce service n'a pas de clé de signature ; il ne peut donc pas répondre aux demandes Deep Linking.
picker-no-program = Il n'y a pas encore de programme valide à ajouter : demandez à votre administrateur Throughline d'en ajouter un.
picker-not-prepared = Le sélecteur n'a pas pu être préparé. Réessayez.
picker-title = Ajouter Throughline à votre cours
picker-legend = Choisissez le programme de suivi que les apprenants ouvriront depuis ce lien
picker-grades = Les apprenants qui s'engagent dans un plan sont marqués comme ayant terminé dans votre carnet de notes.
picker-add = Ajouter au cours
picker-choose = Choisissez un programme, puis ajoutez-le.
picker-expired = Cette page a expiré ou n'a pas été créée par ce service : ajoutez de nouveau l'outil depuis votre cours.
picker-unavailable = Ce programme n'est pas disponible.
picker-not-signed = La réponse à votre plateforme n'a pas pu être signée. Réessayez.
picker-returning-title = Ajout de Throughline à votre cours
picker-returning = Retour à votre cours avec « { $program } »…
picker-continue = Continuer
picker-line-item = { $program } : engagé dans un plan

## La page d'état

status-title = Service Throughline
status-running = Ce serveur fonctionne. Ses composants :
status-lrs = LRS xAPI : { $url }
status-lti = Outil LTI 1.3 : connexion { $login }, lancement et Deep Linking { $launch }, clés { $keys }
status-grades = Notes LTI vers les plateformes : { $state }
status-grades-state = { $sent } envoyées, { $waiting } en attente.
status-grades-problem = { $count } pas encore acceptées, nouvelles tentatives espacées ; dernière réponse : { $answer }
status-unknown = inconnu (la base de données n'a pas répondu)
status-nudges = E-mails de réflexion : { $state }
status-nudges-state = { $sent } rappels envoyés ; { $reachable } apprenants joignables, { $unsubscribed } désinscrits
status-bundles = Paquets du widget : { $url }
status-programs = Programmes compilés : { $url }
status-dashboard = Le tableau de bord de l'adoption
status-dashboard-note = (connexion avec une clé d'administration du LRS)
status-workbench = L'atelier de conception

## La page de connexion du tableau de bord

dashboard-page-title = Tableau de bord de l'adoption · Throughline
dashboard-page-heading = Tableau de bord de l'adoption
dashboard-page-intro = Qui s'est engagé sur quoi, et quels comportements s'installent, d'après un Learning Record Store. Connectez-vous avec une clé d'administration de ce LRS ; elle reste dans cette page.
dashboard-page-endpoint = Point d'accès du LRS
dashboard-page-key = Clé
dashboard-page-secret = Secret
dashboard-page-program = Programme
dashboard-page-open = Ouvrir le tableau de bord
