"""The built-in guides as a CX researcher reads them aloud: every question said to a
participant (in every language, perspective and moment) is walked, and the test fails on
the method's own words, a yes/no question with nothing to answer it, a follow-up that any
text would show, a moment without its wording, or a consent placeholder no study can fill."""

from __future__ import annotations

import re

import pytest

from cjtui.domain.guide import builtin_guides
from cjtui.domain.guide.types import Guide, Question
from cjtui.domain.study import PLACEHOLDERS

GUIDES = builtin_guides()
# The method's words, never said to a participant.
JARGON = re.compile(r"\b(etapas?|stages?|solución|solution|touchpoints?|punto de contacto)\b", re.I)
# Questions a yes or no answers, in each language: they need a choice to answer them.
YES_NO = {
    "es": re.compile(r"^¿?(Hubo|Ha |Dudó|Tuvo|Pensó|Está |Miró|Se atascó|Teme|Cree que)", re.I),
    "en": re.compile(r"^(Did|Have|Has|Was|Were|Are|Do |Is )", re.I),
}


def said_aloud(guide: Guide) -> list[tuple[str, str, str, str, Question]]:
    """(where, language, wording, text, question) for every wording put to a participant."""
    out = []
    for stage_id, question in [
        *(("persona", q) for q in guide.persona),
        *((s.id, q) for s in guide.stages for q in s.questions),
    ]:
        for lang in guide.languages:
            for wording, texts in (
                ("prompt", question.prompt),
                ("before", question.before),
                ("internal", question.internal),
            ):
                if texts:
                    where = f"{guide.id} {guide.version} {stage_id}.{question.id}"
                    out.append((where, lang, wording, texts[lang], question))
    return out


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.id)
def test_no_question_uses_the_methods_words(guide: Guide) -> None:
    found = [f"{w} [{lang} {kind}]: {text}" for w, lang, kind, text, _ in said_aloud(guide)
             if JARGON.search(text)]  # fmt: skip
    assert not found, "\n".join(found)


# A yes/no question dressed as a request to tell ("Cuénteme si hubo algún momento…").
DISGUISED = re.compile(r"(cuénteme si |tell me if |tell me about any )", re.I)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.id)
def test_a_yes_no_question_comes_with_its_choice(guide: Guide) -> None:
    found = [
        f"{w} [{lang} {kind}]: {text}"
        for w, lang, kind, text, q in said_aloud(guide)
        if q.type not in ("choice", "yes_no", "scale")
        and (
            DISGUISED.search(text)
            or YES_NO[lang].search(text.strip())
            and "?" in text
            and not re.search(r"\b(si es así|if so)\b| o .*\?| or .*\?", text, re.I)
        )
    ]  # fmt: skip
    assert not found, "\n".join(found)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.id)
def test_no_follow_up_is_shown_by_any_text(guide: Guide) -> None:
    """A follow-up shows only when the answer says there was something: a choice's code,
    never "any text" (which "No, ninguno" satisfies)."""
    by_id = {(s.id, q.id): q for s in guide.stages for q in s.questions} | {
        ("persona", q.id): q for q in guide.persona
    }
    found = []
    for stage in guide.stages:
        for q in stage.questions:
            when = q.when
            if when is None:
                continue
            target = by_id.get((stage.id, when.question))
            if target is not None and target.type in ("text", "long_text"):
                found.append(f"{guide.id} {stage.id}.{q.id} shows on any text of {when.question}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.id)
def test_a_before_interview_is_asked_in_the_future_or_present(guide: Guide) -> None:
    """Every customer question told in the past has a "before" wording (a participant
    interviewed before the interaction is asked what they expect, not to retell it), and
    every stage names its moment in everyday words."""
    past = {
        "es": re.compile(r"\b(fue|hizo|pasó|tuvo|esperaba|sentía|sintió|buscó|miró|comparó|"
                         r"recibió|usó|habló|pesó|dudó|costó|resultó|conoció|atascó)\b"),
        "en": re.compile(r"\b(did|was|were|had|felt|expected|got|used|looked|compared|"
                         r"talked|weighed|hesitated|found|came)\b", re.I),
    }  # fmt: skip
    skip_stages = {"loyalty"}  # after the interaction by nature: asked only after it
    found = []
    for stage in guide.stages:
        if stage.id in skip_stages:
            continue
        if not stage.ask_as:
            found.append(f"{guide.id} {stage.id}: no ask_as")
        for q in stage.questions:
            if q.before or q.type in ("scale",) and q.id == "recommend":
                continue
            for lang in guide.languages:
                if past[lang].search(q.prompt[lang]) and not q.when:
                    found.append(f"{guide.id} {stage.id}.{q.id} [{lang}]: {q.prompt[lang]}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.id)
def test_every_consent_placeholder_is_one_a_study_can_fill(guide: Guide) -> None:
    for texts in (guide.consent, guide.consent_staff):
        for lang, text in texts.items():
            names = set(re.findall(r"{(\w+)}", text))
            assert names <= set(PLACEHOLDERS), (guide.id, lang, names - set(PLACEHOLDERS))
    assert guide.consent_staff, f"{guide.id}: staff interviews need a consent of their own"
    for lang in guide.languages:
        text = guide.consent[lang]
        for needed in ("{recording}", "{recipients}", "{legal_basis}", "{authority}"):
            assert needed in text, (guide.id, lang, needed)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.id)
def test_every_stage_offers_an_opportunity_question(guide: Guide) -> None:
    for stage in guide.stages:
        ideas = [q for q in stage.questions if q.lane == "ideas"]
        assert ideas and all(not q.required for q in ideas), (guide.id, stage.id)
