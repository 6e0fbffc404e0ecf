"""The report's tables as plain rows (title, columns, rows), each figure with what it
counts and whose voice it is: the text, Markdown and HTML renderers lay them out."""

from __future__ import annotations

from typing import Any

from ...base.i18n import counted, decimal, percent, plural, t
from ...base.plain import one_line
from .shapes import (
    BacklogJSON,
    ExpectationJSON,
    FiguresJSON,
    Report,
    ScaleQuestion,
    StageFigures,
    TouchpointFigures,
)


def _num(value: float | None, lang: str, signed: bool = False) -> str:
    return "—" if value is None else decimal(value, lang, signed=signed)


def _pct(value: float | None, lang: str) -> str:
    return "—" if value is None else percent(value, lang)


def _stage_titles(report: Report) -> dict[str, str]:
    return {s["id"]: s["title"] for s in report["stages"]}


THIN_MARK = "†"


def _n(row: FiguresJSON | ExpectationJSON) -> str:
    """How many people a figure rests on, marked † when that is thin evidence."""
    return f"{row['people']}{THIN_MARK if row.get('thin') else ''}"


def _thin_n(people: int, report: Report) -> str:
    return f"{people}{THIN_MARK if people < report.get('thin_below', 3) else ''}"


def _spread(row: FiguresJSON, lang: str) -> str:
    if row.get("min") is None:
        return "—"
    if row["min"] == row["max"]:
        return _num(row["min"], lang, True)
    return f"{_num(row['min'], lang, True)}…{_num(row['max'], lang, True)}"


def _beside(row: StageFigures | TouchpointFigures, voice: str, lang: str) -> str:
    """Another voice's mean and people beside the main one (staff's belief, or what
    customers expected before): "−1.00 (n=1)"."""
    other = row["by_voice"].get(voice)
    if not other or other.get("mean") is None:
        return "—"
    return f"{_num(other['mean'], lang, True)} (n={_n(other)})"


def _who(participant: str, voice: str, lang: str) -> str:
    """A participant's code with whose voice it was, where that is not what they lived:
    "P-001 (before)", "Staff: Sales team"."""
    if voice == "expected":
        return f"{participant} ({t('moment.before', lang)})"
    if voice == "staff":
        return t("report.staff_label", lang, who=participant)
    return participant


def voiced(text: str, voices: list[str], lang: str) -> str:
    """Text typed only in staff's interviews, or only before the interaction, says so (an
    opportunity's, in the report and the map)."""
    if voices == ["staff"]:
        return t("report.staff_label", lang, who=text)
    if voices == ["expected"]:
        return f"{text} ({t('moment.before', lang)})"
    return text


