"""Running `python -m etl` commands in process, as sqlite-utils' tests use click's CliRunner: the command's
`main` with stdout and stderr captured, usage errors (argparse's SystemExit) as exit codes."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

from etl.cli import main


@dataclass(frozen=True)
class Done:
    """What a command did: its exit code and what it printed."""

    returncode: int
    stdout: str
    stderr: str
    stdout_bytes: bytes


def run_cli(*args: str) -> Done:
    """Run `python -m etl ARGS...` in this process."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    with redirect_stdout(stdout), redirect_stderr(stderr):
        try:
            code = main(list(args))
        except SystemExit as e:  # argparse: --help, or bad usage (2)
            code = e.code if isinstance(e.code, int) else 1
    stdout.flush()
    stderr.flush()
    return Done(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"), out.getvalue())
