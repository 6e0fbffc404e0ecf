"""Studies kept beside the sessions: ``studies/<id>.json``, one private file a study,
written atomically (the only code that reads or writes them)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..base import jsonio
from ..base.errors import Msg
from ..base.fsutil import atomic_write
from ..domain.study import MAX_STUDY_BYTES, Study, StudyError, check_study_id, is_study_id
from .errors import StoreError
from .guard import read_store_file


class StudyFiles:
    def __init__(
        self,
        folder: Path,
        check: Callable[[], None] = lambda: None,
        at: Callable[[Path], Path] = lambda path: path,
    ):
        self.folder = folder
        self.check = check  # the store's folders as opened (see .guard)
        self.at = at  # where to act on a path: through its folder held open

    def path_of(self, study_id: str) -> Path:
        return self.folder / f"{check_study_id(study_id)}.json"

    def ids(self) -> list[str]:
        self.check()
        try:
            names = sorted(os.listdir(self.at(self.folder)))
        except FileNotFoundError:
            return []
        return [n[:-5] for n in names if n.endswith(".json") and is_study_id(n[:-5])]

    def exists(self, study_id: str) -> bool:
        self.check()
        return os.path.lexists(self.at(self.path_of(study_id)))

    def load(self, study_id: str) -> Study:
        path = self.path_of(study_id)
        self.check()
        try:
            raw = read_store_file(path, MAX_STUDY_BYTES, self.at(path))
        except FileNotFoundError:
            raise StoreError(Msg("no study {0} in this store", repr(study_id))) from None
        try:
            study = Study.from_dict(jsonio.loads(raw))
        except (jsonio.JSONFormatError, StudyError) as exc:
            raise StoreError(Msg("{0}: {1}", path, exc)) from None
        if study.id != study_id:
            raise StoreError(
                Msg("{0}: holds study {1}, not {2}", path, repr(study.id), repr(study_id))
            )
        return study

    def all(self) -> list[Study]:
        return [self.load(i) for i in self.ids()]

    def save(self, study: Study) -> None:
        """Write *study* (checked) atomically; the caller holds the store's lock."""
        path = self.path_of(study.id)
        atomic_write(self.at(path), self.encode(study), shown=path)

    def encode(self, study: Study) -> bytes:
        """*study*'s record as written, checked (its fields, its size)."""
        study.check()
        self.check()
        data = jsonio.dumps(study.to_dict()).encode("utf-8")
        if len(data) > MAX_STUDY_BYTES:
            raise StoreError(
                Msg("study {0}: {1} bytes (at most {2})", study.id, len(data), MAX_STUDY_BYTES)
            )
        return data
