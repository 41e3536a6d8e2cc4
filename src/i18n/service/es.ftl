# Las páginas del servicio y los mensajes que envía, en español. Trato de usted.

## Cualquier página

bad-host-title = Solicitud incorrecta
bad-host = Falta la cabecera Host o no es un nombre de host.

## Recordatorios de reflexión, por correo y por chat

nudge-subject-due = Es hora de su reflexión: { $step }
nudge-subject-reminder = Aún pendiente: { $step }
nudge-subject-many = { $count ->
    [one] Tiene una reflexión pendiente
   *[other] Tiene { $count } reflexiones pendientes
}
nudge-hello = Hola:
nudge-due = Es hora de su reflexión en «{ $program }»: { $step }.
nudge-waiting = Su reflexión «{ $step }» en «{ $program }» lleva { $days ->
    [one] { $days } día
   *[other] { $days } días
} esperándole.
nudge-reflect-now = Reflexionar ahora: { $url }
nudge-reflect-button = Reflexionar ahora
nudge-reflect-step = Reflexionar: { $step }
nudge-open-course = Abra el curso en el que asumió sus compromisos para reflexionar.
nudge-few-minutes = Solo lleva unos minutos; allí también puede omitirla o elegir otro día.
nudge-program = «{ $program }»
nudge-and = { $first } y { $second }
nudge-why-email = Recibe este correo porque asumió compromisos en { $programs }, que le recuerda cada reflexión según su calendario.
nudge-why-email-capped = Recibe este correo porque asumió compromisos en { $programs }, que le recuerda cada reflexión según su calendario (como máximo { $count ->
    [one] { $count } correo
   *[other] { $count } correos
} por reflexión).
nudge-why-chat = Recibe este mensaje porque asumió compromisos en { $programs }, que le recuerda cada reflexión según su calendario (como máximo { $count ->
    [one] { $count } mensaje
   *[other] { $count } mensajes
} por reflexión).
nudge-stop-email = Dejar de recibir estos correos: { $url }
nudge-stop-chat = Dejar de recibir estos mensajes

## Las páginas para darse de baja

unsubscribe-title = Dejar de recibir recordatorios de reflexión
unsubscribe-explain = Ya no recibirá correos sobre sus reflexiones. Su plan y sus reflexiones se quedan como están, y puede seguir respondiéndolas en la página de su curso.
unsubscribe-button = Dejar de recibir los correos
unsubscribed-title = Se ha dado de baja
unsubscribed = No recibirá más recordatorios de reflexión. Su plan no cambia; la página de su curso sigue mostrando lo pendiente.
link-not-valid-title = Enlace no válido
link-not-valid = Este enlace no es válido. Puede que se haya copiado incompleto; ábralo de nuevo desde el correo.
try-again-title = Inténtelo de nuevo
try-again = El servicio no pudo registrarlo en este momento ({ $reason }). Vuelva a abrir el enlace dentro de un minuto.

## Inicios LTI y el selector de Deep Linking

launch-refused-title = Inicio rechazado
launch-refused-heading = Se rechazó este inicio
launch-refused-help = Vuelva a abrir el curso desde su plataforma de aprendizaje. Si vuelve a ocurrir, muestre este mensaje al administrador de su LMS.
launch-login-incomplete = A la solicitud de inicio de sesión le falta iss, login_hint o target_link_uri.
launch-platform-unknown = Esta plataforma de aprendizaje no está registrada en Throughline.
launch-deployment-unknown = Esta implementación no está registrada en Throughline.
launch-not-recorded = No se pudo registrar el inicio. Inténtelo de nuevo en un momento.
launch-login-not-recorded = No se pudo registrar el inicio de sesión. Inténtelo de nuevo en un momento.
launch-incomplete = Al inicio le falta su id_token o su state.
launch-no-login = Este inicio no corresponde a ningún inicio de sesión en curso (caducó o ya se usó).
launch-replayed = Este inicio ya se usó (su nonce ya se había visto).
launch-invalid = No se pudo aceptar el inicio de la plataforma de aprendizaje: { $reason }
launch-title = Su plan de seguimiento
picker-no-key = Este servicio no tiene clave de firma, así que no puede responder a solicitudes de Deep Linking.
picker-no-program = Todavía no hay ningún programa válido que añadir: pida a su administrador de Throughline que añada uno.
picker-not-prepared = No se pudo preparar el selector. Inténtelo de nuevo.
picker-title = Añadir Throughline a su curso
picker-legend = Elija el programa de seguimiento que los participantes abrirán desde este enlace
picker-grades = Los participantes que se comprometen con un plan aparecen como completados en su libro de calificaciones.
picker-add = Añadir al curso
picker-choose = Elija un programa y luego añádalo.
picker-expired = Esta página caducó o no la creó este servicio: vuelva a añadir la herramienta desde su curso.
picker-unavailable = Ese programa no está disponible.
picker-not-signed = No se pudo firmar la respuesta a su plataforma. Inténtelo de nuevo.
picker-returning-title = Añadiendo Throughline a su curso
picker-returning = Volviendo a su curso con «{ $program }»…
picker-continue = Continuar
picker-line-item = { $program }: comprometido con un plan

## La página de estado

status-title = Servicio Throughline
status-running = Este servidor está en marcha. Sus partes:
status-lrs = LRS xAPI: { $url }
status-lti = Herramienta LTI 1.3: inicio de sesión { $login }, inicio y Deep Linking { $launch }, claves { $keys }
status-grades = Calificaciones LTI a las plataformas: { $state }
status-grades-state = { $sent } enviadas, { $waiting } en espera.
status-grades-problem = { $count } aún no aceptadas, se reintentan cada vez más espaciadas; la última respuesta: { $answer }
status-unknown = desconocido (la base de datos no respondió)
status-nudges = Correos de reflexión: { $state }
status-nudges-state = { $sent } recordatorios enviados; { $reachable } participantes localizables, { $unsubscribed } dados de baja
status-bundles = Paquetes del widget: { $url }
status-programs = Programas compilados: { $url }
status-dashboard = El panel de adopción
status-dashboard-note = (inicie sesión con una clave de administración del LRS)
status-workbench = El taller de diseño

## La página de acceso al panel

dashboard-page-title = Panel de adopción · Throughline
dashboard-page-heading = Panel de adopción
dashboard-page-intro = Quién se comprometió con qué y qué comportamientos se están afianzando, leído de un Learning Record Store. Inicie sesión con una clave de administración de ese LRS; se queda en esta página.
dashboard-page-endpoint = Punto de acceso del LRS
dashboard-page-key = Clave
dashboard-page-secret = Secreto
dashboard-page-program = Programa
dashboard-page-open = Abrir el panel
