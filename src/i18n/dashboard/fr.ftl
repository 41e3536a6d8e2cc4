# Le tableau de bord de l'adoption, en français.

## Démarrage et chargement

dash-failed = Le tableau de bord n'a pas pu démarrer
dash-options-invalid = Les options du tableau de bord ne sont pas valides : { $reason }
dash-program-problems = Le fichier du programme comporte des problèmes ; vérifiez-le avec `throughline check` :
dash-eyebrow = Tableau de bord de l'adoption
dash-as-of = Chiffres au { $date }. Les apprenants apparaissent sous un identifiant pseudonyme, sauf si vous affichez les noms.
dash-loading-figures = Chargement des chiffres
dash-asking-service = Demande des chiffres au service Throughline… La première fois après son démarrage, le service lit chaque déclaration, ce qui peut prendre une minute pour un million.
dash-loading-statements = Chargement des déclarations
dash-cancel = Annuler
dash-refresh = Actualiser
dash-from-service = { $count ->
    [one] Chiffres calculés par le service Throughline à partir de { $count } déclaration.
   *[other] Chiffres calculés par le service Throughline à partir de { $count } déclarations.
}
dash-from-lrs = { $count ->
    [one] { $count } déclaration lue dans le Learning Record Store.
   *[other] { $count } déclarations lues dans le Learning Record Store.
}
dash-cancelled = Le chargement a été annulé. Les chiffres comptent les déclarations déjà arrivées ; la prochaine visite reprendra à partir de là.
dash-kept-updating = { $count ->
    [one] Voici les chiffres de votre dernière visite ({ $count } déclaration). De nouvelles déclarations sont en cours de lecture ; les chiffres changeront une fois qu’elles seront comptées.
   *[other] Voici les chiffres de votre dernière visite ({ $count } déclarations). De nouvelles déclarations sont en cours de lecture ; les chiffres changeront une fois qu’elles seront comptées.
}
dash-note = Remarque : { $reason }.
progress-almost-done = Chargement des déclarations… { $count } lues, { $rate } par seconde ; presque terminé
progress-left = Chargement des déclarations… { $count } lues, { $rate } par seconde ; environ { $seconds } s restantes (estimé d'après les heures d'enregistrement)
progress-estimating = Chargement des déclarations… { $count } lues, { $rate } par seconde ; estimation du temps restant
progress-unknown = Chargement des déclarations… { $count } lues, { $rate } par seconde ; le Learning Record Store n'indique pas combien il en reste

## Filtres

dash-filters = Filtres
dash-role = Rôle
dash-all-roles = Tous les rôles
dash-course = Cours
dash-all-courses = Tous les cours
dash-from = Engagés à partir du
dash-until = Engagés jusqu'au

## Chaque panneau

dash-download-csv = Télécharger le CSV
dash-table-view = Vue en tableau
dash-none = –
dash-yes = Oui
dash-no = Non
dash-of = { $part } sur { $whole } ({ $share })
dash-count-share = { $count } ({ $share })

## Où l'apprentissage décroche

funnel-title = Où l'apprentissage décroche
funnel-question = Le parcours, du choix d'un rôle jusqu'à un comportement acquis, en part de ceux qui ont commencé. Les étapes en surbrillance perdent d'un coup plus d'un quart d'entre eux.
funnel-chart = Apprenants à chaque étape du parcours
funnel-table = Apprenants à chaque étape, par rôle
funnel-step = Étape
funnel-learners = Apprenants
funnel-lost = Perdus depuis l'étape précédente
stage-selected = A choisi un rôle
stage-committed = S'est engagé
stage-answered = A répondu au jour { $day } ({ $title })
stage-self-checked = A fait une auto-évaluation
stage-adopted = A acquis un comportement

## Rôles

roles-title = Qui doit changer mais n'a pas été accompagné
roles-question = Chaque rôle prévu par le programme, avec son nombre d'apprenants. Les rôles sans apprenant ou avec peu d'apprenants ressortent.
roles-chart = Apprenants par rôle
roles-committed = Engagés
roles-flag = Signal
roles-nobody = { $count } ({ $share }) – personne d'accompagné
roles-few = { $count } ({ $share }) – peu
coverage-none = aucun
coverage-few = peu

## Langage commun

