"""The session store: one TinyDB file per session in a private folder.

Layout of a store folder (``--db PATH``, ``CJTUI_DB``, or the platform's user data dir)::

    store/
      sessions/<uuid>.json    one TinyDB database per session (table "session", doc 1)
      sessions/<uuid>.lock    the session's edit lease (an flock; holds who has it open)
      guides/<sha256>.toml    a copy of each custom guide a session was taken with
      index.json              the summary index (a cache: each row with its file's identity)
      .lock                   inter-process lock for writes

One file per session keeps the cost of saving an answer independent of how many sessions
the store holds (bench/bench_save.py measures it). The package's modules each hold one
thing: ``files`` (reading and writing session files: the only code that does), ``locks``
(the write lock and edit leases), ``index`` (the summary index), ``guides`` (guide copies),
``doctor`` (self-healing and checks), ``core`` (the Store that puts them together).
"""

from .core import APP_NAME, ENV_VAR, Store, default_store_path
from .doctor import Problem
from .errors import CorruptSessionError, SessionBusyError, SessionNotFoundError, StoreError
from .files import SESSION_TABLE, gc_paused, has_raw_control, parse_document
from .guard import StoreChangedError
from .index import INDEX_FILE
from .locks import Lease, holder_description

__all__ = [
    "APP_NAME",
    "ENV_VAR",
    "INDEX_FILE",
    "SESSION_TABLE",
    "CorruptSessionError",
    "Lease",
    "Problem",
    "SessionBusyError",
    "SessionNotFoundError",
    "Store",
    "StoreChangedError",
    "StoreError",
    "default_store_path",
    "gc_paused",
    "has_raw_control",
    "holder_description",
    "parse_document",
]
