# Widget de Throughline para participantes: español. Mismos mensajes que en.ftl (lo comprueban las pruebas). Trato de usted.

## Común
continue = Continuar
cancel = Cancelar
try-again = Volver a intentarlo
part-unfetched = No se pudo cargar esta parte. Compruebe su conexión y vuelva a intentarlo. No se pierde nada de lo que ha hecho.
step-of = Paso { $step } de { $steps }
loading = Cargando su plan de seguimiento…
failed-heading = No se pudo iniciar el plan de seguimiento
greeting = { $name }, este es su plan
greeting-anonymous = Su plan de seguimiento
role-badge = Rol: { $role }
dismiss = Cerrar

## Paso 1: el rol
role-question = ¿Qué rol le corresponde mejor en este programa?
role-why = Cada rol tiene sus propios compromisos para la misma habilidad, para que líderes, equipos y colaboradores practiquen su parte de la misma conversación.
role-locked = Su rol está fijado porque ya se ha comprometido. Use «Empezar de nuevo», debajo de su plan, para cambiarlo.
role-choose-first = Elija el rol que mejor le corresponda.
role-saved = Rol guardado.

## Paso 2: los compromisos
commit-heading = Comprométase con lo que hará en el trabajo
commit-help = Elija entre uno y tres. Haga suyo cada uno: reformúlelo y diga cuándo o dónde lo hará. Los planes con un momento y un lugar son los que se cumplen.
commit-editing = Editar sus compromisos
commit-behaviour = Comportamiento
commit-how-often-now = ¿Con qué frecuencia lo hace ahora, antes de empezar?
commit-own = Mi propio compromiso
commit-what = Lo que haré
commit-when = Cuándo o dónde lo haré
commit-when-example = p. ej., en mis reuniones individuales de los lunes
commit-why = Por qué es importante para mí (opcional)
commit-why-private = Se guarda en su propio plan y sus registros. El panel del programa nunca lo muestra.
commit-add-own = Añadir mi propio compromiso
commit-save = Guardar mis compromisos
commit-submit = Comprometerme con mi plan
commit-change-role = Cambiar mi rol
commit-saved = Sus compromisos se han guardado.

## La reflexión pendiente
due-paused-heading = Su plan está en pausa
due-paused = Está de ausencia hasta el { $date }. Sus reflexiones esperan y ninguna cuenta como perdida.
due-resume = He vuelto: reanudar mi plan
due-resumed = Bienvenido de nuevo: su plan continúa.
due-none-heading = Nada pendiente hoy
due-next = Su próxima reflexión, «{ $title }», es el { $date }. Hasta entonces, siga practicando sus compromisos.
due-all-done = Ha completado todas las reflexiones de este programa. Bien hecho: mantenga los hábitos.
due-overdue = { $days ->
    [0] Esta reflexión es para hoy.
    [1] Esta reflexión era para ayer. Las reflexiones anteriores que no hizo están cerradas; esta es la que toca ahora.
   *[other] Esta reflexión era para hace { $days } días. Las reflexiones anteriores que no hizo están cerradas; esta es la que toca ahora.
}
due-eyebrow = Reflexión · día { $day } · para el { $date }
due-reflection = Su reflexión
due-self-check = Autoevaluación
due-observer-heading = Cómo va su equipo
due-observer-help = Opcional. Sus respuestas solo se cuentan junto con las de al menos otras dos personas, y nadie ve las suyas.
due-save = Guardar la reflexión
due-saved = Reflexión guardada. Gracias.
due-skip = Omitir esta
due-skipped = Reflexión omitida.
due-snoozed = Recordatorio movido.
snooze-tomorrow = Recordármelo mañana
snooze-days = Dentro de { $days } días
snooze-week = Dentro de una semana

## Guardado en el registro de aprendizaje
sync-ok = Todo su progreso está guardado en su registro de aprendizaje.
sync-sending = { $count ->
    [one] Enviando 1 registro…
   *[other] Enviando { $count } registros…
}
sync-offline = Sin conexión: { $count } en espera. Se enviarán cuando vuelva a tener conexión.
sync-failed = { $count ->
    [one] Requiere atención: no se pudo registrar 1 registro. Se conserva aquí. { $why }
   *[other] Requiere atención: no se pudieron registrar { $count } registros. Se conservan aquí. { $why }
}
sync-return = Volver al curso

