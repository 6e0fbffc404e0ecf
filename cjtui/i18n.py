"""The user interface's words in Spanish and English.

Guides carry their own text; this module holds everything else that cjtui says to a person.
``t(key, lang, **values)`` looks a message up and fills it in; a missing Spanish text falls
back to English, and a missing key is a bug that tests catch (see tests/test_i18n.py).
"""

from __future__ import annotations

import os

from .plain import LANGUAGES

__all__ = ["LANGUAGES", "MESSAGES", "channel_label", "detect_language", "key_label", "t"]

CHANNEL_LABELS: dict[str, dict[str, str]] = {
    "in_person": {"es": "En persona", "en": "In person"},
    "physical": {"es": "Físico", "en": "Physical"},
    "mail": {"es": "Correo postal", "en": "Post"},  # post, since 3.0 guides offer email apart
    "phone": {"es": "Teléfono", "en": "Phone"},
    "web": {"es": "Web", "en": "Web"},
    "mobile_app": {"es": "App móvil", "en": "Mobile app"},
    "other": {"es": "Otro", "en": "Other"},
    "email": {"es": "Correo electrónico", "en": "Email"},
    "chat": {"es": "Chat o mensajería", "en": "Chat or messaging"},
}

MESSAGES: dict[str, dict[str, str]] = {
    # words used in several places
    "perspective.customer": {"es": "cliente", "en": "customer"},
    "perspective.internal": {"es": "interna", "en": "internal"},
    "moment.before": {"es": "antes", "en": "before"},
    "moment.after": {"es": "después", "en": "after"},
    "moment.none": {"es": "—", "en": "—"},
    "status.in_progress": {"es": "en curso", "en": "in progress"},
    "status.completed": {"es": "completada", "en": "completed"},
    "status.abandoned": {"es": "abandonada", "en": "abandoned"},
    "yes": {"es": "sí", "en": "yes"},
    "no": {"es": "no", "en": "no"},
    "pain": {"es": "DOLOR", "en": "PAIN"},
    "unrated": {"es": "sin valorar", "en": "not rated"},
    "skipped": {"es": "(etapa no vivida)", "en": "(stage not lived)"},
    "no_answer": {"es": "(sin respuesta)", "en": "(no answer)"},
    "required": {"es": "obligatoria", "en": "required"},
    # study commands
    "study.made": {
        "es": "Estudio {id} creado ({title}) con la guía {guide}.",
        "en": "Made study {id} ({title}) on guide {guide}.",
    },
    "study.made_from_record": {
        "es": "Estudio {id} creado (a partir de su registro).",
        "en": "Made study {id} (from its record).",
    },
    "study.made_from_guide": {
        "es": "Estudio {id} creado (a partir de la guía {guide}).",
        "en": "Made study {id} (from guide {guide}).",
    },
    "study.none": {
        "es": "Aún no hay estudios. Cree uno: cjtui study new ID --guide inbound",
        "en": "No studies yet. Make one: cjtui study new ID --guide inbound",
    },
    "study.col.id": {"es": "ID", "en": "ID"},
    "study.col.status": {"es": "ESTADO", "en": "STATUS"},
    "study.col.sessions": {"es": "ENTREVISTAS", "en": "SESSIONS"},
    "study.col.guide": {"es": "GUÍA", "en": "GUIDE"},
    "study.col.title": {"es": "TÍTULO", "en": "TITLE"},
    "study.status.open": {"es": "abierto", "en": "open"},
    "study.status.closed": {"es": "cerrado", "en": "closed"},
    "study.field.id": {"es": "id", "en": "id"},
    "study.field.title": {"es": "título", "en": "title"},
    "study.field.subject": {"es": "objeto", "en": "subject"},
    "study.field.guide": {"es": "guía", "en": "guide"},
    "study.field.languages": {"es": "idiomas", "en": "languages"},
    "study.field.controller": {"es": "responsable de los datos", "en": "controller"},
    "study.field.contact": {"es": "contacto", "en": "contact"},
    "study.field.retain_until": {"es": "conservar hasta", "en": "retain until"},
    "study.field.recording": {"es": "grabación", "en": "recording"},
    "study.field.recipients": {"es": "reciben los resultados", "en": "results go to"},
    "study.field.legal_basis": {"es": "base jurídica", "en": "legal basis"},
    "study.field.authority": {"es": "autoridad de control", "en": "authority"},
    "study.recording.none": {"es": "ninguna", "en": "none"},
    "study.recording.audio": {"es": "audio", "en": "audio"},
    "study.recording.video": {"es": "vídeo", "en": "video"},
    "study.field.status": {"es": "estado", "en": "status"},
    "study.field.created": {"es": "creado", "en": "created"},
    "study.field.consent_texts": {"es": "textos de consentimiento", "en": "consent texts"},
    "study.field.merges": {"es": "puntos de contacto unidos", "en": "merged touchpoints"},
    "study.changed": {
        "es": "Estudio {id} cambiado: {fields}.",
        "en": "Study {id} changed: {fields}.",
    },
    "study.closed_now": {"es": "El estudio {id} está cerrado.", "en": "Study {id} is closed."},
    "touchpoints.merged": {
        "es": "Estudio {study}: {n} unidos a {keep}.",
        "en": "Study {study}: {n} merged into {keep}.",
    },
    # list
    "list.header": {
        "es": "ID        ESTADO       ESTUDIO     PERSPECTIVA  MOMENTO  ALIAS              PROGRESO  ACTUALIZADA",
        "en": "ID        STATUS       STUDY       PERSPECTIVE  MOMENT   ALIAS              PROGRESS  UPDATED",
    },
    "list.empty": {
        "es": "No hay entrevistas en {store}. Empiece una con: cjtui interview",
        "en": "No interviews in {store}. Start one with: cjtui interview",
    },
    # show
    "show.session": {"es": "Entrevista {id}", "en": "Interview {id}"},
    "show.guide": {"es": "Guía", "en": "Guide"},
    "show.language": {"es": "Idioma", "en": "Language"},
    "show.perspective": {"es": "Perspectiva", "en": "Perspective"},
    "show.moment": {"es": "Momento", "en": "Moment"},
    "show.interviewer": {"es": "Entrevistador/a", "en": "Interviewer"},
    "show.status": {"es": "Estado", "en": "Status"},
    "show.started": {"es": "Inicio", "en": "Started"},
    "show.updated": {"es": "Último cambio", "en": "Last change"},
    "show.completed": {"es": "Completada", "en": "Completed"},
    "show.consent": {"es": "Consentimiento", "en": "Consent"},
    "show.consent_given": {"es": "dado el {at}", "en": "given on {at}"},
    "show.consent_none": {"es": "no dado", "en": "not given"},
    "show.quotes_ok": {"es": "se puede citar", "en": "may be quoted"},
    "show.participant": {"es": "Participante", "en": "Participant"},
    "show.alias": {"es": "Alias", "en": "Alias"},
    "show.segment": {"es": "Segmento", "en": "Segment"},
    "show.stage": {"es": "Etapa {n}/{total} · {title}", "en": "Stage {n}/{total} · {title}"},
    "show.touchpoints": {"es": "Puntos de contacto", "en": "Touchpoints"},
    "show.no_touchpoints": {"es": "(ninguno)", "en": "(none)"},
    "show.process": {"es": "Proceso", "en": "Process"},
    "show.words": {"es": "En sus palabras", "en": "In their words"},
    "show.expected": {"es": "Esperaba: {rating}", "en": "Expected: {rating}"},
    "show.words_not_lived": {
        "es": "Escrito antes de marcar la etapa como no vivida (no cuenta como sus palabras)",
        "en": "Typed before the stage was marked not lived (not counted as their words)",
    },
    "show.added_stage": {
        "es": "(etapa añadida por el participante: la guía no la tiene)",
        "en": "(a stage the participant added: the guide lacks it)",
    },
    "show.owner": {"es": "Responsable", "en": "Owner"},
    "show.opportunity": {"es": "Oportunidad", "en": "Opportunity"},
    "show.study": {"es": "Estudio", "en": "Study"},
    "show.code": {"es": "Código", "en": "Code"},
    "show.consent_text": {
        "es": "Texto de consentimiento aceptado",
        "en": "Consent text agreed to",
    },
    "show.note": {"es": "Nota", "en": "Note"},
    # import / export / delete
    "import.done": {
        "es": "Importadas {written} entrevistas en {store}.",
        "en": "Imported {written} sessions into {store}.",
    },
    "stages.merged": {
        "es": "Estudio {study}: {n} etapas añadidas cuentan ahora como {keep}.",
        "en": "Study {study}: {n} added stages now count as {keep}.",
    },
    "import.absorbed": {
        "es": "Estudio {study}: de su registro se tomaron {consent_texts} textos de consentimiento, {merges} fusiones y {log} entradas del registro.",
        "en": "Study {study}: taken from its record {consent_texts} consent texts, {merges} merges and {log} log entries.",
    },
    "import.conflict": {
        "es": "Conflicto en {id}: cambió aquí y allí desde que se separaron ({what}); no se sobrescribe ninguna (--keep theirs o --keep ours decide).",
        "en": "Conflict in {id}: changed both here and there since they parted ({what}); neither is overwritten (--keep theirs or --keep ours decides).",
    },
    "import.open_here": {
        "es": "{id}: abierta para editar por {who}; no se importó (la próxima importación la tomará)",
        "en": "{id}: open for editing by {who}; not imported (the next import takes it)",
    },
    "import.newer_there": {
        "es": "{id} siguió en otro sitio: se conserva la de aquí (--update la actualiza).",
        "en": "{id} was continued elsewhere: the one here is kept (--update takes it).",
    },
    "import.cases": {
        "es": "Nuevas: {new}; actualizadas: {updated}; iguales: {unchanged}; seguidas en otro sitio: {continued}; más nuevas aquí: {behind}; conflictos: {conflict}.",
        "en": "New: {new}; updated: {updated}; unchanged: {unchanged}; continued elsewhere: {continued}; newer here: {behind}; conflicts: {conflict}.",
    },
    "export.done": {
        "es": "Exportadas {count} entrevistas a {path}.",
        "en": "Exported {count} sessions to {path}.",
    },
    "delete.done": {"es": "Entrevista {id} borrada.", "en": "Session {id} deleted."},
    "delete.confirm": {
        "es": "¿Borrar para siempre la entrevista {id} ({alias})?",
        "en": "Delete session {id} ({alias}) for good?",
    },
    # guides
    "guides.valid": {"es": "{path}: válida", "en": "{path}: valid"},
    "guides.stages": {"es": "etapas", "en": "stages"},
    "list.run_doctor": {
        "es": "Ejecute `cjtui doctor` para ver todos los problemas del almacén.",
        "en": "Run `cjtui doctor` to see every problem in the store.",
    },
    "doctor.summary": {
        "es": "{sessions} sesiones legibles; {problems} problemas encontrados",
        "en": "{sessions} sessions readable; {problems} problems found",
    },
    "doctor.leftovers": {"es": "; {n} restos eliminados", "en": "; {n} leftovers cleaned up"},
    "doctor.repaired": {"es": ", {n} reparados", "en": ", {n} repaired"},
    "doctor.run_repair": {
        "es": " (ejecute `cjtui doctor --repair` para arreglar {n})",
        "en": " (run `cjtui doctor --repair` to fix {n})",
    },
    "init.private": {
        "es": "Almacén privado en {path} (solo usted puede leerlo).",
        "en": "A private store at {path} (only you can read it).",
    },
    "init.shared": {
        "es": "Almacén compartido con el grupo {group} en {path}: carpetas 2770, archivos 0660, nada para los demás.",
        "en": "A store shared with group {group} at {path}: folders 2770, files 0660, nothing for others.",
    },
    "doctor.cleaned": {
        "es": "lo dejó una escritura interrumpida -> eliminado",
        "en": "left by an interrupted write -> cleaned up",
    },
    "guides.scale": {"es": "Escala de emoción", "en": "Emotion scale"},
    "guides.persona": {"es": "Persona", "en": "Persona"},
    "guides.suggested": {"es": "Puntos de contacto sugeridos", "en": "Suggested touchpoints"},
    "guides.when": {"es": "si", "en": "if"},
    "guides.consent": {"es": "Texto de consentimiento", "en": "Consent text"},
    # ---- report ----
    "report.title": {
        "es": "Informe de customer journey: {guide} ({id})",
        "en": "Customer journey report: {guide} ({id})",
    },
    "report.counts": {
        "es": "{total} entrevistas: {customer} de clientes y {internal} internas; {before} antes y {after} después de una interacción.",
        "en": "{total} interviews: {customer} with customers and {internal} internal; {before} before and {after} after an interaction.",
    },
    "report.extremes": {
        "es": "Etapa más débil: {weakest}. Etapa más fuerte: {strongest}.",
        "en": "Weakest stage: {weakest}. Strongest stage: {strongest}.",
    },
    "report.curve": {
        "es": "Curva media de emoción (banda: mínimo y máximo)",
        "en": "Mean emotion curve (band: minimum and maximum)",
    },
    "report.stages": {"es": "Por etapa", "en": "By stage"},
    "map.title": {
        "es": "Mapa del customer journey · {name}",
        "en": "Customer journey map · {name}",
    },
    "map.lane.doing": {"es": "Qué hace", "en": "Doing"},
    "map.lane.thinking": {"es": "Qué piensa", "en": "Thinking"},
    "map.lane.feeling": {"es": "Qué siente", "en": "Feeling"},
    "map.lane.expecting": {"es": "Qué espera", "en": "Expecting"},
    "map.lane.doubts": {"es": "Qué le preocupa", "en": "Doubts"},
    "map.lane.touchpoints": {"es": "Puntos de contacto", "en": "Touchpoints"},
    "map.lane.curve": {"es": "Curva de emociones", "en": "Emotion curve"},
    "map.lane.pains": {"es": "Puntos de dolor", "en": "Pain points"},
    "map.lane.backstage": {"es": "Proceso y responsable", "en": "Backstage"},
    "map.lane.opportunities": {"es": "Oportunidades", "en": "Opportunities"},
    "map.lane.words": {"es": "En sus palabras", "en": "In their words"},
    "map.lane.highlights": {"es": "Lo que funciona", "en": "What works"},
    "map.lane.ideas": {"es": "Ideas de los participantes", "en": "Participants' own ideas"},
    "map.added_by.one": {
        "es": "Etapa añadida por {n} participante",
        "en": "Stage added by {n} participant",
    },
    "map.added_by.other": {
        "es": "Etapa añadida por {n} participantes",
        "en": "Stage added by {n} participants",
    },
    "pain_kind.dissatisfied": {"es": "insatisfecho", "en": "dissatisfied"},
    "pain_kind.disoriented": {"es": "desorientado", "en": "disoriented"},
    "pain_kind.annoyed": {"es": "molesto", "en": "annoyed"},
    "pain_kind.unspecified": {"es": "sin indicar", "en": "not said"},
    "problem.inefficiency": {"es": "ineficiencia", "en": "inefficiency"},
    "problem.bottleneck": {"es": "cuello de botella", "en": "bottleneck"},
    "problem.obstruction": {"es": "obstrucción", "en": "obstruction"},
    "severity.1": {"es": "leve", "en": "minor"},
    "severity.2": {"es": "moderada", "en": "moderate"},
    "severity.3": {"es": "grave", "en": "severe"},
    "map.more": {"es": "(y {n} respuestas más)", "en": "(and {n} more answers)"},
    "map.felt_by": {"es": "lo sintieron {n}", "en": "felt by {n}"},
    "map.not_lived.lived.one": {"es": "No la vivió {n} cliente", "en": "Not lived by {n} customer"},
    "map.not_lived.lived.other": {
        "es": "No la vivieron {n} clientes",
        "en": "Not lived by {n} customers",
    },
    "map.not_lived.expected.one": {
        "es": "Aún no la vivía {n} cliente (antes)",
        "en": "Not yet lived by {n} customer (before)",
    },
    "map.not_lived.expected.other": {
        "es": "Aún no la vivían {n} clientes (antes)",
        "en": "Not yet lived by {n} customers (before)",
    },
    "map.not_lived.staff.one": {
        "es": "Fuera del recorrido según {n} persona de la plantilla",
        "en": "Not in the journey for {n} staff member",
    },
    "map.not_lived.staff.other": {
        "es": "Fuera del recorrido según {n} personas de la plantilla",
        "en": "Not in the journey for {n} staff members",
    },
    "map.scale": {
        "es": "{prompt} {shown} · mediana {median}",
        "en": "{prompt} {shown} · median {median}",
    },
    "map.persona.one": {"es": "{segment} ({n} persona)", "en": "{segment} ({n} person)"},
    "map.persona.other": {"es": "{segment} ({n} personas)", "en": "{segment} ({n} people)"},
    "map.staff_say": {"es": "Plantilla: {text} ({who})", "en": "Staff: {text} ({who})"},
    "map.staff_believe": {"es": "Plantilla cree: {text}", "en": "Staff believe: {text}"},
    "map.withheld": {
        "es": "(no se muestran {n}: sin consentimiento para citar)",
        "en": "({n} withheld: no consent to quote)",
    },
    "map.key": {
        "es": "{pain} punto de dolor · {moment} momento de la verdad · (n=…) personas · † evidencia escasa",
        "en": "{pain} pain point · {moment} moment of truth · (n=…) people · † thin evidence",
    },
    "report.title_study": {
        "es": "Informe del customer journey: {name}",
        "en": "Customer journey report: {name}",
    },
    "report.title_staff": {
        "es": "Informe del customer journey, solo entrevistas internas: {name}",
        "en": "Customer journey report, internal interviews only: {name}",
    },
    "report.pairs_heard.one": {
        "es": "{n} de los clientes, entrevistado antes y después",
        "en": "{n} of the customers interviewed before and after",
    },
    "report.pairs_heard.other": {
        "es": "{n} de los clientes, entrevistados antes y después",
        "en": "{n} of the customers interviewed before and after",
    },
    "report.heard": {
        "es": "Se escuchó a {who}, en {interviews}, con la guía {guide}, del {first} al {last}.",
        "en": "Heard: {who}, in {interviews}, on guide {guide}, from {first} to {last}.",
    },
    "report.people.lived.one": {
        "es": "{n} cliente (lo vivido)",
        "en": "{n} customer (lived)",
    },
    "report.people.lived.other": {
        "es": "{n} clientes (lo vivido)",
        "en": "{n} customers (lived)",
    },
    "report.people.expected.one": {
        "es": "{n} cliente antes (lo esperado)",
        "en": "{n} customer before (expected)",
    },
    "report.people.expected.other": {
        "es": "{n} clientes antes (lo esperado)",
        "en": "{n} customers before (expected)",
    },
    "report.people.staff.one": {
        "es": "{n} entrevista interna (plantilla)",
        "en": "{n} staff interview",
    },
    "report.people.staff.other": {
        "es": "{n} entrevistas internas (plantilla)",
        "en": "{n} staff interviews",
    },
    "report.interviews.one": {"es": "{n} entrevista", "en": "{n} interview"},
    "report.interviews.other": {"es": "{n} entrevistas", "en": "{n} interviews"},
    "report.basis.lived": {
        "es": "Las cifras son de clientes, lo que vivieron (entrevistados después de la interacción, o sin momento), contadas en personas (n).",
        "en": "Figures are customers', what they lived (interviewed after the interaction, or with no moment), counted in people (n).",
    },
    "report.basis.expected": {
        "es": "Las cifras son de clientes antes de la interacción: lo que esperaban, contadas en personas (n).",
        "en": "Figures are customers' before the interaction: what they expected, counted in people (n).",
    },
    "report.beside.expected": {
        "es": "Lo que esperaban antes va al lado, nunca mezclado.",
        "en": "What they expected before is shown beside, never mixed in.",
    },
    "report.beside.staff": {
        "es": "Lo que cree la plantilla va al lado, como comparación, nunca mezclado.",
        "en": "What staff believe is shown beside, as a comparison, never mixed in.",
    },
    "report.in_progress.one": {
        "es": "Incluye {n} entrevista aún en curso.",
        "en": "Includes {n} interview still in progress.",
    },
    "report.in_progress.other": {
        "es": "Incluye {n} entrevistas aún en curso.",
        "en": "Includes {n} interviews still in progress.",
    },
    "report.basis.staff": {
        "es": "Solo entrevistas internas: lo que cree la plantilla de sus clientes, contado en personas (n); no es la voz del cliente.",
        "en": "Internal interviews only: what staff believe of their customers, counted in people (n); not the customers' voice.",
    },
    "report.thin": {
        "es": "{mark} cifra que descansa en menos de {n} personas: evidencia escasa.",
        "en": "{mark} a figure resting on fewer than {n} people: thin evidence.",
    },
    "report.col.people": {"es": "Personas (n)", "en": "People (n)"},
    "report.col.spread": {"es": "Mín…máx", "en": "Min…max"},
    "report.col.felt_by": {"es": "Lo sintieron", "en": "Felt by"},
    "report.col.pairs": {"es": "Pares", "en": "Pairs"},
    "report.col.voice.lived": {"es": "Clientes (vivido)", "en": "Customers (lived)"},
    "report.col.voice.expected": {"es": "Antes (esperado)", "en": "Before (expected)"},
    "report.col.voice": {"es": "Voz", "en": "Voice"},
    "report.col.expected": {"es": "Esperaba (recordado)", "en": "Expected (recalled)"},
    "report.col.lived": {"es": "Vivió", "en": "Lived"},
    "report.col.short": {"es": "Por debajo / personas", "en": "Fell short / people"},
    "report.start": {
        "es": "Al empezar: cómo se sentían antes de la primera etapa",
        "en": "At the start: how they felt before the first stage",
    },
    "report.expectations": {
        "es": "Expectativas de los clientes, las menos cumplidas primero (vivido − esperado)",
        "en": "Customers' expectations, the most missed first (lived − expected)",
    },
    "report.col.voice.staff": {"es": "Plantilla (cree)", "en": "Staff (believe)"},
    "report.col.question": {"es": "Pregunta", "en": "Question"},
    "report.col.distribution": {
        "es": "Distribución (valor:personas)",
        "en": "Distribution (value:people)",
    },
    "report.col.segment": {"es": "Segmento", "en": "Segment"},
    "report.col.profile": {"es": "Perfil (personas)", "en": "Profile (people)"},
    "report.scales": {"es": "Escalas", "en": "Scales"},
    "report.persona": {"es": "Quiénes son los participantes", "en": "Who the participants are"},
    "report.nps": {
        "es": "promotores {promoters}, pasivos {passives}, detractores {detractors} (n={n})",
        "en": "promoters {promoters}, passives {passives}, detractors {detractors} (n={n})",
    },
    "report.staff_words": {
        "es": "Las etapas según la plantilla (lo que cree)",
        "en": "The stages as staff see them (their belief)",
    },
    "report.staff_label": {"es": "Plantilla: {who}", "en": "Staff: {who}"},
    "report.quoted": {"es": "«{text}»", "en": "“{text}”"},
    "report.study": {"es": "Estudio {id}: {title}", "en": "Study {id}: {title}"},
    "report.pairs.one": {
        "es": "Antes/después medido en {n} participante entrevistado antes y después",
        "en": "Before/after measured on {n} participant interviewed both before and after",
    },
    "report.pairs.other": {
        "es": "Antes/después medido en {n} participantes entrevistados antes y después",
        "en": "Before/after measured on {n} participants interviewed both before and after",
    },
    "report.quotes": {"es": "Citas (con consentimiento)", "en": "Quotes (with consent)"},
    "report.quotes_withheld": {
        "es": "No se muestran, sin consentimiento para citar: {n}",
        "en": "Withheld, no consent to quote: {n}",
    },
    "report.col.quote": {"es": "Cita", "en": "Quote"},
    "report.col.participant": {"es": "Participante", "en": "Participant"},
    "report.touchpoints": {"es": "Por punto de contacto", "en": "By touchpoint"},
    "report.moments": {
        "es": "Momentos de la verdad (dónde duele más y más a menudo)",
        "en": "Moments of truth (where it hurts most, and most often)",
    },
    "report.gap": {
        "es": "Brecha de percepción (interna − clientes)",
        "en": "Perception gap (internal − customers)",
    },
    "report.before_after": {
        "es": "Antes y después (después − antes)",
        "en": "Before and after (after − before)",
    },
    "report.owners": {"es": "Responsables, por dolores", "en": "Owners, by pains"},
    "report.processes": {
        "es": "Procesos internos, por problemas y dolores",
        "en": "Internal processes, by problems and pains",
    },
    "report.opportunities": {"es": "Oportunidades de mejora", "en": "Improvement opportunities"},
    "report.ideas": {
        "es": "Ideas de los propios participantes (qué cambiarían)",
        "en": "The participants' own ideas (what they would change)",
    },
    "report.words": {
        "es": "Las etapas para los participantes (resumen del entrevistador)",
        "en": "The stages for the participants (the interviewer's summary)",
    },
    "report.pain_kinds": {"es": "Dolores por tipo", "en": "Pains by kind"},
    "report.highlights": {
        "es": "Lo que funciona, para conservarlo (valoración máxima)",
        "en": "What works, to keep (top rating)",
    },
    "report.added_stage.one": {
        "es": "(añadida por {n} participante)",
        "en": "(added by {n} participant)",
    },
    "report.added_stage.other": {
        "es": "(añadida por {n} participantes)",
        "en": "(added by {n} participants)",
    },
    "report.col.kinds": {"es": "Tipos", "en": "Kinds"},
    "report.col.kind": {"es": "Tipo", "en": "Kind"},
    "report.col.top": {"es": "Máximas", "en": "At top"},
    "report.col.problems": {
        "es": "Problemas anotados (todas las entrevistas)",
        "en": "Problems noted (all interviews)",
    },
    "report.col.idea": {"es": "Idea", "en": "Idea"},
    "report.col.words": {"es": "Resumen del entrevistador", "en": "Interviewer's summary"},
    "report.none": {"es": "(nada que mostrar)", "en": "(nothing to show)"},
    "report.generated": {"es": "Generado por cjtui el {at}.", "en": "Generated by cjtui on {at}."},
    "report.col.stage": {"es": "Etapa", "en": "Stage"},
    "report.col.ratings": {"es": "Valoraciones", "en": "Ratings"},
    "report.col.mean": {"es": "Media", "en": "Mean"},
    "report.col.median": {"es": "Mediana", "en": "Median"},
    "report.col.negative": {"es": "Negativas", "en": "Negative"},
    "report.col.skipped": {"es": "No vivida", "en": "Not lived"},
    "report.col.touchpoint": {"es": "Punto de contacto", "en": "Touchpoint"},
    "report.col.pains": {"es": "Dolores", "en": "Pains"},
    "report.col.severity": {"es": "Gravedad (1–3)", "en": "Severity (1–3)"},
    "report.col.internal": {"es": "Interna", "en": "Internal"},
    "report.col.customer": {"es": "Clientes", "en": "Customers"},
    "report.col.gap": {"es": "Brecha", "en": "Gap"},
    "report.col.before": {"es": "Antes", "en": "Before"},
    "report.col.after": {"es": "Después", "en": "After"},
    "report.col.change": {"es": "Cambio", "en": "Change"},
    "report.col.name": {"es": "Nombre", "en": "Name"},
    "report.col.touchpoints": {"es": "Puntos de contacto", "en": "Touchpoints"},
    "report.col.opportunity": {"es": "Oportunidad", "en": "Opportunity"},
    "report.col.sessions": {"es": "Entrevistas", "en": "Interviews"},
    # ---- the interview app ----
    "app.title": {
        "es": "cjtui · entrevistas de customer journey",
        "en": "cjtui · customer-journey interviews",
    },
    "key.quit": {"es": "Salir", "en": "Quit"},
    "key.help": {"es": "Ayuda", "en": "Help"},
    "key.new": {"es": "Nueva", "en": "New"},
    "key.open": {"es": "Abrir", "en": "Open"},
    "key.delete": {"es": "Borrar", "en": "Delete"},
    "key.start": {"es": "Empezar", "en": "Start"},
    "key.back": {"es": "Volver", "en": "Back"},
    "key.next": {"es": "Siguiente", "en": "Next"},
    "key.prev": {"es": "Anterior", "en": "Previous"},
    "key.touchpoints": {"es": "Puntos", "en": "Touchpoints"},
    "key.skip": {"es": "No vivida", "en": "Not lived"},
    "key.remove_stage": {"es": "Quitar etapa", "en": "Remove stage"},
    "key.add_stage": {"es": "Añadir etapa", "en": "Add stage"},
    "key.add_stage_done": {"es": "Añadir", "en": "Add"},
    "key.save": {"es": "Guardar", "en": "Save"},
    "key.add": {"es": "Añadir", "en": "Add"},
    "key.edit": {"es": "Editar", "en": "Edit"},
    "key.remove": {"es": "Quitar", "en": "Remove"},
    "key.undo": {"es": "Deshacer", "en": "Undo"},
    "key.questions": {"es": "Preguntas", "en": "Questions"},
    "tp.remove_confirm": {
        "es": "¿Quitar «{name}» con su nota, proceso, responsable y oportunidad?",
        "en": "Remove “{name}” with its note, process, owner and opportunity?",
    },
    "tp.rated": {
        "es": "«{name}»: valoración {old} → {new}",
        "en": "“{name}”: rating {old} → {new}",
    },
    "tp.removed_short": {"es": "Quitado «{name}»", "en": "Removed “{name}”"},
    "tp.u_undoes": {"es": "u lo deshace", "en": "u undoes it"},
    "tp.pain_on": {"es": "ahora es un dolor", "en": "now a pain"},
    "tp.pain_off": {"es": "ya no es un dolor", "en": "no longer a pain"},
    "tp.undone": {"es": "Deshecho: {what}", "en": "Undone: {what}"},
    "confirm.refused": {
        "es": "Lo escrito no responde a la pregunta: pulse s o n, solos.",
        "en": "What was typed does not answer the question: press y or n on its own.",
    },
    "home.refused": {
        "es": "Aquí las letras son órdenes: no se escribió nada (/ busca).",
        "en": "Letters are commands here: nothing was typed (/ searches).",
    },
    "tp.refused": {
        "es": "Aquí las letras son órdenes: no se escribió nada. Esc vuelve a las preguntas; e edita el punto.",
        "en": "Letters are commands here: nothing was typed. Esc goes back to the questions; e edits the touchpoint.",
    },
    "stage.table_keys": {
        "es": "las letras son órdenes · Esc vuelve",
        "en": "letters are commands · Esc goes back",
    },
    "key.up": {"es": "Subir", "en": "Up"},
    "key.down": {"es": "Bajar", "en": "Down"},
    "key.rate": {"es": "Valorar", "en": "Rate"},
    "key.close": {"es": "Cerrar", "en": "Close"},
    "key.complete": {"es": "Completar", "en": "Complete"},
    "key.export": {"es": "Exportar", "en": "Export"},
    "key.accept": {"es": "Acepta", "en": "Agrees"},
    "key.decline": {"es": "No acepta", "en": "Declines"},
    "key.yes": {"es": "Sí", "en": "Yes"},
    "key.no": {"es": "No", "en": "No"},
    "key.cancel": {"es": "Cancelar", "en": "Cancel"},
    "key.analysis": {"es": "Análisis", "en": "Analysis"},
    "key.study": {"es": "Estudio", "en": "Study"},
    "key.make": {"es": "Crear", "en": "Make"},
    "study.named": {"es": "Estudio: {study}", "en": "Study: {study}"},
    "study.all": {"es": "Todos los estudios", "en": "All studies"},
    "study.closed": {"es": "cerrado", "en": "closed"},
    "study.new": {"es": "Nuevo estudio…", "en": "New study…"},
    "study.pick": {"es": "Elija el estudio", "en": "Choose the study"},
    "study.new_title": {"es": "Nuevo estudio", "en": "New study"},
    "study.id": {"es": "Identificador", "en": "Id"},
    "study.title": {"es": "Título", "en": "Title"},
    "study.id_help": {
        "es": "Identificador: minúsculas, cifras y '-', p. ej. banco-hipoteca. Ctrl+N crea el estudio.",
        "en": "Id: lowercase letters, digits and '-', e.g. retail-returns. Ctrl+N makes the study.",
    },
    "key.guide": {"es": "Guía", "en": "Guide"},
    "key.grouping": {"es": "Agrupar", "en": "Group by"},
    "key.in_progress": {"es": "En curso sí/no", "en": "In progress on/off"},
    "analysis.title.one": {
        "es": "Análisis · {guide} · {n} entrevista",
        "en": "Analysis · {guide} · {n} interview",
    },
    "analysis.title.other": {
        "es": "Análisis · {guide} · {n} entrevistas",
        "en": "Analysis · {guide} · {n} interviews",
    },
    "analysis.by.perspective": {"es": "interna vs clientes", "en": "internal vs customers"},
    "analysis.by.moment": {"es": "antes vs después", "en": "before vs after"},
    "analysis.by.all": {"es": "media de todas", "en": "mean of all"},
    "analysis.by.session": {"es": "cada entrevista", "en": "each interview"},
    "analysis.empty": {
        "es": "No hay entrevistas completadas de esta guía (i incluye las que están en curso).",
        "en": "No completed interviews of this guide (i includes those in progress).",
    },
    "analysis.moments": {"es": "Momentos de la verdad", "en": "Moments of truth"},
    "analysis.gap": {"es": "Brecha (interna − clientes)", "en": "Gap (internal − customers)"},
    "analysis.owners": {"es": "Responsables con más dolores", "en": "Owners with most pains"},
    "analysis.stages": {
        "es": "Etapas más débil y más fuerte",
        "en": "Weakest and strongest stages",
    },
    "key.staff": {"es": "Visión interna", "en": "Staff view"},
    "stage.col.staff": {"es": "Interna", "en": "Staff"},
    "stage.staff_on": {
        "es": "Columna «Interna»: cómo cree el personal que se siente el cliente (media); ≠ marca diferencias de 2 o más.",
        "en": "“Staff” column: how staff believe customers feel here (their mean); ≠ marks differences of 2 or more.",
    },
    "stage.staff_off": {"es": "Visión interna oculta.", "en": "Staff view hidden."},
    "summary.staff_line": {"es": "interna", "en": "staff"},
    "summary.gaps": {
        "es": "Mayores diferencias con la visión interna",
        "en": "Largest gaps with staff's view",
    },
    "summary.gap_line": {
        "es": "{name}: interna {staff}, cliente {customer}",
        "en": "{name}: staff {staff}, customer {customer}",
    },
    "key.map": {"es": "Mapa", "en": "Map"},
    "key.next_stage": {"es": "Etapa siguiente", "en": "Next stage"},
    "key.prev_stage": {"es": "Etapa anterior", "en": "Previous stage"},
    "map.where": {
        "es": "Mapa · etapa {n}/{total}: {title}",
        "en": "Map · stage {n}/{total}: {title}",
    },
    "help.map": {
        "es": "El mapa del customer journey, etapa a etapa: arriba la curva de emociones de la etapa; debajo, por filas, qué hace, piensa, siente, espera y le preocupa al cliente, los puntos de contacto, los puntos de dolor (✖; ★ momento de la verdad), el proceso y responsable detrás de cada uno y las oportunidades. ← → cambian de etapa; ↑ ↓ desplazan las filas. «cjtui map --format html» da la página completa para imprimir.",
        "en": "The customer journey map, stage by stage: on top the stage's emotion curve; below, as rows, what customers do, think, feel, expect and doubt, the touchpoints, the pains (✖; ★ moment of truth), the process and owner behind each, and the opportunities. ← → change stage; ↑ ↓ scroll the rows. “cjtui map --format html” gives the whole page to print.",
    },
    "help.backlog": {
        "es": "La lista de oportunidades del estudio, por prioridad (clientes que sintieron dolor en sus puntos de contacto × gravedad), y debajo las candidatas escritas en las entrevistas. Tab pasa de una tabla a otra; Espacio marca filas; a acepta las candidatas marcadas (o la resaltada) como una oportunidad; m suma las oportunidades marcadas a la resaltada; s y e cambian su estado y esfuerzo; o su responsable. Todo queda en el registro del estudio, como con «cjtui opportunities».",
        "en": "The study's opportunity backlog, by priority (customers who felt a pain at its touchpoints × severity), and below the candidates typed in interviews. Tab moves between the tables; Space marks rows; a accepts the marked candidates (or the highlighted one) as one opportunity; m folds the marked opportunities into the highlighted one; s and e step its status and effort; o sets its owner. All is logged in the study, as with “cjtui opportunities”.",
    },
    "key.backlog": {"es": "Oportunidades", "en": "Backlog"},
    "key.mark": {"es": "Marcar", "en": "Mark"},
    "key.accept_candidate": {"es": "Aceptar", "en": "Accept"},
    "key.merge_items": {"es": "Sumar", "en": "Merge"},
    "key.next_status": {"es": "Estado", "en": "Status"},
    "key.next_effort": {"es": "Esfuerzo", "en": "Effort"},
    "key.owner": {"es": "Responsable", "en": "Owner"},
    "backlog.col.mark": {"es": "✓", "en": "✓"},
    "backlog.col.id": {"es": "ID", "en": "ID"},
    "backlog.col.title": {"es": "Oportunidad", "en": "Opportunity"},
    "backlog.col.priority": {"es": "Prior.", "en": "Prio."},
    "backlog.col.people": {"es": "Pers.", "en": "Ppl"},
    "backlog.col.status": {"es": "Estado", "en": "Status"},
    "backlog.col.effort": {"es": "Esf.", "en": "Eff."},
    "backlog.col.owner": {"es": "Responsable", "en": "Owner"},
    "backlog.col.text": {
        "es": "Candidata (palabras de las entrevistas)",
        "en": "Candidate (words from the interviews)",
    },
    "backlog.col.interviews": {"es": "Entrev.", "en": "Intvw."},
    "backlog.screen_title.one": {
        "es": "Oportunidades · {study} · {n} en la lista",
        "en": "Backlog · {study} · {n} item",
    },
    "backlog.screen_title.other": {
        "es": "Oportunidades · {study} · {n} en la lista",
        "en": "Backlog · {study} · {n} items",
    },
    "backlog.none_chosen": {
        "es": "Ninguna candidata: resalte una (Tab para ir a la tabla de abajo) o márquelas con Espacio.",
        "en": "No candidate: highlight one (Tab to the table below) or mark them with Space.",
    },
    "backlog.merge_how": {
        "es": "Marque con Espacio las oportunidades que sumar y resalte la que se queda; luego m.",
        "en": "Mark with Space the opportunities to fold in, highlight the one kept; then m.",
    },
    "backlog.owner_of": {"es": "Responsable de {id}", "en": "Owner of {id}"},
    "help.analysis": {
        "es": "El análisis de todas las entrevistas completadas de un estudio, como «cjtui report». s cambia de estudio, m abre el mapa, b cambia la agrupación de las curvas (interna frente a clientes, antes frente a después, la media, o cada entrevista), i incluye o no las entrevistas en curso.",
        "en": "The analysis of every completed interview of one study, as “cjtui report”. s switches study, m opens the map, b changes how curves are grouped (internal vs customers, before vs after, the mean, or each interview), i includes or leaves out interviews in progress.",
    },
    "home.title": {"es": "Entrevistas", "en": "Interviews"},
    "home.empty": {
        "es": "Todavía no hay entrevistas en este almacén.\n\nPulse n para empezar una nueva.",
        "en": "There are no interviews in this store yet.\n\nPress n to start a new one.",
    },
    "home.col.alias": {"es": "Participante", "en": "Participant"},
    "home.col.study": {"es": "Estudio", "en": "Study"},
    "home.col.guide": {"es": "Guía", "en": "Guide"},
    "home.col.perspective": {"es": "Perspectiva", "en": "Perspective"},
    "home.col.moment": {"es": "Momento", "en": "Moment"},
    "home.col.progress": {"es": "Etapas", "en": "Stages"},
    "home.col.status": {"es": "Estado", "en": "Status"},
    "home.col.updated": {"es": "Último cambio", "en": "Last change"},
    "home.store": {"es": "Almacén: {path}", "en": "Store: {path}"},
    "home.delete": {
        "es": "¿Borrar para siempre la entrevista de «{alias}»? No se puede deshacer.",
        "en": "Delete the interview with “{alias}” for good? This cannot be undone.",
    },
    "home.search": {
        "es": "Buscar por alias, segmento o entrevistador/a (Esc cierra)",
        "en": "Search by alias, segment or interviewer (Esc closes)",
    },
    "home.no_match": {"es": "Ninguna entrevista coincide.", "en": "No interview matches."},
    "key.search": {"es": "Buscar", "en": "Search"},
    "key.close_search": {"es": "Cerrar búsqueda", "en": "Close search"},
    "home.delete_theirs": {
        "es": "Esta entrevista la empezó {who}. ¿Borrarla igualmente? Quedará anotado en el estudio.",
        "en": "{who} started this interview. Delete it all the same? The study will record it.",
    },
    "home.deleted": {"es": "Entrevista borrada.", "en": "Interview deleted."},
    "new.title": {"es": "Nueva entrevista", "en": "New interview"},
    "new.guide": {"es": "Guía", "en": "Guide"},
    "new.language": {"es": "Idioma", "en": "Language"},
    "new.perspective": {"es": "Perspectiva", "en": "Perspective"},
    "new.customer": {"es": "Cliente real", "en": "Real customer"},
    "new.internal": {
        "es": "Interna (personal de los puntos de contacto)",
        "en": "Internal (staff who own the touchpoints)",
    },
    "new.moment": {"es": "Momento", "en": "Moment"},
    "new.before": {"es": "Antes", "en": "Before"},
    "new.after": {"es": "Después", "en": "After"},
    "new.none": {"es": "Ninguno", "en": "None"},
    "new.interviewer": {"es": "Entrevistador/a", "en": "Interviewer"},
    "new.alias": {"es": "Alias (no nombre real)", "en": "Alias (not a real name)"},
    "new.segment": {"es": "Segmento", "en": "Segment"},
    "new.code": {"es": "Código del participante", "en": "Participant code"},
    "new.alias_required": {
        "es": "Escriba un alias para reconocer la entrevista.",
        "en": "Type an alias to recognise the interview by.",
    },
    "new.start": {"es": "Empezar  (Ctrl+N)", "en": "Start  (Ctrl+N)"},
    "consent.title": {"es": "Consentimiento informado", "en": "Informed consent"},
    "consent.quotes": {
        "es": "Sí a «¿nos permite citar sus palabras, sin su nombre?»",
        "en": "Yes to “may we quote your words, without your name?”",
    },
    "consent.note": {
        "es": "Lea el texto al participante. No se guarda nada hasta que acepte.",
        "en": "Read the text to the participant. Nothing is kept until they agree.",
    },
    "consent.not_given": {"es": "[sin indicar]", "en": "[not given]"},
    "consent.incomplete": {
        "es": "El estudio no indica {what}: complételo (cjtui study edit) antes de leer.",
        "en": "The study does not give {what}: fill it in (cjtui study edit) before reading.",
    },
    "consent.field.controller": {"es": "responsable", "en": "controller"},
    "consent.field.contact": {"es": "contacto", "en": "contact"},
    "consent.field.retain_until": {"es": "plazo de conservación", "en": "retention date"},
    "consent.field.recording": {"es": "grabación", "en": "recording"},
    "consent.field.recipients": {
        "es": "quién recibe los resultados",
        "en": "who receives the results",
    },
    "consent.field.legal_basis": {"es": "base jurídica", "en": "legal basis"},
    "consent.field.authority": {"es": "autoridad de control", "en": "supervisory authority"},
    "consent.recording.none": {
        "es": "no grabamos ni audio ni vídeo",
        "en": "nothing is recorded as audio or video",
    },
    "consent.recording.audio": {
        "es": "grabamos el audio de la conversación, solo para no perder sus palabras, y lo borramos al pasarlo a texto; si prefiere que no grabemos, dígamelo y no lo hacemos",
        "en": "we record the audio of the conversation, only so as not to lose your words, and delete it once it is written down; if you would rather we did not record, just say so",
    },
    "consent.recording.video": {
        "es": "grabamos la conversación en vídeo, solo para no perder sus palabras, y la borramos al pasarla a texto; si prefiere que no grabemos, dígamelo y no lo hacemos",
        "en": "we record the conversation on video, only so as not to lose your words, and delete it once it is written down; if you would rather we did not record, just say so",
    },
    "consent.declined": {
        "es": "No aceptó: la entrevista se descartó sin guardar nada.",
        "en": "Declined: the interview was discarded and nothing was kept.",
    },
    "stage.persona": {"es": "Perfil del participante", "en": "About the participant"},
    "stage.words": {
        "es": "Para usted, ¿qué fue esta etapa? (en sus palabras)",
        "en": "What was this stage for you, in your own words?",
    },
    "stage.words_internal": {
        "es": "Para el cliente, ¿qué cree que es esta etapa? (en sus palabras)",
        "en": "What do you think this stage is for the customer, in their words?",
    },
    "stage.words_as": {
        "es": "Con sus palabras, ¿cómo describiría {moment}?",
        "en": "In your own words, how would you describe {moment}?",
    },
    "stage.words_internal_as": {
        "es": "Con las palabras del cliente, ¿cómo cree que describiría {moment}?",
        "en": "In the customer's words, how do you think they would describe {moment}?",
    },
    "stage.words_help": {
        "es": "Opcional · Ctrl+R añade una etapa que la guía no tiene · Ctrl+O: no vivida",
        "en": "Optional · Ctrl+R adds a stage the guide lacks · Ctrl+O: not lived",
    },
    "stage.added_title": {"es": "Nombre de la etapa", "en": "Stage name"},
    "stage.words_help_added": {
        "es": "Opcional. Ctrl+O quita esta etapa añadida.",
        "en": "Optional. Ctrl+O removes this added stage.",
    },
    "stage.added_note": {
        "es": "Una etapa que el participante vivió y la guía no tiene: sin preguntas propias; "
        "anote cómo la llama, qué fue para él y sus puntos de contacto.",
        "en": "A stage the participant lived that the guide lacks: no questions of its own; "
        "note what they call it, what it was for them, and its touchpoints.",
    },
    "stage.add_title": {"es": "Añadir una etapa", "en": "Add a stage"},
    "stage.add_help": {
        "es": "Una etapa que el participante vivió y la guía no tiene, con el nombre que le da.",
        "en": "A stage the participant lived that the guide lacks, named as they name it.",
    },
    "stage.add_after": {"es": "Va después de", "en": "Comes after"},
    "stage.add_first": {"es": "(al principio)", "en": "(at the start)"},
    "stage.add_name": {"es": "Escriba el nombre de la etapa.", "en": "Type the stage's name."},
    "stage.skip_confirm": {
        "es": "«{title}» tiene {what}. ¿Marcarla como no vivida? Lo escrito se guarda, pero no contará como vivido por el participante.",
        "en": "“{title}” holds {what}. Mark it not lived? What was typed is kept, but it will not count as lived by the participant.",
    },
    "stage.skip_answers": {"es": "respuestas", "en": "answers"},
    "stage.skip_touchpoints": {"es": "puntos de contacto valorados", "en": "rated touchpoints"},
    "stage.skip_both": {
        "es": "respuestas y puntos de contacto valorados",
        "en": "answers and rated touchpoints",
    },
    "key.skip_stage": {"es": "No vivida", "en": "Not lived"},
    "stage.remove_confirm": {
        "es": "¿Quitar la etapa añadida «{title}» con todo lo que anotó en ella?",
        "en": "Remove the added stage “{title}” with everything noted in it?",
    },
    "stage.progress": {"es": "Etapa {n}/{total} · {title}", "en": "Stage {n}/{total} · {title}"},
    "stage.summary_progress": {"es": "Resumen · {title}", "en": "Summary · {title}"},
    "stage.saved": {"es": "guardado {time}", "en": "saved {time}"},
    "stage.not_saved": {"es": "sin guardar", "en": "not saved yet"},
    "stage.last_change": {"es": "último cambio {time}", "en": "last changed {time}"},
    "stage.save_error": {
        "es": "¡NO GUARDADO! {error} (se reintentará)",
        "en": "NOT SAVED! {error} (will retry)",
    },
    "stage.skipped": {
        "es": "Etapa marcada como no vivida por el participante (Ctrl+O para deshacer).",
        "en": "Stage marked as not lived by the participant (Ctrl+O to undo).",
    },
    "stage.touchpoints": {"es": "Puntos de contacto", "en": "Touchpoints"},
    "stage.no_touchpoints": {
        "es": "Sin puntos de contacto: pulse Ctrl+T y luego a para añadir.",
        "en": "No touchpoints yet: press Ctrl+T, then a to add one.",
    },
    "stage.required": {
        "es": "Falta esta respuesta obligatoria.",
        "en": "This required answer is missing.",
    },
    "stage.missing": {
        "es": "Quedó sin contestar en {where}: «{question}»{more}. Ctrl+G vuelve a ella.",
        "en": "Left unanswered in {where}: “{question}”{more}. Ctrl+G goes back to it.",
    },
    "stage.nothing_missing": {
        "es": "No falta ninguna respuesta obligatoria.",
        "en": "No required answer is missing.",
    },
    "stage.missing_more": {"es": " y {n} más", "en": " and {n} more"},
    "stage.scale_keys": {
        "es": "Teclas: el número dicho ({low}–{high}) · ← → mover · Retroceso borra",
        "en": "Keys: the number said ({low}–{high}) · ← → move · Backspace clears",
    },
    "stage.scale_keys_10": {
        "es": "Teclas: el número dicho ({low}–{high}; 10 = 1 y 0 seguidos) · ← → mover",
        "en": "Keys: the number said ({low}–{high}; 10 = 1 then 0) · ← → move",
    },
    "stage.staff_hint": {
        "es": "Lo que cree del cliente habitual de este recorrido, con sus palabras; si lo sabe por casos concretos, que lo diga.",
        "en": "What they believe of the typical customer of this journey, in their words; if they know it from actual cases, let them say so.",
    },
    "stage.refused_scale": {
        "es": "Esta respuesta es un número de la escala: aquí no se escribe texto. Tab pasa a la siguiente pregunta.",
        "en": "This answer is a number on the scale: text is not typed here. Tab goes to the next question.",
    },
    "stage.refused_choice": {
        "es": "Esta respuesta se elige (← → y Espacio): aquí no se escribe texto. Tab pasa a la siguiente pregunta.",
        "en": "This answer is chosen (← → and Space): text is not typed here. Tab goes to the next question.",
    },
    "stage.number": {"es": "Escriba un número.", "en": "Type a number."},
    "stage.range": {
        "es": "Debe estar entre {min} y {max}.",
        "en": "Must be between {min} and {max}.",
    },
    "stage.col.name": {"es": "Punto de contacto", "en": "Touchpoint"},
    "stage.col.channel": {"es": "Canal", "en": "Channel"},
    "stage.col.emotion": {"es": "Emoción", "en": "Emotion"},
    "stage.col.pain": {"es": "Dolor", "en": "Pain"},
    "stage.choose": {"es": "(elija una opción)", "en": "(choose one)"},
    "tp.add_title": {"es": "Añadir punto de contacto", "en": "Add a touchpoint"},
    "tp.other": {"es": "Otro (escribir nombre)…", "en": "Other (type a name)…"},
    "tp.edit_title": {"es": "Punto de contacto", "en": "Touchpoint"},
    "key.editor_rows": {"es": "ir a la fila n", "en": "go to row n"},
    "tp.name": {"es": "Nombre", "en": "Name"},
    "tp.channel": {"es": "Canal", "en": "Channel"},
    "tp.emotion": {"es": "Emoción", "en": "Emotion"},
    "tp.expected": {"es": "Esperaba", "en": "Expected"},
    "tp.channel_name": {"es": "¿Cuál?", "en": "Which?"},
    "tp.read_aloud": {"es": "Lea en voz alta", "en": "Read aloud"},
    # The line read before a touchpoint is rated, where the guide gives none of its own.
    "rating.prompt": {
        "es": "¿Cómo se sintió con «{touchpoint}»?",
        "en": "How did you feel about “{touchpoint}”?",
    },
    "rating.before": {
        "es": "¿Cómo espera sentirse con «{touchpoint}»?",
        "en": "How do you expect to feel about “{touchpoint}”?",
    },
    "rating.internal": {
        "es": "¿Cómo cree que se siente el cliente con «{touchpoint}»?",
        "en": "How do you believe the customer feels about “{touchpoint}”?",
    },
    "rating.expected": {
        "es": "Y antes de vivirlo, ¿cómo esperaba sentirse?",
        "en": "And before it happened, how had you expected to feel?",
    },
    "curve.start": {"es": "Al empezar", "en": "At the start"},
    "curve.start_point": {"es": "cómo se sentía", "en": "how they felt"},
    "tp.emotion_help": {"es": "Teclas {keys}; ← → para mover", "en": "Keys {keys}; ← → to move"},
    "tp.select_help": {
        "es": "Su número elige la opción; Intro abre la lista",
        "en": "An option's number chooses it; Enter opens the list",
    },
    "tp.text_help": {"es": "Intro pasa al siguiente", "en": "Enter goes on to the next"},
    "tp.area_help": {"es": "Se ve entero; Tab pasa al siguiente", "en": "Shown whole; Tab goes on"},
    "tp.goto_hint": {"es": "^g y un número: a esa fila", "en": "^g and a number: to that row"},
    "tp.goto_help": {
        "es": "¿A qué fila? Pulse su número (1–9); otra tecla sigue escribiendo.",
        "en": "Which row? Press its number (1–9); any other key goes on typing.",
    },
    "tp.note": {"es": "Nota del entrevistador", "en": "Interviewer's note"},
    "tp.quote": {"es": "Cita (sus palabras)", "en": "Quote (their words)"},
    "show.quote": {"es": "Sus palabras", "en": "Their words"},
    "show.quote_private": {
        "es": "Cita (sin consentimiento para citarla: solo para el equipo)",
        "en": "Quote (no consent to quote it: for the team only)",
    },
    "tp.pain": {"es": "Punto de dolor", "en": "Pain point"},
    "tp.process": {"es": "Proceso interno", "en": "Internal process"},
    "tp.pain_kind": {"es": "Tipo", "en": "Kind"},
    "tp.severity": {"es": "Gravedad", "en": "Severity"},
    "tp.problem": {"es": "Problema", "en": "Problem"},
    "tp.owner": {"es": "Responsable", "en": "Owner"},
    "tp.opportunity": {"es": "Oportunidad de mejora", "en": "Improvement opportunity"},
    "tp.saved_live": {
        "es": "Cada cambio se guarda al momento. Esc para cerrar.",
        "en": "Every change is saved as you go. Esc to close.",
    },
    "summary.title": {"es": "Curva de emoción", "en": "Emotion curve"},
    "curve.expected": {
        "es": "cliente, antes (esperado)",
        "en": "customer, before (expected)",
    },
    "curve.all": {"es": "todas", "en": "all"},
    "curve.no_moment": {"es": "sin momento", "en": "no moment"},
    "analysis.lines": {"es": "Líneas", "en": "Lines"},
    "analysis.axis": {"es": "Puntos del eje", "en": "Points on the axis"},
    "analysis.moments_head": {
        "es": "lo sintieron/personas de clientes · media († evidencia escasa)",
        "en": "felt by/customers (people) · mean († thin evidence)",
    },
    "analysis.gap_head": {
        "es": "punto · brecha (n plantilla · n clientes)",
        "en": "touchpoint · gap (n staff · n customers)",
    },
    "analysis.owners_head": {
        "es": "responsable · clientes con dolor (personas)",
        "en": "owner · customers in pain (people)",
    },
    "summary.journey": {"es": "Recorrido", "en": "Journey"},
    "summary.pains": {"es": "Dolores y oportunidades", "en": "Pains and opportunities"},
    "summary.no_pains": {"es": "Ningún punto de dolor.", "en": "No pain points."},
    "summary.no_points": {
        "es": "Todavía no hay puntos de contacto valorados.",
        "en": "No touchpoints rated yet.",
    },
    "summary.no_stage_points": {"es": "(sin puntos)", "en": "(no touchpoints)"},
    "summary.no_opportunity": {"es": "(sin oportunidad anotada)", "en": "(no opportunity noted)"},
    "summary.completed": {
        "es": "Entrevista completada y guardada.",
        "en": "Interview completed and saved.",
    },
    "summary.missing": {
        "es": "No se puede completar: faltan {n} respuestas obligatorias (en la lista). g (o Ctrl+G) lleva a la primera.",
        "en": "Cannot complete: {n} required answers missing (listed). g (or Ctrl+G) goes to the first.",
    },
    "summary.missing_title": {"es": "Falta contestar", "en": "Still to answer"},
    "summary.unopportune": {
        "es": "{n} dolor(es) sin oportunidad de mejora: {names}. Anótela en el punto (Ctrl+P), o Ctrl+D otra vez completa igualmente.",
        "en": "{n} pain(s) with no improvement opportunity: {names}. Note one on the touchpoint (Ctrl+P), or Ctrl+D again completes anyway.",
    },
    "key.goto_missing": {"es": "Ir a lo que falta", "en": "Go to missing"},
    "summary.export_title": {
        "es": "Exportar la entrevista a un archivo JSON",
        "en": "Export the interview to a JSON file",
    },
    "summary.exported": {"es": "Exportada a {path}", "en": "Exported to {path}"},
    "summary.export_failed": {
        "es": "No se pudo exportar a {path}: {error}",
        "en": "Could not export to {path}: {error}",
    },
    "summary.export_help": {
        "es": "La ruta del archivo (se crea solo para usted, 0600). Enter exporta; Esc cancela.",
        "en": "The file's path (created readable by you only, 0600). Enter exports; Esc cancels.",
    },
    "summary.replace": {
        "es": "{path} ya existe. ¿Reemplazarlo?",
        "en": "{path} already exists. Replace it?",
    },
    "key.replace": {"es": "Reemplazar", "en": "Replace"},
    "summary.status": {"es": "Estado: {status}", "en": "Status: {status}"},
    "quit.confirm": {
        "es": "¿Salir de cjtui? Todo lo respondido está guardado.",
        "en": "Quit cjtui? Everything answered is saved.",
    },
    "import.decided_ours": {
        "es": "Sesión {id}: conflicto resuelto a favor de la versión de aquí; la próxima "
        "exportación --changed-since la lleva al otro servidor, que la toma como continuación.",
        "en": "Session {id}: conflict decided for the version here; the next export "
        "--changed-since carries it to the other server, which takes it as going on.",
    },
    "import.moved": {
        "es": "Sesión {id}: pasa del estudio {old} al {new} (queda anotado en el registro de {new}).",
        "en": "Session {id}: moved from study {old} into {new} (noted in {new}'s log).",
    },
    "progress.import": {"es": "Importando: {done} sesiones", "en": "Importing: {done} sessions"},
    "progress.import.of": {
        "es": "Importando: {done} de {total} sesiones ({share} %)",
        "en": "Importing: {done} of {total} sessions ({share}%)",
    },
    "progress.export": {"es": "Exportando: {done} sesiones", "en": "Exporting: {done} sessions"},
    "progress.export.of": {
        "es": "Exportando: {done} de {total} sesiones ({share} %)",
        "en": "Exporting: {done} of {total} sessions ({share}%)",
    },
    "progress.read": {"es": "Leyendo: {done} entrevistas", "en": "Reading: {done} interviews"},
    "progress.read.of": {
        "es": "Leyendo: {done} de {total} entrevistas ({share} %)",
        "en": "Reading: {done} of {total} interviews ({share}%)",
    },
    "progress.doctor": {"es": "Revisando: {done} sesiones", "en": "Checking: {done} sessions"},
    "progress.doctor.of": {
        "es": "Revisando: {done} de {total} sesiones ({share} %)",
        "en": "Checking: {done} of {total} sessions ({share}%)",
    },
    "backlog.title": {"es": "Oportunidades ({n})", "en": "Opportunities ({n})"},
    "backlog.priority": {
        "es": "prioridad {priority} ({basis})",
        "en": "priority {priority} ({basis})",
    },
    "backlog.line": {
        "es": "estado {status} · esfuerzo {effort} · responsable {owner} · proceso {process}",
        "en": "status {status} · effort {effort} · owner {owner} · process {process}",
    },
    "backlog.evidence.one": {
        "es": "evidencia: {n} cliente (persona) sintió dolor en sus puntos de contacto; gravedad media {severity}; etapas: {stages}",
        "en": "evidence: {n} customer (person) felt a pain at its touchpoints; mean severity {severity}; stages: {stages}",
    },
    "backlog.evidence.other": {
        "es": "evidencia: {n} clientes (personas) sintieron dolor en sus puntos de contacto; gravedad media {severity}; etapas: {stages}",
        "en": "evidence: {n} customers (people) felt a pain at its touchpoints; mean severity {severity}; stages: {stages}",
    },
    "backlog.reason": {
        "es": "prioridad fijada a mano: {reason}",
        "en": "priority set by hand: {reason}",
    },
    "backlog.candidates": {
        "es": "Candidatas de las entrevistas, aún fuera ({n})",
        "en": "Candidates from the interviews, not yet in it ({n})",
    },
    "backlog.interviews.one": {"es": "{n} entrevista", "en": "{n} interview"},
    "backlog.interviews.other": {"es": "{n} entrevistas", "en": "{n} interviews"},
    "backlog.open": {
        "es": "Dolores sin oportunidad aceptada ({n})",
        "en": "Pains that no accepted opportunity answers ({n})",
    },
    "backlog.people.one": {"es": "{n} persona", "en": "{n} person"},
    "backlog.people.other": {"es": "{n} personas", "en": "{n} people"},
    "backlog.no_touchpoint": {"es": "sin punto de contacto", "en": "no touchpoint"},
    "backlog.description": {
        "es": "{people} clientes sintieron dolor (gravedad media {severity}) en {touchpoints}; etapas: {stages}.",
        "en": "{people} customers felt a pain (mean severity {severity}) at {touchpoints}; stages: {stages}.",
    },
    "backlog.accepted": {"es": "Oportunidad {id}: {title}", "en": "Opportunity {id}: {title}"},
    "backlog.merged.one": {
        "es": "Oportunidad {id}: se le sumó {n} más.",
        "en": "Opportunity {id}: {n} more folded into it.",
    },
    "backlog.merged.other": {
        "es": "Oportunidad {id}: se le sumaron {n} más.",
        "en": "Opportunity {id}: {n} more folded into it.",
    },
    "backlog.basis.set": {"es": "fijada a mano", "en": "set by hand"},
    "xlsx.sheet.map": {"es": "Mapa", "en": "Map"},
    "xlsx.sheet.touchpoints": {"es": "Puntos de contacto", "en": "Touchpoints"},
    "xlsx.sheet.opportunities": {"es": "Oportunidades", "en": "Opportunities"},
    "xlsx.sheet.how": {"es": "Cómo se cuenta", "en": "How figures are counted"},
    "xlsx.lane": {"es": "Carril", "en": "Lane"},
    "xlsx.col.stage": {"es": "Etapa", "en": "Stage"},
    "xlsx.col.touchpoint": {"es": "Punto de contacto", "en": "Touchpoint"},
    "xlsx.col.touchpoints": {"es": "Puntos de contacto", "en": "Touchpoints"},
    "xlsx.col.channel": {"es": "Canal", "en": "Channel"},
    "xlsx.col.people": {"es": "Personas (n): {voice}", "en": "People (n): {voice}"},
    "xlsx.col.pain_customers": {
        "es": "Clientes con dolor (personas)",
        "en": "Customers in pain (people)",
    },
    "xlsx.col.mean": {"es": "Media", "en": "Mean"},
    "xlsx.col.thin": {"es": "Evidencia escasa", "en": "Thin evidence"},
    "xlsx.col.pain_people": {
        "es": "Con dolor (personas): {voice}",
        "en": "In pain (people): {voice}",
    },
    "xlsx.col.moment_of_truth": {"es": "Momento de la verdad", "en": "Moment of truth"},
    "xlsx.col.id": {"es": "ID", "en": "ID"},
    "xlsx.col.rank": {"es": "Puesto", "en": "Rank"},
    "xlsx.col.opportunity": {"es": "Oportunidad", "en": "Opportunity"},
    "xlsx.col.priority": {"es": "Prioridad", "en": "Priority"},
    "xlsx.col.severity": {"es": "Gravedad media", "en": "Mean severity"},
    "xlsx.col.status": {"es": "Estado", "en": "Status"},
    "xlsx.col.owner": {"es": "Responsable", "en": "Owner"},
    "xlsx.col.effort": {"es": "Esfuerzo", "en": "Effort"},
    "xlsx.col.quotes": {"es": "Citas (con permiso)", "en": "Quotes (allowed)"},
    "xlsx.col.process": {"es": "Proceso", "en": "Process"},
    "xlsx.col.note": {"es": "Nota", "en": "Note"},
    "xlsx.col.reason": {
        "es": "Motivo de la prioridad fijada a mano",
        "en": "Why the priority was set by hand",
    },
    "xlsx.how.people": {
        "es": "Las cifras cuentan personas (el código de participante en el estudio), no entrevistas: quien fue entrevistado antes y después cuenta una vez.",
        "en": "Figures count people (the participant's code within the study), not interviews: someone interviewed before and after counts once.",
    },
    "xlsx.how.voices": {
        "es": "La voz de los clientes (lo vivido) no se mezcla con la de la plantilla (lo que cree) ni con las expectativas de antes: se comparan aparte.",
        "en": "Customers' voice (what they lived) is never blended with staff's (what they believe) or with expectations before: they are compared apart.",
    },
    "xlsx.how.thin": {
        "es": "† marca una cifra que descansa en menos de {thin} personas: evidencia escasa.",
        "en": "† marks a figure resting on fewer than {thin} people: thin evidence.",
    },
    "xlsx.how.priority": {
        "es": "La prioridad de una oportunidad es personas con dolor × gravedad media (1–3) de cada una, salvo que el equipo la fije a mano con un motivo.",
        "en": "An opportunity's priority is people who felt a pain × each one's mean severity (1–3), unless the team sets it by hand with a reason.",
    },
    "xlsx.how.quotes": {
        "es": "Solo aparecen citas de quien permitió que se citaran sus palabras.",
        "en": "Only quotes of participants who allowed their words to be quoted appear.",
    },
    "backlog.status.proposed": {"es": "propuesta", "en": "proposed"},
    "backlog.status.planned": {"es": "planificada", "en": "planned"},
    "backlog.status.doing": {"es": "en curso", "en": "doing"},
    "backlog.status.done": {"es": "hecha", "en": "done"},
    "backlog.status.dropped": {"es": "descartada", "en": "dropped"},
    "report.backlog": {
        "es": "Oportunidades de la lista, por prioridad (clientes que sintieron dolor × gravedad)",
        "en": "Backlog opportunities, by priority (customers who felt a pain × severity)",
    },
    "report.open_pains": {
        "es": "Dolores que ninguna oportunidad aceptada atiende (personas)",
        "en": "Pains no accepted opportunity answers (people)",
    },
    "report.col.priority": {"es": "Prioridad", "en": "Priority"},
    "report.col.status": {"es": "Estado", "en": "Status"},
    "report.col.owner": {"es": "Responsable", "en": "Owner"},
    "map.backlog_item.one": {
        "es": "prioridad {priority}: {n} cliente con dolor; {owner}; {status}",
        "en": "priority {priority}: {n} customer in pain; {owner}; {status}",
    },
    "map.backlog_item.other": {
        "es": "prioridad {priority}: {n} clientes con dolor; {owner}; {status}",
        "en": "priority {priority}: {n} customers in pain; {owner}; {status}",
    },
    "xlsx.voice.lived": {"es": "clientes (vivido)", "en": "customers (lived)"},
    "xlsx.voice.expected": {"es": "clientes antes (esperado)", "en": "customers before (expected)"},
    "xlsx.voice.staff": {"es": "plantilla (cree)", "en": "staff (believe)"},
    "map.open_pain.one": {
        "es": "Sin oportunidad: {name} ({n} cliente con dolor)",
        "en": "No opportunity yet: {name} ({n} customer in pain)",
    },
    "map.open_pain.other": {
        "es": "Sin oportunidad: {name} ({n} clientes con dolor)",
        "en": "No opportunity yet: {name} ({n} customers in pain)",
    },
    "backlog.basis.evidence": {"es": "personas × gravedad", "en": "people × severity"},
    "backlog.changed": {
        "es": "Oportunidad {id}: cambió {fields}.",
        "en": "Opportunity {id}: {fields} changed.",
    },
    "behind.header.processes": {
        "es": "PROCESO                   ENTREVISTAS  DOLOR: CLIENTES  NOMBRES EN USO                  RESPONSABLES        PROBLEMAS",
        "en": "PROCESS                    INTERVIEWS  PAIN: CUSTOMERS  NAMES IN USE                    OWNERS              PROBLEMS",
    },
    "behind.header.owners": {
        "es": "RESPONSABLE               ENTREVISTAS  DOLOR: CLIENTES  NOMBRES EN USO",
        "en": "OWNER                      INTERVIEWS  PAIN: CUSTOMERS  NAMES IN USE",
    },
    "behind.merged.processes": {
        "es": "Estudio {study}: {n} nombres de proceso cuentan ahora como «{keep}».",
        "en": "Study {study}: {n} process names now count as “{keep}”.",
    },
    "behind.merged.owners": {
        "es": "Estudio {study}: {n} nombres de responsable cuentan ahora como «{keep}».",
        "en": "Study {study}: {n} owner names now count as “{keep}”.",
    },
    "retention.none": {
        "es": "El estudio {id} no tiene fecha de conservación: cjtui study edit {id} --retain-until AAAA-MM-DD",
        "en": "Study {id} has no retention date: cjtui study edit {id} --retain-until YYYY-MM-DD",
    },
    "retention.not_past": {
        "es": "El estudio {id} conserva sus datos hasta el {until}; nada ha pasado esa fecha.",
        "en": "Study {id} keeps its data until {until}; nothing is past it.",
    },
    "retention.past.one": {
        "es": "El estudio {id} conservaba sus datos hasta el {until} (hace {days} días): {n} sesión ha pasado esa fecha.",
        "en": "Study {id} kept its data until {until} ({days} days ago): {n} session is past it.",
    },
    "retention.past.other": {
        "es": "El estudio {id} conservaba sus datos hasta el {until} (hace {days} días): {n} sesiones han pasado esa fecha.",
        "en": "Study {id} kept its data until {until} ({days} days ago): {n} sessions are past it.",
    },
    "retention.hint": {
        "es": "cjtui retention --study {id} --delete las borra (cada borrado queda en el registro del estudio).",
        "en": "cjtui retention --study {id} --delete deletes them (each deletion is recorded in the study's log).",
    },
    "retention.confirm.one": {
        "es": "¿Borrar para siempre {n} sesión del estudio {id}?",
        "en": "Delete {n} session of study {id} for good?",
    },
    "retention.confirm.other": {
        "es": "¿Borrar para siempre {n} sesiones del estudio {id}?",
        "en": "Delete {n} sessions of study {id} for good?",
    },
    "retention.deleted.one": {
        "es": "Borrada {n} sesión del estudio {id}; su registro lo anota.",
        "en": "Deleted {n} session of study {id}; its log records it.",
    },
    "retention.deleted.other": {
        "es": "Borradas {n} sesiones del estudio {id}; su registro anota cada una.",
        "en": "Deleted {n} sessions of study {id}; its log records each.",
    },
    "retention.left": {
        "es": "Sesión {id}: no se borró ({why})",
        "en": "Session {id}: not deleted ({why})",
    },
    "retention.show": {
        "es": "{until} (pasada hace {days} días: cjtui retention --study {id})",
        "en": "{until} (past {days} days ago: cjtui retention --study {id})",
    },
    "doctor.retention": {
        "es": "aviso: el estudio {id} conserva datos pasada su fecha de conservación ({until}, hace {days} días): cjtui retention --study {id}",
        "en": "warning: study {id} holds data past its retention date ({until}, {days} days ago): cjtui retention --study {id}",
    },
    "home.retention": {
        "es": "Los datos del estudio {id} pasaron su fecha de conservación ({until}): cjtui retention --study {id}",
        "en": "Study {id}'s data is past its retention date ({until}): cjtui retention --study {id}",
    },
    "quit.waiting": {
        "es": "El último cambio espera para guardarse: {who} está escribiendo en el almacén. "
        "¿Esperar a que termine, o salir ya y guardar el cambio en un archivo de recuperación "
        "que cjtui recupera la próxima vez que se abra?",
        "en": "The last change is waiting to be saved: {who} is writing to the store. Wait "
        "for it, or leave now and keep the change in a recovery file that cjtui takes back "
        "the next time it starts?",
    },
    "quit.someone": {"es": "otro proceso", "en": "another process"},
    "quit.wait_on": {
        "es": "Esperando a {who}: el cambio se guarda en cuanto termine.",
        "en": "Waiting for {who}: the change is saved as soon as it is done.",
    },
    "quit.kept": {
        "es": "El último cambio no llegó al almacén: está en {path}; cjtui lo recupera la "
        "próxima vez que se abra con este almacén.",
        "en": "The last change did not reach the store: it is in {path}; cjtui takes it back "
        "the next time it starts on this store.",
    },
    "quit.not_kept": {
        "es": "ningún archivo (no se pudo escribir)",
        "en": "no file (it could not be written)",
    },
    "store.lost_kept": {
        "es": "Lo escrito desde el último guardado está en {path}.",
        "en": "What was typed since the last save is in {path}.",
    },
    "key.leave": {"es": "Salir", "en": "Leave"},
    "key.wait": {"es": "Esperar", "en": "Wait"},
    "quit.unsaved": {
        "es": "¿Salir? ATENCIÓN: el último cambio no se pudo guardar ({error}).",
        "en": "Quit? WARNING: the last change could not be saved ({error}).",
    },
    "save.refused": {
        "es": "No se guardó: {reason}. El texto sigue en pantalla: acórtelo.",
        "en": "Not saved: {reason}. The text is still on screen: shorten it.",
    },
    "stage.too_long": {
        "es": "Demasiado largo: {n} caracteres de {max} como máximo; lo que sobra no se guarda.",
        "en": "Too long: {n} characters, {max} at most; what is over is not saved.",
    },
    "save.failed": {
        "es": "No se pudo guardar: {error}. La respuesta sigue aquí y se reintentará; libere espacio o avise.",
        "en": "Could not save: {error}. The answer is kept here and saving will be retried; free some space or get help.",
    },
    "home.problems": {
        "es": "Archivos dañados (se dejan intactos; revise con cjtui doctor): {files}",
        "en": "Damaged files (left untouched; check with cjtui doctor): {files}",
    },
    "error.action": {"es": "No se pudo hacer: {error}", "en": "Could not do that: {error}"},
    "home.delete_failed": {"es": "No se pudo borrar: {error}", "en": "Could not delete: {error}"},
    "resume.missing": {"es": "No se pudo abrir: {error}", "en": "Could not open: {error}"},
    "help.title": {"es": "Ayuda", "en": "Help"},
    "help.common": {
        "es": "Tab y Mayús+Tab pasan de un campo a otro. Cada respuesta se guarda sola al escribirla. F1 abre esta ayuda; Ctrl+Q sale (después de guardar).",
        "en": "Tab and Shift+Tab move between fields. Every answer saves itself as you type. F1 opens this help; Ctrl+Q quits (after saving).",
    },
    "help.home": {
        "es": "Lista de entrevistas, las que están en curso primero. ↑ ↓ para elegir, Intro para abrir o continuar (una completada abre en su resumen), n para empezar una nueva, / para buscar por alias, segmento o entrevistador/a, d para borrar (pide confirmación), r para el análisis, s para cambiar de estudio (uno, todos, o uno nuevo): la barra superior dice cuál se muestra.",
        "en": "The interviews, those in progress first. ↑ ↓ to choose, Enter to open or resume (a completed one opens on its summary), n to start a new one, / to search by alias, segment or interviewer, d to delete (asks first), r for the analysis, s to switch study (one, all of them, or a new one): the top bar says which is shown.",
    },
    "help.new": {
        "es": "Elija la guía, el idioma, la perspectiva (cliente real o personal interno) y el momento, y escriba un alias. La guía, el idioma y el nombre se recuerdan para la próxima. Ctrl+N empieza; Esc vuelve.",
        "en": "Choose the guide, language, perspective (real customer or internal staff) and moment, and type an alias. The guide, language and name are remembered for next time. Ctrl+N starts; Esc goes back.",
    },
    "help.consent": {
        "es": "Lea el texto al participante. Si acepta, Ctrl+N (o «Acepta»); si no, Ctrl+X (o «No acepta») y no se guardará nada. Esc vuelve al formulario sin perder lo escrito.",
        "en": "Read the text to the participant. If they agree, Ctrl+N (or “Agrees”); if not, Ctrl+X (or “Declines”) and nothing is kept. Esc goes back to the form as it was filled in.",
    },
    "help.editor": {
        "es": "Editor del punto de contacto. Cada fila lleva su número: Ctrl+G y el número van a ella (otra vez: al siguiente campo de la fila). En una lista desplegable, el número de una opción la elige; Intro la abre. La valoración se da con 1–5 o ← →. Cita, nota y oportunidad se ven enteras. Cada cambio se guarda al momento. Esc cierra; Ctrl+N / Ctrl+P cierran y pasan de etapa.",
        "en": "The touchpoint editor. Each row has its number: Ctrl+G and the number go to it (again: to the row's next field). In a dropdown, an option's number chooses it; Enter opens it. The rating takes 1–5 or ← →. Quote, note and opportunity show whole. Every change is saved as you go. Esc closes; Ctrl+N / Ctrl+P close it and move stage.",
    },
    "help.stage": {
        "es": "Ctrl+N y Ctrl+P pasan a la etapa siguiente o anterior (siempre se puede volver y cambiar algo). En una escala, pulse el número dicho (10 = 1 y 0). Ctrl+T pasa de las preguntas a los puntos de contacto y vuelve: a añade, Intro edita, 1–5 valora la emoción, x quita (u lo deshace), Mayús+↑/↓ reordena, Esc vuelve a las preguntas. Ctrl+G lleva a una pregunta obligatoria que quedó sin contestar. Arriba se anota qué fue la etapa para el participante, con sus palabras. Ctrl+O marca la etapa como no vivida; Ctrl+R añade una etapa que vivió y la guía no tiene (con el nombre que le da, donde la vivió; Ctrl+O la quita). En el editor de un punto de contacto, un dolor lleva su tipo (insatisfecho, desorientado, molesto) y, si usted la juzga distinta de la valoración, su gravedad; el proceso, el problema que tenga (ineficiencia, cuello de botella, obstrucción). En la entrevista a un cliente de un estudio con entrevistas internas, Ctrl+B muestra junto a cada punto cómo cree el personal que se siente el cliente (≠ marca diferencias de 2 o más); está oculto hasta que se pide para no condicionar la entrevista.",
        "en": "Ctrl+N and Ctrl+P go to the next or previous stage (you can always go back and change something). On a scale, press the number said (10 = 1 then 0). Ctrl+T goes from the questions to the touchpoints and back: a adds, Enter edits, 1–5 rates the emotion, x removes (u undoes it), Shift+↑/↓ reorders, Esc goes back to the questions. Ctrl+G goes to a required question left unanswered. At the top, note what the stage was for the participant, in their words. Ctrl+O marks the stage as not lived; Ctrl+R adds a stage they lived that the guide lacks (named as they name it, where they lived it; Ctrl+O removes it). In a touchpoint's editor, a pain takes its kind (dissatisfied, disoriented, annoyed) and, where you judge it differs from the rating, its severity; the process, the problem in it (inefficiency, bottleneck, obstruction). In a customer's interview, in a study with staff interviews, Ctrl+B shows beside each touchpoint how staff believe customers feel there (≠ marks differences of 2 or more); it stays hidden until asked for, so it does not lead the interview.",
    },
    "help.summary": {
        "es": "La curva sitúa las emociones positivas sobre el eje, las neutras en él y las negativas debajo; los dolores llevan ✖ y van en rojo. Los puntos valorados van grandes; la línea fina solo los une. Ctrl+D marca la entrevista como completada (si falta algo obligatorio lo lista, y g lleva allí), Ctrl+E la exporta a JSON, Ctrl+P vuelve a la última etapa, m abre el mapa de la entrevista. Con entrevistas internas en el estudio, su curva va punteada detrás y se listan las tres mayores diferencias. Tab y ↓ recorren la lista de la derecha.",
        "en": "The curve puts positive emotions above the axis, neutral on it and negative below; pains are marked ✖ and shown in red. Rated points are drawn large; the thin line only joins them. Ctrl+D marks the interview completed (anything required still missing is listed, and g goes there), Ctrl+E exports it to JSON, Ctrl+P goes back to the last stage, m opens the interview's map. With staff interviews in the study, their curve is dotted behind and the three largest gaps are listed. Tab and ↓ scroll the list on the right.",
    },
}