terms-title = Langage commun
terms-question = Les termes du glossaire que les apprenants emploient dans leurs propres réflexions. Les termes inutilisés sont en surbrillance.
terms-chart = Termes du glossaire employés dans les réflexions
terms-table = Termes du glossaire dans les réflexions, par rôle
terms-term = Terme
terms-uses = Emplois
terms-reflections = Réflexions
terms-bar = { $uses ->
    [one] { $uses } emploi
   *[other] { $uses } emplois
} par { $learners ->
    [one] { $learners } apprenant
   *[other] { $learners } apprenants
}

## Renforcement

reinforcement-title = Le renforcement dans le temps
reinforcement-question = Pour chaque étape de réflexion : répondu à temps, en retard, passé, manqué ou pas encore dû.
reinforcement-chart = Invitations à la réflexion par résultat
reinforcement-step = Jour { $day } : { $title }
reinforcement-on-time = À temps
reinforcement-late = En retard
reinforcement-skipped = Passées
reinforcement-missed = Manquées
reinforcement-not-due = Pas dues
reinforcement-not-due-yet = Pas encore dues
reinforcement-snoozed = Reportées au moins une fois
reinforcement-own-day = Le jour choisi par l'apprenant
reinforcement-paused = { $count ->
    [one] { $count } apprenant est absent aujourd'hui : ses réflexions attendent son retour et aucune ne compte comme manquée.
   *[other] { $count } apprenants sont absents aujourd'hui : leurs réflexions attendent leur retour et aucune ne compte comme manquée.
}

## Adoption

adoption-title = Participation ou adoption durable
adoption-question = Les apprenants qui se sont seulement engagés, face à ceux dont les comportements sont acquis à 30, 60 et 90 jours ; l'adoption par comportement et semaine après semaine.
adoption-sustained-chart = Apprenants avec un comportement acquis, N jours après leur engagement
adoption-at = Acquis à { $days } jours
adoption-table = Participation face à l'adoption
adoption-after = Après
adoption-days = { $days } jours
adoption-committed = Apprenants engagés
adoption-only-committed = Seulement engagés
adoption-adopted = Acquis
adoption-behaviours-chart = Adoption par comportement
adoption-weekly = Semaine après semaine
adoption-weekly-table = Part des apprenants engagés ayant acquis le comportement, par semaine depuis leur engagement
adoption-week = Semaine { $week }

## Évolution depuis le point de départ

baseline-title = Évolution depuis le point de départ
baseline-question = Par comportement : la dernière auto-évaluation face à l'évaluation de départ donnée lors de l'engagement, en niveaux de l'échelle ({ $scale }). Les baisses sont en surbrillance.
baseline-chart = Évolution moyenne depuis le départ, par comportement
baseline-table = Évolution depuis le départ, par comportement (niveaux : 0 est le plus bas)
baseline-bar = { $change } niveaux, { $from } → { $to } ({ $learners ->
    [one] { $learners } apprenant
   *[other] { $learners } apprenants
})
baseline-not-yet = pas encore d'auto-évaluation depuis le départ
baseline-mean-start = Moyenne au départ
baseline-mean-latest = Dernière moyenne
baseline-mean-change = Évolution moyenne
baseline-improved = En progrès
baseline-unchanged = Inchangés
baseline-declined = En baisse
baseline-not-rated = Pas évalués depuis

## Comment les autres voient chaque comportement

