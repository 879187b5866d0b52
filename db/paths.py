"""Where dvk keeps its data: one place, overridable by `--db` and `DVK_DB`."""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

ENV_VAR = "DVK_DB"


def default_db_path() -> Path:
    return user_data_path("dvk", appauthor=False) / "dvk.json"


def resolve_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """`--db` wins over `DVK_DB`, which wins over the per-user default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_db_path()
