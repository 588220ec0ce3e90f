#!/usr/bin/env python3
"""Database maintenance for the e-Akte: pack, convert, back up, restore.

Uses RelStorage's own tools (zodbpack, zodbconvert) with the storage configured through the
same EAKTE_* settings as the instance (see scripts/instance.py).

    python scripts/storage.py pack
    python scripts/storage.py convert --to-dsn "dbname=eakte host=127.0.0.1 user=eakte"
    python scripts/storage.py backup [--dir var/backup]
    python scripts/storage.py restore --file var/backup/<stamp>.fs [--force]
"""

from datetime import datetime
from pathlib import Path

import argparse
import subprocess
import sys


sys.path.insert(0, str(Path(__file__).resolve().parent))

from instance import ensure_postgresql_database  # noqa: E402
from instance import Settings  # noqa: E402
from instance import storage_section  # noqa: E402


BIN = Path(sys.executable).parent


def relstorage_section(settings: Settings, name: str) -> str:
    return (
        f"<relstorage {name}>\n"
        "  keep-history false\n"
        "  shared-blob-dir false\n"
        f"  blob-dir {settings.var}/cache/blob-{name}\n"
        f"{storage_section(settings)}\n"
        "</relstorage>\n"
    )


def filestorage_section(path: Path, name: str) -> str:
    return (
        f"<filestorage {name}>\n"
        f"  path {path}\n"
        f"  blob-dir {path.with_suffix('.blobs')}\n"
        "</filestorage>\n"
    )


def _write_conf(settings: Settings, filename: str, body: str) -> Path:
    conf = settings.etc / filename
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text("%import relstorage\n" + body, encoding="utf-8")
    return conf


def _run(*cmd) -> None:
    print("+", " ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True)


def pack(settings: Settings, days: float = 0) -> None:
    conf = _write_conf(settings, "pack.conf", relstorage_section(settings, "main"))
    _run(BIN / "zodbpack", "--days", days, conf)


def convert(source: Settings, destination: Settings, clear: bool = False) -> None:
    if destination.backend == "postgresql":
        ensure_postgresql_database(destination.dsn)
    body = relstorage_section(source, "source") + relstorage_section(destination, "destination")
    conf = _write_conf(source, "convert.conf", body)
    _run(BIN / "zodbconvert", *(["--clear"] if clear else []), conf)


def backup(settings: Settings, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{datetime.now():%Y%m%d-%H%M%S}.fs"
    body = relstorage_section(settings, "source") + filestorage_section(target, "destination")
    _run(BIN / "zodbconvert", _write_conf(settings, "backup.conf", body))
    print(f"Backup written to {target} (+ {target.with_suffix('.blobs')})")
    return target


def restore(settings: Settings, backup_file: Path, force: bool = False) -> None:
    if not backup_file.exists():
        raise SystemExit(f"No backup at {backup_file}")
    body = filestorage_section(backup_file, "source") + relstorage_section(settings, "destination")
    conf = _write_conf(settings, "restore.conf", body)
    _run(BIN / "zodbconvert", *(["--clear"] if force else []), conf)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_pack = sub.add_parser("pack", help="remove unreachable objects")
    p_pack.add_argument("--days", type=float, default=0)
    p_convert = sub.add_parser("convert", help="copy the configured database into PostgreSQL")
    p_convert.add_argument("--to-dsn", required=True)
    p_convert.add_argument("--clear", action="store_true", help="empty the destination first")
    p_backup = sub.add_parser("backup", help="copy the database into a FileStorage file")
    p_backup.add_argument("--dir", type=Path)
    p_restore = sub.add_parser("restore", help="copy a backup into the configured database")
    p_restore.add_argument("--file", type=Path, required=True)
    p_restore.add_argument("--force", action="store_true", help="overwrite a non-empty database")
    args = parser.parse_args(argv)

    settings = Settings.from_environ()
    if args.command == "pack":
        pack(settings, args.days)
    elif args.command == "convert":
        if not args.to_dsn.strip():
            raise SystemExit("--to-dsn is required (a PostgreSQL DSN)")
        convert(settings, Settings.from_environ(dsn=args.to_dsn), clear=args.clear)
    elif args.command == "backup":
        backup(settings, args.dir or settings.var / "backup")
    elif args.command == "restore":
        restore(settings, args.file, force=args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
