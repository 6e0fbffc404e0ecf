"""Write sample_sessions/: realistic interviews replayed through the model, then exported,
and the record of each study they belong to (NAME.study.json, as `cjtui study show ID
--json` prints it), so that `cjtui import sample_sessions/` recreates whole studies.

Run from the repository root: python scripts/make_samples.py
Each session file is exactly what `cjtui export ID` prints for that session.
"""

from __future__ import annotations

import hashlib
import random
import re
from datetime import datetime, timedelta
from pathlib import Path

from sample_method import ALIASES, METHOD, PARAPHRASED, map_answers
from sample_v3 import EXPECTED, OTHER_CHANNEL, STAGES, persona_answers, stage_answers

from cjtui.base import jsonio
from cjtui.base.plain import fold
from cjtui.domain.guide import builtin_guide
from cjtui.domain.model import Session, new_touchpoint
from cjtui.domain.study import Study, new_study
from cjtui.exchange import to_json

OUT = Path(__file__).resolve().parent.parent / "sample_sessions"


class Clock:
    """Time as an interview goes: each step takes about the seconds given, more or less as a
    person takes it (the same every run: seeded by the session)."""

    def __init__(self, start: str, seed: str):
        self.t = datetime.fromisoformat(start)
        self.random = random.Random(seed)

    def __call__(self, seconds: int = 45) -> str:
        if seconds:
            seconds = round(seconds * self.random.uniform(0.4, 2.6))
        self.t += timedelta(seconds=seconds)
        return self.t.isoformat() + "Z"


# Each file's study, by the start of its name; the study records are at the end.
STUDY_OF = {
    "es_banco": "banco-hipoteca",
    "en_clothing": "online-retail",
    "es_telco": "telco-fibra",
    "en_energy": "energy-billing",
    "es_energia": "energy-billing",
    "en_broadband": "broadband-switch",
}
# Participant codes within their study: the same person before and after keeps one.
CODES = {
    "Lucía (hipoteca)": "P-001",
    "Jorge y Ana (hipoteca)": "P-002",
    "Priya R.": "P-014",
    "Tom K.": "P-003",
    "Mrs. Adeyemi": "P-007",
    "Don Ramiro": "P-002",
    "Carmen (cambio de compañía)": "P-011",
}
# A customer's note written wholly in quotes is their own words: kept as the quote.
QUOTED = re.compile(r'^\s*[«"](.*)[»"]\.?\s*$', re.S)


def study_of(name: str) -> str:
    return next(study for prefix, study in STUDY_OF.items() if name.startswith(prefix))


def build(name: str, spec: dict, study: Study) -> Session:  # noqa: C901 (one step of the interview after another)
    guide = builtin_guide(spec["guide"])
    clock = Clock(spec["start"], spec["id"])
    lang = spec["language"]
    method = METHOD[name]
    # A touchpoint named as one of the guide's suggestions (in any language) takes its key.
    suggested = {folded: key for folded, (_, key) in guide.suggested_names().items()}
    s = Session.new(
        guide.ref,
        guide.stage_ids,
        language=lang,
        perspective=spec["perspective"],
        moment=spec.get("moment"),
        interviewer=spec["interviewer"],
        alias=ALIASES.get(spec["alias"], spec["alias"]),
        segment=spec["segment"],
        code=CODES.get(spec["alias"], ""),
        study=study_of(name),
        at=clock(0),
        session_id=spec["id"],
        actor=spec["interviewer"],  # who made each change: the interviewer's user name
    )
    # The text read aloud (staff's own to staff), with the study's controller, contact and
    # retention filled in.
    text = study.fill_consent(guide.consent_text(lang, spec["perspective"]), lang)
    sha = study.keep_consent_text(text)
    quotes = spec.get("quotes", spec["perspective"] == "internal")  # staff mostly agree
    s.give_consent(sha, quotes=bool(quotes), at=clock(90))
    persona = {
        **spec["persona"],
        "story": method["story"],
        **persona_answers(name, spec["stages"]),
    }
    for question in guide.persona:  # asked in the guide's order
        if question.id in persona:
            s.set_persona(question.id, persona[question.id], at=clock(50))
    added = method.get("added")
    for stage_id, content in spec["stages"].items():
        if stage_id in STAGES.get(name, {}):  # as guides 3.0 take it (see sample_v3)
            given = STAGES[name][stage_id]
            content = {**(content if isinstance(content, dict) else {}), **given}
            if "answers" in given:
                content["answers"] = given["answers"]
        if content == "skipped":
            s.set_skipped(stage_id, True, at=clock(20))
            continue
        words = content.get("words") or method["words"].get(stage_id)
        if words:
            s.set_stage_text(stage_id, "words", words, at=clock(40))
        answers = {**map_answers(stage_id, content.get("answers", {}))}
        answers.update(method["answers"].get(stage_id, {}))
        answers = stage_answers(name, stage_id, answers, content.get("answers", {}))
        for question in guide.stage(stage_id).questions:
            if answers.get(question.id) is not None:
                s.set_answer(stage_id, question.id, answers[question.id], at=clock(70))
        for tp in content.get("touchpoints", []):
            if isinstance(tp, dict):
                tp = dict(tp)
                tp_name, channel, emotion = tp.pop("name"), tp.pop("channel"), tp.pop("emotion")
                key = tp.pop("key", "")
                fields = tp
            else:
                tp_name, channel, emotion, note, process, owner, opportunity = tp[:7]
                key = ""
                fields = {
                    "note": note,
                    "process": process,
                    "owner": owner,
                    "opportunity": opportunity,
                }
                if len(tp) > 7:
                    fields["pain"] = tp[7]
            quoted = QUOTED.match(fields.get("note", ""))
            if quoted and spec["perspective"] == "customer" and spec.get("quotes"):
                fields["quote"], fields["note"] = quoted.group(1).strip(), ""
            elif quoted:
                fields["note"] = PARAPHRASED[fields["note"]]
            key = key or suggested.get(fold(tp_name), "")
            # Stable ids, so that rebuilding the samples changes nothing that did not change.
            tp_id = hashlib.sha256(f"{spec['id']}/{stage_id}/{tp_name}".encode()).hexdigest()[:8]
            where = stage_id
            if added and tp_name in added["move"]:  # lived in a stage the guide lacks
                where = _added_stage(s, added, clock)
            tp_new = s.add_touchpoint(
                where, new_touchpoint(tp_name, channel, id=tp_id, key=key), at=clock(30)
            )
            s.update_touchpoint(tp_new.id, emotion=emotion, at=clock(20))
            if tp_name in EXPECTED.get(name, {}):  # what they had expected, beside it
                s.update_touchpoint(tp_new.id, expected=EXPECTED[name][tp_name], at=clock(15))
            if tp_name in OTHER_CHANNEL.get(name, {}):
                s.update_touchpoint(
                    tp_new.id,
                    channel="other",
                    channel_name=OTHER_CHANNEL[name][tp_name],
                    at=clock(15),
                )
            s.update_touchpoint(tp_new.id, at=clock(60), **{k: v for k, v in fields.items() if v})
            extra = method["touchpoints"].get(tp_name)
            if extra:
                s.update_touchpoint(tp_new.id, at=clock(25), **extra)
    if spec.get("status", "completed") == "completed":
        s.set_status("completed", at=clock(90))
    return s


