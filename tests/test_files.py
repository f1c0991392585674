"""Safe writes: atomic, no clobber without force, never through a symlink, names from data."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from briefcli import files
from briefcli.errors import BriefFileError, UsageError, WriteError
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
    for force in (False, True):  # a path the user gave: refused, even with --force
        with pytest.raises(WriteError, match=r"brief.yaml is a symbolic link; brief neither"):
            atomic_write(link, b"evil", force=force)
    # In brief's own folders: never written through; with force the link itself is replaced.
    with pytest.raises(WriteError, match=r"brief.yaml exists \(a symbolic link\)"):
        atomic_write(link, b"evil", own=True)
    atomic_write(link, b"mine", force=True, own=True)
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
@example("\u115f", "")  # a Hangul filler: a letter to \w, invisible to a reader
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


# -- special files, missing folders, stdout (defects 3 and 10) -------------------------------


def _special(kind: str, path: Path) -> None:
    """Make a FIFO, socket or character device (as /dev/null is) at ``path``."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        import socket

        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(path))
    else:
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a twin of /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root")


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
@pytest.mark.parametrize("own", [False, True])
def test_special_files_are_never_replaced_even_with_force(
    tmp_path: Path, kind: str, own: bool
) -> None:
    # Defect 3: 'brief export -o /dev/null --force', as root, replaced /dev/null.
    path = tmp_path / "node"
    _special(kind, path)
    before = os.lstat(path)
    with pytest.raises(WriteError, match=r"node is a (FIFO|socket|device); brief replaces only"):
        atomic_write(path, b"x", force=True, own=own)
    after = os.lstat(path)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert leftovers(tmp_path) == []


def test_a_link_to_a_special_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "stderr"  # as /dev/stderr links to /proc/self/fd/2
    link.symlink_to(fifo)
    with pytest.raises(WriteError, match="is a symbolic link"):
        atomic_write(link, b"x", force=True)
    assert link.is_symlink() and fifo.is_fifo()


def test_a_missing_folder_is_refused_like_cp(tmp_path: Path) -> None:
    # Defect 10: '-o outs/no/such/dir/x.txt' made three folders.
    path = tmp_path / "outs" / "no" / "such" / "x.txt"
    with pytest.raises(WriteError, match=r"the folder .*outs/no/such does not exist"):
        atomic_write(path, b"x")
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "file").write_text("")
    with pytest.raises(WriteError, match=r"the folder .*file is not a folder"):
        atomic_write(tmp_path / "file" / "x.txt", b"x")
    atomic_write(path, b"x", own=True)  # brief's own folders are made
    assert path.read_bytes() == b"x"


@pytest.mark.parametrize("name", ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_stdout_names_mean_the_stream(name: str) -> None:
    assert files.output_target(name) is None


def test_other_output_names_are_paths() -> None:
    assert files.output_target("out.txt") == Path("out.txt")
    assert files.output_target("/dev/stderr") == Path("/dev/stderr")  # refused when written
    with pytest.raises(UsageError, match="--output needs a path"):
        files.output_target(" ")


# -- the safe reader ----------------------------------------------------------------------------


def test_the_reader_names_the_kind_of_file(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(BriefFileError, match="is a FIFO, not a report"):
        files.read_file(fifo, files.REPORT)
    with pytest.raises(BriefFileError, match="is a directory, not an overlay file"):
        files.read_file(tmp_path, files.OVERLAY)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 11)
    with pytest.raises(BriefFileError, match="is 11 bytes; a report may be at most 10 bytes"):
        files.read_file(big, files.REPORT, limit=10)
    assert files.read_file(big, limit=11) == b"x" * 11


def test_in_brief_own_folders_a_link_is_never_followed(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.write_bytes(b"data")
    link = tmp_path / "link"
    link.symlink_to(target)
    assert files.read_file(link) == b"data"  # a user's file may be a link
    with pytest.raises(BriefFileError, match="is a symbolic link; brief does not follow"):
        files.read_file(link, files.OWN, own=True)
    assert files.read_file(target, files.OWN, own=True) == b"data"


def test_a_file_that_grows_while_read_is_read_whole_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"0123456789")
    real_stat, real_fstat = os.stat, os.fstat

    def smaller(info: os.stat_result) -> os.stat_result:
        fields = list(info)
        fields[stat.ST_SIZE] = 4  # as if the file had 4 bytes when checked, then grew
        return os.stat_result(fields)

    monkeypatch.setattr(files.os, "stat", lambda path: smaller(real_stat(path)))
    monkeypatch.setattr(files.os, "fstat", lambda fd: smaller(real_fstat(fd)))
    assert files.read_file(path) == b"0123456789"
    with pytest.raises(BriefFileError, match="grew past 8 bytes while being read"):
        files.read_file(path, limit=8)
