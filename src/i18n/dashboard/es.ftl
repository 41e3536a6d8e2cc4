# El panel de adopción, en español. Trato de usted.

## Inicio y carga

dash-failed = No se pudo iniciar el panel
dash-options-invalid = Las opciones del panel no son válidas: { $reason }
dash-program-problems = El archivo del programa tiene problemas; revíselo con `throughline check`:
dash-eyebrow = Panel de adopción
dash-as-of = Cifras a fecha de { $date }. Los participantes aparecen con un identificador seudónimo, salvo que active los nombres.
dash-loading-figures = Cargando las cifras
dash-asking-service = Pidiendo las cifras al servicio Throughline… La primera vez tras iniciarse, el servicio lee cada declaración, lo que puede llevar un minuto por cada millón.
dash-loading-statements = Cargando declaraciones
dash-cancel = Cancelar
dash-refresh = Actualizar
dash-from-service = { $count ->
    [one] Cifras calculadas por el servicio Throughline a partir de { $count } declaración.
   *[other] Cifras calculadas por el servicio Throughline a partir de { $count } declaraciones.
}
dash-from-lrs = { $count ->
    [one] { $count } declaración leída del Learning Record Store.
   *[other] { $count } declaraciones leídas del Learning Record Store.
}
dash-cancelled = Se canceló la carga. Las cifras cuentan las declaraciones que ya habían llegado; la próxima visita sigue desde ahí.
dash-kept-updating = { $count ->
    [one] Estas son las cifras de su última visita ({ $count } declaración). Se están leyendo declaraciones nuevas; las cifras cambiarán cuando estén contadas.
   *[other] Estas son las cifras de su última visita ({ $count } declaraciones). Se están leyendo declaraciones nuevas; las cifras cambiarán cuando estén contadas.
}
dash-note = Nota: { $reason }.
progress-almost-done = Cargando declaraciones… { $count } leídas, { $rate } por segundo; casi terminado
progress-left = Cargando declaraciones… { $count } leídas, { $rate } por segundo; quedan unos { $seconds } s (estimado según las horas de almacenamiento)
progress-estimating = Cargando declaraciones… { $count } leídas, { $rate } por segundo; calculando el tiempo restante
progress-unknown = Cargando declaraciones… { $count } leídas, { $rate } por segundo; el Learning Record Store no indica cuántas quedan

## Filtros

dash-filters = Filtros
dash-role = Rol
dash-all-roles = Todos los roles
dash-course = Curso
dash-all-courses = Todos los cursos
dash-from = Comprometidos desde
dash-until = Comprometidos hasta

## Cada panel

dash-download-csv = Descargar CSV
dash-table-view = Vista de tabla
dash-none = –
dash-yes = Sí
dash-no = No
dash-of = { $part } de { $whole } ({ $share })
dash-count-share = { $count } ({ $share })

## Dónde se interrumpe el aprendizaje

funnel-title = Dónde se interrumpe el aprendizaje
funnel-question = El recorrido desde elegir un rol hasta adoptar un comportamiento, como proporción de quienes empezaron. Se resaltan los pasos que pierden de golpe más de una cuarta parte.
funnel-chart = Participantes en cada paso del recorrido
funnel-table = Participantes en cada paso, por rol
funnel-step = Paso
funnel-learners = Participantes
funnel-lost = Perdidos desde el paso anterior
stage-selected = Eligió un rol
stage-committed = Se comprometió
stage-answered = Respondió el día { $day } ({ $title })
stage-self-checked = Completó una autoevaluación
stage-adopted = Adoptó un comportamiento

## Roles

roles-title = Quién debería cambiar pero no ha recibido desarrollo
roles-question = Cada rol que prevé el programa, con cuántos participantes tiene. Destacan los roles sin participantes o con pocos.
roles-chart = Participantes por rol
roles-committed = Comprometidos
roles-flag = Aviso
roles-nobody = { $count } ({ $share }) – nadie en desarrollo
roles-few = { $count } ({ $share }) – pocos
coverage-none = ninguno
coverage-few = pocos

## Lenguaje común