def _tables(report: Report) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report's sections as (title, header, rows) of plain strings, for text and Markdown."""
    lang = report["language"]
    titles = _stage_titles(report)
    voices = report["voices"]
    beside = [v for v in ("expected", "staff") if v in voices and v != report["basis"]]
    sections: list[tuple[str, list[str], list[list[str]]]] = []
    sections.append(
        (
            t("report.stages", lang),
            [
                t("report.col.stage", lang),
                t("report.col.people", lang),
                t("report.col.mean", lang),
                t("report.col.median", lang),
                t("report.col.spread", lang),
                t("report.col.negative", lang),
                t("report.col.skipped", lang),
                *[t(f"report.col.voice.{v}", lang) for v in beside],
            ],
            [
                [
                    s["title"]
                    + (
                        " " + plural("report.added_stage", s["added_by"], lang)
                        if s["added"]
                        else ""
                    ),
                    _n(s),
                    _num(s["mean"], lang, True),
                    _num(s["median"], lang, True),
                    _spread(s, lang),
                    _pct(s["negative_share"], lang),
                    str(s["skipped"]),
                    *[_beside(s, v, lang) for v in beside],
                ]
                for s in report["stages"]
            ],
        )
    )
    sections.append(
        (
            t("report.touchpoints", lang),
            [
                t("report.col.touchpoint", lang),
                t("report.col.stage", lang),
                t("report.col.people", lang),
                t("report.col.mean", lang),
                t("report.col.median", lang),
                t("report.col.spread", lang),
                t("report.col.pains", lang),
                *[t(f"report.col.voice.{v}", lang) for v in beside],
            ],
            [
                [
                    tp["name"],
                    titles.get(tp["stage"], tp["stage"]),
                    _n(tp),
                    _num(tp["mean"], lang, True),
                    _num(tp["median"], lang, True),
                    _spread(tp, lang),
                    f"{tp['pains']}/{tp['people']}",
                    *[_beside(tp, v, lang) for v in beside],
                ]
                for tp in report["touchpoints"]
            ],
        )
    )
    sections.append(
        (
            t("report.moments", lang),
            [
                "#",
                t("report.col.touchpoint", lang),
                t("report.col.felt_by", lang),
                t("report.col.severity", lang),
                t("report.col.mean", lang),
                t("report.col.kinds", lang),
            ],
            [
                [
                    str(n),
                    m["name"],
                    f"{m['pains']}/{m['people']}{THIN_MARK if m['thin'] else ''}",
                    _num(m["pain_severity"], lang),
                    _num(m["mean"], lang, True),
                    counted("pain_kind", m["pain_kinds"], lang) or "—",
                ]
                for n, m in enumerate(report["moments_of_truth"], 1)
            ],
        )
    )
    sections.append(
        (
            t("report.pain_kinds", lang),
            [t("report.col.kind", lang), t("report.col.people", lang)],
            [
                [t(f"pain_kind.{kind}", lang), str(n)]
                for kind, n in report["pains_by_kind"].items()
                if n
            ],
        )
    )
    sections.append(
        (
            t("report.highlights", lang),
            [
                t("report.col.touchpoint", lang),
                t("report.col.stage", lang),
                t("report.col.top", lang),
                t("report.col.mean", lang),
            ],
            [
                [
                    h["name"],
                    titles.get(h["stage"], h["stage"]),
                    f"{h['top_ratings']}/{h['people']}{THIN_MARK if h['thin'] else ''}",
                    _num(h["mean"], lang, True),
                ]
                for h in report["highlights"]
            ],
        )
    )
    sections.append(
        (
            t("report.gap", lang),
            [
                t("report.col.touchpoint", lang),
                t("report.col.internal", lang),
                t("report.col.customer", lang),
                t("report.col.gap", lang),
            ],
            [
                [
                    g["name"],
                    f"{_num(g['internal_mean'], lang, True)}"
                    f" (n={_thin_n(g['staff_people'], report)})",
                    f"{_num(g['customer_mean'], lang, True)} (n={_thin_n(g['people'], report)})",
                    _num(g["gap"], lang, True),
                ]
                for g in report["perception_gap"]
            ],
        )
    )
    sections.append(
        (
            t("report.before_after", lang),
            [
                t("report.col.touchpoint", lang),
                t("report.col.before", lang),
                t("report.col.after", lang),
                t("report.col.change", lang),
                t("report.col.pairs", lang),
            ],
            [
                [
                    c["name"],
                    _num(c["before_mean"], lang, True),
                    _num(c["after_mean"], lang, True),
                    _num(c["change"], lang, True),
                    _thin_n(c["change_pairs"], report),
                ]
                for c in report["before_after"]
            ],
        )
    )
    # Only where the guide asked them (an emotion at the start, expectations beside a
    # rating): no empty section for guides that do not.
    sections.extend(_start_and_expectations(report, lang))
    sections.append(
        (
            t("report.owners", lang),
            [
                t("report.col.name", lang),
                t("report.col.pains", lang),
                t("report.col.touchpoints", lang),
            ],
            [[o["name"], str(o["pains"]), ", ".join(o["touchpoints"])] for o in report["owners"]],
        )
    )
    sections.append(
        (
            t("report.processes", lang),
            [
                t("report.col.name", lang),
                t("report.col.problems", lang),
                t("report.col.pains", lang),
                t("report.col.touchpoints", lang),
            ],
            [
                [
                    o["name"],
                    counted("problem", o["problems"], lang) or "—",
                    str(o["pains"]),
                    ", ".join(o["touchpoints"]),
                ]
                for o in report["processes"]
            ],
        )
    )
    if report.get("backlog"):
        sections += _backlog_sections(report["backlog"], lang)
    rows = []
    for group in report["opportunities"]:
        for item in group["items"]:
            rows.append(
                [group["name"], voiced(item["text"], item["voices"], lang), str(group["people"])]
            )
    sections.append(
        (
            t("report.opportunities", lang),
            [
                t("report.col.touchpoint", lang),
                t("report.col.opportunity", lang),
                t("report.col.felt_by", lang),
            ],
            rows,
        )
    )
    sections.append(
        (
            t("report.scales", lang),
            [
                t("report.col.question", lang),
                t("report.col.people", lang),
                t("report.col.median", lang),
                t("report.col.distribution", lang),
            ],
            [
                [
                    one_line(q["prompt"], 90)
                    + (
                        f" ({q['min']} = {q['min_label']} … {q['max']} = {q['max_label']})"
                        if q.get("min_label") and q.get("max_label")
                        else ""
                    ),
                    f"{q['people']}{THIN_MARK if q['thin'] else ''}",
                    _num(q["median"], lang),
                    _distribution(q, lang),
                ]
                for q in report["scales"]
                if q["people"]
            ],
        )
    )
    sections.append(
        (
            t("report.persona", lang),
            [
                t("report.col.segment", lang),
                t("report.col.people", lang),
                t("report.col.profile", lang),
            ],
            [
                [
                    card["segment"],
                    str(card["people"]),
                    "; ".join(
                        f"{one_line(c['prompt'], 40)}: "
                        + ", ".join(f"{x['label']} ({x['people']})" for x in c["tally"])
                        for c in card["choices"]
                    )
                    or "—",
                ]
                for card in report["persona"]
            ],
        )
    )
    # What participants said in their own words: shown only where they may be (the others
    # counted, never shown); the ideas always listed, the words and quotes when there are any.
    said = (
        (
            "report.ideas",
            ("report.col.participant", "report.col.stage", "report.col.idea"),
            [[_who(i["participant"], i["voice"], lang),
              titles.get(i["stage"], i["stage"]), i["text"]]
             for i in report["ideas"]["items"]],
            report["ideas"]["withheld"],
            True,
        ),
        (
            "report.words",
            ("report.col.stage", "report.col.participant", "report.col.words"),
            [[s["title"], _who(w["participant"], w["voice"], lang), w["text"]]
             for s in report["stages"] for w in s["customer_words"]],
            sum(s["customer_words_withheld"] for s in report["stages"]),
            False,
        ),
        (
            "report.staff_words",
            ("report.col.stage", "report.col.participant", "report.col.words"),
            [[s["title"], w["participant"], w["text"]]
             for s in report["stages"] for w in s["staff_words"]],
            0,
            False,
        ),
        (  # the quotes last: the text table never cuts its last column
            "report.quotes",
            ("report.col.touchpoint", "report.col.participant", "report.col.quote"),
            [[tp["name"], q["participant"], t("report.quoted", lang, text=q["text"])]
             for tp in report["touchpoints"] for q in tp["quotes"]],
            sum(tp["quotes_withheld"] for tp in report["touchpoints"]),
            False,
        ),
    )  # fmt: skip
    for title, columns, rows, withheld, always in said:
        if withheld:
            rows.append(["—", "—", t("report.quotes_withheld", lang, n=withheld)])
        if rows or always:
            sections.append((t(title, lang), [t(c, lang) for c in columns], rows))
    return sections


