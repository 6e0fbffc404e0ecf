"""Questionnaire guides: the guide's types and queries (:mod:`.types`), the TOML parser
(:mod:`.parser`), and guides from files, built-in or by path (:mod:`.files`). A guide is a
TOML file (see docs/guide-format.md).
"""

from ..model import MAX_TEXT, PERSONA_STAGE
from .files import (
    BUILTIN_GUIDES,
    GUIDES_DIR,
    builtin_guide,
    builtin_guides,
    earlier_guides,
    load_guide,
    resolve_guide,
    shipped_guide,
    validate_file,
)
from .parser import parse_guide
from .types import (
    CONDITION_OPS,
    IDEAS,
    LANES,
    QUESTION_LANES,
    QUESTION_TYPES,
    Condition,
    Guide,
    GuideError,
    Localized,
    Option,
    Question,
    Scale,
    ScalePoint,
    Stage,
    SuggestedTouchpoint,
    journey_stages,
    session_problems,
)

__all__ = [
    "BUILTIN_GUIDES",
    "CONDITION_OPS",
    "IDEAS",
    "LANES",
    "QUESTION_LANES",
    "GUIDES_DIR",
    "MAX_TEXT",
    "PERSONA_STAGE",
    "QUESTION_TYPES",
    "Condition",
    "Guide",
    "GuideError",
    "Localized",
    "Option",
    "Question",
    "Scale",
    "ScalePoint",
    "Stage",
    "SuggestedTouchpoint",
    "builtin_guide",
    "builtin_guides",
    "earlier_guides",
    "journey_stages",
    "shipped_guide",
    "load_guide",
    "parse_guide",
    "resolve_guide",
    "session_problems",
    "validate_file",
]
