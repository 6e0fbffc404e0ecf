"""What each sample interview adds with guides 3.0 (used by make_samples.py): the trigger
asked before the first stage with how the participant felt at the start (the curve's first
point), the yes/no choice asked before a follow-up, "before" interviews answered as what is
expected of the interaction to come, the expectation rated beside the lived rating where the
guide asks it, a stage's own "what would you change", an "other" channel by its name, and
staff's consent of their own.
"""

from __future__ import annotations

from typing import Any

# How each participant felt at the very start, before the first stage (-2..+2).
START: dict[str, int] = {
    "es_banco_cliente_antes": -1,
    "es_banco_cliente_despues": -1,
    "es_banco_interna": 0,
    "en_clothing_customer_after": 0,
    "en_clothing_internal": 1,
    "es_telco_cliente_despues": -1,
    "es_telco_interna": 0,
    "en_broadband_customer_before_in_progress": -1,
    "en_energy_customer_skipped_stage": 0,
    "es_banco_cliente2_antes": 1,
    "es_banco_cliente2_despues": 1,
    "es_energia_interna": 0,
    "es_energia_cliente": -1,
}

# What customers had expected of a touchpoint, rated beside how it felt, in the stage where
# the guide asks it (inbound: decision; full: purchase and use).
EXPECTED: dict[str, dict[str, int]] = {
    "es_banco_cliente_despues": {"Envío de documentación": 0, "Oferta vinculante por correo": 1},
    "es_banco_cliente2_despues": {"Envío de documentación": 0, "Oferta vinculante por correo": 2},
    "es_energia_cliente": {"Primera factura estimada": 1, "Lectura del contador por correo": 0},
    "en_energy_customer_skipped_stage": {
        "Welcome letter": 1,
        "Estimated first bill": 1,
        "Meter reading by post": 0,
    },
    "en_clothing_customer_after": {"Delivery": 1, "Returns label": 0, "Refund": 1},
    "es_telco_cliente_despues": {
        "Instalación de la fibra": 0,
        "Portabilidad del móvil": 1,
        "Llamada a atención al cliente": 0,
    },
}

# A channel the guide's list does not name: "other", with what it was.
OTHER_CHANNEL: dict[str, dict[str, str]] = {
    "es_banco_cliente2_despues": {
        "Tasación de la vivienda": "visita del tasador (empresa externa)"
    },
}

# Answers a 3.0 interview gives that the earlier layers do not: "before" interviews say
# what they expect of what is to come; a stage's "what would you change".
ANSWERS: dict[str, dict[str, dict[str, Any]]] = {
    "es_banco_cliente_antes": {
        "persona": {
            "trigger": "Encontramos un piso que nos encanta y el vendedor tiene otra oferta: "
            "necesitamos saber ya cuánto nos prestan.",
        },
        "awareness": {"change": "Que el simulador dé una cifra sin pedirme el DNI."},
        "consideration": {
            "options": "Tres bancos y un bróker; llevo una hoja de cálculo con TAE, "
            "vinculaciones y plazos.",
            "compared": "Por la cuota final y por lo que me obligan a contratar con ella.",
            "others": "Con mi pareja y con mi padre, que trabajó en una caja.",
            "felt": "Con la sensación de que me esconden algo.",
            "change": "Que al llamar me pasen con alguien que sepa de hipotecas.",
        },
        "decision": {
            "tipped": "Que en la cita me expliquen la letra pequeña y me la den por escrito.",
            "hesitated": "La llamada: veinte minutos de espera para nada. Si la cita va igual, "
            "me voy al bróker.",
            "went_on": "Que el gestor conozca mi caso antes de sentarme.",
            "expected": "Una oferta por escrito en una semana, sin sorpresas con la tasación.",
            "felt": "Aliviada, si todo está claro.",
            "moment_of_truth": "La cita en la oficina: ahí sabré si me fío de ellos.",
            "ideas": "Que en la cita me den la oferta por escrito, con todos los gastos.",
        },
    },
    "es_banco_cliente2_antes": {
        "persona": {
            "trigger": "El piso de al lado ha salido a la venta y queremos saber si podemos "
            "permitírnoslo.",
        },
        "consideration": {
            "compared": "Por la cuota y por lo que tardan en contestar.",
            "others": "Con los padres de ella, que podrían avalarnos.",
            "felt": "Cansados de repetir lo mismo en cada llamada.",
        },
    },
    "en_broadband_customer_before_in_progress": {
        "persona": {"trigger": "My calls keep dropping during exams."},
        "consideration": {"compared": "Price first, then what reviews say about evenings."},
    },
    "es_banco_cliente_despues": {
        "decision": {"change": "Que un gestor revise los papeles antes de pedir más."},
    },
    "es_banco_cliente2_despues": {
        "persona": {
            "trigger": "Salió a la venta el piso de al lado y quisimos saber si podíamos "
            "permitírnoslo.",
        },
        "awareness": {"first_heard": "people"},
    },
    "en_clothing_customer_after": {
        "purchase": {"change": "A returns QR code I could show at the post office."},
    },
    "es_telco_cliente_despues": {
        "purchase": {"change": "Que no corten la línea del móvil hasta que funcione la nueva."},
    },
}