BANK_TP = {
    "ad": "Anuncio en el metro",
    "web": "Simulador de hipoteca en la web",
    "call": "Llamada al centro de atención",
    "branch": "Cita en la oficina",
    "docs": "Envío de documentación",
    "offer": "Oferta vinculante por correo",
}

SPECS: list[tuple[str, dict]] = [
    (
        "es_banco_cliente_antes",
        {
            "id": "0b6f1c2e-3d4a-4b5c-9d6e-7f8091a2b3c4",
            "guide": "inbound",
            "language": "es",
            "perspective": "customer",
            "moment": "before",
            "interviewer": "marta.ruiz",
            "alias": "Lucía (hipoteca)",
            "segment": "Primera vivienda",
            "start": "2026-09-14T09:02:00",
            "quotes": True,
            "persona": {
                "context": "Enfermera de 31 años; va a comprar su primer piso con su pareja.",
                "age_range": "25_34",
                "needs": "Una hipoteca a tipo fijo que pueda entender sin letra pequeña.",
                "frustrations": "Que cada banco le pida los mismos papeles y nadie le conteste por escrito.",
                "motivations": "Sentir que alguien le acompaña; el precio importa, pero la claridad más.",
            },
            "stages": {
                "awareness": {
                    "answers": {
                        "trigger": "Encontramos un piso que nos encantaba y el vendedor tenía otra oferta; necesitábamos saber cuánto nos prestaban ya.",
                        "first_heard": "advert",
                        "expected": "Un número orientativo en diez minutos.",
                        "felt": "Nervios y prisa.",
                        "doubts": "Si con un contrato temporal me darían algo.",
                    },
                    "touchpoints": [
                        (
                            BANK_TP["ad"],
                            "physical",
                            1,
                            '«Me llamó la atención lo de "sin comisiones"».',
                            "Campañas de marca",
                            "Marketing",
                            "",
                        ),
                        (
                            BANK_TP["web"],
                            "web",
                            -1,
                            "Me pedía el DNI antes de darme ningún dato.",
                            "Captación digital",
                            "Canal digital",
                            "Dar una cifra orientativa sin datos personales.",
                        ),
                    ],
                },
                "consideration": {
                    "answers": {
                        "options": "Tres bancos y un bróker. Hice una hoja de cálculo con TAE, vinculaciones y plazos.",
                        "sources": ["website", "comparison", "people"],
                        "missing": "Nadie explicaba qué pasaba si dejaba de tener la nómina domiciliada.",
                        "thoughts": "Que me estaban escondiendo algo.",
                        "effort": 4,
                        "others_involved": True,
                        "others_who": "Mi pareja y mi padre, que trabajó en una caja.",
                    },
                    "touchpoints": [
                        (
                            BANK_TP["call"],
                            "phone",
                            -2,
                            "«Veinte minutos de musiquita para que me dijeran que fuera a la oficina».",
                            "Atención telefónica",
                            "Contact center",
                            "Derivar a un gestor hipotecario con cita en la misma llamada.",
                        ),
                    ],
                },
                "decision": {
                    "answers": {
                        "tipped": "Aún no he decidido: depende de la cita en la oficina.",
                        "nearly_quit": False,
                        "effort": 4,
                        "moment_of_truth": "La llamada: casi descarto el banco ahí.",
                    },
                    "touchpoints": [],
                },
            },
        },
    ),
    (
        "es_banco_cliente_despues",
        {
            "id": "1c7a2d3f-4e5b-4c6d-8e7f-8091a2b3c4d5",
            "guide": "inbound",
            "language": "es",
            "perspective": "customer",
            "moment": "after",
            "interviewer": "marta.ruiz",
            "alias": "Lucía (hipoteca)",
            "segment": "Primera vivienda",
            "start": "2026-10-20T17:30:00",
            "quotes": True,
            "persona": {
                "context": "La misma participante, tras firmar la hipoteca.",
                "age_range": "25_34",
                "needs": "Cerrar la hipoteca antes de que caducara la reserva del piso.",
                "motivations": "Tranquilidad.",
            },
            "stages": {
                "awareness": {
                    "answers": {
                        "trigger": "La reserva del piso caducaba en seis semanas.",
                        "first_heard": "advert",
                        "felt": "Con prisa, pero más informada que la primera vez.",
                    },
                    "touchpoints": [
                        (
                            BANK_TP["ad"],
                            "physical",
                            0,
                            "Ya no le prestaba atención.",
                            "Campañas de marca",
                            "Marketing",
                            "",
                        ),
                        (
                            BANK_TP["web"],
                            "web",
                            -1,
                            "Sigue pidiendo el DNI para simular.",
                            "Captación digital",
                            "Canal digital",
                            "Simulación anónima.",
                        ),
                    ],
                },
                "consideration": {
                    "answers": {
                        "options": "Al final solo dos: este banco y el del bróker.",
                        "sources": ["visit", "people"],
                        "missing": "Un calendario claro de los pasos hasta la firma.",
                        "effort": 3,
                        "others_involved": False,
                    },
                    "touchpoints": [
                        (
                            BANK_TP["call"],
                            "phone",
                            -1,
                            "Me dieron cita, pero tardaron en cogerlo.",
                            "Atención telefónica",
                            "Contact center",
                            "Devolución de llamada en vez de espera.",
                        ),
                        (
                            BANK_TP["branch"],
                            "in_person",
                            2,
                            "«La gestora me lo explicó todo con un papel y un boli; por fin lo entendí».",
                            "Venta en oficina",
                            "Red de oficinas",
                            "Que cada cliente hipotecario tenga gestora asignada desde el principio.",
                        ),
                    ],
                },
                "decision": {
                    "answers": {
                        "tipped": "La gestora y que me dieran la oferta por escrito en 48 horas.",
                        "nearly_quit": True,
                        "nearly_quit_why": "Me pidieron tres veces la misma vida laboral; estuve a punto de irme con el bróker.",
                        "effort": 4,
                        "moment_of_truth": "La cita en la oficina me ganó; la documentación casi me pierde.",
                    },
                    "touchpoints": [
                        (
                            BANK_TP["docs"],
                            "mail",
                            -2,
                            "«Tres veces la vida laboral. Tres»",
                            "Estudio de riesgos",
                            "Riesgos",
                            "Un único buzón de documentos con acuse de recibo.",
                        ),
                        (
                            BANK_TP["offer"],
                            "mail",
                            1,
                            "Llegó a tiempo y clara.",
                            "Formalización",
                            "Riesgos",
                            "",
                        ),
                    ],
                },
            },
        },
    ),
    (
        "es_banco_interna",
        {
            "id": "2d8b3e4a-5f6c-4d7e-9f80-91a2b3c4d5e6",
            "guide": "inbound",
            "language": "es",
            "perspective": "internal",
            "moment": None,
            "interviewer": "marta.ruiz",
            "alias": "Equipo hipotecas (oficina centro)",
            "segment": "Primera vivienda",
            "start": "2026-09-02T11:00:00",
            "persona": {
                "context": "Cómo imagina el equipo al cliente de primera vivienda: joven, con prisa, poco ahorro.",
                "needs": "Saber cuánto le prestan y cuánto pagará al mes.",
                "frustrations": "Creen que le molesta sobre todo el precio.",
            },
            "stages": {
                "awareness": {
                    "answers": {
                        "trigger": "Suponen que empieza al ver el piso, ya con prisa.",
                        "first_heard": "search",
                        "expected": "Una cuota mensual aproximada.",
                    },
                    "touchpoints": [
                        (BANK_TP["ad"], "physical", 1, "", "Campañas de marca", "Marketing", ""),
                        (
                            BANK_TP["web"],
                            "web",
                            1,
                            "El equipo cree que el simulador funciona bien.",
                            "Captación digital",
                            "Canal digital",
                            "",
                        ),
                    ],
                },
                "consideration": {
                    "answers": {
                        "options": "Piensan que compara sobre todo el diferencial.",
                        "sources": ["website", "comparison"],
                        "effort": 2,
                        "others_involved": False,
                    },
                    "touchpoints": [
                        (
                            BANK_TP["call"],
                            "phone",
                            0,
                            "Creen que la derivación a oficina es lo esperado.",
                            "Atención telefónica",
                            "Contact center",
                            "",
                        ),
                        (
                            BANK_TP["branch"],
                            "in_person",
                            2,
                            "",
                            "Venta en oficina",
                            "Red de oficinas",
                            "",
                        ),
                    ],
                },
                "decision": {
                    "answers": {
                        "tipped": "El precio.",
                        "nearly_quit": False,
                        "effort": 2,
                    },
                    "touchpoints": [
                        (
                            BANK_TP["docs"],
                            "mail",
                            -1,
                            "Reconocen que se piden papeles repetidos.",
                            "Estudio de riesgos",
                            "Riesgos",
                            "Revisar la lista de documentos.",
                        ),
                        (BANK_TP["offer"], "mail", 1, "", "Formalización", "Riesgos", ""),
                    ],
                },
            },
        },
    ),
    (
        "en_clothing_customer_after",
        {
            "id": "3e9c4f5b-6a7d-4e8f-8a91-a2b3c4d5e6f7",
            "guide": "full",
            "language": "en",
            "perspective": "customer",
            "moment": "after",
            "interviewer": "sam.okafor",
            "alias": "Priya R.",
            "segment": "Online returner",
            "start": "2026-10-03T14:10:00",
            "quotes": True,
            "persona": {
                "context": "Works in a design studio; buys most clothes online, often in two sizes.",
                "age_range": "35_49",
                "needs": "A winter coat that fits, delivered before a trip.",
                "frustrations": "Returns that take weeks to refund.",
                "motivations": "Good cut and honest sizing; happy to pay more for both.",
            },
            "stages": {
                "awareness": {
                    "answers": {
                        "trigger": "Her old coat's zip broke two weeks before a trip to Oslo.",
                        "first_heard": "social",
                        "expected": "Something warm but not bulky.",
                        "felt": "Slightly panicked about the deadline.",
                    },
                    "touchpoints": [
                        (
                            "Instagram post",
                            "mobile_app",
                            1,
                            "Saw the coat on a friend's story.",
                            "Social media",
                            "Brand team",
                            "",
                        ),
                    ],
                },
                "consideration": {
                    "answers": {
                        "options": "Two coats from us, one from a department store.",
                        "sources": ["website", "reviews"],
                        "missing": "Whether the size guide was for the coat or for the whole range.",
                        "thoughts": "I'll order two sizes and send one back.",
                        "effort": 3,
                        "others_involved": False,
                    },
                    "touchpoints": [
                        (
                            "Product page",
                            "web",
                            0,
                            "Nice photos, vague size guide.",
                            "Product content",
                            "E-commerce",
                            "Garment measurements on every product page.",
                        ),
                        (
                            "Size guide chat",
                            "web",
                            -1,
                            "The bot only linked to the same size guide.",
                            "Customer service",
                            "CS team",
                            "Hand over to a person for fit questions.",
                        ),
                    ],
                },
                "decision": {
                    "answers": {
                        "tipped": "Free returns and next-day delivery.",
                        "nearly_quit": False,
                        "effort": 2,
                        "moment_of_truth": "Seeing 'free returns' at checkout.",
                    },
                    "touchpoints": [
                        (
                            "Checkout",
                            "web",
                            1,
                            "Quick, remembered my address.",
                            "Checkout",
                            "E-commerce",
                            "",
                        ),
                    ],
                },
                "purchase": {
                    "answers": {
                        "how_bought": "web",
                        "first_use": "Both sizes arrived the next day; the smaller one fitted perfectly.",
                        "stalled": "Printing the returns label: she has no printer.",
                        "promise": "partly",
                        "promise_gap": "Returns were free but needed a printed label.",
                    },
                    "touchpoints": [
                        (
                            "Delivery",
                            "physical",
                            2,
                            '"Next day, as promised, and the courier texted a slot."',
                            "Fulfilment",
                            "Logistics",
                            "",
                        ),
                        (
                            "Returns label",
                            "mail",
                            -2,
                            '"I had to go to a copy shop to print a label for a free return."',
                            "Returns",
                            "Logistics",
                            "QR-code returns at drop-off points, no printing.",
                        ),
                        (
                            "Refund",
                            "mail",
                            -1,
                            "Took 12 days to see the money.",
                            "Refunds",
                            "Finance",
                            "Refund on drop-off scan, not on warehouse receipt.",
                        ),
                    ],
                },
                "loyalty": {
                    "answers": {
                        "again": "maybe",
                        "leave_reason": "Another slow refund.",
                        "recommend": 7,
                        "recommend_why": "Great coat, annoying returns.",
                        "moment_of_truth": "The copy shop.",
                    },
                    "touchpoints": [
                        ("Review request email", "mail", 0, "", "CRM", "Marketing", ""),
                    ],
                },
            },
        },
    ),
    (
        "en_clothing_internal",
        {
            "id": "4fad5a6c-7b8e-4f90-9ba2-b3c4d5e6f708",
            "guide": "full",
            "language": "en",
            "perspective": "internal",
            "moment": None,
            "interviewer": "sam.okafor",
            "alias": "Logistics & CS leads",
            "segment": "Online returner",
            "start": "2026-09-25T10:00:00",
            "persona": {
                "context": "How the team pictures an online returner: price-driven, buys several sizes.",
                "needs": "Low prices and fast delivery.",
            },
            "stages": {
                "awareness": {
                    "answers": {"trigger": "Seasonal need; a promotion.", "first_heard": "advert"},
                    "touchpoints": [
                        ("Instagram post", "mobile_app", 1, "", "Social media", "Brand team", ""),
                    ],
                },
                "consideration": {
                    "answers": {
                        "options": "Compares prices with competitors.",
                        "effort": 2,
                        "others_involved": False,
                    },
                    "touchpoints": [
                        ("Product page", "web", 1, "", "Product content", "E-commerce", ""),
                        (
                            "Size guide chat",
                            "web",
                            1,
                            "The team is proud of the bot.",
                            "Customer service",
                            "CS team",
                            "",
                        ),
                    ],
                },
                "decision": {
                    "answers": {"tipped": "Price and free delivery.", "nearly_quit": False},
                    "touchpoints": [
                        ("Checkout", "web", 1, "", "Checkout", "E-commerce", ""),
                    ],
                },
                "purchase": {
                    "answers": {"how_bought": "web", "promise": "yes"},
                    "touchpoints": [
                        ("Delivery", "physical", 2, "", "Fulfilment", "Logistics", ""),
                        (
                            "Returns label",
                            "mail",
                            0,
                            "Assumed everyone can print.",
                            "Returns",
                            "Logistics",
                            "",
                        ),
                        (
                            "Refund",
                            "mail",
                            0,
                            "SLA is 14 days; the team thinks that is fine.",
                            "Refunds",
                            "Finance",
                            "",
                        ),
                    ],
                },
                "loyalty": {
                    "answers": {"again": "yes", "recommend": 8},
                    "touchpoints": [
                        ("Review request email", "mail", 1, "", "CRM", "Marketing", ""),
                    ],
                },
            },
        },
    ),
    (
        "es_telco_cliente_despues",
        {
            "id": "5abe6b7d-8c9f-4a01-8cb3-c4d5e6f70819",
            "guide": "full",
            "language": "es",
            "perspective": "customer",
            "moment": "after",
            "interviewer": "jorge.pena",
            "alias": "Don Ramiro",
            "segment": "Portabilidad fibra y móvil",
            "start": "2026-10-11T10:15:00",
            "persona": {
                "context": "Jubilado, vive en un pueblo; teletrabaja su hija cuando le visita.",
                "age_range": "65_plus",
                "needs": "Una fibra que no se corte y alguien que le coja el teléfono.",
                "frustrations": "Los contestadores automáticos.",
                "motivations": "Que le traten con paciencia.",
            },
            "stages": {
                "awareness": {
                    "answers": {
                        "trigger": "Su hija no podía trabajar con la conexión antigua.",
                        "first_heard": "people",
                        "felt": "Desconfiado: ya le engañaron una vez.",
                    },
                    "touchpoints": [
                        (
                            "Recomendación de la vecina",
                            "in_person",
                            2,
                            "«Si a la Pili le va bien, a mí también».",
                            "",
                            "",
                            "",
                        ),
                    ],
                },
                "consideration": {
                    "answers": {
                        "options": "Solo miró esta compañía y quedarse como estaba.",
                        "sources": ["visit"],
                        "effort": 2,
                        "others_involved": True,
                        "others_who": "Su hija, por teléfono.",
                    },
                    "touchpoints": [
                        (
                            "Tienda del centro comercial",
                            "in_person",
                            1,
                            "Le atendieron bien pero con prisa.",
                            "Venta en tienda",
                            "Canal tiendas",
                            "",
                        ),
                    ],
                },
                "decision": {
                    "answers": {
                        "tipped": "La permanencia corta y que la instalación era gratis.",
                        "nearly_quit": False,
                        "effort": 2,
                    },
                    "touchpoints": [
                        (
                            "Firma del contrato en tableta",
                            "in_person",
                            -1,
                            "No veía bien la letra y no le dieron copia en papel.",
                            "Contratación",
                            "Canal tiendas",
                            "Copia en papel o en letra grande a quien la pida.",
                        ),
                    ],
                },
                "purchase": {
                    "answers": {
                        "how_bought": "in_person",
                        "first_use": "El técnico vino tarde pero lo dejó todo funcionando.",
                        "stalled": "El móvil se quedó sin línea dos días con la portabilidad.",
                        "promise": "no",
                        "promise_gap": "Le dijeron que no se quedaría sin línea.",
                    },
                    "touchpoints": [
                        (
                            "Instalación de la fibra",
                            "in_person",
                            1,
                            "«El chico fue muy amable».",
                            "Instalaciones",
                            "Operaciones de campo",
                            "",
                        ),
                        (
                            "Portabilidad del móvil",
                            "phone",
                            -2,
                            "«Dos días sin teléfono a mis años; no podía llamar al médico»",
                            "Portabilidad",
                            "Operaciones de red",
                            "Avisar por SMS de la ventana de corte y ofrecer una línea provisional.",
                        ),
                        (
                            "Llamada a atención al cliente",
                            "phone",
                            -2,
                            "«Pulsa uno, pulsa dos... y se cortó».",
                            "Atención telefónica",
                            "Contact center",
                            "Opción directa a una persona para mayores de 65.",
                        ),
                    ],
                },
                "loyalty": {
                    "answers": {
                        "again": "maybe",
                        "leave_reason": "Otro corte así.",
                        "recommend": 5,
                        "recommend_why": "La fibra va bien, el resto no.",
                        "moment_of_truth": "Los dos días sin móvil.",
                    },
                    "touchpoints": [
                        (
                            "Primera factura",
                            "mail",
                            0,
                            "Cuadraba con lo contratado.",
                            "Facturación",
                            "Finanzas",
                            "",
                        ),
                    ],
                },
            },
        },
    ),
    (
        "es_telco_interna",
        {
            "id": "6bcf7c8e-9da0-4b12-9dc4-d5e6f708192a",
            "guide": "full",
            "language": "es",
            "perspective": "internal",
            "moment": None,
            "interviewer": "jorge.pena",
            "alias": "Responsables de tienda y red",
            "segment": "Portabilidad fibra y móvil",
            "start": "2026-09-30T16:00:00",
            "persona": {
                "context": "Cliente mayor que cambia de operador por la fibra.",
                "needs": "Precio y velocidad.",
            },
            "stages": {
                "awareness": {
                    "answers": {"trigger": "Publicidad en buzón.", "first_heard": "advert"},
                    "touchpoints": [("Recomendación de la vecina", "in_person", 1, "", "", "", "")],
                },
                "consideration": {
                    "answers": {
                        "options": "Compara con dos operadores.",
                        "effort": 3,
                        "others_involved": True,
                        "others_who": "Hijos.",
                    },
                    "touchpoints": [
                        (
                            "Tienda del centro comercial",
                            "in_person",
                            2,
                            "",
                            "Venta en tienda",
                            "Canal tiendas",
                            "",
                        )
                    ],
                },
                "decision": {
                    "answers": {"tipped": "La oferta de bienvenida.", "nearly_quit": False},
                    "touchpoints": [
                        (
                            "Firma del contrato en tableta",
                            "in_person",
                            1,
                            "Creen que la tableta agiliza.",
                            "Contratación",
                            "Canal tiendas",
                            "",
                        )
                    ],
                },
                "purchase": {
                    "answers": {"how_bought": "in_person", "promise": "yes"},
                    "touchpoints": [
                        (
                            "Instalación de la fibra",
                            "in_person",
                            1,
                            "",
                            "Instalaciones",
                            "Operaciones de campo",
                            "",
                        ),
                        (
                            "Portabilidad del móvil",
                            "phone",
                            0,
                            "Saben que hay cortes, creen que son de horas.",
                            "Portabilidad",
                            "Operaciones de red",
                            "Medir la duración real de los cortes.",
                        ),
                        (
                            "Llamada a atención al cliente",
                            "phone",
                            0,
                            "",
                            "Atención telefónica",
                            "Contact center",
                            "",
                        ),
                    ],
                },
                "loyalty": {
                    "answers": {"again": "yes", "recommend": 8},
                    "touchpoints": [
                        ("Primera factura", "mail", 0, "", "Facturación", "Finanzas", "")
                    ],
                },
            },
        },
    ),
    (
        "en_broadband_customer_before_in_progress",
        {
            "id": "7cd08d9f-aeb1-4c23-8ed5-e6f708192a3b",
            "guide": "inbound",
            "language": "en",
            "perspective": "customer",
            "moment": "before",
            "interviewer": "sam.okafor",
            "alias": "Tom K.",
            "segment": "Switcher",
            "start": "2026-11-20T18:40:00",
            "status": "in_progress",
            "persona": {
                "context": "Student sharing a flat with three others; pays the bills for the flat.",
                "age_range": "under_25",
                "needs": "Faster internet for four people on video calls.",
            },
            "stages": {
                "awareness": {
                    "answers": {
                        "trigger": "Calls kept dropping during exams.",
                        "first_heard": "search",
                        "expected": "A clear price per month.",
                    },
                    "touchpoints": [
                        (
                            "Search result",
                            "web",
                            0,
                            "",
                            "Search advertising",
                            "Digital marketing",
                            "",
                        ),
                        (
                            "Coverage checker",
                            "web",
                            -1,
                            "Said 'maybe available' for his address.",
                            "Network data",
                            "Network planning",
                            "Show the exact speed for the address or say we do not know.",
                        ),
                    ],
                },
                "consideration": {
                    "answers": {
                        "options": "Three providers so far.",
                        "sources": ["comparison", "reviews"],
                    },
                    "touchpoints": [
                        (
                            "Comparison site listing",
                            "web",
                            1,
                            "[bold]Cheapest[/bold] on the list, he said, laughing at the markup.",
                            "Partnerships",
                            "Digital marketing",
                            "",
                        ),
                    ],
                },
                "decision": {},
            },
        },
    ),
    (
        "en_energy_customer_skipped_stage",
        {
            "id": "8de19ea0-bfc2-4d34-9fe6-f708192a3b4c",
            "guide": "inbound",
            "language": "en",
            "perspective": "customer",
            "moment": None,
            "interviewer": "sam.okafor",
            "alias": "Mrs. Adeyemi",
            "segment": "Moved home",
            "start": "2026-10-28T09:00:00",
            "persona": {
                "context": "Moved into a rented house; the energy supplier came with it.",
                "age_range": "50_64",
                "needs": "To understand her first bill.",
            },
            "stages": {
                "awareness": "skipped",
                "consideration": "skipped",
                "decision": {
                    "answers": {
                        "tipped": "She never chose: she stayed with the supplier already connected.",
                        "nearly_quit": True,
                        "nearly_quit_why": "The first bill estimated twice her real use; she looked at switching.",
                        "effort": 5,
                        "moment_of_truth": "Being told to send a meter photo by post.",
                    },
                    "touchpoints": [
                        ("Welcome letter", "mail", 0, "", "Onboarding", "Billing", ""),
                        (
                            "Estimated first bill",
                            "mail",
                            -2,
                            '"It looked like someone else\'s bill."',
                            "Billing",
                            "Billing",
                            "Ask for a meter reading on move-in, by text.",
                        ),
                        (
                            "Meter reading by post",
                            "mail",
                            -1,
                            "",
                            "Meter data",
                            "Operations",
                            "Accept a photo in the app.",
                        ),
                    ],
                },
            },
        },
    ),
]


