# Widget Throughline pour les apprenants : français. Mêmes messages que en.ftl (vérifié par les tests). Vouvoiement.

## Commun
continue = Continuer
cancel = Annuler
try-again = Réessayer
part-unfetched = Cette partie n’a pas pu être chargée. Vérifiez votre connexion, puis réessayez. Rien de ce que vous avez fait n’est perdu.
step-of = Étape { $step } sur { $steps }
loading = Chargement de votre plan de suivi…
failed-heading = Le plan de suivi n’a pas pu démarrer
greeting = { $name }, voici votre plan
greeting-anonymous = Votre plan de suivi
role-badge = Rôle : { $role }
dismiss = Fermer

## Étape 1 : le rôle
role-question = Quel rôle vous correspond le mieux dans ce programme ?
role-why = Chaque rôle a ses propres engagements pour la même compétence : managers, équipes et partenaires pratiquent chacun leur part de la même conversation.
role-locked = Votre rôle est fixé, car vous vous êtes engagé. Utilisez « Recommencer » sous votre plan pour le changer.
role-choose-first = Veuillez choisir le rôle qui vous correspond le mieux.
role-saved = Rôle enregistré.

## Étape 2 : les engagements
commit-heading = Engagez-vous sur ce que vous ferez au travail
commit-help = Choisissez-en un à trois. Faites de chacun le vôtre : reformulez-le, puis dites quand ou où vous le ferez. Ce sont les plans avec un moment et un lieu qui se réalisent.
commit-editing = Modifier vos engagements
commit-behaviour = Comportement
commit-how-often-now = À quelle fréquence le faites-vous aujourd’hui, avant de commencer ?
commit-own = Mon propre engagement
commit-what = Ce que je vais faire
commit-when = Quand ou où je vais le faire
commit-when-example = p. ex. lors de mes entretiens individuels du lundi
commit-why = Pourquoi c’est important pour moi (facultatif)
commit-why-private = Conservé dans votre propre plan et vos enregistrements. Le tableau de bord du programme ne l’affiche jamais.
commit-add-own = Ajouter mon propre engagement
commit-save = Enregistrer mes engagements
commit-submit = M’engager sur mon plan
commit-change-role = Changer de rôle
commit-saved = Vos engagements sont enregistrés.

## La réflexion du jour
due-paused-heading = Votre plan est en pause
due-paused = Vous êtes absent jusqu’au { $date }. Vos réflexions attendent et aucune n’est comptée comme manquée.
due-resume = Je suis de retour : reprendre mon plan
due-resumed = Bon retour : votre plan reprend.
due-none-heading = Rien à faire aujourd’hui
due-next = Votre prochaine réflexion, « { $title } », est prévue le { $date }. D’ici là, continuez à mettre en pratique vos engagements.
due-all-done = Vous avez terminé toutes les réflexions de ce programme. Bravo : gardez ces habitudes.
due-overdue = { $days ->
    [0] Cette réflexion est prévue aujourd’hui.
    [1] Cette réflexion était prévue hier. Les réflexions précédentes manquées sont closes : c’est celle-ci qu’il faut faire maintenant.
   *[other] Cette réflexion était prévue il y a { $days } jours. Les réflexions précédentes manquées sont closes : c’est celle-ci qu’il faut faire maintenant.
}
due-eyebrow = Réflexion · jour { $day } · prévue le { $date }
due-reflection = Votre réflexion
due-self-check = Auto-évaluation
due-observer-heading = Comment va votre équipe
due-observer-help = Facultatif. Vos réponses ne sont comptées qu’avec celles d’au moins deux autres personnes, et personne ne voit les vôtres.
due-save = Enregistrer la réflexion
due-saved = Réflexion enregistrée. Merci.
due-skip = Passer celle-ci
due-skipped = Réflexion passée.
due-snoozed = Rappel déplacé.
snooze-tomorrow = Me le rappeler demain
snooze-days = Dans { $days } jours
snooze-week = Dans une semaine

## Enregistrement dans le dossier de formation
sync-ok = Toute votre progression est enregistrée dans votre dossier de formation.
sync-sending = { $count ->
    [one] Envoi de 1 enregistrement…
   *[other] Envoi de { $count } enregistrements…
}
sync-offline = Hors ligne : { $count } en attente. Ils seront envoyés dès que vous serez de nouveau en ligne.
sync-failed = { $count ->
    [one] À vérifier : 1 enregistrement n’a pas pu être enregistré. Il est conservé ici. { $why }
   *[other] À vérifier : { $count } enregistrements n’ont pas pu être enregistrés. Ils sont conservés ici. { $why }
}
sync-return = Revenir au cours

