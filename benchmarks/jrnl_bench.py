"""The jrnl comparison: jrnl 4 in its own venv, an encrypted journal holding the same diary.

jrnl is installed with pip into a venv of its own under the cache folder (reused when
present), never into mycare's environment. The journal is written by jrnl's own v3
encryption class (PBKDF2-HMAC-SHA256, 100,000 rounds, then Fernet) from the heavy store's
diary lines. `jrnl -n 10` then reads the password from standard input: it runs in a new
session with no controlling terminal, so getpass falls back to stdin; the keyring is off.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

_ENCRYPT = """
import sys
from jrnl.encryption.Jrnlv3Encryption import Jrnlv3Encryption
enc = Jrnlv3Encryption("default", {})
enc.password = sys.argv[2]
open(sys.argv[1], "wb").write(enc.encrypt(sys.stdin.read()))
"""


class Unavailable(Exception):
    """jrnl could not be installed or driven; the message says why."""


@dataclass
class Jrnl:
    argv: list[str]
    env: dict[str, str]
    password: str

    def run(self) -> float:
        """Seconds for one `jrnl -n 10`, spawn to exit."""
        started = time.perf_counter()
        done = subprocess.run(self.argv, input=self.password + "\n", env=self.env, text=True,
                              capture_output=True, start_new_session=True, timeout=120)  # fmt: skip
        seconds = time.perf_counter() - started
        if done.returncode != 0 or done.stdout.count("\n") < 10:
            raise Unavailable(f"jrnl -n 10 failed: {(done.stderr or done.stdout)[-200:]!r}")
        return seconds


def _venv(cache: Path) -> Path:
    """The jrnl venv's bin folder, installed on first use."""
    bin_dir = cache / "jrnl-venv" / "bin"
    if (bin_dir / "jrnl").exists():
        return bin_dir
    try:
        subprocess.run([sys.executable, "-m", "venv", str(cache / "jrnl-venv")],
                       check=True, capture_output=True, timeout=300)  # fmt: skip
        subprocess.run([str(bin_dir / "pip"), "install", "-q", "--disable-pip-version-check",
                        "--timeout", "20", "--retries", "1", "jrnl>=4,<5"],
                       check=True, capture_output=True, timeout=240)  # fmt: skip
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        raise Unavailable(f"cannot install jrnl: {exc} {detail[-200:]!r}") from None
    return bin_dir


def _journal_text(lines: list[tuple[str, str]]) -> str:
    """jrnl's plain format: '[YYYY-MM-DD HH:MM] title and body', oldest first."""
    return "".join(f"[{when}] {text}\n\n" for when, text in lines)


def prepare(cache: Path, work: Path, lines: list[tuple[str, str]], password: str) -> Jrnl:
    """Install jrnl if needed and write an encrypted journal of `lines` (when, text)."""
    bin_dir = _venv(cache)
    work.mkdir(parents=True, exist_ok=True)
    journal, config = work / "journal.txt", work / "jrnl.yaml"
    try:
        subprocess.run([str(bin_dir / "python"), "-c", _ENCRYPT, str(journal), password],
                       input=_journal_text(lines), text=True, check=True,
                       capture_output=True, timeout=300)  # fmt: skip
    except (OSError, subprocess.SubprocessError) as exc:
        raise Unavailable(f"cannot write the encrypted journal: {exc}") from None
    config.write_text(
        "journals:\n"
        f"  default:\n    journal: {journal}\n"
        "encrypt: true\neditor: ''\ntemplate: false\ndefault_hour: 9\ndefault_minute: 0\n"
        "timeformat: '%F %r'\ntagsymbols: '#@'\nhighlight: false\nlinewrap: 79\n"
        "indent_character: '|'\ncolors: {body: none, date: none, tags: none, title: none}\n"
    )
    env = {"HOME": str(work), "XDG_CONFIG_HOME": str(work), "XDG_DATA_HOME": str(work),
           "PATH": f"{bin_dir}:/usr/bin:/bin", "LANG": "C.UTF-8",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}  # fmt: skip
    jrnl = Jrnl([str(bin_dir / "jrnl"), "--config-file", str(config), "-n", "10"], env, password)
    jrnl.run()  # once untimed: jrnl rewrites the config to its version on the first run
    return jrnl
