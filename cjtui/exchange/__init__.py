"""Import and export of sessions: JSON, JSON Lines and the analysts' CSV.

An exported session is exactly ``Session.to_dict()``; the JSON Schema that describes it ships
in ``cjtui/schema/session.schema.json``. Import is strict: every session is checked against
the schema and against its guide before anything is written, and a bad file is named with
its first problem.

The package holds one module a job: ``schema`` (the JSON Schema and the fast checks),
``export`` (JSON, JSON Lines, CSV), ``reading`` (the files to import), ``placing`` (which
study a session goes to), ``redaction`` (a copy to share) and ``sync`` (a session met again
from another store).
"""

from .export import (
    CSV_COLUMNS,
    FORMATS,
    WITHHELD,
    Exportable,
    csv_rows,
    formula_like,
    lines_to_json,
    lines_to_jsonl,
    quote_shown,
    render,
    to_csv,
    to_json,
    to_jsonl,
)
from .placing import StudyPlacer
from .reading import (
    MAX_JSON_BYTES,
    MAX_LINE_BYTES,
    STUDY_SUFFIX,
    ImportFileError,
    ImportPlan,
    check_import,
    checked_sessions,
    guide_study,
    iter_import_file,
    load_import,
    parse_session,
    read_study_file,
    session_files,
)
from .redaction import redacted
from .schema import SESSION_KEYS, _validator, schema, schema_problem, schema_text
from .sync import IMPORT_CASES, differences, import_case

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "IMPORT_CASES",
    "MAX_JSON_BYTES",
    "MAX_LINE_BYTES",
    "SESSION_KEYS",
    "STUDY_SUFFIX",
    "WITHHELD",
    "Exportable",
    "ImportFileError",
    "ImportPlan",
    "StudyPlacer",
    "_validator",
    "check_import",
    "checked_sessions",
    "csv_rows",
    "differences",
    "formula_like",
    "guide_study",
    "import_case",
    "iter_import_file",
    "lines_to_json",
    "lines_to_jsonl",
    "load_import",
    "parse_session",
    "quote_shown",
    "read_study_file",
    "redacted",
    "render",
    "schema",
    "schema_problem",
    "schema_text",
    "session_files",
    "to_csv",
    "to_json",
    "to_jsonl",
]
