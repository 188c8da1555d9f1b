"""The file-system monitor: a warm search without a ``stat``, and never a stale result.

Every test that turns the monitor on (``UNAGREE_WATCH=on``) stops the monitors it started
(the ``watched`` fixture); conftest turns it off for every other test.
"""

from __future__ import annotations

import itertools
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT, subprocess_env

from unagree_cli import index as index_module
from unagree_cli import watch
from unagree_cli.corpus import load, treaty_folders
from unagree_cli.index import Scan, index_file, open_index
from unagree_cli.search import compile_query, search

pytestmark = pytest.mark.skipif(not watch.supported(), reason="the monitor is Linux's (inotify)")

QUERIES = [("通行证", ["en", "zh"], False), ("Organization", ["en"], False), ("Article 1|第一条", ["en", "zh"], True)]


def full_scan(root: Path) -> list[list[str]]:
    """Every query's hits, searching every set one by one (no index)."""
    return [
        [
            f"{folder.name} {hit.address}"
            for folder in treaty_folders(root)
            for hit in search(load(folder), compile_query(text, langs, regex))
        ]
        for text, langs, regex in QUERIES
    ]


def indexed(root: Path) -> list[list[str]]:
    found = open_index(root)
    try:
        return [
            [hit.address for hit in found.search(compile_query(text, langs, regex))] for text, langs, regex in QUERIES
        ]
    finally:
        found.close()


def fingerprint(root: Path) -> tuple[object, ...]:
    """The stored fingerprint row: what a full check compares the corpus with."""
    found = open_index(root)
    try:
        return tuple(found.db.execute("SELECT sets, paths, sig FROM fresh").fetchone())
    finally:
        found.close()


def built_afresh(root: Path) -> tuple[object, ...]:
    """The fingerprint row of an index built now, in memory, from the corpus as it is."""
    found = index_module._in_memory(Scan(root), None)
    try:
        return tuple(found.db.execute("SELECT sets, paths, sig FROM fresh").fetchone())
    finally:
        found.close()


class Looks:
    """How often freshness was judged the long way (stats) since the last :meth:`reset`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        for owner, name in ((Scan, "stat_all"), (Scan, "same_sets"), (index_module, "signatures")):
            monkeypatch.setattr(owner, name, self._counted(getattr(owner, name)))

    def _counted(self, real: Callable[..., object]) -> Callable[..., object]:
        def counted(*args: object) -> object:
            self.count += 1
            return real(*args)

        return counted

    def reset(self) -> int:
        count, self.count = self.count, 0
        return count


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Wait (at most 30 s: a busy machine) until ``condition`` holds; fail saying ``what`` did not happen."""
    deadline = time.monotonic() + 30
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen")
        time.sleep(0.02)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
        return handle.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited


def monitors_of(target: str) -> list[int]:
    """The processes running a monitor for the index file ``target`` (whatever they answer)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                argv = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"serve" in argv and os.fsencode(target) in argv and alive(int(entry)):
                found.append(int(entry))
    return found


def stop_monitors(target: str) -> None:
    """Stop every monitor of ``target``: asked to, then killed."""
    watch.stop(target)
    for pid in monitors_of(target):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    wait_for(lambda: not monitors_of(target), "the monitors' end")
    wait_for(lambda: watch.ask(target, 1.0).state == "absent", "the monitors' end")  # sockets close last


@pytest.fixture
def watched(three_sets: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The three-set corpus with the monitor on; every monitor of its index stopped (killed if need be) after."""
    monkeypatch.setenv(watch.ENV, "on")
    target = str(index_file(three_sets))
    try:
        yield three_sets
    finally:
        stop_monitors(target)


def target_of(root: Path) -> str:
    return str(index_file(root))


def warm(root: Path, looks: Looks) -> None:
    """Open until the monitor vouches: the first open starts it, the next keeps its token, then no stat."""
    open_index(root).close()
    wait_for(lambda: watch.ask(target_of(root)).state == "token", "the monitor's start")
    open_index(root).close()
    looks.reset()
    assert indexed(root) == full_scan(root)
    assert looks.reset() == 0


