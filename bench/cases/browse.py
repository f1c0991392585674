"""`brief browse`: time to its first paint, against a bare Textual app that shows one text.

Both run in a pseudo-terminal of 80x24 (the reader needs a terminal); a small launcher
starts the program, reads what it draws until an expected text appears (the first paint),
then kills it and exits: so a row's wall time is start-up to first paint, plus the launcher's
own start (the same for both rows).
"""

from __future__ import annotations

from harness import BENCH, Budget, Case, Context

BARE = "bare Textual app, one static text: first paint"
BROWSE = "brief browse (shipped brief): first paint"

BUDGETS = [Budget(BROWSE, BARE, 1.5)]

#: argv: columns, lines, the text that marks the first paint, then the program and its args.
#: Prints 'painted' when it saw the text; exits 1 when the program ended or 10 s passed first.
LAUNCHER = """
import fcntl, os, pty, select, signal, struct, sys, termios
columns, lines = int(sys.argv[1]), int(sys.argv[2])
expect, argv = sys.argv[3].encode(), sys.argv[4:]
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    os.execv(argv[0], argv)
seen, painted = b"", False
while not painted:
    ready, _, _ = select.select([fd], [], [], 10)
    try:
        chunk = os.read(fd, 65536) if ready else b""
    except OSError:
        chunk = b""
    if not chunk:
        break
    seen = seen[-len(expect):] + chunk
    painted = expect in seen
os.kill(pid, signal.SIGKILL)
os.waitpid(pid, 0)
print("painted" if painted else "not painted")
sys.exit(0 if painted else 1)
"""


def launch(python: str, expect: str, *argv: str) -> tuple[str, ...]:
    """argv that runs ``argv`` in an 80x24 pseudo-terminal until ``expect`` is drawn."""
    return (python, "-S", "-c", LAUNCHER, "80", "24", expect, *argv)


def cases(ctx: Context) -> list[Case]:
    """The bare app and `brief browse`, each up to its first paint."""
    python = ctx.brief_python
    env = {"TERM": "xterm-256color"}
    skip = None
    if not any((ctx.brief_bin.parent / "lib").glob("python*/site-packages/textual")):
        skip = "Textual is not installed in brief's environment (the 'browse' extra)"
    return [
        Case(
            BARE,
            launch(python, "hello from a bare", python, str(BENCH / "bare_textual.py")),
            group="floor",
            env=env,
            expect="painted",
            skip=skip,
        ),
        Case(
            BROWSE,
            launch(python, "The deployment", *ctx.brief("browse")),
            env=ctx.brief_env(XDG_STATE_HOME=str(ctx.work / "state"), **env),
            expect="painted",
            skip=skip,
        ),
    ]
