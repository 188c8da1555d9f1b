"""A file-system monitor that vouches a corpus did not change, as git's ``core.fsmonitor`` daemon does.

Judging the search index fresh takes one ``stat`` a covered path (see :mod:`unagree_cli.index`):
over 1,000 treaty sets that is 8,000 calls on every search. On Linux, a command that opened the
index of a corpus of :data:`THRESHOLD` sets or more starts a **monitor** in the background: one
process per user, cache folder and corpus folder, that watches (inotify) every folder the index's
fingerprint covers (the corpus folder, every folder in it, and their ``sources`` folders) and
counts the changes it sees. Its *token* is a random session id and that count. The index keeps
the token it was given **before** its last full check (or write): when the monitor gives the same
token again, nothing changed since that check, and the index is fresh without a single ``stat``.
Any other answer, or none within :data:`TIMEOUT`, means the full check, as without a monitor.

Why the answer is sound: inotify queues an event within the writer's system call, and the
monitor reads every queued event (until the descriptor is empty) before it answers, so a change
completed before a client asked is counted in the answer. A folder created in a watched one is
watched before the next answer (what was written in it before that, the client's full check sees).

The monitor **declines** (answers ``unknown``: the full check) when a covered path is a symbolic
link or a YAML file has another name elsewhere (a hard link: inotify reports a write through the
name it was made by), when a folder is on a file system it does not know to be local (network
and FUSE file systems change without inotify seeing it; see :data:`LOCAL`), or when a watch
cannot be added (``fs.inotify.max_user_watches``). After an overflow of its event queue it
answers ``unknown`` once and watches again. It cannot see writes through a shared ``mmap``.

It listens on a Unix socket in the Linux abstract namespace (nothing on disk), named from the
user id and a hash of the index file's path; each side checks the other's user id
(``SO_PEERCRED``). It exits after :data:`IDLE` seconds without a question, when the corpus folder
or the index's folder goes away, or when a client of other code asks (the client then starts its
own). ``UNAGREE_WATCH=off`` turns it off; ``UNAGREE_WATCH=on`` starts it for a corpus of any size.

The client side (:func:`ask`, :func:`start`, :func:`stop`) uses ``_socket`` alone (``socket``
itself costs 2-3 ms to import); the monitor (:class:`Monitor`, ``python watch.py serve ...``)
runs this file as a script, with the standard library alone. What it watches mirrors what
:func:`unagree_cli.index.set_names` covers: change both together (the code identity changes
with this file, so an old monitor is replaced).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

ENV = "UNAGREE_WATCH"
THRESHOLD = 100
"""Sets in a corpus from which a command starts a monitor (``UNAGREE_WATCH=on``: any number)."""

TIMEOUT = 0.05
"""Seconds a client waits for the monitor's answer before judging freshness the normal way."""

IDLE = 600.0
"""Seconds without a question after which the monitor exits."""

DECLINED_FOR = 60.0
"""Seconds a monitor that cannot vouch answers "unknown" (so that clients do not start another) before leaving."""

HOUSEKEEPING = 5.0
"""Seconds between the monitor's checks that the corpus and index folders are still there."""

LOCAL = frozenset(
    """ext2 ext3 ext4 xfs btrfs tmpfs ramfs f2fs jfs reiserfs bcachefs nilfs2 overlay zfs
    vfat msdos exfat ntfs ntfs3 hfs hfsplus squashfs erofs iso9660 udf""".split()
)
"""File systems whose every change the local kernel makes, so inotify sees it (any other: declined)."""

_PROTOCOL = b"unagree-watch/1"
_MAX_LINE = 512

# inotify(7)
IN_MODIFY = 0x2
IN_ATTRIB = 0x4
IN_CLOSE_WRITE = 0x8
IN_MOVED_FROM = 0x40
IN_MOVED_TO = 0x80
IN_CREATE = 0x100
IN_DELETE = 0x200
IN_DELETE_SELF = 0x400
IN_MOVE_SELF = 0x800
IN_UNMOUNT = 0x2000
IN_Q_OVERFLOW = 0x4000
IN_IGNORED = 0x8000
IN_ONLYDIR = 0x1000000
IN_DONT_FOLLOW = 0x2000000
IN_ISDIR = 0x40000000
WATCHED = (
    IN_MODIFY
    | IN_ATTRIB
    | IN_CLOSE_WRITE
    | IN_MOVED_FROM
    | IN_MOVED_TO
    | IN_CREATE
    | IN_DELETE
    | IN_DELETE_SELF
    | IN_MOVE_SELF
)
_EVENT_HEAD = 16  # struct inotify_event: int wd; uint32 mask, cookie, len; then the name