## Autres programmes
elsewhere-heading = Également à faire dans vos autres programmes
elsewhere-item = { $program } : « { $step } », prévue le { $date }
elsewhere-open = Ouvrir le cours

## Le plan
plan-heading = Mes engagements
plan-edit = Modifier mes engagements
plan-when-where = Quand / où : { $text }
state-not-started = Pas commencé
state-trying = En cours
state-adopted = Acquis
state-lapsed = Relâché

## Le calendrier
schedule-heading = Mon calendrier de réflexions
schedule-help = De courtes réflexions, réparties sur les semaines qui suivent le cours. Ajoutez-les à votre agenda pour qu’elles vous trouvent.
schedule-download = Ajouter à mon agenda (.ics)
schedule-downloaded = Fichier d’agenda téléchargé.
schedule-step = Jour { $day } : { $title }
schedule-step-check = Jour { $day } : { $title } · avec auto-évaluation
schedule-planned = { " " }(prévue le { $date })
status-upcoming = À venir
status-due = À faire
status-snoozed = Reportée au { $date }
status-done = Faite
status-skipped = Passée
status-missed = Manquée
status-waiting = En attente jusqu’au { $date }

## Le lien d’agenda
feed-offer = Ou obtenez un lien que votre application d’agenda suit : les changements de vos jours s’y affichent d’eux-mêmes.
feed-get = Obtenir un lien d’agenda
feed-label = Mon lien d’agenda
feed-help = Ajoutez-le dans votre application d’agenda comme abonnement (« à partir d’une URL »). Il vous est personnel : toute personne qui l’a voit vos jours de réflexion.
feed-copy = Copier le lien
feed-open = Ouvrir dans mon application d’agenda
feed-new = Créer un nouveau lien
feed-stop = Arrêter mon lien d’agenda
feed-ready = Votre lien d’agenda est prêt. Ajoutez-le à votre application d’agenda comme abonnement.
feed-stopped = Votre lien d’agenda est arrêté. Les agendas qui l’utilisaient ne sont plus mis à jour.
feed-copied = Lien d’agenda copié.
feed-copy-refused = Le navigateur n’a pas autorisé la copie. Sélectionnez le lien et copiez-le vous-même.

## Mon propre rythme
cadence-summary = Modifier mes jours de réflexion
cadence-move-legend = Déplacer une réflexion (jusqu’à { $days ->
    [one] 1 jour
   *[other] { $days } jours
})
cadence-reflection = Réflexion
cadence-step-option = Jour { $day } : { $title } ({ $date })
cadence-new-day = Nouveau jour
cadence-same-day = Le jour prévu
cadence-earlier = { $days ->
    [one] 1 jour plus tôt
   *[other] { $days } jours plus tôt
}
cadence-later = { $days ->
    [one] 1 jour plus tard
   *[other] { $days } jours plus tard
}
cadence-move = Déplacer la réflexion
cadence-moved = Réflexion déplacée.
cadence-nothing-to-move = Il n’y a plus de réflexion à venir à déplacer.
cadence-day-legend = Mon jour de réflexion
cadence-day-label = Les réflexions tombent le
cadence-program-days = Les jours prévus par le programme
cadence-day-save = Enregistrer mon jour
cadence-day-saved = Votre jour de réflexion est enregistré.
cadence-pause-legend = Absent ? Mettez en pause jusqu’à { $days ->
    [one] 1 jour
   *[other] { $days } jours
}
cadence-leave-until = Je suis absent jusqu’au
cadence-change-back = Modifier la date de mon retour
cadence-pause = Mettre mon plan en pause
cadence-change-return = Modifier ma date de retour
cadence-paused = Votre plan est en pause jusqu’à votre retour.
cadence-paused-until = Votre plan est en pause : vous êtes absent jusqu’au { $date }. D’ici là, rien n’est à faire et rien n’est compté comme manqué.
cadence-choose-date = Veuillez choisir la date de votre retour.
weekday-monday = lundi
weekday-tuesday = mardi
weekday-wednesday = mercredi
weekday-thursday = jeudi
weekday-friday = vendredi
weekday-saturday = samedi
weekday-sunday = dimanche

## Ma tendance
trend-heading = Ma tendance
trend-empty = Votre tendance apparaît après votre première auto-évaluation.
trend-baseline-only = Votre tendance part de là où vous disiez en être au départ ; elle se poursuit après votre première auto-évaluation.
trend-start = Départ
trend-day = Jour { $day }
# Inside a sentence (the chart's description).
trend-start-inline = départ
trend-day-inline = jour { $day }
trend-point = { $day } : environ « { $level } »
trend-summary = Votre auto-évaluation moyenne au fil du temps : { $points }.
trend-help = Niveau le plus bas : { $lowest }. Chaque point est la moyenne de vos auto-évaluations à ce moment-là ; « Départ » est là où vous disiez en être quand vous vous êtes engagé.
trend-caption = Vos auto-évaluations par comportement