Table = tuple[str, list[str], list[list[str]]]


def _start_and_expectations(report: Report, lang: str) -> list[Table]:
    out: list[Table] = []
    if report.get("start"):
        out.append(
            (
                t("report.start", lang),
                [
                    t("report.col.voice", lang),
                    t("report.col.mean", lang),
                    t("report.col.spread", lang),
                    t("report.col.people", lang),
                ],
                [
                    [
                        t(f"report.col.voice.{voice}", lang),
                        _num(f["mean"], lang, True),
                        f"{_num(f['min'], lang, True)}…{_num(f['max'], lang, True)}",
                        _thin_n(f["people"], report),
                    ]
                    for voice, f in report["start"].items()
                ],
            )
        )
    if report.get("expectations"):
        out.append(
            (
                t("report.expectations", lang),
                [
                    t("report.col.touchpoint", lang),
                    t("report.col.expected", lang),
                    t("report.col.lived", lang),
                    t("report.col.gap", lang),
                    t("report.col.short", lang),
                ],
                [
                    [
                        e["name"],
                        _num(e["expected"], lang, True),
                        _num(e["lived"], lang, True),
                        _num(e["gap"], lang, True),
                        f"{e['short']}/{_thin_n(e['people'], report)}",
                    ]
                    for e in report["expectations"]
                ],
            )
        )
    return out


def _distribution(q: ScaleQuestion, lang: str) -> str:
    shown = " ".join(f"{v}:{n}" for v, n in q["distribution"].items() if n)
    return shown + (f" · {shares(q, lang)}" if "promoters" in q else "")


def shares(q: ScaleQuestion, lang: str) -> str:
    """A 0–10 question's promoters, passives and detractors, as shares of its people (the
    report's and the map's)."""
    return t(
        "report.nps",
        lang,
        promoters=percent(q["promoters"], lang),
        passives=percent(q["passives"], lang),
        detractors=percent(q["detractors"], lang),
        n=q["people"],
    )


def _backlog_sections(backlog: BacklogJSON, lang: str) -> list[Any]:
    """The study's opportunity backlog, ranked, and the pains no item answers."""
    items = [
        [
            i["id"],
            i["title"],
            decimal(i["priority"], lang, 1),
            str(i["people"]),
            t(f"backlog.status.{i['status']}", lang),
            i["owner"] or "—",
        ]
        for i in backlog["items"]
    ]
    return [
        (
            t("report.backlog", lang),
            [
                "ID",
                t("report.col.opportunity", lang),
                t("report.col.priority", lang),
                t("report.col.people", lang),
                t("report.col.status", lang),
                t("report.col.owner", lang),
            ],
            items,
        ),
        (
            t("report.open_pains", lang),
            [t("report.col.touchpoint", lang), t("report.col.felt_by", lang)],
            [[p["name"], str(p["people"])] for p in backlog["open_pains"]],
        ),
    ]
