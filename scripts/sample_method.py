"""What each sample interview adds with guides 2.0 (used by make_samples.py): the journey
told at the start, each stage in the participant's own words, a stage the guide lacks,
kinds of pain and severity, process problems, the participant's own ideas, and the
interviewer's override of the pain flag. Answers are as a real team would note them.

ANSWERS maps a question that guides 1.x asked and 2.0 asks otherwise (or not at all).
"""

from __future__ import annotations

from typing import Any

# Pseudonyms: a participant is never recorded under a real name.
ALIASES = {
    "Lucía (hipoteca)": "Lince (hipoteca)",
    "Jorge y Ana (hipoteca)": "Pareja Olivo (hipoteca)",
    "Priya R.": "Kestrel",
    "Tom K.": "Birch",
    "Mrs. Adeyemi": "Willow",
    "Don Ramiro": "Cedro",
    "Carmen (cambio de compañía)": "Alondra (cambio de compañía)",
}

# Without consent to quote, the interviewer notes what was said in their own words.
PARAPHRASED = {
    "«Si a la Pili le va bien, a mí también».": "Se fió de la experiencia de su vecina.",
    "«El chico fue muy amable».": "Destaca el trato del técnico.",
    "«Dos días sin teléfono a mis años; no podía llamar al médico»": (
        "Dos días sin línea; le angustió no poder llamar al médico."
    ),
    "«Pulsa uno, pulsa dos... y se cortó».": "El menú telefónico la perdió y la llamada se cortó.",
    '"It looked like someone else\'s bill."': "She did not recognise the bill as hers.",
}

