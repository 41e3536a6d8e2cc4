# L'atelier de conception, en français.

## La page

wb-title = Atelier de conception · Northwind Learning
wb-nav = Plateforme de formation
wb-my-courses = Mes cours
wb-heading = Atelier de conception
wb-intro = Modifiez le programme dans le formulaire ou en texte ; la vérification et l'aperçu suivent au fur et à mesure. Rien n'est enregistré sur le serveur : téléchargez un paquet quand vous avez terminé.
wb-program = Programme
wb-views = Comment modifier le programme
wb-tab-form = Formulaire
wb-tab-text = Texte
wb-editor-label = Fichier du programme (TOML ou JSON)
wb-undo = Annuler
wb-redo = Rétablir
wb-check = Vérification
wb-checking = Vérification…
wb-packages = Paquets
wb-download-cmi5 = Télécharger le paquet cmi5
wb-download-xapi = Télécharger le paquet xAPI
wb-download-npm = Télécharger le paquet npm
wb-download-embed = Télécharger le dossier d'intégration
wb-show-snippet = Afficher le code d'intégration
wb-snippet = Code d'intégration
wb-csp = Content-Security-Policy nécessaire à la page hôte
wb-copy-snippet = Copier le code
wb-copy-csp = Copier la CSP
wb-preview = Aperçu
wb-preview-role = Aperçu pour le rôle
wb-preview-week = Aperçu de la semaine
wb-restart = Recommencer l'aperçu
wb-preview-help = L'aperçu est un apprenant distinct par rôle, conservé dans ce navigateur : choisissez et engagez-vous comme un apprenant, puis déplacez la semaine pour voir ce qui vient ensuite. La semaine 1, c'est aujourd'hui.
wb-loading-widget = Chargement du widget…
wb-connections = Comment ce rôle est relié aux autres
wb-bundle-failed = Le paquet du widget n'a pas pu être chargé : rien ne peut être vérifié ici. Les paquets restent téléchargeables.
wb-bundle-failed-preview = Le paquet du widget n'a pas pu être chargé : { $reason }

## La vérification

wb-no-problems = Aucun problème trouvé
wb-problems = { $count ->
    [one] { $count } problème trouvé. Choisissez-le pour y aller dans l'éditeur.
   *[other] { $count } problèmes trouvés. Choisissez-en un pour y aller dans l'éditeur.
}
wb-check-failed = La vérification a échoué : { $reason }
wb-fix-first = Corrigez les problèmes pour voir l'aperçu
wb-no-connections = Aucune paire ni observation ne concerne ce rôle.
wb-week = Semaine { $week }, { $date }

## Paquets

wb-building = Création du paquet { $kind }…
wb-downloaded = { $name } téléchargé.
wb-download-failed = Le paquet n'a pas pu être téléchargé : { $reason }
wb-refused-problems = { $count ->
    [one] Le programme a { $count } problème ; corrigez-le d'abord : { $problems }
   *[other] Le programme a { $count } problèmes ; corrigez-les d'abord : { $problems }
}
wb-too-large = Le fichier du programme est trop volumineux (1 Mio au plus).
wb-server-answered = Le serveur a répondu { $status }.
wb-building-snippet = Création du code d'intégration…
wb-snippet-shown = Le code d'intégration figure ci-dessous.
wb-snippet-failed = Le code d'intégration n'a pas pu être créé : { $reason }
wb-copied = { $what } copié.
wb-selected = { $what } sélectionné : copiez-le avec le clavier.
wb-what-snippet = Code d'intégration
wb-what-csp = CSP

## Le formulaire

wb-form-help = Chaque modification est écrite aussitôt dans le fichier du programme, en gardant ses commentaires ; « Annuler » la reprend, dans le formulaire comme dans le texte.
wb-form-unavailable = Le formulaire ne peut pas afficher ce fichier : { $reason }
wb-add = Ajouter à « { $section } »
wb-remove = Supprimer { $name }
wb-item = { $section } { $number }
wb-yes = Oui
wb-no = Non
wb-list-help = Séparez les entrées par des virgules.
section-program = Programme
section-self_check = Auto-évaluation
section-adoption = Adoption
section-cadence = Rythme
section-glossary = Glossaire
section-roles = Rôles
section-roles-commitments = Engagements proposés
section-behaviours = Comportements
section-schedule = Calendrier
section-pairs = Paires
section-observations = Observations
field-id = Identifiant
field-title = Titre
field-locale = Langue
field-description = Description
field-question = Question
field-scale = Échelle, du plus bas au plus haut
field-at_least = Acquis à partir de ce niveau
field-consecutive = Auto-évaluations consécutives
field-max_shift_days = Jours de report possibles pour une réflexion
field-weekdays = Jours de la semaine au choix des apprenants
field-max_pause_days = Pause la plus longue, en jours
field-term = Terme
field-definition = Définition
field-aliases = Autres formes du terme
field-label = Nom affiché aux apprenants
field-lms_roles = Rôles du LMS qui le suggèrent
field-leads = Dirige une équipe
field-behaviour = Identifiant du comportement
field-text = Texte de l'engagement
field-roles = Identifiants des rôles
field-terms = Termes du glossaire
field-day = Jour après le cours
field-prompt = Question de réflexion
field-self_check = Demander une auto-évaluation
field-behaviours = Identifiants des comportements
field-about = Rôle observé
field-by = Rôles qui observent
field-days = Jours où demander
field-min_raters = Nombre minimal d'évaluateurs avant tout affichage