terms-title = Lenguaje común
terms-question = Qué términos del glosario usan los participantes en sus propias reflexiones. Se resaltan los términos sin usar.
terms-chart = Términos del glosario usados en las reflexiones
terms-table = Términos del glosario en las reflexiones, por rol
terms-term = Término
terms-uses = Usos
terms-reflections = Reflexiones
terms-bar = { $uses ->
    [one] { $uses } uso
   *[other] { $uses } usos
} de { $learners ->
    [one] { $learners } participante
   *[other] { $learners } participantes
}

## Refuerzo

reinforcement-title = Refuerzo a lo largo del tiempo
reinforcement-question = Para cada paso de reflexión: respondido a tiempo, tarde, omitido, perdido o aún no pendiente.
reinforcement-chart = Invitaciones a reflexionar por resultado
reinforcement-step = Día { $day }: { $title }
reinforcement-on-time = A tiempo
reinforcement-late = Tarde
reinforcement-skipped = Omitidas
reinforcement-missed = Perdidas
reinforcement-not-due = No pendientes
reinforcement-not-due-yet = Aún no pendientes
reinforcement-snoozed = Pospuestas al menos una vez
reinforcement-own-day = En el día elegido por el participante
reinforcement-paused = { $count ->
    [one] { $count } participante está de ausencia hoy: sus reflexiones esperan a su vuelta y ninguna cuenta como perdida.
   *[other] { $count } participantes están de ausencia hoy: sus reflexiones esperan a su vuelta y ninguna cuenta como perdida.
}

## Adopción

adoption-title = Participación o adopción sostenida
adoption-question = Participantes que solo se comprometieron, frente a aquellos cuyos comportamientos están adoptados a los 30, 60 y 90 días; la adopción por comportamiento y semana a semana.
adoption-sustained-chart = Participantes con un comportamiento adoptado, N días después de comprometerse
adoption-at = Adoptado a los { $days } días
adoption-table = Participación frente a adopción
adoption-after = Tras
adoption-days = { $days } días
adoption-committed = Participantes comprometidos
adoption-only-committed = Solo comprometidos
adoption-adopted = Adoptado
adoption-behaviours-chart = Adopción por comportamiento
adoption-weekly = Semana a semana
adoption-weekly-table = Proporción de participantes comprometidos con el comportamiento adoptado, por semanas desde el compromiso
adoption-week = Semana { $week }

## Cambio desde el punto de partida

baseline-title = Cambio desde el punto de partida
baseline-question = Por comportamiento: la última autoevaluación frente a la valoración inicial que dieron al comprometerse, en niveles de la escala ({ $scale }). Se resaltan los descensos.
baseline-chart = Cambio medio desde el punto de partida por comportamiento
baseline-table = Cambio desde el punto de partida por comportamiento (niveles: 0 es el más bajo)
baseline-bar = { $change } niveles, { $from } → { $to } ({ $learners ->
    [one] { $learners } participante
   *[other] { $learners } participantes
})
baseline-not-yet = aún sin autoevaluación desde el inicio
baseline-mean-start = Media inicial
baseline-mean-latest = Media más reciente
baseline-mean-change = Cambio medio
baseline-improved = Mejoraron
baseline-unchanged = Sin cambios
baseline-declined = Empeoraron
baseline-not-rated = Sin valorar desde entonces

## Cómo ven los demás cada comportamiento