def supported() -> bool:
    return sys.platform.startswith("linux")


def setting() -> str:
    """``UNAGREE_WATCH`` as ``on``, ``off`` (always off where inotify is not) or ``auto`` (by the corpus's size)."""
    value = os.environ.get(ENV, "").strip().lower()
    if value in ("off", "0", "no", "false") or not supported():
        return "off"
    return "on" if value in ("on", "1", "yes", "true") else "auto"


def wanted(sets: int) -> bool:
    """Whether to ask (and start) a monitor for a corpus of ``sets`` folders: ``UNAGREE_WATCH`` and the size decide."""
    chosen = setting()
    return chosen == "on" or (chosen == "auto" and sets >= THRESHOLD)


def address(index_path: str) -> bytes:
    """The monitor's abstract socket name: the user id and a hash of the index file's path."""
    digest = _blake2b()(os.fsencode(index_path), digest_size=12).hexdigest()
    return b"\0unagree-watch-%d-%s" % (os.geteuid(), digest.encode("ascii"))


def _blake2b() -> type[Any]:
    """The hash function alone: ``hashlib`` would also load OpenSSL (several ms at start-up)."""
    try:
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b
    return blake2b


_identity: list[bytes] = []


def identity() -> bytes:
    """This code's identity: a hash of this file (a monitor of other code is not believed, and exits)."""
    if not _identity:
        blake2b = _blake2b()
        try:
            with open(__file__, "rb") as handle:
                source = handle.read()
        except OSError:
            source = b""
        _identity.append(blake2b(source, digest_size=8).hexdigest().encode("ascii"))
    return _identity[0]


# The client


class Answer:
    """What a monitor said: ``token`` (with the watched corpus folder's device and inode), or why not."""

    __slots__ = ("device", "inode", "pid", "state", "token")

    def __init__(self, state: str, token: str = "", device: int = -1, inode: int = -1, pid: int = 0) -> None:
        self.state = state  # token, unknown, absent (nobody listens), gone (it exits), refused (not ours)
        self.token = token
        self.device = device
        self.inode = inode
        self.pid = pid

    def vouches_for(self, root: str) -> bool:
        """Whether this is a token for the folder now at ``root`` (not one moved there since the monitor began)."""
        if self.state != "token":
            return False
        try:
            info = os.stat(root)
        except OSError:
            return False
        return info.st_dev == self.device and info.st_ino == self.inode


def _converse(index_path: str, request: bytes, timeout: float = TIMEOUT) -> tuple[str, bytes, int]:
    """Send ``request`` to the monitor; its answer line, or the state there is none: absent, refused, silent."""
    import _socket

    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        try:
            sock.connect(address(index_path))
        except OSError:
            return "absent", b"", 0
        pid, uid, _gid = _peer(sock.getsockopt(_socket.SOL_SOCKET, _socket.SO_PEERCRED, 12))
        if uid != os.geteuid():  # a squatter on the name: never believed
            return "refused", b"", pid
        sock.sendall(request)
        reply = b""
        while not reply.endswith(b"\n") and len(reply) < _MAX_LINE:
            part = sock.recv(_MAX_LINE)
            if not part:
                break
            reply += part
        return "answered", reply, pid
    except OSError:
        return "silent", b"", 0
    finally:
        sock.close()


def _peer(creds: bytes) -> tuple[int, int, int]:
    """``struct ucred`` (pid, uid, gid)."""
    return (
        int.from_bytes(creds[0:4], sys.byteorder, signed=True),
        int.from_bytes(creds[4:8], sys.byteorder, signed=True),
        int.from_bytes(creds[8:12], sys.byteorder, signed=True),
    )