## Otros programas
elsewhere-heading = También pendiente en sus otros programas
elsewhere-item = { $program }: «{ $step }», para el { $date }
elsewhere-open = Abrir el curso

## El plan
plan-heading = Mis compromisos
plan-edit = Editar mis compromisos
plan-when-where = Cuándo / dónde: { $text }
state-not-started = Sin empezar
state-trying = Practicando
state-adopted = Adoptado
state-lapsed = Abandonado

## El calendario
schedule-heading = Mi calendario de reflexiones
schedule-help = Reflexiones breves, repartidas a lo largo de las semanas posteriores al curso. Añádalas a su calendario para que le encuentren.
schedule-download = Añadir a mi calendario (.ics)
schedule-downloaded = Archivo de calendario descargado.
schedule-step = Día { $day }: { $title }
schedule-step-check = Día { $day }: { $title } · con autoevaluación
schedule-planned = { " " }(prevista el { $date })
status-upcoming = Próxima
status-due = Pendiente ahora
status-snoozed = Aplazada al { $date }
status-done = Hecha
status-skipped = Omitida
status-missed = Perdida
status-waiting = En espera hasta el { $date }

## El enlace de calendario
feed-offer = O consiga un enlace que su aplicación de calendario sigue, para que los cambios en sus días aparezcan solos.
feed-get = Obtener un enlace de calendario
feed-label = Mi enlace de calendario
feed-help = Añádalo en su aplicación de calendario como suscripción («desde URL»). Es personal: quien lo tenga verá sus días de reflexión.
feed-copy = Copiar el enlace
feed-open = Abrir en mi aplicación de calendario
feed-new = Crear un enlace nuevo
feed-stop = Detener mi enlace de calendario
feed-ready = Su enlace de calendario está listo. Añádalo a su aplicación de calendario como suscripción.
feed-stopped = Su enlace de calendario está detenido. Los calendarios que lo usaban dejan de actualizarse.
feed-copied = Enlace de calendario copiado.
feed-copy-refused = El navegador no permitió copiar. Seleccione el enlace y cópielo usted.

## Mi propio ritmo
cadence-summary = Cambiar mis días de reflexión
cadence-move-legend = Mover una reflexión (hasta { $days ->
    [one] 1 día
   *[other] { $days } días
})
cadence-reflection = Reflexión
cadence-step-option = Día { $day }: { $title } ({ $date })
cadence-new-day = Nuevo día
cadence-same-day = El día previsto
cadence-earlier = { $days ->
    [one] 1 día antes
   *[other] { $days } días antes
}
cadence-later = { $days ->
    [one] 1 día después
   *[other] { $days } días después
}
cadence-move = Mover la reflexión
cadence-moved = Reflexión movida.
cadence-nothing-to-move = No queda ninguna reflexión por venir que se pueda mover.
cadence-day-legend = Mi día de reflexión
cadence-day-label = Las reflexiones caen en
cadence-program-days = Los días del propio programa
cadence-day-save = Guardar mi día
cadence-day-saved = Su día de reflexión se ha guardado.
cadence-pause-legend = ¿De ausencia? Pause hasta { $days ->
    [one] 1 día
   *[other] { $days } días
}
cadence-leave-until = Estoy de ausencia hasta el
cadence-change-back = Cambiar la fecha de mi vuelta
cadence-pause = Pausar mi plan
cadence-change-return = Cambiar mi fecha de vuelta
cadence-paused = Su plan está en pausa hasta que vuelva.
cadence-paused-until = Su plan está en pausa: está de ausencia hasta el { $date }. Hasta entonces no hay nada pendiente y nada cuenta como perdido.
cadence-choose-date = Elija la fecha en que vuelve.
weekday-monday = lunes
weekday-tuesday = martes
weekday-wednesday = miércoles
weekday-thursday = jueves
weekday-friday = viernes
weekday-saturday = sábado
weekday-sunday = domingo

