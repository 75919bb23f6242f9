"""Small, strict helpers that read settings from environment variables.

Each helper fails loudly with the variable's name when a value cannot be
understood: a typo in a deployment must stop start-up, not be ignored.
"""

import os
import re
import secrets
from pathlib import Path


class ConfigError(RuntimeError):
    """A setting in the environment is present but unusable."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not an integer") from None


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name, default).strip().lower()
    if raw not in choices:
        raise ConfigError(f"{name}={raw!r} is not one of {', '.join(choices)}")
    return raw


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


_RATE = re.compile(r"^\s*\d+\s*/\s*\d*\s*[smhd]\w*\s*$")


def env_rate(name: str, default: str) -> str:
    """A request rate such as 20/h, 5/10m or 100/d."""
    raw = os.environ.get(name, default)
    if not _RATE.match(raw):
        raise ConfigError(f"{name}={raw!r} is not a rate; write e.g. 20/h, 5/10m or 100/d")
    return raw


def data_dir() -> Path:
    """The directory holding the embedded database, secret key and uploads."""
    path = Path(os.environ.get("XIAONENG_DATA_DIR", "./var")).expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise ConfigError(f"XIAONENG_DATA_DIR={path} exists and is not a directory")
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path) -> str:
    """XIAONENG_SECRET_KEY, or a key generated once and kept in the data dir."""
    key = os.environ.get("XIAONENG_SECRET_KEY")
    if key is not None:
        if len(key) < 32:
            raise ConfigError("XIAONENG_SECRET_KEY must be at least 32 characters long")
        return key
    path = directory / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_urlsafe(50)
    # Create with owner-only permissions before anything else can read it.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


def database(directory: Path) -> dict:
    """DATABASE_URL, or SQLite in the data dir (WAL mode, immediate transactions)."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL")
    if not url:
        return sqlite_database(directory / "xiaoneng.sqlite3")
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ConfigError(f"DATABASE_URL is not understood: {exc}") from None
    engine = config.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        return sqlite_database(Path(config["NAME"]))
    if not engine.endswith("postgresql"):
        raise ConfigError(
            f"DATABASE_URL engine {engine!r} is not supported; use sqlite:// or postgres://"
        )
    return config


def sqlite_database(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            # Writers take the lock at BEGIN, so two writers never deadlock on upgrade.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
        "TEST": {"NAME": None},
    }