METHOD: dict[str, dict[str, Any]] = {
    "es_banco_cliente_antes": {
        "story": "Vimos un piso el sábado, el vendedor tenía otra oferta y el lunes ya estaba llamando a bancos. Simulé en la web, llamé, esperé mucho y al final me dieron cita en la oficina para la semana siguiente.",
        "words": {
            "awareness": "Cuando me di cuenta de que sin hipoteca perdíamos el piso.",
            "consideration": "Hacer números: la hoja de cálculo con los tres bancos.",
            "decision": "Todavía no ha llegado; depende de la cita.",
        },
        "answers": {
            "decision": {
                "ideas": "Que en la primera llamada te den cita con alguien que sepa de hipotecas."
            }
        },
        "touchpoints": {
            "Simulador de hipoteca en la web": {
                "pain_kind": "annoyed",
                "process_problem": "obstruction",
            },
            "Llamada al centro de atención": {
                "pain_kind": "disoriented",
                "severity": 3,
                "process_problem": "bottleneck",
            },
        },
    },
    "es_banco_cliente_despues": {
        "story": "Con la reserva a punto de caducar volví a llamar, esta vez me dieron cita. La gestora me lo explicó todo, pero luego me pidieron la vida laboral tres veces. La oferta llegó a tiempo y firmamos.",
        "words": {
            "awareness": "Ya sabía lo que quería; solo tenía prisa.",
            "consideration": "La cita con la gestora: ahí lo entendí.",
            "decision": "El papeleo hasta la oferta por escrito.",
        },
        "answers": {
            "decision": {
                "went_on": "La gestora: me llamó ella para decirme que lo arreglaba.",
                "ideas": "Un sitio donde subir los papeles una vez y ver que los han recibido.",
            }
        },
        "touchpoints": {
            # The interviewer's judgement: she rated it negative, but it did not stop her.
            # What the process did wrong she told all the same: twenty minutes on hold.
            "Llamada al centro de atención": {"pain": False, "process_problem": "bottleneck"},
            # It asks for her ID before it shows any figure.
            "Simulador de hipoteca en la web": {
                "pain_kind": "annoyed",
                "process_problem": "obstruction",
            },
            "Envío de documentación": {
                "pain_kind": "annoyed",
                "severity": 3,
                "process_problem": "inefficiency",
            },
        },
    },
    "es_banco_interna": {
        "story": "Un cliente joven que vino con el piso ya reservado: simulación en la web, cita conmigo, documentación y oferta en tres semanas.",
        "words": {
            "awareness": "Cuando empieza a buscar piso.",
            "consideration": "Comparar el diferencial entre bancos.",
            "decision": "La oferta vinculante.",
        },
        "answers": {
            "decision": {"ideas": "Una lista de documentos única que no cambie según la oficina."}
        },
        "touchpoints": {
            "Envío de documentación": {"pain_kind": "annoyed", "process_problem": "inefficiency"},
        },
    },
    "en_clothing_customer_after": {
        "story": "My coat's zip broke two weeks before a trip, so I ordered two sizes of a coat one evening, kept one and sent the other back. The refund took nearly three weeks.",
        "words": {
            "awareness": "Panic about the trip: I needed a coat, fast.",
            "consideration": "Working out which size, really.",
            "decision": "Pressing pay, knowing I could send one back.",
            "purchase": "The parcel, then the hassle of the return.",
            "loyalty": "Waiting for my money back.",
        },
        "answers": {
            "purchase": {
                "compared_to_expected": "Returns were free, as promised, but only with a printed label."
            },
            "loyalty": {
                "future": "I'll probably buy again, but not anything I might need to return.",
                "thought_of_leaving": "While I waited for the refund I looked at another shop's returns policy.",
                "ideas": "Let me return with a QR code at the post office, no printing.",
            },
        },
        "touchpoints": {
            "Size guide chat": {"pain_kind": "disoriented"},
            "Returns label": {
                "pain_kind": "annoyed",
                "severity": 3,
                "process_problem": "obstruction",
            },
            "Refund": {"pain_kind": "dissatisfied", "process_problem": "bottleneck"},
        },
    },
    "en_clothing_internal": {
        "story": "A customer who ordered a coat in a sale, kept it and left a review: order, delivery next day, done.",
        "words": {
            "awareness": "Seeing a promotion.",
            "consideration": "Comparing prices.",
            "decision": "Checkout.",
            "purchase": "Delivery.",
            "loyalty": "Coming back for the next sale.",
        },
        "answers": {
            "purchase": {
                "compared_to_expected": "What we promise: next-day delivery and free returns."
            },
            "loyalty": {
                "future": "They come back for the next season.",
                "ideas": "A faster refund once the parcel is scanned.",
            },
        },
        "touchpoints": {},
    },
    "es_telco_cliente_despues": {
        "story": "Mi hija necesitaba buena conexión para trabajar desde casa. Fui a la tienda del centro comercial, firmé en una tableta, la fibra llegó bien, pero el móvil se quedó dos días sin línea con el cambio.",
        "words": {
            "awareness": "Lo que me contó la vecina.",
            "consideration": "Ir a la tienda a preguntar.",
            "decision": "Firmar sin entender bien lo que firmaba.",
            "purchase": "Los dos días sin teléfono.",
            "loyalty": "Ver si la factura es la que me dijeron.",
        },
        "answers": {
            "purchase": {
                "compared_to_expected": "Me dijeron que no me quedaría sin línea y me quedé dos días."
            },
            "loyalty": {
                "future": "Me quedo, de momento, si no vuelve a pasar.",
                "thought_of_leaving": "Los dos días sin línea estuve a punto de volver a la de antes.",
                "ideas": "Que te avisen antes del cambio del móvil y te den un número al que llamar.",
            },
        },
        "touchpoints": {
            "Firma del contrato en tableta": {"pain_kind": "disoriented", "severity": 2},
            "Portabilidad del móvil": {
                "pain_kind": "dissatisfied",
                "severity": 3,
                "process_problem": "bottleneck",
            },
            "Llamada a atención al cliente": {
                "pain_kind": "annoyed",
                "process_problem": "obstruction",
            },
        },
    },
    "es_telco_interna": {
        "story": "Un cliente mayor que vino a la tienda con su hijo, contrató fibra y móvil y a la semana tenía todo instalado.",
        "words": {
            "awareness": "El buzoneo.",
            "consideration": "Venir a la tienda.",
            "decision": "La oferta de bienvenida.",
            "purchase": "La instalación.",
            "loyalty": "La primera factura.",
        },
        "answers": {
            "purchase": {
                "compared_to_expected": "Lo que se le promete: instalación en una semana."
            },
            "loyalty": {
                "future": "Se queda: pocos cambian el primer año.",
                "ideas": "Que la tienda pueda ver el estado de la portabilidad.",
            },
        },
        "touchpoints": {},
    },
    "en_broadband_customer_before_in_progress": {
        "story": "My calls kept dropping during exams, so I've started looking: I searched, tried the coverage checker and I'm going through a comparison site.",
        "words": {
            "awareness": "Being fed up with dropped calls.",
            "consideration": "Shortlisting, still going.",
        },
        "answers": {},
        "touchpoints": {"Coverage checker": {"pain_kind": "disoriented"}},
    },
    "en_energy_customer_skipped_stage": {
        "story": "I never chose: I moved into a flat and the supplier was already connected. The first bill was twice what I expected and I had to read the meter myself.",
        "words": {"decision": "Getting a bill I didn't understand."},
        "answers": {"decision": {"went_on": "Nobody else could connect me any faster."}},
        "touchpoints": {
            "Estimated first bill": {
                "pain_kind": "dissatisfied",
                "severity": 3,
                "process_problem": "inefficiency",
            },
            "Meter reading by post": {"pain_kind": "disoriented"},
        },
    },
    "es_banco_cliente2_antes": {
        "story": "Salió a la venta el piso de al lado y quisimos saber si podíamos. Nos lo recomendó mi cuñada, probamos el simulador y llamamos; nos pasaron tres veces de departamento.",
        "words": {
            "awareness": "Una oportunidad que no esperábamos.",
            "consideration": "Averiguar si nos daban la hipoteca, y con quién.",
        },
        "answers": {},
        "touchpoints": {
            "Simulador de hipoteca en la web": {"pain_kind": "annoyed"},
            "Llamada al centro de atención": {
                "pain_kind": "disoriented",
                "process_problem": "obstruction",
            },
        },
    },
    "es_banco_cliente2_despues": {
        "story": "Nos dieron cita en la primera llamada y la gestora nos lo dibujó todo. Luego la tasación tardó tres semanas y casi perdemos al comprador de nuestro piso, pero firmamos todo el mismo día.",
        "words": {
            "awareness": "Cuando salió a la venta el piso de al lado.",
            "consideration": "La cita con la gestora.",
            "decision": "Coordinar la venta y la compra.",
        },
        "answers": {
            "decision": {
                "went_on": "La gestora movió la tasación cuando se lo pedimos.",
                "ideas": "Saber en qué punto está la tasación sin tener que llamar.",
            }
        },
        "touchpoints": {
            # Rated neutral, but they left not knowing what to bring: a pain all the same.
            "Llamada al centro de atención": {
                "pain": True,
                "pain_kind": "disoriented",
                "severity": 1,
            },
            "Simulador de hipoteca en la web": {"pain_kind": "annoyed"},
            "Envío de documentación": {"pain_kind": "annoyed", "process_problem": "inefficiency"},
            "Tasación de la vivienda": {
                "pain_kind": "dissatisfied",
                "severity": 3,
                "process_problem": "bottleneck",
            },
        },
        # A stage they lived that the guide lacks, placed after the decision.
        "added": {
            "after": "decision",
            "title": "Tasación de la vivienda",
            "words": "Esperar al tasador sin saber cuándo vendría.",
            "move": ["Tasación de la vivienda"],
        },
    },
    "es_energia_interna": {
        "story": "Una clienta que se cambió por el descuento: alta en línea, carta de bienvenida y primera factura a los dos meses.",
        "words": {
            "awareness": "Los comparadores de precio.",
            "consideration": "Comparar precios.",
            "decision": "El descuento del primer año.",
        },
        "answers": {"decision": {"ideas": "Pedir la lectura del contador el día del alta."}},
        "touchpoints": {},
    },
    "es_energia_cliente": {
        "story": "Mi hija me enseñó un comparador, me cambié por el precio y la primera factura vino el doble. No sabía ni dónde estaba el contador.",
        "words": {
            "awareness": "Lo que me enseñó mi hija en el móvil.",
            "consideration": "Quedarme o cambiar: poco más.",
            "decision": "La primera factura, que no era lo que me dijeron.",
        },
        "answers": {"decision": {"ideas": "Que venga alguien a leer el contador la primera vez."}},
        "touchpoints": {
            "Primera factura estimada": {
                "pain_kind": "dissatisfied",
                "severity": 3,
                "process_problem": "inefficiency",
            },
            "Lectura del contador por correo": {"pain_kind": "disoriented"},
        },
    },
}


def map_answers(stage: str, answers: dict[str, Any]) -> dict[str, Any]:
    """A stage's answers to guides 1.x as guides 2.0 ask them: effort becomes ease (the
    other way round: 5 is very easy), who else took part one open question, nearly giving
    up the moment of hesitation; yes/no questions 2.0 no longer asks are left out."""
    out: dict[str, Any] = {}
    for qid, value in answers.items():
        if qid == "effort":
            out["ease"] = 6 - value
        elif qid == "others_who":
            out["others"] = value
        elif qid == "nearly_quit_why":
            out["hesitated"] = value
        elif qid == "thoughts":
            out["felt"] = value
        elif qid == "stalled":
            out["stuck"] = value
        elif qid == "promise_gap":
            out["compared_to_expected"] = value
        elif qid in ("others_involved", "nearly_quit", "promise", "again", "leave_reason"):
            continue
        else:
            out[qid] = value
    return out