## Langage commun
glossary-heading = Langage commun
glossary-help = Managers, membres d’équipe et partenaires emploient tous ces mots de la même façon.

## Recommencer
start-over = Recommencer
start-over-confirm = Recommencer ? Cela efface votre rôle, vos engagements et vos réflexions dans ce navigateur.
start-over-yes = Oui, recommencer
start-over-keep = Garder mon plan
start-over-done = Votre plan a été effacé.

## Équipes
team-heading = Mon équipe
team-my-name = Mon nom tel que mon équipe le voit
team-looking = Recherche de vos équipes…
team-still-loading = L’équipe est encore en cours de chargement ; réessayez dans un instant.
team-name-first = Indiquez d’abord le nom que votre équipe verra.
team-ready = Votre équipe est prête. Partagez son code ou son lien avec les personnes que vous encadrez.
team-joined = Vous avez rejoint l’équipe.
team-left = Vous avez quitté l’équipe.
team-removed = Cette personne ne fait plus partie de votre équipe.
team-roster-added = Les participants de votre cours sont dans votre équipe.
team-invitation = Invitation dans une équipe
team-invited = Vous êtes invité à rejoindre une équipe (code { $code }). En la rejoignant, vous partagez vos engagements avec elle ; vous choisissez lesquels ci-dessous, et vos réflexions restent privées.
team-join-this = Rejoindre cette équipe
team-start-help = Créez une équipe pour que les personnes que vous encadrez voient vos engagements, et vous les leurs.
team-start = Créer une équipe
team-join-summary = Rejoindre une équipe avec un code
team-code = Code de l’équipe
team-join = Rejoindre l’équipe
team-remove = Retirer
team-remove-who = Retirer { $name } de l’équipe
team-member = { $name } ({ $role })
team-member-leads = { $name } ({ $role }) · dirige l’équipe
team-nothing-shared = Rien n’a encore été partagé par l’autre côté de vos binômes.
team-side-leader = Votre manager { $name } s’est engagé à « { $behaviour } »
team-side-member = { $name } ({ $role }) s’est engagé à « { $behaviour } »
team-side-pair = { " " }({ $pair })
team-share = { " " }Partager « { $title } »
team-add-roster = Ajouter les participants de mon cours
team-share-code = Partagez ce code avec les personnes que vous encadrez :
team-join-link = Lien pour rejoindre
team-leave = Quitter cette équipe
team-led-by = { $count ->
    [one] Dirigée par { $leader }. 1 personne.
   *[other] Dirigée par { $leader }. { $count } personnes.
}
team-who = Qui en fait partie
team-other-side = Ce à quoi l’autre côté s’est engagé
team-what-i-share = Ce que je partage avec cette équipe
team-never-shared = Vos réflexions et vos évaluations ne sont jamais partagées.
team-reading-figures = Lecture des chiffres de votre équipe…
team-not-rated = pas encore évalué
team-quoted = « { $level } »
team-says = votre équipe dit « { $level } » ({ $count } personnes, jour { $day })
team-shown-once = affiché dès que { $min } personnes auront répondu (encore { $needed })
team-no-answers = personne n’a encore répondu ; affiché dès que { $min } personnes auront répondu
team-seen-row = { $title } : vous dites { $mine } ; { $team }.
team-adoption-row = { $title } : { $members } engagés ; { $adopted } acquis, { $trying } en cours, { $notstarted } pas commencé, { $lapsed } relâché.
team-adoption-empty = Affiché pour chaque comportement en binôme dès qu’au moins 3 personnes de votre équipe s’y sont engagées.
team-lead-figures = Où en sont les personnes que vous encadrez
team-sees-me = Comment mon équipe me voit