seen-title = Cómo ven los demás cada comportamiento
seen-question = Para cada comportamiento sobre el que se pregunta a otras personas: con qué frecuencia dicen los participantes que lo practican (su última autoevaluación) junto a con qué frecuencia lo ven las personas de su entorno, en la escala ({ $scale }). La visión de los demás solo se muestra cuando han valorado suficientes personas distintas, y solo como media, para que no se pueda identificar ninguna respuesta.
seen-none = Este programa no pide a nadie que observe a nadie, o no sobre el rol elegido en el filtro.
seen-chart = Visión propia y visión de los demás por comportamiento
seen-table = Visión propia y de los demás por comportamiento (niveles: 0 es el más bajo)
seen-themselves = { $behaviour } ({ $role }): ellos mismos
seen-others = { $behaviour } ({ $role }): los demás
seen-own-bar = { $level } ({ $mean }), { $learners ->
    [one] { $learners } participante
   *[other] { $learners } participantes
}
seen-others-bar = { $level } ({ $mean }), { $raters ->
    [one] { $raters } evaluador
   *[other] { $raters } evaluadores
} sobre { $people ->
    [one] { $people } persona
   *[other] { $people } personas
}
seen-others-lower = { $level } ({ $mean }), { $raters ->
    [one] { $raters } evaluador
   *[other] { $raters } evaluadores
} sobre { $people ->
    [one] { $people } persona
   *[other] { $people } personas
}, por debajo de como se ven ellos
seen-no-self-check = aún sin autoevaluación
seen-waiting = no se muestra hasta que valoren al menos { $min } personas ({ $count } por ahora)
seen-no-ratings = ninguna valoración contada
seen-waits-for = { $count ->
    [one] La visión de los demás espera { $count } evaluador más
   *[other] La visión de los demás espera { $count } evaluadores más
}
seen-lower-note = Los demás lo ven con menos frecuencia que los propios participantes
seen-level = { $level } ({ $mean })
seen-role-observed = Rol observado
seen-own-view = Visión propia
seen-others-view = Visión de los demás
seen-raters = Evaluadores
seen-people = Personas observadas
seen-note = Nota

## Equipos

teams-title = Cobertura de los equipos
teams-question = Equipos creados en este programa, con identificador seudónimo: si el responsable se comprometió y si algún miembro lo hizo. Un equipo cuyo responsable nunca se comprometió, o cuyos miembros nunca empezaron, es donde se espera un cambio sin que nadie esté en desarrollo.
teams-chart = Equipos y dónde no ha empezado el desarrollo
teams-teams = Equipos
teams-summary = { $count ->
    [one] { $count } equipo
   *[other] { $count } equipos
}, { $members ->
    [one] { $members } miembro
   *[other] { $members } miembros
} ({ $mean } por equipo de media)
teams-count = { $count ->
    [one] { $count } equipo
   *[other] { $count } equipos
}
teams-count-share = { $count ->
    [one] { $count } equipo
   *[other] { $count } equipos
} ({ $share })
teams-leader-never = El responsable nunca se comprometió
teams-members-never = Los miembros nunca empezaron
teams-no-members = Aún sin miembros
teams-no-leader = Responsable desconocido
teams-list = Lista de equipos (los { $count } primeros)
teams-table = Los equipos, su responsable y sus miembros
teams-team = Equipo
teams-leader = Responsable
teams-leader-committed = Responsable comprometido
teams-members = Miembros
teams-members-committed = Miembros comprometidos
teams-flags = Avisos

## A quién entrevistar

success-title = A quién entrevistar (muestreo Success Case)
success-question = Por comportamiento, hasta { $count } participantes con las trayectorias más fuertes y { $count } con las más débiles desde su inicio, según el Success Case Method de Brinkerhoff: pregunte a ambos qué les ayudó y qué se lo impidió.
success-table = Participantes que entrevistar, por comportamiento
success-behaviour = Comportamiento
success-group = Grupo
success-strongest = Más fuertes n.º { $rank }
success-weakest = Más débiles n.º { $rank }
success-learner = Participante
success-start = Inicio
success-latest = Último
success-change = Cambio
success-checks = Autoevaluaciones

## Participantes

learners-heading = Participantes ({ $count })
learners-names = Mostrar los nombres de los participantes (solo donde tenga permiso para verlos)
learners-list = Lista de participantes (los 500 primeros)
learners-table = Los participantes detrás de las cifras
learners-committed = Comprometido el
learners-reflections = Reflexiones
learners-adopted = Comportamientos adoptados

## Lo que respondió el Learning Record Store

lrs-refused = El Learning Record Store rechazó estas credenciales (401/403). Revise la clave y el secreto de administración.
lrs-trouble = El Learning Record Store tuvo un problema ({ $status }). Inténtelo de nuevo en un momento; se conservan las cifras obtenidas.
lrs-not-accepted = El Learning Record Store no aceptó la consulta ({ $status }).
lrs-offline = No se pudo contactar con el Learning Record Store. Revise la dirección y su conexión.
lrs-malformed = El Learning Record Store respondió con algo que no es una lista de declaraciones.
lrs-loop = El Learning Record Store enviaba una y otra vez la misma página, así que se detuvo la carga para evitar un bucle infinito.
