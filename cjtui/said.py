"""Error messages in the interface's language.

The domain (model, guide, store, import, study, doctor) says what went wrong in English, in
one line, with codes, ids and paths in it. :func:`localize` gives that line in Spanish when
the interface speaks Spanish: each message the domain can say has its Spanish template here,
matched against the line whole; a line with a location in front (``file: stage.q: …``)
keeps the location and has the rest said in Spanish. Codes and paths are never translated.
A message with no Spanish template yet stays as it was (a test keeps the catalogue complete
for the modules that speak to people).
"""

from __future__ import annotations

import re
from functools import cache

# English template (the domain's message, {0}, {1}… where it puts values) -> Spanish.
SPANISH: dict[str, str] = {
    # ---- the command line and the store ----
    "session {0} was taken with guide {1} {2} (sha256 {3}…), not with the file given ({4} {5}, sha256 {6}…)": "la sesión {0} se hizo con la guía {1} {2} (sha256 {3}…), no con el archivo dado ({4} {5}, sha256 {6}…)",
    "{0}: empty file": "{0}: archivo vacío",
    "backlog must be a list of at most {0} items": "la lista de oportunidades admite {0} como máximo",
    "backlog {0}: note must be text of {1} at most": "oportunidad {0}: la nota admite {1} caracteres como máximo",
    "backlog {0}: status must be one of {1}": "oportunidad {0}: el estado debe ser uno de {1}",
    "backlog {0}: effort must be S, M or L": "oportunidad {0}: el esfuerzo debe ser S, M o L",
    "backlog {0}: priority must be a number": "oportunidad {0}: la prioridad debe ser un número",
    "each backlog item has its own id (O1, O2…)": "cada oportunidad tiene su propio id (O1, O2…)",
    "backlog {0}: {1} must be one line of text": "oportunidad {0}: {1} debe ser una línea de texto",
    "backlog {0}: {1} must be a list of text": "oportunidad {0}: {1} debe ser una lista de textos",
    "a backlog item holds only {0}": "una oportunidad solo contiene {0}",
    "no backlog item {0} in study {1}; items: {2}": "no hay ninguna oportunidad {0} en el estudio {1}; oportunidades: {2}",
    "accept takes at least one candidate": "accept necesita al menos una candidata",
    "candidate {0} is already in the backlog": "la candidata {0} ya está en la lista de oportunidades",
    "backlog {0}: split needs some, not all, of its touchpoints ({1})": "oportunidad {0}: para dividirla hacen falta algunos de sus puntos de contacto, no todos ({1})",
    "a priority set by hand needs a reason (--reason)": "una prioridad fijada a mano necesita un motivo (--reason)",
    "no candidate {0} in study {1}: see cjtui opportunities": "no hay ninguna candidata {0} en el estudio {1}: vea cjtui opportunities",
    "no process {0} in study {1}: see cjtui processes": "no hay ningún proceso {0} en el estudio {1}: vea cjtui processes",
    "no owner {0} in study {1}: see cjtui owners": "no hay ningún responsable {0} en el estudio {1}: vea cjtui owners",
    "a process or owner to merge needs a name": "para fusionar un proceso o un responsable hace falta su nombre",
    "recording must be one of {0}": "la grabación debe ser una de {0}",
    "a hard link to another file where a lock belongs": "un enlace duro a otro archivo donde va un cerrojo",
    "{0}: is a symbolic link; not following it": "{0}: es un enlace simbólico; no se sigue",
    "{0}: is a hard link to another file": "{0}: es un enlace duro a otro archivo",
    "a symbolic link or a file where a folder belongs": "un enlace simbólico o un archivo donde va una carpeta",
    "written by an earlier cjtui (schema {0}); doctor --repair upgrades it": "escrita por un cjtui anterior (esquema {0}); doctor --repair la actualiza",
    "written by an earlier cjtui (schema {0}); doctor --repair upgrades it (it cannot be: its content is not valid for that schema)": "escrita por un cjtui anterior (esquema {0}); doctor --repair la actualizaría, pero no puede: su contenido no es válido para ese esquema",
    "{0}: {1}: the store's lock cannot be taken (cjtui doctor names what is there)": "{0}: {1}: no se puede tomar el cerrojo del almacén (cjtui doctor dice qué hay ahí)",
    "{0}: {1}: the session cannot be opened": "{0}: {1}: no se puede abrir la sesión",
    "{0}: {1}; not read": "{0}: {1}; no se leyó",
    "a symbolic link where a store file belongs": "un enlace simbólico donde va un archivo del almacén",
    "not a regular file (a folder, a FIFO or a device)": "no es un archivo normal (es una carpeta, un FIFO o un dispositivo)",
    "{0} bytes is over the limit of {1}": "{0} bytes pasan del límite de {1}",
    "{0} where the store keeps a file (left alone)": "{0} donde el almacén guarda un archivo (se deja como está)",
    "{0} bytes, over the {1} cjtui reads (left alone)": "{0} bytes, más de los {1} que cjtui lee (se deja como está)",
    "{0}: is now a symbolic link since the store was opened; cjtui stops working on this store (nothing more is read or written there)": "{0}: ahora es un enlace simbólico, desde que se abrió el almacén; cjtui deja de trabajar con este almacén (no lee ni escribe nada más en él)",
    "{0}: is no longer a folder since the store was opened; cjtui stops working on this store (nothing more is read or written there)": "{0}: ya no es una carpeta, desde que se abrió el almacén; cjtui deja de trabajar con este almacén (no lee ni escribe nada más en él)",
    "{0}: is gone since the store was opened; cjtui stops working on this store (nothing more is read or written there)": "{0}: ha desaparecido desde que se abrió el almacén; cjtui deja de trabajar con este almacén (no lee ni escribe nada más en él)",
    "{0}: was replaced by another folder since the store was opened; cjtui stops working on this store (nothing more is read or written there)": "{0}: se cambió por otra carpeta desde que se abrió el almacén; cjtui deja de trabajar con este almacén (no lee ni escribe nada más en él)",
    "{0}: a store's folder is a symbolic link; cjtui works on no store whose folders are links": "{0}: una carpeta del almacén es un enlace simbólico; cjtui no trabaja con almacenes cuyas carpetas son enlaces",
    "{0}: not a recovery file cjtui can read; left alone": "{0}: no es un archivo de recuperación que cjtui pueda leer; se deja como está",
    "{0}: not a session cjtui can take back ({1}); left alone": "{0}: no es una sesión que cjtui pueda recuperar ({1}); se deja como está",
    "session {0}: not in the store; not taken back: the recovery file stays at {1} (delete it if the session was deleted on purpose)": "sesión {0}: no está en el almacén; no se recupera: el archivo de recuperación sigue en {1} (bórrelo si la sesión se borró a propósito)",
    "session {0}: not taken back ({1}); the recovery file stays at {2}": "sesión {0}: no se recuperó ({1}); el archivo de recuperación sigue en {2}",
    "session {0}: the store has its last change already": "sesión {0}: el almacén ya tiene su último cambio",
    "session {0}: changed in the store since its last change was kept; not taken back: the recovery file stays at {1}": "sesión {0}: cambió en el almacén desde que se guardó su último cambio; no se recupera: el archivo de recuperación sigue en {1}",
    "session {0}: not taken back now ({1}); the next start tries again": "sesión {0}: no se recupera ahora ({1}); se reintenta al abrir de nuevo",
    "session {0}: its last change, kept when cjtui could not save it, is taken back": "sesión {0}: se recupera su último cambio, guardado aparte cuando cjtui no pudo guardarlo",
    "{0}: cannot read: {1}": "{0}: no se puede leer: {1}",
    "file: cannot read: {0}": "archivo: no se puede leer: {0}",
    "session {0} was taken with guide {1} {2} (sha256 {3}…); study {4} is on {5} {6} (sha256 {7}…)": "la sesión {0} se hizo con la guía {1} {2} (sha256 {3}…); el estudio {4} usa {5} {6} (sha256 {7}…)",
    "{0}: {1} bytes is too large for one JSON document (limit {2}); export with --format jsonl for big imports": "{0}: {1} bytes es demasiado para un documento JSON (límite {2}); exporte con --format jsonl para importaciones grandes",
    "{0}: changed while it was being imported": "{0}: cambió mientras se importaba",
    "{0}: id {1} appears twice (also at {2})": "{0}: el id {1} aparece dos veces (también en {2})",
    "study {0}: the store's is on another guide file than the record's": "estudio {0}: el del almacén usa otro archivo de guía que el del registro",
    "{0}: the array holds no sessions": "{0}: la lista no contiene sesiones",
    "{0}: line {1} is longer than {2} bytes": "{0}: la línea {1} pasa de {2} bytes",
    "{0}: line {1}: {2}": "{0}: línea {1}: {2}",
    "study {0} is taken with guide {1} {2}, not {3} {4}": "el estudio {0} se hace con la guía {1} {2}, no con {3} {4}",
    "study {0} is closed: it takes no new interviews": "el estudio {0} está cerrado: no admite entrevistas nuevas",
    "{0}: not a store folder (it is a file)": "{0}: no es una carpeta de almacén (es un archivo)",
    "{0}: not a cjtui store (no sessions folder); nothing was changed": "{0}: no es un almacén de cjtui (no tiene carpeta de sesiones); no se cambió nada",
    "{0}: folder belongs to another user": "{0}: la carpeta es de otro usuario",
    "folder belongs to another user": "la carpeta es de otro usuario",
    "an empty id matches nothing": "un id vacío no coincide con nada",
    "no session with id {0} in {1}": "no hay ninguna sesión con id {0} en {1}",
    "id {0} matches {1} sessions ({2}); give more of it": "el id {0} coincide con {1} sesiones ({2}); escriba más caracteres",
    "session {0} was read without its audit trail; not saved": "la sesión {0} se leyó sin su registro de cambios; no se guardó",
    "session {0} belongs to no study; not saved": "la sesión {0} no pertenece a ningún estudio; no se guardó",
    "no study {0} in this store; studies: {1}": "no hay ningún estudio {0} en este almacén; estudios: {1}",
    "no study {0} in this store": "no hay ningún estudio {0} en este almacén",
    "session {0} is partial; not saved": "la sesión {0} está incompleta; no se guardó",
    "session {0} given twice": "la sesión {0} aparece dos veces",
    "study {0} exists already": "el estudio {0} ya existe",
    "session {0} was started by {1}: deleting it takes --force": "la sesión {0} la empezó {1}: para borrarla hace falta --force",
    "session {0} is open for editing by {1}; not replaced": "{1} tiene abierta la sesión {0}; no se reemplazó",
    "session {0} is open for editing by {1}": "{1} tiene abierta la sesión {0}",
    "not this session's data": "no son los datos de esta sesión",
    "session {0}: {1} bytes, more than a session may hold ({2}); not saved": "sesión {0}: {1} bytes, más de lo que admite una sesión ({2}); no se guardó",
    "not one session document": "no es un documento de sesión",
    "holds session {0}, not {1}": "contiene la sesión {0}, no la {1}",
    "{0}: kept guide no longer valid: {1}": "{0}: la guía guardada ya no es válida: {1}",
    "{0}: kept guide changed since it was kept (sha256 {1}…)": "{0}: la guía guardada cambió desde que se guardó (sha256 {1}…)",
    "kept guide is not a regular file": "la guía guardada no es un archivo normal",
    "kept guide changed since it was kept: its content is not its name": "la guía guardada cambió desde que se guardó: su contenido no es su nombre",
    "{0}: holds study {1}, not {2}": "{0}: contiene el estudio {1}, no el {2}",
    "study {0}: {1} bytes (at most {2})": "estudio {0}: {1} bytes (como mucho {2})",
    "no studies in {0} yet (cjtui study new, or import)": "todavía no hay estudios en {0} (cjtui study new, o import)",
    "this store holds {0} studies ({1}): choose one with --study ID": "este almacén tiene {0} estudios ({1}): elija uno con --study ID",
    "study {0}: its guide {1} {2} (sha256 {3}…) is not in this store": "estudio {0}: su guía {1} {2} (sha256 {3}…) no está en este almacén",
    "study record cannot be read: {0}": "el registro del estudio no se puede leer: {0}",
    "set aside as {0}: its title, controller, contact, retention date, consent texts, merges and log are not in the store until it is restored (from a backup, or the study record of another server)": "apartado como {0}: su título, responsable, contacto, fecha de conservación, textos de consentimiento, uniones y registro no están en el almacén hasta que se restaure (de una copia de seguridad, o del registro del estudio de otro servidor)",
    "temporary file left by an interrupted write": "archivo temporal que dejó una escritura interrumpida",
    "not a session file (left alone)": "no es un archivo de sesión (se deja como está)",
    "not a regular file": "no es un archivo normal",
    "is not a regular file": "no es un archivo normal",
    "not a folder": "no es una carpeta",
    "readable by others (mode {0})": "otros pueden leerlo (permisos {0})",
    "would not import from an export: {0}": "no se importaría desde una exportación: {0}",
    "is a symbolic link; not writing through it": "es un enlace simbólico; no se escribe a través de él",
    "is a symbolic link; give the file itself": "es un enlace simbólico; indique el archivo mismo",
    "over the limit of {0} bytes": "pasa del límite de {0} bytes",
    "{0} (and {1} more)": "{0} (y {1} más)",
    "{0} -> removed": "{0} -> eliminado",
    "{0} -> mode set to 600": "{0} -> permisos puestos a 600",
    "{0} -> moved aside to {1}": "{0} -> apartado como {1}",
    "--{0} {1} is not a date (YYYY-MM-DD)": "--{0} {1} no es una fecha (AAAA-MM-DD)",
    "session {0} belongs to study {1}, not {2}": "la sesión {0} pertenece al estudio {1}, no al {2}",
    "--excel goes with --format csv": "--excel va con --format csv",
    "--changed-since {0} is not a day or a time (2026-11-27T18:00:00Z)": "--changed-since {0} no es un día ni una hora (2026-11-27T18:00:00Z)",
    "give session IDs, or --study and filters, not both": "indique IDs de sesión, o --study y filtros, no ambos",
    "give an ID, or --study and filters, not both": "indique un ID, o --study y filtros, no ambos",
    "{0}: no .json or .jsonl files in this folder": "{0}: no hay archivos .json ni .jsonl en esta carpeta",
    "those sessions belong to different studies; take one study at a time": "esas sesiones son de estudios distintos; tome un estudio cada vez",
    "those sessions belong to study {0}, not {1}": "esas sesiones son del estudio {0}, no del {1}",
    "no completed sessions in study {0} (with these filters)": "no hay sesiones completadas en el estudio {0} (con estos filtros)",
    "no touchpoint {0} in study {1}: see cjtui touchpoints": "no hay ningún punto de contacto {0} en el estudio {1}: vea cjtui touchpoints",
    "--lanes: no lane {0} (lanes: {1})": "--lanes: no hay ningún carril {0} (carriles: {1})",
    "No such file or directory": "No existe el archivo o la carpeta",
    "nothing to change: give --title, --subject, --controller, --contact, --retain-until or --status": "nada que cambiar: indique --title, --subject, --controller, --contact, --retain-until o --status",
    "no completed sessions of guide {0} (add --include-in-progress to count the others)": "no hay sesiones completadas de la guía {0} (añada --include-in-progress para contar las demás)",
    "no completed or in-progress sessions of guide {0}": "no hay sesiones completadas ni en curso de la guía {0}",
    "Permission denied": "Permiso denegado",
    "{0}: already shared with group {1}": "{0}: ya se comparte con el grupo {1}",
    "{0}: 'shared' names no group": "{0}: 'shared' no indica ningún grupo",
    "{0}: shared with group {1}, which this machine does not have": "{0}: se comparte con el grupo {1}, que esta máquina no tiene",
    "{0}: shared with group {1}, which you are not in": "{0}: se comparte con el grupo {1}, al que usted no pertenece",
    "open to others (mode {0})": "abierto a otros (permisos {0})",
    "of group id {0}, not {1}": "del grupo con id {0}, no de {1}",
    "not setgid and open to {0} (mode {1})": "sin setgid o sin acceso para {0} (permisos {1})",
    "not readable and writable by {0} (mode {1})": "{0} no puede leerlo y escribirlo (permisos {1})",
    "{0}: {1}: a shared store refuses to work so ({2} problems; cjtui doctor --repair fixes what it can)": "{0}: {1}: un almacén compartido no funciona así ({2} problemas; cjtui doctor --repair arregla lo que pueda)",
    "no group {0} on this machine (groupadd {1})": "no hay ningún grupo {0} en esta máquina (groupadd {1})",
    "you are not in group {0}: a store shared with it would lock you out": "usted no está en el grupo {0}: un almacén compartido con él le dejaría fuera",
    "{0}: belongs to another user; not made shared": "{0}: es de otro usuario; no se compartió",
    "{0}: not readable by you": "{0}: usted no puede leerlo",
    "{0} -> group {1}, mode {2}": "{0} -> grupo {1}, permisos {2}",
    # ---- guides ----
    "guide: no built-in guide {0} ({1})": "guía: no hay ninguna guía incluida {0} ({1})",
    "guide: no built-in guide or file by that name ({0})": "guía: no hay ninguna guía incluida ni archivo con ese nombre ({0})",
    "{0} must be a table of languages (es, en)": "{0} debe ser una tabla de idiomas (es, en)",
    "each question must be a table": "cada pregunta debe ser una tabla",
    "question id must be a name of letters, digits and _ (at most {0})": "el id de la pregunta debe ser un nombre de letras, dígitos y _ (como mucho {0})",
    "type {0} is not one of {1}": "el tipo {0} no es uno de {1}",
    "required must be true or false": "required debe ser true o false",
    "lane must be one of {0}": "lane debe ser uno de {0}",
    "{0} questions; at most {1}": "{0} preguntas; como mucho {1}",
    "when must be a table with a question and a test": "when debe ser una tabla con una pregunta y una prueba",
    "when has unknown key {0}": "when tiene una clave desconocida {0}",
    "when needs exactly one test of: {0}": "when necesita exactamente una prueba de: {0}",
    "when refers to {0}, which is not an earlier question": "when se refiere a {0}, que no es una pregunta anterior",
    "when.in must be a list": "when.in debe ser una lista",
    "id must be a name of letters, digits, - and _ (at most {0} characters)": "el id debe ser un nombre de letras, dígitos, - y _ (como mucho {0} caracteres)",
    'version must be a string such as "1.0" (at most {0} characters)': 'version debe ser un texto como "1.0" (como mucho {0} caracteres)',
    "languages must list some of {0}": "languages debe indicar algunos de {0}",
    "must be a list of channels": "debe ser una lista de canales",
    "persona must be a list of questions": "persona debe ser una lista de preguntas",
    "a guide needs at least one stage": "una guía necesita al menos una etapa",
    "{0} stages; a guide has at most {1}": "{0} etapas; una guía tiene como mucho {1}",
    "missing the emotion scale (min, max and a label per point)": "falta la escala de emociones (min, max y una etiqueta por punto)",
    "must be a table": "debe ser una tabla",
    "min and max must be whole numbers": "min y max deben ser números enteros",
    "must run from negative through 0 (neutral) to positive, not {0}..{1}": "debe ir de negativo a positivo pasando por 0 (neutro), no {0}..{1}",
    "{0}..{1} has too many points (at most {2})": "{0}..{1} tiene demasiados puntos (como mucho {2})",
    "points must be a list": "points debe ser una lista",
    "missing {0}": "falta {0}",
    "{0} has text in {1}, which the guide does not list": "{0} tiene texto en {1}, idioma que la guía no indica",
    "unknown key {0}": "clave desconocida {0}",
    "a {0} question needs at least two options": "una pregunta {0} necesita al menos dos opciones",
    "{0} options; at most {1}": "{0} opciones; como mucho {1}",
    "a {0} question takes no options": "una pregunta {0} no lleva opciones",
    "a scale question needs whole-number min and max": "una pregunta de escala necesita min y max enteros",
    "question id appears twice": "el id de la pregunta aparece dos veces",
    "when.answered must be true or false": "when.answered debe ser true o false",
    "{0} is not one of {1}": "{0} no es uno de {1}",
    "id must be a name of letters, digits and _ (not 'persona')": "el id debe ser un nombre de letras, dígitos y _ (no 'persona')",
    "stage id appears twice": "el id de la etapa aparece dos veces",
    "a stage needs at least one question": "una etapa necesita al menos una pregunta",
    "touchpoints must be a list": "touchpoints debe ser una lista",
    "{0} suggested touchpoints; at most {1}": "{0} puntos de contacto sugeridos; como mucho {1}",
    "each point needs a whole-number value": "cada punto necesita un valor entero",
    "is outside {0}..{1}": "está fuera de {0}..{1}",
    "has no label": "no tiene etiqueta",
    "{0} has no {1} text": "{0} no tiene texto en {1}",
    "option {0} needs a code": "la opción {0} necesita un código",
    "option {0}: a code of 1 to {1} characters": "opción {0}: un código de 1 a {1} caracteres",
    "option code {0} appears twice": "el código de opción {0} aparece dos veces",
    "min ({0}) must be below max ({1})": "min ({0}) debe ser menor que max ({1})",
    "a {0} question takes no min or max": "una pregunta {0} no lleva min ni max",
    "channel {0} is not among the guide's channels": "el canal {0} no está entre los de la guía",
    "key must be lowercase letters, digits, '_', '-' or '.'": "key debe tener minúsculas, dígitos, '_', '-' o '.'",
    "{0}..{1} is too wide for a scale (at most {2} points, values within ±{3}); use a number question": "{0}..{1} es demasiado amplia para una escala (como mucho {2} puntos, valores dentro de ±{3}); use una pregunta numérica",
    "{0} must be a number": "{0} debe ser un número",
    "when compares {0} with {1}, which is not one of its options": "when compara {0} con {1}, que no es una de sus opciones",
    "when.includes needs a multi_choice question": "when.includes necesita una pregunta multi_choice",
    "key {0} is used by another suggested touchpoint": "la clave {0} ya la usa otro punto de contacto sugerido",
    "toml: {0}": "toml: {0}",
    # ---- JSON ----
    "{0} is not allowed": "{0} no está permitido",
    "a number of {0} digits (at most {1})": "un número de {0} cifras (como mucho {1})",
    "NUL byte at character {0}": "byte NUL en el carácter {0}",
    "not JSON: {0} (line {1} column {2})": "no es JSON: {0} (línea {1}, columna {2})",
    "nested too deeply": "anidado a demasiada profundidad",
    "empty": "vacío",
    "not JSON cjtui can read: {0}": "no es un JSON que cjtui pueda leer: {0}",
    "not UTF-8 text (byte {0})": "no es texto UTF-8 (byte {0})",
    "duplicate key {0}": "clave repetida {0}",
    # ---- sessions ----
    "{0}: {1} characters, more than the {2} an answer may hold": "{0}: {1} caracteres, más de los {2} que admite una respuesta",
    "no stage {0} in this session": "esta sesión no tiene ninguna etapa {0}",
    "no touchpoint {0} in this session": "esta sesión no tiene ningún punto de contacto {0}",
    "touchpoint key {0} is not valid": "la clave de punto de contacto {0} no es válida",
    "language must be one of {0}, not {1}": "el idioma debe ser uno de {0}, no {1}",
    "perspective must be one of {0}, not {1}": "la perspectiva debe ser una de {0}, no {1}",
    "moment must be before, after or none, not {0}": "el momento debe ser before, after o none, no {0}",
    "a session needs at least one stage": "una sesión necesita al menos una etapa",
    "consent has not been given: nothing about the participant is kept": "no hay consentimiento: no se guarda nada sobre el participante",
    "this session was abandoned and can no longer change": "esta sesión se abandonó y ya no puede cambiar",
    "participant has no field {0}": "el participante no tiene el campo {0}",
    "{0}: more than {1} answers": "{0}: más de {1} respuestas",
    "an added stage needs a name": "una etapa añadida necesita un nombre",
    "a session holds at most {0} added stages": "una sesión admite como mucho {0} etapas añadidas",
    "stage {0} has no field {1} to change": "la etapa {0} no tiene el campo {1} que cambiar",
    "stage {0} is the guide's: mark it not lived instead": "la etapa {0} es de la guía: márquela como no vivida",
    "{0}: a stage holds at most {1} touchpoints": "{0}: una etapa admite como mucho {1} puntos de contacto",
    "channel must be one of {0}, not {1}": "el canal debe ser uno de {0}, no {1}",
    "touchpoint id {0} is already used in this session": "el id de punto de contacto {0} ya se usa en esta sesión",
    "touchpoint has no field {0}": "el punto de contacto no tiene el campo {0}",
    "status must be one of {0}, not {1}": "el estado debe ser uno de {0}, no {1}",
    "language {0} is not one of {1}": "el idioma {0} no es uno de {1}",
    "perspective {0} is not customer or internal": "la perspectiva {0} no es customer ni internal",
    "moment {0} is not before, after or null": "el momento {0} no es before, after ni null",
    "status {0} is not one of {1}": "el estado {0} no es uno de {1}",
    "stage {0}: added must be true or false": "etapa {0}: added debe ser true o false",
    "stage {0}: an added stage's id, and only one, starts with {1}": "etapa {0}: el id de una etapa añadida, y solo ese, empieza por {1}",
    "stage {0}: an added stage needs a name": "etapa {0}: una etapa añadida necesita un nombre",
    "stage {0}: a guide's stage takes the guide's title": "etapa {0}: una etapa de la guía lleva el título de la guía",
    "study id {0} is not a short slug": "el id de estudio {0} no es un identificador corto",
    "participant code {0} is not valid (P-017)": "el código de participante {0} no es válido (P-017)",
    "{0}: {1} choices picked, more than {2}": "{0}: {1} opciones elegidas, más de {2}",
    "participant code {0}: up to 20 letters, digits and '-' (P-017)": "código de participante {0}: hasta 20 letras, dígitos y '-' (P-017)",
    "unsupported schema version {0}": "versión de esquema no admitida {0}",
    "events must be a list": "events debe ser una lista",
    "not a session: {0}: {1}": "no es una sesión: {0}: {1}",
    "id {0} is not a UUID": "el id {0} no es un UUID",
    "a customer session holds answers but no consent": "una sesión de cliente tiene respuestas pero no consentimiento",
    "stage {0} appears twice": "la etapa {0} aparece dos veces",
    "unknown event kind {0}": "tipo de cambio desconocido {0}",
    "an event's user is not a name of at most {0} characters": "el usuario de un cambio no es un nombre de como mucho {0} caracteres",
    "stage {0}: {1} must be text": "etapa {0}: {1} debe ser texto",
    "{0}: a choice of {1} characters (at most {2})": "{0}: una opción de {1} caracteres (como mucho {2})",
    "written by an earlier cjtui (schema {0}): import it so that it is upgraded": "escrito por un cjtui anterior (esquema {0}): impórtelo para actualizarlo",
    "touchpoint id {0} appears twice": "el id de punto de contacto {0} aparece dos veces",
    "{0}.{1}: unknown channel {2}": "{0}.{1}: canal desconocido {2}",
    "{0}.{1}: touchpoint key {2} is not valid": "{0}.{1}: la clave de punto de contacto {2} no es válida",
    "{0}.{1}: emotion must be a whole number": "{0}.{1}: la emoción debe ser un número entero",
    "{0}: emotion {1} is outside {2}..{3}": "{0}: la emoción {1} está fuera de {2}..{3}",
    "{0}: the expected rating {1} is outside {2}..{3}": "{0}: la valoración esperada {1} está fuera de {2}..{3}",
    "{0}.{1}: expected must be a whole number": "{0}.{1}: la valoración esperada debe ser un número entero",
    "at most one emotion question (how they felt at the start)": "como mucho una pregunta de emoción (cómo se sentía al principio)",
    "an emotion question is asked in the persona only (how they felt at the start)": "una pregunta de emoción solo se hace en el perfil (cómo se sentía al principio)",
    "expectation must be true or false": "expectation debe ser true o false",
    "timestamp {0} is not ISO 8601": "la fecha {0} no es ISO 8601",
    "pain kind must be one of {0}, not {1}": "el tipo de dolor debe ser uno de {0}, no {1}",
    "severity must be one of {0}, not {1}": "la gravedad debe ser una de {0}, no {1}",
    "process problem must be one of {0}, not {1}": "el problema del proceso debe ser uno de {0}, no {1}",
    "{0}: no such question in the guide": "{0}: la guía no tiene esa pregunta",
    "{0}: expects text": "{0}: espera texto",
    "{0}: {1} is not one of its options": "{0}: {1} no es una de sus opciones",
    "{0}: {1} is below {2}": "{0}: {1} está por debajo de {2}",
    "{0}: {1} is above {2}": "{0}: {1} está por encima de {2}",
    "guide: session uses {0}, not {1}": "guía: la sesión usa {0}, no {1}",
    "language: the guide has no {0} text": "idioma: la guía no tiene texto en {0}",
    "stages: {0} do not match the guide's {1}": "etapas: {0} no coinciden con las de la guía, {1}",
    # ---- studies ----
    "study id {0} is not a short slug: 1-40 lowercase letters, digits and '-', e.g. banco-hipoteca": "el id de estudio {0} no es un identificador corto: de 1 a 40 minúsculas, dígitos y '-', p. ej. banco-hipoteca",
    "{0} must be text": "{0} debe ser texto",
    "{0}: {1} characters (at most {2})": "{0}: {1} caracteres (como mucho {2})",
    "{0} {1} is not a date (YYYY-MM-DD)": "{0} {1} no es una fecha (AAAA-MM-DD)",
    "a study needs a title": "un estudio necesita un título",
    "{0} is not a stage participants added (added_…)": "{0} no es una etapa añadida por los participantes (added_…)",
    "no added stage {0} in study {1}: see cjtui stages": "el estudio {1} no tiene ninguna etapa añadida {0}: vea cjtui stages",
    "languages must be some of {0}": "los idiomas deben ser algunos de {0}",
    "a language is given twice": "un idioma aparece dos veces",
    "{0}: written by an earlier cjtui and read-only: open it writable once to upgrade it": "{0}: la escribió un cjtui anterior y es de solo lectura: ábrala una vez con escritura para actualizarla",
    "{0} does not exist: create it for the group first (mkdir -p {1} && chgrp {2} {3} && chmod 2770 {4})": "{0} no existe: créela antes para el grupo (mkdir -p {1} && chgrp {2} {3} && chmod 2770 {4})",
    "-o writes the study's record: give --json too": "-o escribe el registro del estudio: añada también --json",
    "thin_below must be a whole number from 1 to 1000": "thin_below debe ser un número entero de 1 a 1000",
    "status must be open or closed, not {0}": "el estado debe ser open o closed, no {0}",
    "more than {0} consent texts": "más de {0} textos de consentimiento",
    "more than {0} merged touchpoints": "más de {0} puntos de contacto fusionados",
    "more than {0} entries in the study's log": "más de {0} entradas en el registro del estudio",
    "not a study (expected a JSON object)": "no es un estudio (se esperaba un objeto JSON)",
    "not a study of version {0}": "no es un estudio de la versión {0}",
    "unknown field {0} in a study": "campo desconocido {0} en un estudio",
    "created_at is not an ISO 8601 time": "created_at no es una hora ISO 8601",
    "consent texts are kept by their sha256": "los textos de consentimiento se guardan por su sha256",
    "merges map a touchpoint key to a key": "las fusiones asocian una clave de punto de contacto a otra",
    "merge {0} -> {1} is not valid": "la fusión {0} -> {1} no es válida",
    "an entry of the study's log is not valid": "una entrada del registro del estudio no es válida",
    "guide must be {{id, version, sha256}}": "guide debe ser {{id, version, sha256}}",
    "guide must be {{id, version, sha256}} as text": "guide debe ser {{id, version, sha256}} como texto",
    "not a study: {0}: {1}": "no es un estudio: {0}: {1}",
}