# ---- written for studies: a second before/after pair at the bank; the energy study's
# Spanish half (the same touchpoint keys as the English interview) ----------------------
SPECS += [
    (
        "es_banco_cliente2_antes",
        {
            "id": "9e1f2a3b-4c5d-4e6f-8a7b-1c2d3e4f5a6b",
            "guide": "inbound",
            "language": "es",
            "perspective": "customer",
            "moment": "before",
            "interviewer": "luis.gil",
            "alias": "Jorge y Ana (hipoteca)",
            "segment": "Cambio de vivienda",
            "start": "2026-09-16T17:00:00",
            "quotes": True,
            "persona": {
                "context": "Pareja con un hijo; venden su piso para comprar uno más "
                "grande en el mismo barrio.",
                "age_range": "35_49",
                "needs": "Saber cuánto les prestarían antes de comprometerse con el piso nuevo.",
                "frustrations": "Que cada banco les pida los mismos papeles para una "
                "simple estimación.",
                "motivations": "Una habitación más para el niño y no alejarse del colegio.",
            },
            "stages": {
                "awareness": {
                    "answers": {
                        "trigger": "El piso de al lado salió a la venta "
                        "y quisimos saber si podíamos "
                        "permitírnoslo.",
                        "first_heard": "people",
                        "expected": "Una cifra orientativa sin tener que ir a la oficina.",
                        "felt": "Ilusión, pero con vértigo por la cuota.",
                    },
                    "touchpoints": [
                        {
                            "name": "Recomendación de un conocido",
                            "channel": "in_person",
                            "emotion": 1,
                            "key": "word-of-mouth",
                            "quote": "Mi cuñada firmó allí y le fue bien",
                            "process": "Marketing de recomendación",
                            "owner": "Marketing",
                        },
                        {
                            "name": "Simulador de hipoteca en la web",
                            "channel": "web",
                            "emotion": -1,
                            "note": "Abandonaron el simulador al pedirles el DNI.",
                            "process": "Simulación online",
                            "owner": "Canal digital",
                            "opportunity": "Dejar simular sin datos personales.",
                        },
                    ],
                },
                "consideration": {
                    "answers": {
                        "options": "Este banco, el suyo de siempre y "
                        "un bróker que les recomendaron.",
                        "sources": ["website", "phone", "people"],
                        "missing": "Un ejemplo de cuota con sus "
                        "números, no con los de la "
                        "publicidad.",
                        "effort": 4,
                        "others_involved": True,
                        "others_who": "Los padres de ella, como avalistas posibles.",
                    },
                    "touchpoints": [
                        {
                            "name": "Llamada al centro de atención",
                            "channel": "phone",
                            "emotion": -2,
                            "quote": "Nos pasaron tres veces de "
                            "departamento y nadie sabía de "
                            "hipotecas",
                            "process": "Atención telefónica",
                            "owner": "Contact center",
                            "opportunity": "Que la primera llamada dé cita con un gestor.",
                        }
                    ],
                },
                "decision": "skipped",
            },
        },
    ),
    (
        "es_banco_cliente2_despues",
        {
            "id": "a0b1c2d3-e4f5-4a6b-9c7d-2e3f4a5b6c7d",
            "guide": "inbound",
            "language": "es",
            "perspective": "customer",
            "moment": "after",
            "interviewer": "luis.gil",
            "alias": "Jorge y Ana (hipoteca)",
            "segment": "Cambio de vivienda",
            "start": "2026-10-24T18:00:00",
            "quotes": True,
            "persona": {
                "context": "Los mismos participantes, tras firmar la hipoteca puente.",
                "age_range": "35_49",
                "needs": "Firmar antes de que el comprador de su piso se echara atrás.",
                "motivations": "Cerrar las dos operaciones el mismo día.",
            },
            "stages": {
                "awareness": {
                    "answers": {
                        "trigger": "Ya eran clientes en estudio; no hubo "
                        "nada nuevo que les llamara.",
                        "first_heard": "already",
                    },
                    "touchpoints": [
                        {
                            "name": "Simulador de hipoteca en la web",
                            "channel": "web",
                            "emotion": -1,
                            "note": "Siguen sin poder simular sin DNI.",
                            "process": "Simulación online",
                            "owner": "Canal digital",
                        }
                    ],
                },
                "consideration": {
                    "answers": {
                        "options": "Solo este banco al final.",
                        "sources": ["visit"],
                        "effort": 4,
                        "others_involved": False,
                    },
                    "touchpoints": [
                        {
                            "name": "Llamada al centro de atención",
                            "channel": "phone",
                            "emotion": 0,
                            "note": "Les dieron cita en la primera llamada, pero "
                            "colgaron sin saber qué papeles llevar.",
                            "process": "Atención telefónica",
                            "owner": "Contact center",
                        },
                        {
                            "name": "Cita en la oficina",
                            "channel": "in_person",
                            "emotion": 2,
                            "quote": "Nos dibujó las dos hipotecas "
                            "en una servilleta y lo vimos "
                            "claro",
                            "process": "Asesoramiento hipotecario",
                            "owner": "Red de oficinas",
                        },
                    ],
                },
                "decision": {
                    "answers": {
                        "tipped": "Que la gestora coordinara la firma de "
                        "la venta y la compra el mismo día.",
                        "nearly_quit": True,
                        "nearly_quit_why": "El tasador tardó tres semanas "
                        "y casi perdemos al comprador.",
                        "effort": 5,
                        "moment_of_truth": "La llamada de la gestora "
                        "diciendo que la tasación "
                        "había llegado.",
                    },
                    "touchpoints": [
                        {
                            "name": "Envío de documentación",
                            "channel": "mail",
                            "emotion": -1,
                            "note": "Menos repeticiones de lo que temían, pero aún dos envíos.",
                            "process": "Estudio de riesgos",
                            "owner": "Riesgos",
                            "opportunity": "Un único buzón de documentos con acuse de recibo.",
                        },
                        {
                            "name": "Tasación de la vivienda",
                            "channel": "in_person",
                            "emotion": -2,
                            "quote": "Tres semanas esperando a un tasador que vino diez minutos",
                            "process": "Tasación",
                            "owner": "Riesgos",
                            "opportunity": "Plazos de tasación comprometidos y avisos del estado.",
                        },
                        {
                            "name": "Oferta vinculante por correo",
                            "channel": "mail",
                            "emotion": 1,
                            "process": "Formalización",
                            "owner": "Riesgos",
                        },
                    ],
                },
            },
        },
    ),
    (
        "es_energia_interna",
        {
            "id": "b1c2d3e4-f5a6-4b7c-8d9e-3f4a5b6c7d8e",
            "guide": "inbound",
            "language": "es",
            "perspective": "internal",
            "moment": None,
            "interviewer": "nuria.vidal",
            "alias": "Equipo de altas (Sevilla)",
            "segment": "Cambio de compañía",
            "start": "2026-10-05T10:00:00",
            "quotes": False,
            "persona": {
                "context": "Cuatro agentes del equipo de altas y su coordinadora, que "
                "atienden a clientes en español.",
                "needs": "Creen que el cliente necesita sobre todo un precio claro el primer mes.",
            },
            "stages": {
                "awareness": {
                    "answers": {
                        "trigger": "Creen que llegan por comparadores de precio.",
                        "first_heard": "search",
                    },
                    "touchpoints": [
                        {
                            "name": "Resultado de búsqueda",
                            "channel": "web",
                            "emotion": 1,
                            "key": "search-result",
                            "process": "Captación online",
                            "owner": "Marketing",
                        }
                    ],
                },
                "consideration": {
                    "answers": {
                        "options": "Creen que comparan con dos o tres compañías.",
                        "effort": 3,
                    },
                    "touchpoints": [
                        {
                            "name": "Carta de bienvenida",
                            "channel": "mail",
                            "emotion": 1,
                            "key": "welcome-letter",
                            "process": "Alta de contrato",
                            "owner": "Operations",
                        }
                    ],
                },
                "decision": {
                    "answers": {"tipped": "Creen que el descuento del primer año."},
                    "touchpoints": [
                        {
                            "name": "Primera factura estimada",
                            "channel": "mail",
                            "emotion": 0,
                            "key": "estimated-first-bill",
                            "note": "Reconocen que la primera factura sale estimada casi siempre.",
                            "process": "Facturación",
                            "owner": "Billing",
                        },
                        {
                            "name": "Lectura del contador por correo",
                            "channel": "mail",
                            "emotion": 1,
                            "key": "meter-reading-by-post",
                            "process": "Lecturas",
                            "owner": "Operations",
                        },
                    ],
                },
            },
        },
    ),
    (
        "es_energia_cliente",
        {
            "id": "c2d3e4f5-a6b7-4c8d-9e0f-4a5b6c7d8e9f",
            "guide": "inbound",
            "language": "es",
            "perspective": "customer",
            "moment": "after",
            "interviewer": "nuria.vidal",
            "alias": "Carmen (cambio de compañía)",
            "segment": "Cambio de compañía",
            "start": "2026-10-19T12:00:00",
            "quotes": True,
            "persona": {
                "context": "Jubilada, vive sola; cambió de compañía por consejo de su hija.",
                "age_range": "65_plus",
                "needs": "Pagar lo mismo cada mes, sin sustos.",
                "frustrations": "No entender las facturas.",
            },
            "stages": {
                "awareness": {
                    "answers": {
                        "trigger": "Su hija le enseñó un comparador en el móvil.",
                        "first_heard": "people",
                    },
                    "touchpoints": [
                        {
                            "name": "Resultado de búsqueda",
                            "channel": "web",
                            "emotion": 0,
                            "key": "search-result",
                            "note": "Lo buscó la hija; ella solo miró el precio.",
                        }
                    ],
                },
                "consideration": {
                    "answers": {"options": "Su compañía de siempre y esta.", "effort": 3},
                    "touchpoints": [
                        {
                            "name": "Carta de bienvenida",
                            "channel": "mail",
                            "emotion": 1,
                            "key": "welcome-letter",
                            "process": "Alta de contrato",
                            "owner": "Operations",
                        }
                    ],
                },
                "decision": {
                    "answers": {"tipped": "El precio que le enseñó su hija.", "nearly_quit": False},
                    "touchpoints": [
                        {
                            "name": "Primera factura estimada",
                            "channel": "mail",
                            "emotion": -2,
                            "key": "estimated-first-bill",
                            "quote": "Me vino el doble de lo que me "
                            "dijeron; pensé que me habían "
                            "timado",
                            "process": "Facturación",
                            "owner": "Billing",
                            "opportunity": "Primera factura con lectura "
                            "real, o avisar antes de que "
                            "sea estimada.",
                        },
                        {
                            "name": "Lectura del contador por correo",
                            "channel": "mail",
                            "emotion": -1,
                            "key": "meter-reading-by-post",
                            "note": "No sabía dónde estaba el contador ni cómo leerlo.",
                            "process": "Lecturas",
                            "owner": "Operations",
                            "opportunity": "Ofrecer que un técnico haga la primera lectura.",
                        },
                    ],
                },
            },
        },
    ),
]