# The yes/no choice asked before a follow-up, given where the follow-up was answered.
FOLLOW_UPS = {
    "considered": ("options", "compared"),
    "hesitated_any": ("hesitated", "went_on"),
    "stuck_any": ("stuck", "stuck_then"),
    "leaving_any": ("thought_of_leaving",),
}


def stage_answers(
    name: str, stage_id: str, answers: dict[str, Any], raw: dict[str, Any]
) -> dict[str, Any]:
    """A stage's answers (as the earlier layers give them) as a 3.0 interview takes them.
    *raw* is the stage's answers as the sample wrote them (for what 3.0 asks otherwise)."""
    out = {k: v for k, v in answers.items() if k != "trigger"}  # asked before the stages
    if raw.get("again") == "maybe" and raw.get("leave_reason"):
        out["thought_of_leaving"] = raw["leave_reason"]
    if "nearly_quit" in raw and "hesitated" not in out:
        out["hesitated_any"] = "yes" if raw["nearly_quit"] else "no"
    out.update(ANSWERS.get(name, {}).get(stage_id, {}))
    for choice, follow_ups in FOLLOW_UPS.items():
        if any(out.get(q) for q in follow_ups):
            out[choice] = "yes"
    return out


def persona_answers(name: str, stages: dict[str, Any]) -> dict[str, Any]:
    """What 3.0 asks before the first stage: the trigger (asked in awareness before) and
    how they felt at the start."""
    awareness = stages.get("awareness")
    out: dict[str, Any] = {}
    if isinstance(awareness, dict) and awareness.get("answers", {}).get("trigger"):
        out["trigger"] = awareness["answers"]["trigger"]
    out.update(ANSWERS.get(name, {}).get("persona", {}))
    if name in START:
        out["start_felt"] = START[name]
    return out


# A "before" interview rates what is still to come (what they expect of it); what they have
# already been through is told in the story and the stage's answers, not rated as an
# expectation. These stages replace what the earlier layers gave the two bank "before"
# interviews.
STAGES: dict[str, dict[str, dict[str, Any]]] = {
    "es_banco_cliente_antes": {
        "awareness": {"touchpoints": []},
        "consideration": {"touchpoints": []},
        "decision": {
            "touchpoints": [
                {
                    "name": "Cita en la oficina",
                    "channel": "in_person",
                    "emotion": 1,
                    "note": "Espera que el gestor conozca su caso antes de sentarse.",
                    "process": "Venta en oficina",
                    "owner": "Red de oficinas",
                },
                {
                    "name": "Envío de documentación",
                    "channel": "mail",
                    "emotion": 0,
                    "note": "Teme tener que mandar los mismos papeles varias veces.",
                    "process": "Estudio de riesgos",
                    "owner": "Riesgos",
                },
                {
                    "name": "Oferta vinculante por correo",
                    "channel": "mail",
                    "emotion": 1,
                    "note": "Quiere la oferta por escrito para compararla con la del bróker.",
                    "process": "Formalización",
                    "owner": "Riesgos",
                },
            ],
        },
    },
    "es_banco_cliente2_antes": {
        "awareness": {"touchpoints": []},
        "consideration": {"touchpoints": []},
        "decision": {
            "words": "Todavía no ha llegado: esperan la cita para saber si les dan la hipoteca.",
            "answers": {
                "tipped": "La cuota, y poder firmar la compra el mismo día que venden su piso.",
                "hesitated_any": "not_sure",
                "expected": "Que les pidan los papeles una vez y les den fecha de tasación.",
                "felt": "Nerviosos: si se alarga, pierden al comprador de su piso.",
                "moment_of_truth": "La tasación: de ella depende todo lo demás.",
            },
            "touchpoints": [
                {
                    "name": "Cita en la oficina",
                    "channel": "in_person",
                    "emotion": 1,
                    "note": "La cuñada les habló bien de la gestora.",
                    "process": "Venta en oficina",
                    "owner": "Red de oficinas",
                },
                {
                    "name": "Envío de documentación",
                    "channel": "mail",
                    "emotion": -1,
                    "note": "Esperan tener que repetir papeles, como con las otras entidades.",
                    "process": "Estudio de riesgos",
                    "owner": "Riesgos",
                },
                {
                    "name": "Tasación de la vivienda",
                    "channel": "in_person",
                    "emotion": 0,
                    "note": "No saben cuánto tardará; les preocupa el plazo.",
                    "process": "Tasación",
                    "owner": "Riesgos",
                },
            ],
        },
    },
}