## Pourquoi une action a été refusée (les règles du plan)
plan-error-unknown-role = Le rôle « { $role } » ne fait pas partie de ce programme. Veuillez choisir l’un des rôles proposés.
plan-error-role-locked = Votre rôle est fixé dès que vous vous engagez. Utilisez « Recommencer » pour choisir un autre rôle.
plan-error-no-role = Veuillez d’abord choisir votre rôle.
plan-error-no-commitments = Choisissez au moins un engagement pour continuer.
plan-error-too-many = Limitez-vous à { $max } engagements : quelques-uns bien tenus valent mieux que beaucoup commencés.
plan-error-behaviour-not-for-role = « { $behaviour } » ne fait pas partie des comportements de votre rôle.
plan-error-empty-what = Veuillez indiquer ce que vous allez faire.
plan-error-empty-when = Veuillez indiquer quand ou où vous allez le faire.
plan-error-empty-reflection = Veuillez écrire votre réflexion.
plan-error-long-what = « Ce que je vais faire » est trop long : moins de { $max } caractères, s’il vous plaît.
plan-error-long-when = « Quand ou où je vais le faire » est trop long : moins de { $max } caractères, s’il vous plaît.
plan-error-long-reflection = Votre réflexion est trop longue : moins de { $max } caractères, s’il vous plaît.
plan-error-not-due = Cette réflexion n’est pas ouverte pour le moment. Rechargez la page pour voir ce qui est à faire.
plan-error-missing-rating = Veuillez évaluer la fréquence de « { $behaviour } » avant d’enregistrer.
plan-error-bad-rating = L’évaluation de « { $behaviour } » n’est pas sur l’échelle.
plan-error-bad-snooze = Choisissez un jour plus tard, avant votre prochaine réflexion.
plan-error-missing-baseline = Veuillez indiquer à quelle fréquence « { $behaviour } » se produit aujourd’hui, pour voir vos progrès à partir de là.
plan-error-not-committed = Engagez-vous d’abord sur votre plan ; vous pourrez ensuite en régler les jours.
plan-error-no-moving = Ce programme ne permet pas de déplacer les réflexions.
plan-error-no-weekday = Ce programme ne permet pas de choisir un jour de la semaine.
plan-error-no-pausing = Ce programme ne permet pas de faire une pause.
plan-error-move-too-far = Une réflexion peut être déplacée d’au plus { $max } jours par rapport au jour prévu.
plan-error-cannot-move = Seules les réflexions à venir peuvent être déplacées.
plan-error-move-past-neighbour = Une réflexion ne peut pas dépasser celle d’avant ou d’après.
plan-error-move-into-past = Choisissez un jour à partir d’aujourd’hui.
plan-error-weekday-not-offered = Ce programme propose ces jours : { $days }.
plan-error-bad-pause = Choisissez une date de retour postérieure à aujourd’hui.
plan-error-pause-too-long = Une pause dure au plus { $max } jours. Choisissez une date de retour plus proche.
plan-error-not-paused = Votre plan n’est pas en pause.

## Problèmes signalés par le widget

