"""The user interface's words in Spanish and English.

Guides carry their own text; this module holds everything else that cjtui says to a person.
``t(key, lang, **values)`` looks a message up and fills it in; a missing Spanish text falls
back to English, and a missing key is a bug that tests catch (see tests/test_i18n.py).
"""

from __future__ import annotations

import os

from .model import LANGUAGES

CHANNEL_LABELS: dict[str, dict[str, str]] = {
    "in_person": {"es": "En persona", "en": "In person"},
    "physical": {"es": "Físico", "en": "Physical"},
    "mail": {"es": "Correo", "en": "Mail"},
    "phone": {"es": "Teléfono", "en": "Phone"},
    "web": {"es": "Web", "en": "Web"},
    "mobile_app": {"es": "App móvil", "en": "Mobile app"},
    "other": {"es": "Otro", "en": "Other"},
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
    # list
    "list.header": {
        "es": "ID        ESTADO       GUÍA     PERSPECTIVA  MOMENTO  ALIAS                 PROGRESO  ACTUALIZADA",
        "en": "ID        STATUS       GUIDE    PERSPECTIVE  MOMENT   ALIAS                 PROGRESS  UPDATED",
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
    "show.owner": {"es": "Responsable", "en": "Owner"},
    "show.opportunity": {"es": "Oportunidad", "en": "Opportunity"},
    "show.note": {"es": "Nota", "en": "Note"},
    # import / export / delete
    "import.done": {
        "es": "Importadas {written} entrevistas en {store}.",
        "en": "Imported {written} sessions into {store}.",
    },
    "import.skipped": {
        "es": "Omitida {id}: ya estaba guardada (use --replace para sobrescribirla).",
        "en": "Skipped {id}: already stored (use --replace to overwrite it).",
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
    "guides.scale": {"es": "Escala de emoción", "en": "Emotion scale"},
    "guides.persona": {"es": "Persona", "en": "Persona"},
    "guides.suggested": {"es": "Puntos de contacto sugeridos", "en": "Suggested touchpoints"},
    "guides.when": {"es": "si", "en": "if"},
    "guides.consent": {"es": "Texto de consentimiento", "en": "Consent text"},
}


def t(key: str, lang: str, **values: object) -> str:
    """The message *key* in *lang* (es or en), filled in with *values*."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def channel_label(channel: str, lang: str) -> str:
    entry = CHANNEL_LABELS.get(channel)
    return (entry.get(lang) or entry["en"]) if entry else channel


def detect_language(explicit: str | None = None) -> str:
    """``--lang`` if given, else Spanish when the locale says so, else English."""
    if explicit in LANGUAGES:
        return explicit
    for var in ("CJTUI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"