## Mi evolución
trend-heading = Mi evolución
trend-empty = Su evolución aparece después de su primera autoevaluación.
trend-baseline-only = Su evolución parte de donde dijo estar al principio; continúa después de su primera autoevaluación.
trend-start = Inicio
trend-day = Día { $day }
# Inside a sentence (the chart's description).
trend-start-inline = inicio
trend-day-inline = día { $day }
trend-point = { $day }: aproximadamente «{ $level }»
trend-summary = Su autoevaluación media a lo largo del tiempo: { $points }.
trend-help = Nivel más bajo: { $lowest }. Cada punto es la media de sus autoevaluaciones en ese momento; «Inicio» es donde dijo estar cuando se comprometió.
trend-caption = Sus autoevaluaciones por comportamiento

## Lenguaje común
glossary-heading = Lenguaje común
glossary-help = Líderes, miembros del equipo y colaboradores usan todos estas palabras de la misma manera.

## Empezar de nuevo
start-over = Empezar de nuevo
start-over-confirm = ¿Empezar de nuevo? Se borrarán su rol, sus compromisos y sus reflexiones en este navegador.
start-over-yes = Sí, empezar de nuevo
start-over-keep = Conservar mi plan
start-over-done = Su plan se ha borrado.

## Equipos
team-heading = Mi equipo
team-my-name = Mi nombre tal como lo ve mi equipo
team-looking = Buscando sus equipos…
team-still-loading = El equipo aún se está cargando; vuelva a intentarlo en un momento.
team-name-first = Escriba primero el nombre que verá su equipo.
team-ready = Su equipo está listo. Comparta su código o enlace con las personas que lidera.
team-joined = Se ha unido al equipo.
team-left = Ha salido del equipo.
team-removed = Esa persona ya no está en su equipo.
team-roster-added = Los participantes de su curso están en su equipo.
team-invitation = Invitación a un equipo
team-invited = Le han invitado a unirse a un equipo (código { $code }). Al unirse, comparte sus compromisos con él; abajo elige cuáles, y sus reflexiones siguen siendo privadas.
team-join-this = Unirme a este equipo
team-start-help = Cree un equipo para que las personas que lidera vean sus compromisos, y usted los de ellas.
team-start = Crear un equipo
team-join-summary = Unirse a un equipo con un código
team-code = Código del equipo
team-join = Unirme al equipo
team-remove = Quitar
team-remove-who = Quitar a { $name } del equipo
team-member = { $name } ({ $role })
team-member-leads = { $name } ({ $role }) · lidera el equipo
team-nothing-shared = Todavía no se ha compartido nada desde el otro lado de sus parejas.
team-side-leader = Su líder { $name } se comprometió con «{ $behaviour }»
team-side-member = { $name } ({ $role }) se comprometió con «{ $behaviour }»
team-side-pair = { " " }({ $pair })
team-share = { " " }Compartir «{ $title }»
team-add-roster = Añadir a los participantes de mi curso
team-share-code = Comparta este código con las personas que lidera:
team-join-link = Enlace para unirse
team-leave = Salir de este equipo
team-led-by = { $count ->
    [one] Liderado por { $leader }. 1 persona.
   *[other] Liderado por { $leader }. { $count } personas.
}
team-who = Quién forma parte
team-other-side = Con qué se comprometió el otro lado
team-what-i-share = Lo que comparto con este equipo
team-never-shared = Sus reflexiones y valoraciones nunca se comparten.
team-reading-figures = Leyendo las cifras de su equipo…
team-not-rated = aún sin valorar
team-quoted = «{ $level }»
team-says = su equipo dice «{ $level }» ({ $count } personas, día { $day })
team-shown-once = se muestra cuando hayan respondido { $min } personas (faltan { $needed })
team-no-answers = nadie ha respondido todavía; se muestra cuando hayan respondido { $min } personas
team-seen-row = { $title }: usted dice { $mine }; { $team }.
team-adoption-row = { $title }: { $members } comprometidos; { $adopted } adoptado, { $trying } practicando, { $notstarted } sin empezar, { $lapsed } abandonado.
team-adoption-empty = Se muestra para cada comportamiento en pareja cuando al menos 3 personas de su equipo se hayan comprometido con él.
team-lead-figures = Cómo les va a las personas que lidera
team-sees-me = Cómo me ve mi equipo