STUDIES = {
    "banco-hipoteca": {
        "title": "Hipoteca: de la primera visita a la firma",
        "subject": "Banco Horizonte · hipoteca",
        "controller": "Banco Horizonte, S.A.",
        "contact": "privacidad@bancohorizonte.example",
        "retain_until": "2027-12-31",
        "languages": ["es"],
        "recording": "audio",
        "recipients": "la dirección de Particulares de Banco Horizonte y la agencia Norte CX, que nos ayuda con el estudio",
        "legal_basis": "su consentimiento, que puede retirar cuando quiera",
        "authority": "la Agencia Española de Protección de Datos (aepd.es)",
    },
    "online-retail": {
        "title": "Buying and returning clothes online",
        "subject": "Northwind Apparel · online orders and returns",
        "controller": "Northwind Apparel Ltd (data protection officer)",
        "contact": "privacy@northwind.example",
        "retain_until": "2027-06-30",
        "languages": ["en"],
        "recording": "none",
        "recipients": "Northwind's e-commerce and customer service leads",
        "legal_basis": "your consent, which you may withdraw at any time",
        "authority": "the Information Commissioner's Office (ico.org.uk)",
    },
    "telco-fibra": {
        "title": "Alta de fibra y móvil",
        "subject": "Telco Sur · alta de fibra",
        "controller": "Telco Sur, S.L.",
        "contact": "dpo@telcosur.example",
        "retain_until": "2027-09-30",
        "languages": ["es"],
        "recording": "none",
        "recipients": "los responsables de Operaciones y Atención al cliente de Telco Sur",
        "legal_basis": "su consentimiento, que puede retirar cuando quiera",
        "authority": "la Agencia Española de Protección de Datos (aepd.es)",
    },
    "energy-billing": {
        "title": "First months with a new energy supplier (bilingual)",
        "subject": "Brightside Energy · switching and first bill (UK and Spain)",
        "controller": "Brightside Energy plc (data protection officer)",
        "contact": "privacy@brightside.example",
        "retain_until": "2027-03-31",
        "languages": ["en", "es"],
        "recording": "audio",
        "recipients": "Brightside's billing and metering teams in the UK and Spain",
        "legal_basis": "your consent, which you may withdraw at any time",
        "authority": "the ICO in the UK (ico.org.uk) or the AEPD in Spain (aepd.es)",
    },
    "broadband-switch": {
        "title": "Choosing a broadband provider",
        "subject": "Fibrelink · choosing a plan",
        "controller": "Fibrelink Ltd (data protection officer)",
        "contact": "privacy@fibrelink.example",
        "retain_until": "2027-03-31",
        "languages": ["en"],
        "recording": "none",
        "recipients": "the sales and network teams",
        "legal_basis": "your consent, which you may withdraw at any time",
        "authority": "the Information Commissioner's Office (ico.org.uk)",
    },
}


