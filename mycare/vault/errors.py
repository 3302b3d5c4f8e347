"""What can go wrong with the encrypted file, each told in one plain line."""

from __future__ import annotations

from pathlib import Path


class VaultError(Exception):
    """A problem with the store file; ``str()`` is a message for the person."""


class WrongPassphrase(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"That passphrase does not open {path}. Check it and try again.")


class ChangeCutShort(WrongPassphrase):
    """The new passphrase of a passphrase change that stopped before the store was changed."""

    def __init__(self, path: Path) -> None:
        VaultError.__init__(
            self,
            f"{path} still opens with its old passphrase: a change to this new one was cut "
            "short before the store itself was changed. Open it with the old passphrase and "
            "run `mycare passwd` again to finish the change.",
        )


class NotAStore(VaultError):
    def __init__(self, path: Path, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"{path} is not a mycare store{extra}; mycare left it untouched. "
            "Check the path, or use --store to pick your store."
        )


def _backups_beside(path: Path, backups: list[Path]) -> str:
    if backups:
        names = ", ".join(p.name for p in backups)
        return (
            f"Your backups are beside it in {path.parent}: {names} (newest first); "
            "`mycare check` tests them."
        )
    return f"No backups were found beside it in {path.parent}."


class DamagedStore(VaultError):
    def __init__(self, path: Path, backups: list[Path], detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        where = _backups_beside(path, backups)
        super().__init__(
            f"{path} is damaged or has been altered{extra}, so mycare will not open it "
            f"and has not changed it. {where}"
        )


class NewerFormat(VaultError):
    def __init__(self, path: Path, version: int, what: str = "file format") -> None:
        super().__init__(
            f"{path} was made by a newer mycare ({what} {version}): update mycare "
            "to open it. The file was left untouched."
        )


class UnusualSettings(DamagedStore):
    """A header whose key settings are beyond the bounds: refused before the KDF runs."""

    def __init__(self, path: Path, backups: list[Path]) -> None:
        VaultError.__init__(
            self,
            f"{path}: this file asks for unusual settings (key settings beyond what mycare "
            "ever writes: damaged or altered), so mycare did not try to open it and left it "
            f"untouched. {_backups_beside(path, backups)}",
        )


class StoreInUse(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is already open in another mycare. Close that one first, then try again."
        )


class StoreExists(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} already exists; mycare will not overwrite it. Choose another path."
        )


class StoreMissing(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"There is no store at {path}. Create one with `mycare init`, "
            "or point to yours with --store or MYCARE_STORE."
        )


class StoreUnreadable(VaultError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"mycare cannot read {path}: {reason}. The file was left untouched.")


class StoreChanged(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} was changed elsewhere since mycare opened it (another device or a "
            "sync app?), so mycare did not overwrite it; open it again to see the newer copy."
        )


class SaveFailed(VaultError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Could not save {path}: {reason}. The file on disk is unchanged.")


class FolderUnusable(VaultError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"mycare cannot use {path}: it keeps a lock and backups beside the store, "
            f"and {reason}. Move the store to a folder you can write in, or fix the folder."
        )


class BadPassphrase(VaultError):
    """A new passphrase that cannot be used (empty, for example)."""


class OtherStore(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is a different mycare store, not a copy of this one, so it was not "
            "merged; it was left untouched."
        )


class OtherKey(VaultError):
    """A version of this store sealed under another data key: another passphrase."""

    def __init__(self, path: Path, is_store: bool = False) -> None:
        if is_store:
            text = (
                f"{path} now has a new passphrase (it was changed in another mycare), so "
                "this one cannot read or save it; nothing was lost. Close mycare and open "
                "the store again with the new passphrase."
            )
        else:
            text = (
                f"{path} is a copy of this store locked with another passphrase (from "
                "before or after a passphrase change), so it was not merged; it was left "
                f"untouched. Merge it with `mycare merge {_quoted(path)}`, which asks for "
                "that passphrase."
            )
        super().__init__(text)


class CopyPassphraseWrong(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"That passphrase does not open {path} either, so nothing was merged; it was "
            "left untouched. Try the passphrase the store had before (or after) it was changed."
        )


class PassphraseChanged(VaultError):
    """Our save could not go into a store re-keyed elsewhere; it was kept beside it."""

    def __init__(self, path: Path, kept: Path) -> None:
        super().__init__(
            f"{path} was given a new passphrase in another mycare, so your latest changes "
            f"were saved beside it as {kept.name}, locked with the passphrase you opened it "
            "with. Close mycare, open the store with its new passphrase, then "
            f"`mycare merge {_quoted(kept)}` (it asks for the passphrase you used here)."
        )


def _quoted(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