def test_a_warm_open_vouched_for_by_the_monitor_looks_at_no_file(
    watched: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    looks = Looks(monkeypatch)
    open_index(watched).close()
    assert looks.reset() > 0  # no monitor yet: the full check (and one is started)
    wait_for(lambda: watch.ask(target_of(watched)).state == "token", "the monitor's start")
    open_index(watched).close()
    assert looks.reset() > 0  # a token not yet kept: the full check, then the token is kept
    for _ in range(2):
        assert indexed(watched) == full_scan(watched)
        assert looks.reset() == 0


def _same_size_edit(root: Path) -> None:
    path = root / "set-0002" / "agreement.zh.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("通行证", "通行卡", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # size and mtime as they were


def _new_set(root: Path) -> None:
    shutil.copytree(root / "set-0001", root / "set-0004")


def _removed_file(root: Path) -> None:
    yaml = sorted((root / "set-0003").glob("*.zh.yaml"))
    assert yaml
    yaml[0].unlink()


def _renamed_set(root: Path) -> None:
    (root / "set-0002").rename(root / "set-0009")


def _renamed_file(root: Path) -> None:
    yaml = sorted((root / "set-0001").glob("*.en.yaml"))
    yaml[0].rename(yaml[0].with_suffix(".yaml.off"))


def _source_added(root: Path) -> None:
    sources = root / "set-0001" / "sources"
    sources.mkdir(exist_ok=True)
    (sources / "new.pdf").write_bytes(b"%PDF-1.4\n")


def _set_folder_then_files(root: Path) -> None:
    """A folder created (watched from the next answer on), then, after a check, made a treaty set."""
    (root / "set-0007").mkdir()
    assert indexed(root) == full_scan(root)
    for item in (root / "set-0001").iterdir():
        if item.is_file():
            shutil.copy2(item, root / "set-0007" / item.name)


def _sources_folder_then_file(root: Path) -> None:
    """A sources folder created in a set (watched from the next answer on), then, after a check, a file in it."""
    shutil.rmtree(root / "set-0003" / "sources", ignore_errors=True)
    assert indexed(root) == full_scan(root)
    (root / "set-0003" / "sources").mkdir()
    assert indexed(root) == full_scan(root)
    (root / "set-0003" / "sources" / "late.pdf").write_bytes(b"%PDF-1.4\n")


CHANGES = {
    "same-size edit, mtime restored": _same_size_edit,
    "new set folder": _new_set,
    "removed file": _removed_file,
    "renamed set folder": _renamed_set,
    "renamed file": _renamed_file,
    "file added in a sources folder": _source_added,
    "folder created, later made a set": _set_folder_then_files,
    "sources folder created, later a file in it": _sources_folder_then_file,
}


@pytest.mark.parametrize("change", list(CHANGES.values()), ids=list(CHANGES))
def test_a_change_after_a_warm_search_is_seen(
    watched: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]
) -> None:
    looks = Looks(monkeypatch)
    warm(watched, looks)
    change(watched)
    looks.reset()
    assert indexed(watched) == full_scan(watched)
    assert looks.reset() > 0  # the monitor did not vouch: the full check
    assert fingerprint(watched) == built_afresh(watched)  # the index is the corpus's as it is now
    looks.reset()
    assert indexed(watched) == full_scan(watched)
    assert looks.reset() == 0  # and vouched for again at once (the token kept with the refresh)