def _added_stage(s: Session, added: dict, clock: Clock) -> str:
    """The stage the participant added (made the first time it is needed), its id."""
    for record in s.stages:
        if record.added and record.title == added["title"]:
            return record.id
    record = s.add_stage(added["title"], added["after"], at=clock(40))
    s.set_stage_text(record.id, "words", added["words"], at=clock(40))
    return record.id


# The team's review of two studies, as `cjtui processes merge` and `cjtui opportunities`
# would make it: process names joined, candidates accepted (duplicates as one item), owners,
# effort and status set. Candidates are named by their words.
REVIEWS: dict[str, dict] = {
    "banco-hipoteca": {
        "processes": [
            ("Captación digital", ["Simulación online"]),
            ("Venta en oficina", ["Asesoramiento hipotecario"]),
        ],
        "items": [
            {
                "title": "Simular la hipoteca sin dar datos personales",
                "candidates": [
                    "Simulación anónima.",
                    "Que el simulador dé una cifra sin pedirme el DNI.",
                ],
                "owner": "Canal digital",
                "process": "Captación digital",
                "effort": "S",
                "status": "planned",
            },
            {
                "title": "Cita con un gestor hipotecario desde la primera llamada",
                "candidates": [
                    "Que al llamar me pasen con alguien que sepa de hipotecas.",
                ],
                # An idea of the stage, not typed on the call: its touchpoint is given.
                "touchpoints": ["llamada-al-centro-de-atencion"],
                "owner": "Contact center",
                "process": "Atención telefónica",
                "effort": "M",
                "status": "doing",
            },
            {
                "title": "Un solo buzón de documentos, con lista única y acuse de recibo",
                "candidates": [
                    "Un único buzón de documentos con acuse de recibo.",
                    "Un sitio donde subir los papeles una vez y ver que los han recibido.",
                    "Una lista de documentos única que no cambie según la oficina.",
                    "Revisar la lista de documentos.",
                    "Que un gestor revise los papeles antes de pedir más.",
                ],
                "owner": "Riesgos",
                "process": "Estudio de riesgos",
                "effort": "M",
                "status": "planned",
            },
            {
                "title": "Plazos de tasación comprometidos y su estado a la vista",
                "candidates": [
                    "Plazos de tasación comprometidos y avisos del estado.",
                    "Saber en qué punto está la tasación sin tener que llamar.",
                ],
                # The appraisal's own touchpoint: an idea typed in the decision stage is
                # first tied to every pain of that stage (the documents, counted in O3).
                "touchpoints": ["tasacion-de-la-vivienda"],
                "owner": "Riesgos",
                "process": "Tasación",
                "effort": "L",
                "status": "proposed",
                "note": "Depende del contrato con la sociedad de tasación (renovación en marzo).",
            },
            {
                "title": "Devolución de llamada en vez de espera",
                "candidates": ["Devolución de llamada en vez de espera."],
                "owner": "Contact center",
                "process": "Atención telefónica",
                "effort": "S",
                "status": "proposed",
            },
            {
                "title": "Gestora asignada desde el principio",
                "candidates": [
                    "Que cada cliente hipotecario tenga gestora asignada desde el principio."
                ],
                "owner": "Red de oficinas",
                "process": "Venta en oficina",
                "effort": "M",
                "status": "proposed",
                "priority": 3,
                "reason": "Piloto ya aprobado en dos oficinas: coste bajo, aprendizaje alto.",
            },
        ],
    },
    "energy-billing": {
        "processes": [
            ("Facturación", ["Billing"]),
            ("Lecturas", ["Meter data"]),
            ("Alta de contrato", ["Onboarding"]),
        ],
        "items": [
            {
                "title": "A real first meter reading at sign-up",
                "candidates": [
                    "Ask for a meter reading on move-in, by text.",
                    "Pedir la lectura del contador el día del alta.",
                    "Ofrecer que un técnico haga la primera lectura.",
                    "Que venga alguien a leer el contador la primera vez.",
                ],
                "owner": "Operations",
                "process": "Lecturas",
                "effort": "M",
                "status": "planned",
            },
            {
                "title": "Warn before a bill is estimated",
                "candidates": [
                    "Primera factura con lectura real, o avisar antes de que sea estimada."
                ],
                "owner": "Billing",
                "process": "Facturación",
                "effort": "S",
                "status": "doing",
            },
            {
                "title": "Accept meter readings as a photo in the app",
                "candidates": ["Accept a photo in the app."],
                "owner": "Operations",
                "process": "Lecturas",
                "effort": "S",
                "status": "proposed",
            },
        ],
    },
}


