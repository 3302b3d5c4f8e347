"""The bytes of a store file: a hashed header, then AES-256-GCM ciphertext.

Every version starts with the same prefix (magic, version, header length) and
ends its header with a SHA-256 of it, so any reader can tell "damaged" from
"newer" from "not ours" before it touches a key.  Each version is one small
class; mycare always writes the newest and reads every version it knows.
"""

from __future__ import annotations

import hashlib
import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .kdf import KdfParams, derive_key

MAGIC = b"\x89MYCARE\n"
PREFIX = struct.Struct(">8sHI")  # magic, format version, header length
HASH_LEN = 32
TAG_LEN = 16
MAX_HEADER_LEN = 4096
SQLITE_MAGIC = b"SQLite format 3\x00"


class FormatProblem(Exception):
    """Why bytes could not be read; the vault turns it into a person's message."""

    def __init__(self, kind: str, detail: str = "", version: int = 0) -> None:
        super().__init__(detail or kind)
        self.kind = kind  # "damaged" | "foreign" | "newer" | "unsafe" | "passphrase"
        self.detail = detail
        self.version = version


@dataclass(frozen=True)
class Header:
    """Everything in front of the ciphertext."""

    kdf: KdfParams
    kdf_salt: bytes
    wrap_nonce: bytes
    wrapped_key: bytes
    generation: int
    save_salt: bytes
    payload_nonce: bytes
    payload_len: int
    store_id: bytes = b""  # format 2 on; format 1 files derive theirs from the data key


STORE_ID_LEN = 16


def derived_store_id(data_key: bytes) -> bytes:
    """The identity of a format 1 store, the same on every computer that holds its key."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=STORE_ID_LEN, salt=None, info=b"mycare store id")
    return hkdf.derive(data_key)


@dataclass(frozen=True)
class Keys:
    """The unwrapped data key and how it is wrapped, kept while a store is open."""

    data_key: bytes
    kdf: KdfParams
    kdf_salt: bytes
    wrap_nonce: bytes
    wrapped_key: bytes
    store_id: bytes = b""

    def wrapped_like(self, header: Header) -> Keys:
        """These keys wrapped as in another save's header (its passphrase, its settings)."""
        return Keys(
            self.data_key,
            header.kdf,
            header.kdf_salt,
            header.wrap_nonce,
            header.wrapped_key,
            header.store_id or self.store_id,
        )


