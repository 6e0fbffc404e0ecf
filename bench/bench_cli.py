"""The command line: start-up against `import click, tinydb`, and list, export, import and
report on a store of N real-sized sessions (10,000 by default), import and export each
against a plain reference measured in the same run.

    python bench/bench_cli.py [--n 10000]

References (the standard library doing the bare job, run as a program like cjtui):
- import: parse the same JSONL one line at a time and write each session to its own file,
  fsynced (a store's writes must be durable), and the folder fsynced once;
- export: read every session file back, parse it and dump it as one JSON line.
Start-up rows take the minimum of many runs, cjtui and its reference taking turns.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import (
    REPEAT,
    Row,
    cjtui_argv,
    command_time,
    document_sizes,
    fill_store,
    interleaved_min,
    print_rows,
    run_quietly,
)

STARTUP_ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))

REFERENCE_IMPORT = """
import json, os, sys
source, folder = sys.argv[1], sys.argv[2]
os.makedirs(folder, mode=0o700)
with open(source, encoding="utf-8") as lines:
    for line in lines:
        session = json.loads(line)
        path = os.path.join(folder, session["id"] + ".json")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, json.dumps({"session": {"1": session}}, ensure_ascii=False).encode())
        os.fsync(fd)
        os.close(fd)
fd = os.open(folder, os.O_RDONLY)
os.fsync(fd)
os.close(fd)
"""

REFERENCE_EXPORT = """
import json, os, sys
folder = sys.argv[1]
out = sys.stdout
for name in sorted(os.listdir(folder)):
    if name.endswith(".json"):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            session = json.load(f)["session"]["1"]
        out.write(json.dumps(session, ensure_ascii=False) + "\\n")
"""


def main(argv: list[str] | None = None) -> list[Row]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    args, _ = parser.parse_known_args(argv)
    n = args.n
    rows: list[Row] = []
    sizes = document_sizes()
    print(
        f"session files: {min(sizes) / 1024:.0f}–{max(sizes) / 1024:.0f} KB, "
        f"median {statistics.median(sizes) / 1024:.0f} KB",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory() as tmp:
        small = fill_store(Path(tmp) / "small", 10)
        reference = run_quietly([sys.executable, "-c", "import click, tinydb"])
        for what, extra in (("cjtui --help", ["--help"]), ("cjtui list (10 sessions)", ["list"])):
            ours = run_quietly(cjtui_argv() + ["--db", str(small.root), *extra])
            best = interleaved_min({"ours": ours, "ref": reference}, STARTUP_ROUNDS)
            rows.append(
                (
                    what,
                    f"{best['ours'] * 1000:.0f} ms",
                    f"{best['ref'] * 1000:.0f} ms",
                    best["ours"] / best["ref"],
                    1.5,
                )
            )

        big = fill_store(Path(tmp) / "big", n)
        db = ["--db", str(big.root)]
        seconds = command_time(cjtui_argv() + db + ["list"])
        rows.append((f"cjtui list, N={n} (s)", f"{seconds:.2f} s", "0.5 s", seconds, 0.5))
        # A big store's list against a small one's, the two taking turns (the index built
        # first): what 10,000 sessions add to the start-up every list pays.
        run_quietly(cjtui_argv() + db + ["list"])()
        best = interleaved_min(
            {
                "big": run_quietly(cjtui_argv() + db + ["list"]),
                "small": run_quietly(cjtui_argv() + ["--db", str(small.root), "list"]),
            },
            STARTUP_ROUNDS,
        )
        rows.append(
            (
                f"cjtui list, N={n} vs 10 sessions",
                f"{best['big']:.2f} s",
                f"{best['small'] * 1000:.0f} ms",
                best["big"] / best["small"],
                3.0,
            )
        )

        plain_export = command_time([sys.executable, "-c", REFERENCE_EXPORT, str(big.sessions_dir)])
        for fmt in ("json", "jsonl"):
            seconds = command_time(cjtui_argv() + db + ["export", "--format", fmt])
            rows.append(
                (
                    f"cjtui export --format {fmt}, N={n} vs plain",
                    f"{seconds:.2f} s",
                    f"{plain_export:.2f} s",
                    seconds / plain_export,
                    1.5,
                )
            )
        seconds = command_time(cjtui_argv() + db + ["export", "--format", "csv"])
        rows.append(
            (f"cjtui export --format csv, N={n} (s)", f"{seconds:.2f} s", "2 s", seconds, 2.0)
        )
        seconds = command_time(cjtui_argv() + db + ["report", "--study", "online-retail"])
        rows.append((f"cjtui report, N={n} (s)", f"{seconds:.2f} s", "2 s", seconds, 2.0))
        # The journey map of one study of N interviews, against its report: the map is the
        # report's figures laid out with the lanes' answers, so it may cost a little more.
        one = fill_store(Path(tmp) / "one-study", n, study="online-retail")
        one_db = ["--db", str(one.root)]
        report = command_time(cjtui_argv() + one_db + ["report", "--format", "json"])
        for fmt in ("text", "html"):
            seconds = command_time(cjtui_argv() + one_db + ["map", "--format", fmt])
            rows.append(
                (
                    f"cjtui map --format {fmt}, one study of N={n} vs report",
                    f"{seconds:.2f} s",
                    f"{report:.2f} s",
                    seconds / report,
                    1.25,
                )
            )
        # A store of several studies (the samples' five): one study's list and export are
        # no slower than the whole store's (10% is the noise of one run).
        for what, whole, one in (
            ("list", ["list"], ["list", "--study", "banco-hipoteca"]),
            (
                "export --format jsonl",
                ["export", "--format", "jsonl"],
                ["export", "--format", "jsonl", "--study", "online-retail"],
            ),
            ("export --format csv", ["export", "--format", "csv"],
             ["export", "--format", "csv", "--study", "online-retail"]),
        ):  # fmt: skip
            unfiltered = command_time(cjtui_argv() + db + whole)
            filtered = command_time(cjtui_argv() + db + one)
            rows.append(
                (
                    f"cjtui {what} --study, N={n} vs whole store",
                    f"{filtered:.2f} s",
                    f"{unfiltered:.2f} s",
                    filtered / unfiltered,
                    1.1,
                )
            )

        jsonl = Path(tmp) / "all.jsonl"
        with open(jsonl, "wb") as handle:
            subprocess.run(
                cjtui_argv() + db + ["export", "--format", "jsonl"], stdout=handle, check=True
            )
        runs = iter(range(10_000))

        def ours() -> None:
            target = Path(tmp) / f"import{next(runs)}"
            run_quietly(cjtui_argv() + ["--db", str(target), "import", str(jsonl)])()

        def plain() -> None:
            target = Path(tmp) / f"plain{next(runs)}"
            run_quietly([sys.executable, "-c", REFERENCE_IMPORT, str(jsonl), str(target)])()

        best = interleaved_min({"ours": ours, "ref": plain}, max(3, REPEAT))
        rows.append(
            (
                f"cjtui import (jsonl), N={n} vs plain",
                f"{best['ours']:.2f} s",
                f"{best['ref']:.2f} s",
                best["ours"] / best["ref"],
                1.5,
            )
        )
    return rows


if __name__ == "__main__":
    print_rows(main())