# Labels of Textual's own key bindings that the key bar can show (a Select's open menu).
TEXTUAL_LABELS: dict[str, dict[str, str]] = {
    "Dismiss menu": {"es": "Cerrar menú", "en": "Close menu"},
    "Dismiss code": {"es": "Cerrar", "en": "Close"},
}


def key_label(description: str, lang: str) -> str:
    """A key bar label in the interface's language: a binding's description is a message
    key (``key.quit``), or one of Textual's own labels."""
    if description in MESSAGES:
        return t(description, lang)
    entry = TEXTUAL_LABELS.get(description)
    return (entry.get(lang) or entry["en"]) if entry else description


def t(key: str, lang: str, **values: object) -> str:
    """The message *key* in *lang* (es or en), filled in with *values*."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


MONTHS = {
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip


def spoken_date(day: str, lang: str) -> str:
    """A day (YYYY-MM-DD) as it is read aloud in *lang*: "31 de diciembre de 2027",
    "31 December 2027"; anything else as it is."""
    try:
        year, month, dom = (int(part) for part in day[:10].split("-"))
        name = MONTHS.get(lang, MONTHS["en"])[month - 1]
    except (ValueError, IndexError):
        return day
    return f"{dom} de {name} de {year}" if lang == "es" else f"{dom} {name} {year}"


def plural(key: str, n: int, lang: str, **values: object) -> str:
    """A count in words with its plural: *key*``.one`` for 1, else *key*``.other``;
    ``{n}`` in the text is the number."""
    return t(f"{key}.{'one' if n == 1 else 'other'}", lang, n=n, **values)


def counted(kind: str, counts: dict[str, int], lang: str) -> str:
    """Coded counts in words: "annoyed 4, disoriented 1" (*kind* is ``pain_kind`` or
    ``problem``, the prefix of their labels)."""
    return ", ".join(f"{t(f'{kind}.{code}', lang)} {n}" for code, n in counts.items())


def channel_label(channel: str, lang: str, name: str = "") -> str:
    """A channel's name in *lang*; "other" with the name the interviewer gave it, if any
    ("Otro: feria del sector")."""
    entry = CHANNEL_LABELS.get(channel)
    label = (entry.get(lang) or entry["en"]) if entry else channel
    return f"{label}: {name}" if channel == "other" and name.strip() else label


def detect_language(explicit: str | None = None) -> str:
    """``--lang`` if given, else Spanish when the locale says so, else English."""
    if explicit in LANGUAGES:
        return explicit
    for var in ("CJTUI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"
