# El taller de diseño, en español. Trato de usted.

## La página

wb-title = Taller de diseño · Northwind Learning
wb-nav = Plataforma de aprendizaje
wb-my-courses = Mis cursos
wb-heading = Taller de diseño
wb-intro = Edite el programa en el formulario o como texto; la comprobación y la vista previa se actualizan sobre la marcha. Aquí no se guarda nada en el servidor: descargue un paquete cuando termine.
wb-program = Programa
wb-views = Cómo editar el programa
wb-tab-form = Formulario
wb-tab-text = Texto
wb-editor-label = Archivo del programa (TOML o JSON)
wb-undo = Deshacer
wb-redo = Rehacer
wb-check = Comprobación
wb-checking = Comprobando…
wb-packages = Paquetes
wb-download-cmi5 = Descargar el paquete cmi5
wb-download-xapi = Descargar el paquete xAPI
wb-download-npm = Descargar el paquete npm
wb-download-embed = Descargar la carpeta para insertar
wb-show-snippet = Mostrar el código para insertar
wb-snippet = Código para insertar
wb-csp = Content-Security-Policy que necesita la página anfitriona
wb-copy-snippet = Copiar el código
wb-copy-csp = Copiar la CSP
wb-preview = Vista previa
wb-preview-role = Vista previa con el rol
wb-preview-week = Vista previa de la semana
wb-restart = Empezar de nuevo la vista previa
wb-preview-help = La vista previa es un participante propio por rol, guardado en este navegador: elija y comprométase como lo haría un participante, y luego mueva la semana para ver qué toca más adelante. La semana 1 es hoy.
wb-loading-widget = Cargando el widget…
wb-connections = Cómo se relaciona este rol con los demás
wb-bundle-failed = No se pudo cargar el paquete del widget, así que aquí no se puede comprobar nada. Los paquetes se pueden descargar igualmente.
wb-bundle-failed-preview = No se pudo cargar el paquete del widget: { $reason }

## La comprobación

wb-no-problems = No se encontraron problemas
wb-problems = { $count ->
    [one] Se encontró { $count } problema. Elíjalo para ir a él en el editor.
   *[other] Se encontraron { $count } problemas. Elija uno para ir a él en el editor.
}
wb-check-failed = La comprobación falló: { $reason }
wb-fix-first = Corrija los problemas para ver la vista previa
wb-no-connections = Ningún par ni observación afecta a este rol.
wb-week = Semana { $week }, { $date }

## Paquetes

wb-building = Creando el paquete { $kind }…
wb-downloaded = { $name } descargado.
wb-download-failed = No se pudo descargar el paquete: { $reason }
wb-refused-problems = { $count ->
    [one] El programa tiene { $count } problema; corríjalo primero: { $problems }
   *[other] El programa tiene { $count } problemas; corríjalos primero: { $problems }
}
wb-too-large = El archivo del programa es demasiado grande (1 MiB como máximo).
wb-server-answered = El servidor respondió { $status }.
wb-building-snippet = Creando el código para insertar…
wb-snippet-shown = El código para insertar aparece abajo.
wb-snippet-failed = No se pudo crear el código para insertar: { $reason }
wb-copied = { $what } copiado.
wb-selected = { $what } seleccionado: cópielo con el teclado.
wb-what-snippet = Código para insertar
wb-what-csp = CSP

## El formulario

wb-form-help = Cada cambio se escribe enseguida en el archivo del programa, conservando sus comentarios; «Deshacer» lo revierte, tanto en el formulario como en el texto.
wb-form-unavailable = El formulario no puede mostrar este archivo: { $reason }
wb-add = Añadir a «{ $section }»
wb-remove = Quitar { $name }
wb-item = { $section } { $number }
wb-yes = Sí
wb-no = No
wb-list-help = Separe las entradas con comas.
section-program = Programa
section-self_check = Autoevaluación
section-adoption = Adopción
section-cadence = Ritmo
section-glossary = Glosario
section-roles = Roles
section-roles-commitments = Compromisos sugeridos
section-behaviours = Comportamientos
section-schedule = Calendario
section-pairs = Pares
section-observations = Observaciones
field-id = Identificador
field-title = Título
field-locale = Idioma
field-description = Descripción
field-question = Pregunta
field-scale = Escala, de menor a mayor
field-at_least = Adoptado a partir de este nivel
field-consecutive = Autoevaluaciones seguidas
field-max_shift_days = Días que un participante puede mover una reflexión
field-weekdays = Días de la semana que pueden elegir
field-max_pause_days = Pausa más larga, en días
field-term = Término
field-definition = Definición
field-aliases = Otras formas del término
field-label = Nombre que ven los participantes
field-lms_roles = Roles del LMS que lo sugieren
field-leads = Dirige un equipo
field-behaviour = Identificador del comportamiento
field-text = Texto del compromiso
field-roles = Identificadores de roles
field-terms = Términos del glosario
field-day = Día tras el curso
field-prompt = Pregunta de reflexión
field-self_check = Pedir una autoevaluación
field-behaviours = Identificadores de comportamientos
field-about = Rol observado
field-by = Roles que observan
field-days = Días en que preguntar
field-min_raters = Mínimo de evaluadores antes de mostrar nada