## Por qué se rechazó una acción (las reglas del plan)
plan-error-unknown-role = El rol «{ $role }» no forma parte de este programa. Elija uno de los roles que se muestran.
plan-error-role-locked = Su rol queda fijado al comprometerse. Use «Empezar de nuevo» para elegir otro rol.
plan-error-no-role = Elija primero su rol.
plan-error-no-commitments = Elija al menos un compromiso para continuar.
plan-error-too-many = Limítese a { $max } compromisos: unos pocos bien cumplidos valen más que muchos empezados.
plan-error-behaviour-not-for-role = «{ $behaviour }» no es uno de los comportamientos de su rol.
plan-error-empty-what = Escriba lo que hará.
plan-error-empty-when = Escriba cuándo o dónde lo hará.
plan-error-empty-reflection = Escriba su reflexión.
plan-error-long-what = «Lo que haré» es demasiado largo: menos de { $max } caracteres, por favor.
plan-error-long-when = «Cuándo o dónde lo haré» es demasiado largo: menos de { $max } caracteres, por favor.
plan-error-long-reflection = Su reflexión es demasiado larga: menos de { $max } caracteres, por favor.
plan-error-not-due = Esta reflexión no está abierta ahora. Vuelva a cargar la página para ver qué está pendiente.
plan-error-missing-rating = Valore con qué frecuencia ocurrió «{ $behaviour }» antes de guardar.
plan-error-bad-rating = La valoración de «{ $behaviour }» no está en la escala.
plan-error-bad-snooze = Elija un día posterior que sea antes de su próxima reflexión.
plan-error-missing-baseline = Indique con qué frecuencia ocurre ahora «{ $behaviour }», para ver su progreso desde aquí.
plan-error-not-committed = Comprométase primero con su plan; después podrá ajustar sus días.
plan-error-no-moving = Este programa no permite mover reflexiones.
plan-error-no-weekday = Este programa no permite elegir un día de la semana.
plan-error-no-pausing = Este programa no permite pausas.
plan-error-move-too-far = Una reflexión puede moverse como máximo { $max } días desde su día previsto.
plan-error-cannot-move = Solo se pueden mover las reflexiones que están por venir.
plan-error-move-past-neighbour = Una reflexión no puede pasar más allá de la anterior o la siguiente.
plan-error-move-into-past = Elija un día a partir de hoy.
plan-error-weekday-not-offered = Este programa ofrece estos días: { $days }.
plan-error-bad-pause = Elija una fecha de vuelta posterior a hoy.
plan-error-pause-too-long = Una pausa dura como máximo { $max } días. Elija una fecha de vuelta anterior.
plan-error-not-paused = Su plan no está en pausa.

## Problemas que comunica el widget