problem-options = Les réglages de cette page pour le plan de suivi comportent des problèmes. Montrez ce message à la personne qui gère la page du cours :
problem-storage-step = Le stockage de votre navigateur est plein ou désactivé : cette étape n'a pas pu être enregistrée. Libérez de l'espace ou autorisez le stockage pour ce site, puis réessayez.
problem-session-ended = Cette session de cours est terminée et tout ce qu'elle contenait a été enregistré. Pour continuer, rouvrez le cours depuis votre plateforme de formation.
problem-program-invalid = Le fichier du programme comporte des problèmes : le widget ne peut pas démarrer. Demandez au concepteur du cours de le vérifier avec `throughline check` :
problem-role-hint = Le cours a proposé le rôle « { $role } », qui n'existe pas dans ce programme ; veuillez choisir votre rôle.
problem-storage-blocked = Ce navigateur ne laisse pas la page enregistrer votre plan (navigation privée ou stockage désactivé). Vos modifications seront perdues en quittant cette page.
problem-storage-full = Votre plan n'a pas pu être enregistré : le stockage du navigateur pour ce site est plein ou désactivé.
problem-sync-offline = Votre plan est enregistré dans ce navigateur ; il sera copié dans votre Learning Record Store dès que vous serez de nouveau en ligne.
problem-sync-refused = Le Learning Record Store n'a pas accepté les identifiants du widget : votre plan reste uniquement dans ce navigateur.
problem-sync-no-plans = Votre progression est enregistrée ; ce Learning Record Store ne conserve pas les plans, votre plan reste donc dans ce navigateur.
problem-sync-status = Le Learning Record Store a répondu { $status } ; votre plan est enregistré dans ce navigateur et sera copié plus tard.
problem-sync-other-window = Votre plan est en cours de modification dans une autre fenêtre ; il sera copié sous peu.
problem-programs-other-window = Votre liste de programmes est en cours de modification dans une autre fenêtre ; elle sera mise à jour lors de votre prochaine visite.
problem-team-offline = L'équipe est injoignable (hors ligne ou le serveur n'a pas répondu). Réessayez dans un instant.
problem-team-refused = Le Learning Record Store ne permet pas à cette page de conserver des équipes. Adressez-vous à l'administrateur de votre cours.
problem-team-status = L'équipe n'a pas pu être enregistrée (erreur { $status }). Réessayez plus tard.
problem-team-list-unreadable = La liste des équipes du service n'a pas pu être lue : { $reason }
problem-team-figures-need-service = Voir comment votre équipe vous perçoit nécessite le service Throughline : ce Learning Record Store ne conserve pas de chiffres d'équipe.
problem-team-figures-unreadable = Les chiffres de l'équipe n'ont pas pu être lus : { $reason }
problem-roster-needs-service = Ajouter la liste des participants du cours nécessite le service Throughline.
problem-team-unreadable = L'équipe n'a pas pu être lue : { $reason }
problem-team-busy = Quelqu'un d'autre modifie l'équipe en ce moment. Réessayez dans un instant.
problem-teams-other-window = Votre liste d'équipes est en cours de modification dans une autre fenêtre ; rechargez la page.
problem-team-code = Ce navigateur ne peut pas créer de code d'équipe (pas de nombres aléatoires sûrs).
problem-download-refused = Votre navigateur n'a pas autorisé le téléchargement. Réessayez ou utilisez un autre navigateur.
problem-checker-empty = Le vérificateur de programme n'a rendu aucun programme.
problem-program-unreachable = Le fichier du programme à l'adresse { $url } est injoignable. Vérifiez l'adresse et votre connexion.
problem-program-status = Le fichier du programme à l'adresse { $url } n'a pas pu être chargé (le serveur a répondu { $status }).
problem-program-unreadable = Le fichier du programme à l'adresse { $url } n'est pas un texte lisible.
problem-checker-unavailable = Ce programme est un fichier source, et le vérificateur qui lit les fichiers source n'a pas pu être chargé. Demandez au concepteur du cours de publier le programme compilé (`throughline compile`) ou de placer le dossier `check` à côté de throughline.js.
problem-cmi5-no-answer = Le cours n'a pas pu obtenir son jeton de connexion auprès de votre plateforme de formation (pas de réponse). Relancez-le depuis la plateforme.
problem-cmi5-unreadable = La réponse de connexion de votre plateforme de formation est illisible. Relancez le cours depuis la plateforme.
problem-cmi5-used = Ce lien de lancement du cours a déjà servi. Relancez le cours depuis votre plateforme de formation.
problem-cmi5-no-token = Votre plateforme de formation n'a pas donné de jeton de connexion au cours. Relancez le cours depuis la plateforme.
problem-lrs-unreachable-start = Le Learning Record Store est injoignable au démarrage du cours. Vérifiez votre connexion et rechargez la page.
problem-cmi5-no-launch-data = Votre plateforme de formation n'a pas laissé au cours ses données de lancement. Relancez le cours depuis la plateforme.
problem-lrs-status-start = Le Learning Record Store a répondu { $status } au démarrage du cours. Relancez-le depuis votre plateforme de formation.
problem-cmi5-no-session = Les données de lancement de votre plateforme de formation n'ont pas d'identifiant de session.

## Pourquoi une action d'équipe a été refusée

team-error-bad-code = Ce n'est pas un code d'équipe : un code compte 8 lettres et chiffres, par exemple K7QF-M2XP.
team-error-no-such-team = Aucune équipe n'a ce code. Vérifiez-le avec la personne qui vous l'a transmis ; l'équipe a peut-être été fermée.
team-error-other-program = Cette équipe appartient à un autre programme. Ouvrez la page de cours de ce programme pour la rejoindre.
team-error-full = Cette équipe est complète. Demandez à son responsable de faire de la place ou de créer une autre équipe.
team-error-removed = Le responsable vous a retiré de cette équipe : le code ne vous permet plus d'y entrer. Demandez-lui s'il s'agit d'une erreur.
team-error-not-leader = Seul le responsable de l'équipe peut faire cela.
team-error-not-member = Vous ne faites pas (ou plus) partie de cette équipe.
team-error-leader-stays = Vous dirigez cette équipe et ne pouvez donc pas la quitter. Retirez d'abord ses membres si elle doit prendre fin.
team-error-cannot-lead = Votre rôle dans ce programme ne dirige pas d'équipe. Rejoignez plutôt l'équipe de votre responsable avec son code.
team-error-unknown-role = Choisissez votre rôle dans ce programme avant de rejoindre une équipe.
team-error-unreadable = Les données de l'équipe n'ont pas pu être lues ({ $reason }). Demandez au responsable de l'équipe de les vérifier.