def ask(index_path: str, timeout: float = TIMEOUT) -> Answer:
    """The monitor's token for the corpus of ``index_path`` (taken after it read every queued event)."""
    state, reply, pid = _converse(index_path, b"%s token %s\n" % (_PROTOCOL, identity()), timeout)
    if state != "answered":
        return Answer(state, pid=pid)
    words = reply.decode("ascii", "replace").split()
    if len(words) == 4 and words[0] == "token" and words[2].isdigit() and words[3].isdigit():
        return Answer("token", words[1], int(words[2]), int(words[3]), pid)
    if words[:1] == ["bye"]:
        return Answer("gone", pid=pid)
    return Answer("unknown", pid=pid)


def stop(index_path: str) -> int:
    """Ask the monitor for ``index_path`` to exit; its process id (0: none answered)."""
    state, reply, pid = _converse(index_path, b"%s stop\n" % _PROTOCOL, timeout=1.0)
    return pid if state == "answered" and reply.startswith(b"bye") else 0


def start(index_path: str, root: str) -> None:
    """Start a monitor for the corpus at ``root`` in the background, detached; return once it runs.

    Forked twice (the intermediate exits at once, so no process of the caller's waits for it), in
    a session of its own, with /dev/null for its standard streams and no other descriptor open:
    it never holds a pipe of the caller's (a test or CI capturing output would wait for it).
    Returns when the monitor's program is executing (a pipe closed by ``exec``), not ready: the
    command that started it judges freshness the normal way.
    """
    import warnings

    script = os.path.abspath(__file__)
    argv = [sys.executable, "-I", "-S", script, "serve", os.path.abspath(root), index_path]
    try:
        done, signal = os.pipe()  # both close on exec (PEP 446)
    except OSError:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork in a threaded process: the child only execs
        try:
            pid = os.fork()
        except OSError:
            pid = -1
    if pid:
        os.close(signal)
        try:
            if pid > 0:
                while os.read(done, 64):  # end of file: every copy of the write end closed (by exit or exec)
                    pass
                os.waitpid(pid, 0)
        except OSError:
            pass
        finally:
            os.close(done)
        return
    try:  # the intermediate child: never returns to the caller's code
        os.setsid()
        if os.fork() == 0:
            os.chdir("/")
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            top = os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 65536
            os.closerange(3, signal)
            os.closerange(signal + 1, max(top, signal + 2))
            os.execv(sys.executable, argv)  # noqa: S606 - the interpreter itself, no shell
    except BaseException:  # noqa: BLE001, S110 - nothing to report to: the caller judges freshness itself
        pass
    finally:
        os._exit(0)


# The monitor


def mount_types() -> dict[int, str]:
    """File-system type by device number, from ``/proc/self/mountinfo``."""
    found: dict[int, str] = {}
    with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            fields = line.split()
            if " - " not in line or len(fields) < 3:
                continue
            major, _, minor = fields[2].partition(":")
            kind = line.split(" - ", 1)[1].split()[0]
            if major.isdigit() and minor.isdigit():
                found.setdefault(os.makedev(int(major), int(minor)), kind)
    return found


def parse_events(data: bytes) -> list[tuple[int, int, str]]:
    """``(wd, mask, name)`` of every ``struct inotify_event`` in ``data``."""
    events = []
    at = 0
    while at + _EVENT_HEAD <= len(data):
        wd = int.from_bytes(data[at : at + 4], sys.byteorder, signed=True)
        mask = int.from_bytes(data[at + 4 : at + 8], sys.byteorder)
        size = int.from_bytes(data[at + 12 : at + 16], sys.byteorder)
        raw = data[at + _EVENT_HEAD : at + _EVENT_HEAD + size].split(b"\0", 1)[0]
        events.append((wd, mask, os.fsdecode(raw)))
        at += _EVENT_HEAD + size
    return events


class Declined(Exception):
    """The monitor cannot vouch for this corpus (a link, a remote file system, no watch left)."""