class FormatV1:
    """Format 1: Argon2id-wrapped data key, HKDF per-save key, AES-256-GCM payload."""

    version = 1
    FIELDS = struct.Struct(">BIII16s12s48sQ32s12sQ")
    header_len = PREFIX.size + FIELDS.size

    # -- keys -------------------------------------------------------------
    @staticmethod
    def _wrap_aad(kdf: KdfParams, salt: bytes) -> bytes:
        return MAGIC + struct.pack(
            ">HBIII16s", 1, kdf.kdf_id, kdf.memory_kib, kdf.iterations, kdf.lanes, salt
        )

    @classmethod
    def new_keys(
        cls,
        passphrase: str,
        kdf: KdfParams,
        data_key: bytes | None = None,
        store_id: bytes | None = None,
    ) -> Keys:
        """Make a fresh salt and wrap a (new or given) data key under the passphrase."""
        data_key = data_key or AESGCM.generate_key(bit_length=256)
        store_id = store_id or os.urandom(STORE_ID_LEN)
        salt, nonce = os.urandom(16), os.urandom(12)
        kek = derive_key(passphrase, salt, kdf)
        wrapped = AESGCM(kek).encrypt(nonce, data_key, cls._wrap_aad(kdf, salt))
        return Keys(data_key, kdf, salt, nonce, wrapped, store_id)

    @classmethod
    def unwrap(cls, header: Header, passphrase: str) -> Keys:
        """Run the KDF and unwrap the data key; a wrong passphrase fails the tag."""
        kek = derive_key(passphrase, header.kdf_salt, header.kdf)
        try:
            data_key = AESGCM(kek).decrypt(
                header.wrap_nonce, header.wrapped_key, cls._wrap_aad(header.kdf, header.kdf_salt)
            )
        except InvalidTag:
            raise FormatProblem("passphrase") from None
        store_id = header.store_id or derived_store_id(data_key)
        return Keys(
            data_key, header.kdf, header.kdf_salt, header.wrap_nonce, header.wrapped_key, store_id
        )

    # -- header -----------------------------------------------------------
    @classmethod
    def _extra(cls, h: Header) -> tuple[bytes, ...]:
        return ()

    @classmethod
    def pack_header(cls, h: Header) -> bytes:
        body = PREFIX.pack(MAGIC, cls.version, cls.header_len) + cls.FIELDS.pack(
            h.kdf.kdf_id,
            h.kdf.memory_kib,
            h.kdf.iterations,
            h.kdf.lanes,
            h.kdf_salt,
            h.wrap_nonce,
            h.wrapped_key,
            h.generation,
            h.save_salt,
            h.payload_nonce,
            h.payload_len,
            *cls._extra(h),
        )
        return body + hashlib.sha256(body).digest()

    @classmethod
    def parse_header(cls, blob: bytes) -> Header:
        if len(blob) < cls.header_len:
            raise FormatProblem("damaged", "header too short")
        (kdf_id, mem, its, lanes, salt, wnonce, wrapped, gen, ssalt, pnonce, plen, *extra) = (
            cls.FIELDS.unpack_from(blob, PREFIX.size)
        )
        kdf = KdfParams(memory_kib=mem, iterations=its, lanes=lanes, kdf_id=kdf_id)
        if not kdf.is_sane():
            raise FormatProblem("unsafe", "its key settings are outside safe limits")
        store_id = extra[0] if extra else b""
        return Header(kdf, salt, wnonce, wrapped, gen, ssalt, pnonce, plen, store_id)

    # -- payload ----------------------------------------------------------
    @staticmethod
    def _payload_key(data_key: bytes, save_salt: bytes) -> bytes:
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=save_salt, info=b"mycare payload 1")
        return hkdf.derive(data_key)

    @classmethod
    def seal(cls, keys: Keys, plaintext: bytes, generation: int) -> bytes:
        """Encrypt a database image under a fresh per-save key and nonce."""
        header = Header(
            kdf=keys.kdf,
            kdf_salt=keys.kdf_salt,
            wrap_nonce=keys.wrap_nonce,
            wrapped_key=keys.wrapped_key,
            generation=generation,
            save_salt=os.urandom(32),
            payload_nonce=os.urandom(12),
            payload_len=len(plaintext),
            store_id=keys.store_id,
        )
        head = cls.pack_header(header)
        key = cls._payload_key(keys.data_key, header.save_salt)
        return head + AESGCM(key).encrypt(header.payload_nonce, plaintext, head)

    @classmethod
    def check_length(cls, blob: bytes, header: Header) -> None:
        """A file cut short or with bytes added is damaged, whatever the passphrase."""
        expected = cls.header_len + HASH_LEN + header.payload_len + TAG_LEN
        if len(blob) < expected:
            raise FormatProblem("damaged", "the file is shorter than it should be")
        if len(blob) > expected:
            raise FormatProblem("damaged", "the file has extra bytes at its end")

    @classmethod
    def open_payload(cls, blob: bytes, header: Header, data_key: bytes) -> bytes:
        cls.check_length(blob, header)
        head_end = cls.header_len + HASH_LEN
        key = cls._payload_key(data_key, header.save_salt)
        try:
            return AESGCM(key).decrypt(header.payload_nonce, blob[head_end:], blob[:head_end])
        except InvalidTag:
            raise FormatProblem("damaged", "its contents fail their integrity check") from None