problem-options = La configuración de esta página para el plan de seguimiento tiene problemas. Muestre este mensaje a quien se ocupa de la página del curso:
problem-storage-step = El almacenamiento de su navegador está lleno o desactivado, así que no se pudo registrar este paso. Libere espacio o permita el almacenamiento para este sitio y vuelva a intentarlo.
problem-session-ended = Esta sesión del curso ha terminado y todo lo que contenía quedó registrado. Para continuar, vuelva a abrir el curso desde su plataforma de aprendizaje.
problem-program-invalid = El archivo del programa tiene problemas, así que el widget no puede iniciarse. Pida al diseñador del curso que lo revise con `throughline check`:
problem-role-hint = El curso sugirió el rol «{ $role }», que no existe en este programa; elija su rol.
problem-storage-blocked = Este navegador no deja que la página guarde su plan (modo privado o almacenamiento desactivado). Sus cambios se perderán al salir de esta página.
problem-storage-full = No se pudo guardar su plan: el almacenamiento del navegador para este sitio está lleno o desactivado.
problem-sync-offline = Su plan está guardado en este navegador; se copiará en su Learning Record Store cuando vuelva a tener conexión.
problem-sync-refused = El Learning Record Store no aceptó las credenciales del widget, así que su plan se queda solo en este navegador.
problem-sync-no-plans = Su progreso está registrado; este Learning Record Store no guarda planes, así que su plan se queda en este navegador.
problem-sync-status = El Learning Record Store respondió { $status }; su plan está guardado en este navegador y se copiará más tarde.
problem-sync-other-window = Su plan se está cambiando en otra ventana; se copiará en breve.
problem-programs-other-window = Su lista de programas se está cambiando en otra ventana; se actualizará en su próxima visita.
problem-team-offline = No se pudo contactar con el equipo (sin conexión o el servidor no respondió). Inténtelo de nuevo en un momento.
problem-team-refused = El Learning Record Store no permite que esta página guarde equipos. Consulte al administrador de su curso.
problem-team-status = No se pudo guardar el equipo (error { $status }). Inténtelo más tarde.
problem-team-list-unreadable = No se pudo leer la lista de equipos del servicio: { $reason }
problem-team-figures-need-service = Ver cómo le ve su equipo requiere el servicio Throughline: este Learning Record Store no guarda cifras de equipo.
problem-team-figures-unreadable = No se pudieron leer las cifras del equipo: { $reason }
problem-roster-needs-service = Añadir la lista de participantes del curso requiere el servicio Throughline.
problem-team-unreadable = No se pudo leer el equipo: { $reason }
problem-team-busy = Otra persona está cambiando el equipo en este momento. Inténtelo de nuevo en un momento.
problem-teams-other-window = Su lista de equipos se está cambiando en otra ventana; vuelva a cargar la página.
problem-team-code = Este navegador no puede generar un código de equipo (no hay números aleatorios seguros).
problem-download-refused = Su navegador no permitió la descarga. Inténtelo de nuevo o use otro navegador.
problem-checker-empty = El comprobador de programas no devolvió ningún programa.
problem-program-unreachable = No se pudo acceder al archivo del programa en { $url }. Revise la dirección y su conexión.
problem-program-status = No se pudo cargar el archivo del programa en { $url } (el servidor respondió { $status }).
problem-program-unreadable = El archivo del programa en { $url } no es un texto legible.
problem-checker-unavailable = Este programa es un archivo fuente y no se pudo cargar el comprobador que lee archivos fuente. Pida al diseñador del curso que publique el programa compilado (`throughline compile`) o que ponga la carpeta `check` junto a throughline.js.
problem-cmi5-no-answer = El curso no pudo obtener su token de acceso de su plataforma de aprendizaje (sin respuesta). Vuelva a abrirlo desde la plataforma.
problem-cmi5-unreadable = La respuesta de acceso de su plataforma de aprendizaje no se pudo leer. Vuelva a abrir el curso desde la plataforma.
problem-cmi5-used = Este enlace de inicio del curso ya se usó. Vuelva a abrir el curso desde su plataforma de aprendizaje.
problem-cmi5-no-token = Su plataforma de aprendizaje no dio al curso un token de acceso. Vuelva a abrir el curso desde la plataforma.
problem-lrs-unreachable-start = No se pudo contactar con el Learning Record Store para iniciar el curso. Revise su conexión y vuelva a cargar la página.
problem-cmi5-no-launch-data = Su plataforma de aprendizaje no dejó al curso sus datos de inicio. Vuelva a abrir el curso desde la plataforma.
problem-lrs-status-start = El Learning Record Store respondió { $status } al iniciar el curso. Vuelva a abrirlo desde su plataforma de aprendizaje.
problem-cmi5-no-session = Los datos de inicio de su plataforma de aprendizaje no tienen identificador de sesión.

## Por qué se rechazó una acción de equipo

team-error-bad-code = Eso no es un código de equipo: un código tiene 8 letras y cifras, por ejemplo K7QF-M2XP.
team-error-no-such-team = Ningún equipo tiene este código. Compruébelo con la persona que lo compartió; puede que el equipo se haya cerrado.
team-error-other-program = Este equipo pertenece a otro programa. Abra la página del curso de ese programa para unirse.
team-error-full = Este equipo está completo. Pida a su responsable que haga sitio o que cree otro equipo.
team-error-removed = El responsable le quitó de este equipo, así que el código ya no le deja entrar. Pregúntele si fue un error.
team-error-not-leader = Solo el responsable del equipo puede hacer eso.
team-error-not-member = No está (o ya no está) en este equipo.
team-error-leader-stays = Usted dirige este equipo, así que no puede dejarlo. Quite primero a sus miembros si debe terminar.
team-error-cannot-lead = Su rol en este programa no dirige un equipo. Únase en su lugar al equipo de su responsable con su código.
team-error-unknown-role = Elija su rol en este programa antes de unirse a un equipo.
team-error-unreadable = No se pudo leer el registro del equipo ({ $reason }). Pida al responsable del equipo que lo revise.