def _review(study: Study, review: dict, sessions: list[Session]) -> None:
    """Apply a team's review to *study*, each change logged at a time of its own (the
    samples are rebuilt the same every time)."""
    from cjtui.analysis import backlog

    start = len(study.log)
    for keep, others in review["processes"]:
        study.merge_behind("processes", keep, others)
    found = {c.text: c for c in backlog.candidates(sessions, study, builtin_guide(study.guide.id))}
    missing = [t for e in review["items"] for t in e["candidates"] if t not in found]
    assert not missing, f"{study.id}: no such candidates: {missing} (of {sorted(found)})"
    for entry in review["items"]:
        new = backlog.accept(
            study, [found[text] for text in entry["candidates"]], entry["title"], by="marta.ruiz"
        )
        fields = {
            k: entry[k]
            for k in (
                "owner",
                "process",
                "effort",
                "status",
                "note",
                "priority",
                "reason",
                "touchpoints",
            )
            if k in entry
        }
        backlog.update(study, new["id"], by="marta.ruiz", **fields)
    when = datetime.fromisoformat("2026-11-16T10:00:00")
    for n, entry in enumerate(study.log[start:]):
        entry["at"] = (when + timedelta(minutes=3 * n)).isoformat() + "Z"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    studies = {}
    for study_id, fields in STUDIES.items():
        guide = builtin_guide(next(spec["guide"] for n, spec in SPECS if study_of(n) == study_id))
        studies[study_id] = new_study(study_id, guide.ref, at="2026-09-01T09:00:00Z", **fields)
    sessions_of: dict[str, list[Session]] = {}
    for name, spec in SPECS:
        session = build(name, spec, studies[study_of(name)])
        sessions_of.setdefault(study_of(name), []).append(session)
        (OUT / f"{name}.json").write_text(to_json([session], single=True), encoding="utf-8")
        print(name, session.id)
    for study_id, review in REVIEWS.items():
        _review(studies[study_id], review, sessions_of[study_id])
    for study_id, study in studies.items():
        record = jsonio.dumps(study.check().to_dict()) + "\n"
        (OUT / f"{study_id}.study.json").write_text(record, encoding="utf-8")
        print(study_id)


if __name__ == "__main__":
    main()