class FormatV2(FormatV1):
    """Format 2: format 1 plus the store's identity, so copies of one store can be found."""

    version = 2
    FIELDS = struct.Struct(">BIII16s12s48sQ32s12sQ16s")
    header_len = PREFIX.size + FIELDS.size

    @classmethod
    def _extra(cls, h: Header) -> tuple[bytes, ...]:
        if len(h.store_id) != STORE_ID_LEN:
            raise ValueError("a format 2 header needs a store identity")
        return (h.store_id,)


FORMATS: dict[int, type[FormatV1]] = {1: FormatV1, 2: FormatV2}
LATEST: type[FormatV1] = FormatV2


def _looks_like_magic(start: bytes) -> bool:
    """True when the first bytes are our magic with at most two bytes changed."""
    return len(start) >= len(MAGIC) and sum(a != b for a, b in zip(start, MAGIC, strict=False)) <= 2


def read_header(blob: bytes) -> tuple[type[FormatV1], Header]:
    """Check the prefix and header hash and parse the header, touching no key."""
    if not blob:
        raise FormatProblem("damaged", "the file is empty")
    if blob.startswith(SQLITE_MAGIC):
        raise FormatProblem("foreign", "it is an unencrypted database")
    if not blob.startswith(MAGIC):
        if MAGIC.startswith(blob) or _looks_like_magic(blob[: len(MAGIC)]):
            raise FormatProblem("damaged", "its first bytes are wrong")
        raise FormatProblem("foreign")
    if len(blob) < PREFIX.size:
        raise FormatProblem("damaged", "the file is cut short")
    _, version, header_len = PREFIX.unpack_from(blob)
    if not PREFIX.size <= header_len <= MAX_HEADER_LEN or len(blob) < header_len + HASH_LEN:
        raise FormatProblem("damaged", "the file is cut short or its header is broken")
    head = blob[:header_len]
    if hashlib.sha256(head).digest() != blob[header_len : header_len + HASH_LEN]:
        raise FormatProblem("damaged", "its header fails its check")
    fmt = FORMATS.get(version)
    if fmt is None:
        if version > LATEST.version:
            raise FormatProblem("newer", version=version)
        raise FormatProblem("damaged", f"unknown file format {version}")
    if header_len != fmt.header_len:
        raise FormatProblem("damaged", "its header has the wrong length")
    return fmt, fmt.parse_header(blob)


def decrypt(blob: bytes, passphrase: str) -> tuple[bytes, Keys, Header]:
    """Open a whole file with a passphrase: (database image, keys, header)."""
    fmt, header = read_header(blob)
    fmt.check_length(blob, header)
    keys = fmt.unwrap(header, passphrase)
    return fmt.open_payload(blob, header, keys.data_key), keys, header


def decrypt_with_key(blob: bytes, data_key: bytes) -> tuple[bytes, Header]:
    """Open a file sealed with a known data key (read-back checks, backups)."""
    fmt, header = read_header(blob)
    return fmt.open_payload(blob, header, data_key), header


def rewrap(keys: Keys, passphrase: str, kdf: KdfParams | None = None) -> Keys:
    """Wrap the same data key under a new passphrase (and optionally new settings)."""
    return LATEST.new_keys(
        passphrase, kdf or keys.kdf, data_key=keys.data_key, store_id=keys.store_id
    )


def store_id_of(blob: bytes, data_key: bytes | None = None) -> bytes | None:
    """Which store these bytes are a version of, or None when they are not a readable store.

    A format 1 file names no store in its header; with the data key its identity is derived.
    """
    try:
        _, header = read_header(blob)
    except FormatProblem:
        return None
    if header.store_id:
        return header.store_id
    return derived_store_id(data_key) if data_key else None


def header_size(blob: bytes) -> int:
    """Bytes of header plus hash in a file that read_header accepted."""
    header_len: int = PREFIX.unpack_from(blob)[2]
    return header_len + HASH_LEN


__all__ = [
    "FORMATS",
    "LATEST",
    "STORE_ID_LEN",
    "FormatProblem",
    "Header",
    "Keys",
    "decrypt",
    "decrypt_with_key",
    "read_header",
    "rewrap",
    "store_id_of",
]