def _random_change(root: Path, rng: random.Random) -> str:
    """One change of a kind a user makes, at random; what it was."""
    sets = sorted(folder for folder in root.iterdir() if (folder / "treaty.yaml").is_file())
    chosen = rng.choice(sets)
    kind = rng.choice(["edit", "edit", "touch", "copy", "remove", "rename", "source", "unsource"])
    if kind == "edit":  # same size, and the times put back half the time
        path = rng.choice(sorted(chosen.glob("*.yaml")))
        before = path.stat()
        text = path.read_text(encoding="utf-8")
        swaps = [
            ("通行证", "通行卡"),
            ("通行卡", "通行证"),
            ("Organization", "Organisation"),
            ("Organisation", "Organization"),
        ]
        for old, new in rng.sample(swaps, len(swaps)):
            if old in text:
                path.write_text(text.replace(old, new, 1), encoding="utf-8")
                break
        if rng.random() < 0.5:
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif kind == "touch":
        os.utime(rng.choice(sorted(chosen.iterdir())))
    elif kind == "copy":
        shutil.copytree(chosen, root / f"set-{rng.randrange(10, 99):04d}", dirs_exist_ok=True)
    elif kind == "remove" and len(sets) > 2:
        shutil.rmtree(chosen)
    elif kind == "rename":
        target = root / f"set-{rng.randrange(10, 99):04d}"
        if not target.exists():
            chosen.rename(target)
    elif kind == "source":
        (chosen / "sources").mkdir(exist_ok=True)
        (chosen / "sources" / f"s{rng.randrange(5)}.pdf").write_bytes(b"%PDF")
    elif kind == "unsource":
        for item in sorted((chosen / "sources").glob("*"))[:1] if (chosen / "sources").is_dir() else []:
            item.unlink()
    return f"{kind} {chosen.name}"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_changes_are_all_seen(watched: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """Property-style: after any run of changes, a warm search gives what searching set by set gives."""
    rng = random.Random(seed)
    looks = Looks(monkeypatch)
    warm(watched, looks)
    done = []
    for _ in range(10):
        for _ in range(rng.choice([0, 1, 1, 2])):
            done.append(_random_change(watched, rng))
        assert indexed(watched) == full_scan(watched), done
        names = [entry.name for entry in open_index(watched).sets()]
        assert names == [folder.name for folder in treaty_folders(watched)], done
    looks.reset()
    assert indexed(watched) == full_scan(watched)
    assert looks.reset() == 0  # and, nothing changing, vouched for


def test_a_monitor_killed_or_absent_means_the_full_check(watched: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    looks = Looks(monkeypatch)
    warm(watched, looks)
    pid = watch.ask(target_of(watched)).pid
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: not alive(pid), "the monitor's end")
    _same_size_edit(watched)
    assert indexed(watched) == full_scan(watched)
    assert looks.reset() > 0
    wait_for(lambda: watch.ask(target_of(watched)).state == "token", "a new monitor's start")
    assert watch.ask(target_of(watched)).pid != pid


def test_the_monitor_is_off_when_told(three_sets: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(watch.ENV, "off")
    assert not watch.wanted(10_000)
    open_index(three_sets).close()
    time.sleep(0.2)  # what a monitor would need to bind its name: none must
    assert watch.ask(target_of(three_sets)).state == "absent"
    monkeypatch.delenv(watch.ENV)
    assert not watch.wanted(watch.THRESHOLD - 1)
    assert watch.wanted(watch.THRESHOLD)
    monkeypatch.setenv(watch.ENV, "on")
    assert watch.wanted(2)


def test_an_overflow_means_unknown_once_then_the_full_check(watched: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    looks = Looks(monkeypatch)
    warm(watched, looks)
    target = target_of(watched)
    pid = watch.ask(target).pid
    limit = int(Path("/proc/sys/fs/inotify/max_queued_events").read_text())
    files = sorted((watched / "set-0001").glob("*.yaml"))[:2]
    os.kill(pid, signal.SIGSTOP)
    try:
        for turn in range(limit + 100):  # two files in turn: the kernel merges repeats of one event only
            os.utime(files[turn % 2])
    finally:
        os.kill(pid, signal.SIGCONT)
    assert watch.ask(target, timeout=30).state == "unknown"  # reading 16,000 events takes a while
    assert indexed(watched) == full_scan(watched)
    assert looks.reset() > 0
    assert watch.ask(target).state == "token"  # and on it goes, watching again


def test_the_spawned_monitor_holds_none_of_the_callers_pipes(watched: Path) -> None:
    command = [sys.executable, "-m", "unagree_cli", "--corpus", str(watched), "search", "通行证", "--format", "plain"]
    done = subprocess.run(command, capture_output=True, timeout=120, env=subprocess_env(), cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert "set-0001" in done.stdout.decode()
    target = target_of(watched)
    wait_for(lambda: watch.ask(target).state == "token", "the monitor's start")
    pid = watch.ask(target).pid
    links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    assert [link for link in links[:3]] == [os.devnull] * 3
    assert not [link for link in links if link.startswith("pipe:")]
    assert os.getsid(pid) != os.getsid(0)  # a session of its own: no terminal's signals


def test_a_client_of_other_code_makes_the_monitor_leave(watched: Path) -> None:
    open_index(watched).close()
    target = target_of(watched)
    wait_for(lambda: watch.ask(target).state == "token", "the monitor's start")
    pid = watch.ask(target).pid
    state, reply, _pid = watch._converse(target, b"unagree-watch/1 token 0123456789abcdef\n")
    assert (state, reply) == ("answered", b"bye\n")
    wait_for(lambda: not alive(pid), "the monitor's end")
    assert watch.ask(target).state == "absent"


def test_the_monitor_leaves_when_the_corpus_folder_goes(watched: Path) -> None:
    open_index(watched).close()
    target = target_of(watched)
    wait_for(lambda: watch.ask(target).state == "token", "the monitor's start")
    pid = watch.ask(target).pid
    shutil.rmtree(watched)
    wait_for(lambda: not alive(pid), "the monitor's end")


def test_a_symbolic_link_is_declined(watched: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(str(watched / "set-0003"), elsewhere)
    (watched / "set-0003").symlink_to(elsewhere)
    looks = Looks(monkeypatch)
    open_index(watched).close()
    target = target_of(watched)
    wait_for(lambda: watch.ask(target).state != "absent", "the monitor's start")
    assert watch.ask(target).state == "unknown"
    _same_size_edit(watched)
    (elsewhere / "agreement.zh.yaml").write_text(
        (elsewhere / "agreement.zh.yaml").read_text(encoding="utf-8").replace("通行证", "通行卡"), encoding="utf-8"
    )
    looks.reset()
    assert indexed(watched) == full_scan(watched)
    assert looks.reset() > 0


OTHER_PYTHON = "/usr/bin/python3"
"""A Python another user may run (this one may be in root's home)."""


def _squatter(name: bytes, root: Path) -> subprocess.Popen[bytes]:
    """A process of another user that took the monitor's name and answers a token for ``root``."""
    info = root.stat()
    code = (
        "import socket,sys\n"
        "s=socket.socket(socket.AF_UNIX);s.bind(b'\\0'+sys.argv[1].encode('latin-1'));s.listen(4)\n"
        "print('ready',flush=True)\n"
        "while True:\n"
        "    c,_=s.accept()\n"
        "    try:\n"
        f"        c.recv(512);c.sendall(b'token f00d:0 {info.st_dev} {info.st_ino}\\n')\n"
        "    except OSError:\n"
        "        pass\n"
        "    c.close()\n"
    )
    squatter = subprocess.Popen(
        [OTHER_PYTHON, "-I", "-c", code, name[1:].decode("latin-1")],
        stdout=subprocess.PIPE,
        user=65534,
        group=65534,
        extra_groups=[],
    )
    assert squatter.stdout is not None
    assert squatter.stdout.readline() == b"ready\n"
    return squatter


@pytest.mark.skipif(
    os.geteuid() != 0 or not os.access(OTHER_PYTHON, os.X_OK), reason="a process of another user needs root"
)
def test_a_monitor_of_another_user_is_never_believed(three_sets: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(watch.ENV, "on")
    target = target_of(three_sets)
    squatter = _squatter(watch.address(target), three_sets)
    try:
        answer = watch.ask(target)
        assert answer.state == "refused"
        assert not answer.vouches_for(str(three_sets))
        looks = Looks(monkeypatch)
        for _ in range(2):
            assert indexed(three_sets) == full_scan(three_sets)
            assert looks.reset() > 0
            _same_size_edit(three_sets)
        assert not monitors_of(target)  # a name taken: none of ours is started
    finally:
        squatter.kill()
        squatter.wait()
        assert squatter.stdout is not None
        squatter.stdout.close()
        stop_monitors(target)


@pytest.mark.skipif(
    os.geteuid() != 0 or not os.access(OTHER_PYTHON, os.X_OK), reason="a process of another user needs root"
)
def test_the_monitor_answers_no_other_user(watched: Path) -> None:
    open_index(watched).close()
    target = target_of(watched)
    wait_for(lambda: watch.ask(target).state == "token", "the monitor's start")
    code = (
        "import socket,sys\n"
        "s=socket.socket(socket.AF_UNIX);s.settimeout(5);s.connect(b'\\0'+sys.argv[1].encode('latin-1'))\n"
        "try:\n"
        f"    s.sendall(b'unagree-watch/1 token {watch.identity().decode()}\\n')\n"
        "    print(repr(s.recv(512)))\n"
        "except (BrokenPipeError, ConnectionResetError):\n"
        "    print(repr(b''))\n"
    )
    name = watch.address(target)[1:].decode("latin-1")
    done = subprocess.run(
        [OTHER_PYTHON, "-I", "-c", code, name], capture_output=True, user=65534, timeout=30, check=False
    )
    assert done.stdout == b"b''\n", done.stderr  # closed without a word
    assert watch.ask(target).state == "token"


# The monitor itself, in this process


@pytest.fixture
def monitor(three_sets: Path, tmp_path: Path) -> Iterator[watch.Monitor]:
    made = watch.Monitor(str(three_sets), str(tmp_path / "index.sqlite"))
    made.open()
    made.watch_all()
    yield made
    made.close()


def seq(monitor: watch.Monitor) -> int:
    assert monitor.answer().startswith(b"token ")
    return monitor.seq


def test_the_monitor_watches_every_covered_folder(monitor: watch.Monitor, three_sets: Path) -> None:
    expected = {str(three_sets)}
    for folder in three_sets.iterdir():
        if folder.is_dir():
            expected.add(str(folder))
            if (folder / "sources").is_dir():
                expected.add(str(folder / "sources"))
    assert set(monitor.by_path) == expected


def test_every_change_counts_before_the_answer(monitor: watch.Monitor, three_sets: Path) -> None:
    before = seq(monitor)
    assert seq(monitor) == before  # reading changes nothing
    for item in (three_sets / "set-0001").iterdir():
        if item.is_file():
            item.read_bytes()
    assert seq(monitor) == before
    steps: list[Callable[[], object]] = [
        lambda: (three_sets / "set-0001" / "treaty.yaml").write_bytes(
            (three_sets / "set-0001" / "treaty.yaml").read_bytes()
        ),
        lambda: os.utime(three_sets / "set-0002" / "treaty.yaml"),
        lambda: (three_sets / "new").mkdir(),
        lambda: (three_sets / "new" / "sources").mkdir(),  # watched: "new" was, at the last answer
        lambda: (three_sets / "new" / "sources" / "a.pdf").write_bytes(b"x"),
        lambda: (three_sets / "new").rename(three_sets / "newer"),
        lambda: (three_sets / "newer" / "sources" / "a.pdf").unlink(),  # watched under its new name
        lambda: (three_sets / "set-0003" / "sources").rename(three_sets / "set-0003" / "sources.old"),
        lambda: (three_sets / "set-0003" / "sources.old" / "a.pdf").write_bytes(b"x"),  # not covered
        lambda: shutil.rmtree(three_sets / "newer"),
    ]
    counted = [seq(monitor)]
    for step in steps:
        step()
        counted.append(seq(monitor))
    grew = [after > before for before, after in itertools.pairwise(counted)]
    assert grew == [True] * 7 + [True, False, True]
    assert str(three_sets / "newer" / "sources") not in monitor.by_path
    assert str(three_sets / "set-0003" / "sources") not in monitor.by_path


@pytest.mark.parametrize("made", [True, False], ids=["to a folder", "to nothing yet"])
def test_a_link_made_later_is_declined(monitor: watch.Monitor, three_sets: Path, tmp_path: Path, made: bool) -> None:
    """A link to nothing yet too: its target, made elsewhere (unwatched), would be a new set."""
    seq(monitor)
    if made:
        (tmp_path / "outside").mkdir()
    (three_sets / "linked").symlink_to(tmp_path / "outside")
    with pytest.raises(watch.Declined, match="symbolic link"):
        monitor.answer()


@pytest.mark.parametrize("name", ["agreement.fr.yaml", "sources"])
def test_a_link_in_a_set_folder_is_declined(monitor: watch.Monitor, three_sets: Path, name: str) -> None:
    seq(monitor)
    shutil.rmtree(three_sets / "set-0002" / name, ignore_errors=True)
    (three_sets / "set-0002" / name).symlink_to(three_sets / "set-0001" / name)
    with pytest.raises(watch.Declined, match="symbolic link"):
        monitor.answer()


def test_a_hard_link_is_declined(three_sets: Path, tmp_path: Path) -> None:
    os.link(three_sets / "set-0001" / "treaty.yaml", tmp_path / "other-name.yaml")
    made = watch.Monitor(str(three_sets), str(tmp_path / "index.sqlite"))
    made.open()
    try:
        with pytest.raises(watch.Declined, match="hard link"):
            made.watch_all()
    finally:
        made.close()


def test_a_file_system_not_known_to_be_local_is_declined(three_sets: Path, tmp_path: Path) -> None:
    made = watch.Monitor(str(three_sets), str(tmp_path / "index.sqlite"))
    made.local = {dev: "fuse.sshfs" for dev in made.local}
    made.open()
    try:
        with pytest.raises(watch.Declined, match="not a local file system"):
            made.watch_all()
    finally:
        made.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting needs root")
def test_a_mount_counts_as_a_change_and_is_watched(monitor: watch.Monitor, three_sets: Path) -> None:
    """inotify does not report a mount: a folder may show other files without an event."""
    sources = three_sets / "set-0001" / "sources"
    sources.mkdir(exist_ok=True)
    before = seq(monitor)
    if subprocess.run(["mount", "-t", "tmpfs", "none", str(sources)], check=False).returncode:
        pytest.skip("cannot mount here")
    try:
        mounted = seq(monitor)
        assert mounted > before
        (sources / "new.pdf").write_bytes(b"x")  # in the file system mounted there: watched too
        assert seq(monitor) > mounted
    finally:
        subprocess.run(["umount", str(sources)], check=True)
    assert seq(monitor) > mounted


def test_mount_types_knows_the_corpus_folder() -> None:
    assert watch.mount_types().get(os.stat(ROOT).st_dev)


def test_parse_events_reads_what_the_kernel_writes() -> None:
    def event(wd: int, mask: int, name: bytes) -> bytes:
        padded = name + b"\0" * (16 - len(name) % 16) if name else b""
        return (
            wd.to_bytes(4, sys.byteorder, signed=True)
            + mask.to_bytes(4, sys.byteorder)
            + (0).to_bytes(4, sys.byteorder)
            + len(padded).to_bytes(4, sys.byteorder)
            + padded
        )

    data = event(1, watch.IN_CREATE | watch.IN_ISDIR, b"set-0004") + event(-1, watch.IN_Q_OVERFLOW, b"")
    data += event(2, watch.IN_MODIFY, "协定.yaml".encode())
    assert watch.parse_events(data) == [
        (1, watch.IN_CREATE | watch.IN_ISDIR, "set-0004"),
        (-1, watch.IN_Q_OVERFLOW, ""),
        (2, watch.IN_MODIFY, "协定.yaml"),
    ]
