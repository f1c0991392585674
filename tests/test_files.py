"""Safe writes: atomic, no clobber without force, never through a symlink, names from data."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefcli import files
from briefcli.errors import WriteError
from briefcli.files import MAX_NAME_BYTES, atomic_write, child_path, safe_filename
from briefcli.sanitize import has_unsafe


def leftovers(folder: Path) -> list[str]:
    """Temporary files left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file_with_the_usual_permissions(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    umask = os.umask(0o022)
    try:
        atomic_write(path, b"hello")
    finally:
        os.umask(umask)
    assert path.read_bytes() == b"hello"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert leftovers(path.parent) == []


def test_private_files_are_for_the_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("old")
    path.chmod(0o644)
    atomic_write(path, b"secret", force=True, private=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("keep me")
    with pytest.raises(WriteError, match=r"out\.txt exists; use --force to replace it"):
        atomic_write(path, b"new")
    assert path.read_text() == "keep me"
    assert leftovers(tmp_path) == []


def test_force_replaces_and_keeps_the_permissions(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")
    path.chmod(0o600)
    atomic_write(path, b"new", force=True)
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_file_created_while_writing_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.txt"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:
        real_fsync(fd)
        if not path.exists():
            path.write_text("theirs")

    monkeypatch.setattr(files.os, "fsync", someone_else_writes)
    with pytest.raises(WriteError, match="exists; use --force"):
        atomic_write(path, b"ours")
    assert path.read_text() == "theirs"
    assert leftovers(tmp_path) == []


def test_without_hard_links_it_still_refuses_to_clobber(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    atomic_write(tmp_path / "new.txt", b"x")
    assert (tmp_path / "new.txt").read_bytes() == b"x"
    assert leftovers(tmp_path) == []


def test_a_symlink_is_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "victim.txt"
    target.write_text("precious")
    folder = tmp_path / "library"
    folder.mkdir()
    link = folder / "brief.yaml"
    link.symlink_to(target)
    with pytest.raises(WriteError, match=r"brief.yaml exists \(a symbolic link\)"):
        atomic_write(link, b"evil")
    atomic_write(link, b"mine", force=True)  # replaces the link, not what it points to
    assert target.read_text() == "precious"
    assert not link.is_symlink() and link.read_bytes() == b"mine"


def test_a_dangling_symlink_is_not_written_through(tmp_path: Path) -> None:
    link = tmp_path / "out.txt"
    link.symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(WriteError, match="symbolic link"):
        atomic_write(link, b"x")
    assert not (tmp_path / "elsewhere.txt").exists()


def test_a_directory_is_never_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for force in (False, True):
        with pytest.raises(WriteError, match="out is a directory"):
            atomic_write(folder, b"x", force=force)
    assert folder.is_dir()


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(WriteError, match=r"cannot write .*out\.txt: No space left on device"):
        atomic_write(path, b"new", force=True)
    assert path.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_an_interrupted_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "out.txt", b"new")
    assert list(tmp_path.iterdir()) == []


def test_names_in_messages_are_sanitised(tmp_path: Path) -> None:
    path = tmp_path / "a\x1b]0;t\x07.txt"
    path.write_text("x")
    with pytest.raises(WriteError) as info:
        atomic_write(path, b"y")
    assert "\x1b" not in info.value.message and "a\\x1b]0;t\\x07.txt exists" in info.value.message


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("nk-russia-troops-2025", "nk-russia-troops-2025.yaml"),
        ("../../etc/passwd", "etc-passwd.yaml"),
        ("/etc/passwd", "etc-passwd.yaml"),
        ("C:\\Windows\\win.ini", "C-Windows-win.ini.yaml"),
        (".hidden", "hidden.yaml"),
        ("-rf", "rf.yaml"),
        ("..", "brief.yaml"),
        ("", "brief.yaml"),
        ("CON", "brief-CON.yaml"),
        ("nul.txt", "brief-nul.txt.yaml"),
        ("\x1b]52;c;eA==\x07report", "52-c-eA-report.yaml"),
        ("invoice\u202efdp.exe", "invoice-fdp.exe.yaml"),
        ("북한 보고서", "북한-보고서.yaml"),
        ("ｆｕｌｌｗｉｄｔｈ", "fullwidth.yaml"),
    ],
)
def test_file_names_from_data_are_one_harmless_component(text: str, name: str) -> None:
    assert safe_filename(text, ".yaml") == name


@given(st.text(), st.sampled_from(["", ".yaml", ".json"]))
def test_any_text_makes_a_safe_file_name(text: str, suffix: str) -> None:
    name = safe_filename(text, suffix)
    assert name and name not in (".", "..")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith((".", "-"))
    assert not has_unsafe(name)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.endswith(suffix)


def test_child_path_stays_in_its_folder_and_refuses_links(tmp_path: Path) -> None:
    assert child_path(tmp_path, "../../x", ".yaml") == tmp_path / "x.yaml"
    (tmp_path / "y.yaml").symlink_to("/etc/passwd")
    with pytest.raises(WriteError, match="is a symbolic link"):
        child_path(tmp_path, "y", ".yaml")