seen-title = Comment les autres voient chaque comportement
seen-question = Pour chaque comportement sur lequel d'autres sont interrogés : à quelle fréquence les apprenants disent l'adopter (leur dernière auto-évaluation), à côté de la fréquence à laquelle leur entourage le constate, sur l'échelle ({ $scale }). Le regard des autres n'apparaît qu'une fois que suffisamment de personnes différentes ont répondu, et seulement en moyenne, pour qu'aucune réponse ne puisse être identifiée.
seen-none = Ce programme ne demande à personne d'observer qui que ce soit, ou pas pour le rôle choisi dans le filtre.
seen-chart = Regard propre et regard des autres, par comportement
seen-table = Regard propre et regard des autres, par comportement (niveaux : 0 est le plus bas)
seen-themselves = { $behaviour } ({ $role }) : eux-mêmes
seen-others = { $behaviour } ({ $role }) : les autres
seen-own-bar = { $level } ({ $mean }), { $learners ->
    [one] { $learners } apprenant
   *[other] { $learners } apprenants
}
seen-others-bar = { $level } ({ $mean }), { $raters ->
    [one] { $raters } évaluateur
   *[other] { $raters } évaluateurs
} pour { $people ->
    [one] { $people } personne
   *[other] { $people } personnes
}
seen-others-lower = { $level } ({ $mean }), { $raters ->
    [one] { $raters } évaluateur
   *[other] { $raters } évaluateurs
} pour { $people ->
    [one] { $people } personne
   *[other] { $people } personnes
}, plus bas que leur propre regard
seen-no-self-check = pas encore d'auto-évaluation
seen-waiting = masqué tant qu'au moins { $min } personnes n'ont pas répondu ({ $count } pour l'instant)
seen-no-ratings = aucune évaluation comptée
seen-waits-for = { $count ->
    [one] Le regard des autres attend encore { $count } évaluateur
   *[other] Le regard des autres attend encore { $count } évaluateurs
}
seen-lower-note = Les autres le constatent moins souvent que les apprenants ne le pensent
seen-level = { $level } ({ $mean })
seen-role-observed = Rôle observé
seen-own-view = Regard propre
seen-others-view = Regard des autres
seen-raters = Évaluateurs
seen-people = Personnes observées
seen-note = Remarque

## Équipes

teams-title = Couverture des équipes
teams-question = Les équipes créées dans ce programme, sous identifiant pseudonyme : si le responsable s'est engagé, et si des membres l'ont fait. Une équipe dont le responsable ne s'est jamais engagé, ou dont les membres n'ont jamais commencé, est un endroit où l'on attend un changement sans que personne ne soit accompagné.
teams-chart = Les équipes et là où l'accompagnement n'a pas commencé
teams-teams = Équipes
teams-summary = { $count ->
    [one] { $count } équipe
   *[other] { $count } équipes
}, { $members ->
    [one] { $members } membre
   *[other] { $members } membres
} ({ $mean } par équipe en moyenne)
teams-count = { $count ->
    [one] { $count } équipe
   *[other] { $count } équipes
}
teams-count-share = { $count ->
    [one] { $count } équipe
   *[other] { $count } équipes
} ({ $share })
teams-leader-never = Responsable jamais engagé
teams-members-never = Membres jamais lancés
teams-no-members = Pas encore de membres
teams-no-leader = Responsable inconnu
teams-list = Liste des équipes ({ $count } premières)
teams-table = Les équipes, leur responsable et leurs membres
teams-team = Équipe
teams-leader = Responsable
teams-leader-committed = Responsable engagé
teams-members = Membres
teams-members-committed = Membres engagés
teams-flags = Signaux

## Qui interroger

success-title = Qui interroger (échantillonnage Success Case)
success-question = Pour chaque comportement, jusqu'à { $count } apprenants aux trajectoires les plus fortes et { $count } aux plus faibles depuis leur départ, selon la Success Case Method de Brinkerhoff : demandez aux deux ce qui a aidé et ce qui a fait obstacle.
success-table = Apprenants à interroger, par comportement
success-behaviour = Comportement
success-group = Groupe
success-strongest = Plus forts n° { $rank }
success-weakest = Plus faibles n° { $rank }
success-learner = Apprenant
success-start = Départ
success-latest = Dernière
success-change = Évolution
success-checks = Auto-évaluations

## Apprenants

learners-heading = Apprenants ({ $count })
learners-names = Afficher le nom des apprenants (uniquement si vous êtes autorisé à les voir)
learners-list = Liste des apprenants (500 premiers)
learners-table = Les apprenants derrière les chiffres
learners-committed = Engagé le
learners-reflections = Réflexions
learners-adopted = Comportements acquis

## Ce que le Learning Record Store a répondu

lrs-refused = Le Learning Record Store a refusé ces identifiants (401/403). Vérifiez la clé et le secret d'administration.
lrs-trouble = Le Learning Record Store a rencontré un problème ({ $status }). Réessayez dans un instant ; les chiffres obtenus sont conservés.
lrs-not-accepted = Le Learning Record Store n'a pas accepté la requête ({ $status }).
lrs-offline = Le Learning Record Store est injoignable. Vérifiez l'adresse et votre connexion.
lrs-malformed = Le Learning Record Store a répondu par autre chose qu'une liste de déclarations.
lrs-loop = Le Learning Record Store renvoyait sans cesse la même page ; le chargement a été arrêté pour éviter une boucle sans fin.