@cache
def _patterns() -> list[tuple[re.Pattern[str], str, int]]:
    """Each template as a pattern that matches a whole message, most specific first (the
    one with the most fixed text)."""
    out = []
    for english, spanish in SPANISH.items():
        parts = re.split(r"(\{\d+\})", english)
        regex = "".join(
            f"(?P<g{part[1:-1]}>.+?)" if re.fullmatch(r"\{\d+\}", part) else
            re.escape(part.replace("{{", "{").replace("}}", "}"))
            for part in parts
        )  # fmt: skip
        fixed = sum(len(p) for p in parts if not re.fullmatch(r"\{\d+\}", p))
        out.append((re.compile(regex, re.S), spanish, fixed))
    out.sort(key=lambda item: -item[2])
    return out


def _whole(message: str, depth: int) -> tuple[str, int] | None:
    """*message* said by its most specific template, and how much fixed text was said in
    Spanish (its own and that of the messages inside it)."""
    for pattern, spanish, fixed in _patterns():
        found = pattern.fullmatch(message)
        if found is None:
            continue
        values: dict[int, str] = {}
        score = fixed
        for name, value in found.groupdict().items():
            said, inner = _said(value, depth + 1) if " " in value else (value, 0)
            values[int(name[1:])] = said
            score += inner
        return spanish.format(*(values[n] for n in range(len(values)))), score
    return None


_MORE = re.compile(r"(.*) \(and (\d+) more\)", re.S)


def _said(message: str, depth: int) -> tuple[str, int]:
    """*message* in Spanish and how much of it was said so (0: nothing matched). Of the ways
    to read the line as locations in front of a message, the one that says most wins."""
    if depth > 6:
        return message, 0
    more = _MORE.fullmatch(message)
    if more is not None:  # "first problem (and 2 more)": the first said, then the count
        first, score = _said(more.group(1), depth + 1)
        return SPANISH["{0} (and {1} more)"].format(first, more.group(2)), score + 1
    best = (message, 0)
    head, rest = "", message
    while True:
        found = _whole(rest, depth)
        if found is not None and found[1] > best[1]:
            best = (head + found[0], found[1])
        where, sep, tail = rest.partition(": ")
        if not sep:
            return best
        head, rest = f"{head}{where}: ", tail


def localize(message: str, lang: str) -> str:
    """*message* (one the domain says in English) in *lang*: as it is in English, or when
    no template says it. A location in front (``where: …``) stays as it is."""
    if lang == "en" or not message:
        return message
    return _said(message, 0)[0]
