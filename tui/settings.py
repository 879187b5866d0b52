"""What the app remembers between sessions: the language and the theme.

One small JSON file, ``settings.json`` in the platformdirs config folder
(``user_config_path("dvk")``, e.g. ``~/.config/dvk``), or in ``$DVK_CONFIG_DIR``
when set (the tests point it at a temporary folder; a portable install can too).
Written by temp file + rename, so a crash never leaves half a file; a file that
cannot be read or written never stops the app: the defaults are used and the
reason is kept in ``Settings.problem``.

Plain Python (no Textual): the CLI reads the language from here before it
decides whether to start the TUI at all.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from db.messages import LANGS

ENV = "DVK_CONFIG_DIR"
FILE_NAME = "settings.json"
DEFAULT_THEME = "textual-dark"


def config_dir() -> Path:
    override = os.environ.get(ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("dvk", appauthor=False)


def settings_path() -> Path:
    return config_dir() / FILE_NAME


@dataclass
class Settings:
    lang: str = "vi"
    theme: str = DEFAULT_THEME
    problem: str = field(default="", compare=False)  # why the file could not be read or written ("" = fine)

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        path = path or settings_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as err:
            return cls(problem=f"{path}: {err}")
        if not isinstance(data, dict):
            return cls(problem=f"{path}: not a JSON object")
        known = {f.name for f in fields(cls)} - {"problem"}
        found = cls(**{k: v for k, v in data.items() if k in known and isinstance(v, str)})
        if found.lang not in LANGS:
            found.lang = "vi"
        return found

    def save(self, path: Path | None = None) -> bool:
        """Write the file; False (and `problem` set) when the folder is not writable."""
        path = path or settings_path()
        data = {k: v for k, v in asdict(self).items() if k != "problem"}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            temp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            os.replace(temp, path)
        except OSError as err:
            self.problem = f"{path}: {err}"
            return False
        self.problem = ""
        return True


def resolve_language(given: str | None) -> str:
    """`--lang` when given, else the language chosen last time in the app, else Vietnamese."""
    if given:
        return given
    return Settings.load().lang