class Monitor:
    """The watching side: inotify watches on every covered folder, a change count, answers on a socket."""

    def __init__(self, root: str, index_path: str) -> None:
        self.root = root
        self.index_path = index_path
        self.session = os.urandom(8).hex()
        self.seq = 0
        self.unknown = False  # after an overflow: answer "unknown" once
        self.declined = ""  # why it cannot vouch (then every answer is "unknown")
        self.declined_at = 0.0
        self.kinds: dict[int, str] = {}  # watch descriptor: root, set or sources
        self.paths: dict[int, str] = {}
        self.by_path: dict[str, int] = {}
        self.local = mount_types()
        self.fd = -1
        self._mounts: Any = None  # select.poll() of the mount table, once open
        info = os.stat(root)
        self.device, self.inode = info.st_dev, info.st_ino
        self.running = True

    # inotify through ctypes (imported here only: the client never loads it)

    def open(self) -> None:
        import ctypes

        self._libc = ctypes.CDLL(None, use_errno=True)
        self._libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        self._libc.inotify_rm_watch.argtypes = [ctypes.c_int, ctypes.c_int]
        self._ctypes = ctypes
        fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        self.fd = fd
        import select

        self._mount_table = open("/proc/self/mountinfo", "rb")  # kept open, to be polled
        self._mounts = select.poll()
        self._mounts.register(self._mount_table.fileno(), select.POLLPRI | select.POLLERR)
        self._mounts.poll(0)  # news of mounts made before now: the walk that follows sees them

    def _add(self, path: str, kind: str) -> None:
        info = os.stat(path) if kind == "root" else os.lstat(path)
        if self.local.get(info.st_dev) not in LOCAL:
            raise Declined(f"{path}: not a local file system ({self.local.get(info.st_dev, 'unknown')})")
        flags = WATCHED | IN_ONLYDIR | (0 if kind == "root" else IN_DONT_FOLLOW)
        wd = self._libc.inotify_add_watch(self.fd, os.fsencode(path), flags)
        if wd < 0:
            errno = self._ctypes.get_errno()
            if errno in (2, 20):  # ENOENT, ENOTDIR: gone or replaced since it was seen (an event says so)
                return
            raise Declined(f"{path}: cannot watch it ({os.strerror(errno)})")
        old = self.paths.get(wd)
        if old is not None and old != path:
            self.by_path.pop(old, None)
        self.kinds[wd], self.paths[wd] = kind, path
        self.by_path[path] = wd

    def _forget(self, path: str) -> None:
        wd = self.by_path.pop(path, None)
        if wd is not None:
            self.kinds.pop(wd, None)
            self.paths.pop(wd, None)
            self._libc.inotify_rm_watch(self.fd, wd)

    def watch_all(self) -> None:
        """Watch the corpus folder, every folder in it and their ``sources`` folders."""
        self._add(self.root, "root")
        with os.scandir(self.root) as entries:
            for entry in entries:
                self._entry(entry.path, entry.name)

    def _entry(self, path: str, name: str) -> None:
        """A name in the corpus folder: a folder is watched (any link: declined, it may come to name a set)."""
        try:
            info = os.lstat(path)
        except OSError:
            return
        if _is_link(info.st_mode):  # even one to nothing yet: its target made elsewhere would be a new set unseen
            raise Declined(f"{path}: a symbolic link")
        if _is_dir(info.st_mode):
            self._add(path, "set")
            self._set_folder(path)

    def _set_folder(self, folder: str) -> None:
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    self._set_entry(folder, entry.name)
        except OSError:
            return

    def _set_entry(self, folder: str, name: str) -> None:
        """A name in a set folder: its YAML files and sources folder are covered (links declined)."""
        if name != "sources" and not name.endswith(".yaml"):
            return
        path = os.path.join(folder, name)
        try:
            info = os.lstat(path)
        except OSError:
            return
        if _is_link(info.st_mode):
            raise Declined(f"{path}: a symbolic link")
        if name == "sources" and _is_dir(info.st_mode):
            self._add(path, "sources")
        elif not _is_dir(info.st_mode) and info.st_nlink > 1:
            raise Declined(f"{path}: it has another name (a hard link)")

    def drain(self) -> None:
        """Read every queued event; count them; watch the folders they made.

        A mount or unmount (which inotify does not report: a folder may now show another file
        system's files) counts as a change too, and every folder is looked at again.
        """
        if self._mounts is not None and self._mounts.poll(0):  # the poll itself takes the news
            self.seq += 1
            self.local = mount_types()
            self.watch_all()
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return
            if not data:
                return
            self.seq += 1
            for wd, mask, name in parse_events(data):
                self.event(wd, mask, name)

    def event(self, wd: int, mask: int, name: str) -> None:
        if mask & IN_Q_OVERFLOW:  # events were lost: say "unknown" once, and watch again what is there
            self.unknown = True
            self.watch_all()
            return
        kind = self.kinds.get(wd)
        if kind is None:
            return
        if mask & IN_IGNORED:
            path = self.paths.pop(wd, "")
            self.kinds.pop(wd, None)
            if self.by_path.get(path) == wd:
                del self.by_path[path]
            if kind == "root":
                self.running = False
            return
        if kind == "root" and mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT):
            self.running = False  # the corpus folder went away
            return
        if not name or kind == "sources":
            return
        path = os.path.join(self.paths[wd], name)
        if mask & IN_MOVED_FROM:
            self._forget(path)
            if kind == "root":
                for inner in [p for p in self.by_path if p.startswith(path + os.sep)]:
                    self._forget(inner)
        elif mask & (IN_CREATE | IN_MOVED_TO):
            if kind == "root":
                self._entry(path, name)
            else:
                self._set_entry(self.paths[wd], name)

    def answer(self) -> bytes:
        self.drain()
        if self.declined or self.unknown:
            self.unknown = False
            return b"unknown\n"
        return b"token %s:%d %d %d\n" % (self.session.encode("ascii"), self.seq, self.device, self.inode)

    def _still_there(self) -> bool:
        """Whether the corpus folder and the index's folder are still there (else the monitor has no use)."""
        try:
            info = os.stat(self.root)
        except OSError:
            return False
        same = (info.st_dev, info.st_ino) == (self.device, self.inode)  # not another folder moved there
        return same and os.path.isdir(os.path.dirname(self.index_path))

    def decline(self, why: str) -> None:
        """Stop watching; answer "unknown" until idle (so that clients do not start another)."""
        self.declined = why
        self.declined_at = time.monotonic()
        self.close()

    def close(self) -> None:
        """Stop watching: the inotify descriptor and the mount table closed."""
        self._mounts = None
        table = getattr(self, "_mount_table", None)
        if table is not None:
            table.close()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def serve(self) -> None:
        import select
        import socket

        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(address(self.index_path))  # claimed first: another monitor being started leaves
        except OSError:
            return
        try:
            self.open()
            self.watch_all()
        except Declined as why:
            self.decline(str(why))
        except OSError as exc:
            self.decline(str(exc))
        listener.listen(16)
        me = os.geteuid()
        own = identity()
        poller = select.poll()
        poller.register(listener.fileno(), select.POLLIN)
        if self.fd >= 0:
            poller.register(self.fd, select.POLLIN)
        last = checked = time.monotonic()
        while self.running:
            ready = poller.poll(HOUSEKEEPING * 1000)
            now = time.monotonic()
            if now - checked >= HOUSEKEEPING:
                checked = now
                if now - last > IDLE or not self._still_there():
                    break
                if self.declined and now - self.declined_at > DECLINED_FOR:
                    break  # the next command starts another, which looks again
            for fd, _flags in ready:
                if fd == self.fd:
                    try:
                        self.drain()
                    except Declined as why:
                        poller.unregister(self.fd)
                        self.decline(str(why))
                    continue
                last = now
                try:
                    conn, _ = listener.accept()
                except OSError:
                    continue
                with conn:
                    conn.settimeout(1.0)
                    try:
                        _pid, uid, _gid = _peer(conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
                        if uid != me:
                            continue
                        words = conn.recv(_MAX_LINE).split()
                        if words[:1] != [_PROTOCOL] or words[1:2] == [b"stop"]:
                            self.running = False
                            conn.sendall(b"bye\n")
                        elif words[1:] != [b"token", own]:
                            self.running = False  # a client of other code: it starts its own
                            conn.sendall(b"bye\n")
                        else:
                            try:
                                reply = self.answer()
                            except Declined as why:
                                poller.unregister(self.fd)
                                self.decline(str(why))
                                reply = b"unknown\n"
                            conn.sendall(reply)
                    except OSError:
                        continue
                if not self.running:
                    listener.close()  # the name is free for the next monitor at once
                    break
        listener.close()
        self.close()


def _is_link(mode: int) -> bool:
    return mode & 0o170000 == 0o120000


def _is_dir(mode: int) -> bool:
    return mode & 0o170000 == 0o040000


def main(argv: list[str]) -> int:
    """``watch.py serve ROOT INDEX``: run the monitor for that corpus and index file until it has no more use."""
    if len(argv) != 3 or argv[0] != "serve" or not supported():
        return 2
    try:
        monitor = Monitor(argv[1], argv[2])
    except OSError:
        return 1
    monitor.serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
