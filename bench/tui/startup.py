#!/usr/bin/env python3
"""Time the explorer as a user sees it, through a pseudo-terminal.

Starts `crossread [PATHS...]` in a 100x30 pty (TERM=xterm-256color), reads
everything it writes, and reports:
  first   ms from fork until the article list is on screen (MARK_FIRST)
  ready   ms until the counts are drawn (the whole pipeline has run)
  key     ms from sending a key until its effect is drawn (opening the
          help screen, then closing it), sampled while loading and after
  --views the first visit of each view (its rows are built then) and each
          keystroke of an incremental search: ms until the redraw starts,
          which comes after the key's work is done
Every run ends with q and checks the exit status is 0.

usage: startup.py [--runs N] [--first TEXT] [--keys-while-loading]
                  [--views [--search TEXT]] CROSSREAD [PATHS...]
"""
import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time


def spawn(argv):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ.setdefault("LANG", "C.UTF-8")
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    return pid, fd


class Screen:
    """Accumulates the pty output; waits for a byte string to appear."""

    def __init__(self, fd):
        self.fd, self.buf = fd, b""

    def wait(self, text, timeout, since=0):
        deadline = time.perf_counter() + timeout
        while text not in self.buf[since:]:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(text)
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    self.buf += os.read(self.fd, 65536)
                except OSError:
                    raise TimeoutError(text)
        return time.perf_counter()

    def key(self, k, text, timeout=30):
        """ms until text is drawn after sending k; with text None, until the
        screen starts to change (the key has been handled: a search has run
        before the redraw begins)."""
        self.drain()
        mark = len(self.buf)
        t0 = time.perf_counter()
        os.write(self.fd, k)
        if text is None:
            select.select([self.fd], [], [], timeout)
            return (time.perf_counter() - t0) * 1000
        return (self.wait(text, timeout, mark) - t0) * 1000

    def drain(self):
        while select.select([self.fd], [], [], 0.05)[0]:
            try:
                self.buf += os.read(self.fd, 65536)
            except OSError:
                return


def one_run(args):
    t0 = time.perf_counter()
    pid, fd = spawn([args.crossread] + args.paths)
    s = Screen(fd)
    first = (s.wait(args.first.encode(), 60) - t0) * 1000
    keys_loading = []
    if args.keys_while_loading:
        while b"people," not in s.buf:
            keys_loading.append(s.key(b"?", b"this help"))
            keys_loading.append(s.key(b"q", b"Articles |"))
            try:
                s.wait(b"people,", 1.0, len(s.buf))
            except TimeoutError:
                pass
    ready = (s.wait(b"people,", 3600) - t0) * 1000
    keys_ready = []
    for _ in range(5):
        keys_ready.append(s.key(b"?", b"this help"))
        keys_ready.append(s.key(b"q", b"Articles |"))
    views = {}
    if args.views:
        # first visit builds the view's rows; the title text marks it drawn
        # ncurses sends only what changed, so a view's text is no reliable
        # mark: time until the redraw starts (rows are built before it)
        for name, k in (("entities", b"2"), ("claims", b"3"),
                        ("cross-references", b"4"), ("articles", b"1")):
            views[name] = s.key(k, None, 120)
        s.key(b"/", None)
        for i, ch in enumerate(args.search):
            views[f"search keystroke {i + 1} ({ch})"] = s.key(ch.encode(), None, 120)
        os.write(fd, b"\x1b")
        time.sleep(0.2)
        for name, ms in views.items():
            print(f"  {name}: {ms:.1f} ms")
    os.write(fd, b"q")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"crossread exited with {status}")
    return first, ready, keys_loading, keys_ready


def summary(name, v):
    if not v:
        return f"{name}: -"
    return (f"{name}: median {statistics.median(v):.1f} ms, min {min(v):.1f}, "
            f"max {max(v):.1f} (n={len(v)})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--first", default="VC熄火撤退",
                    help="text that shows the article list is drawn")
    ap.add_argument("--keys-while-loading", action="store_true")
    ap.add_argument("--views", action="store_true",
                    help="also time the first visit of each view and a search")
    ap.add_argument("--search", default="经济")
    ap.add_argument("crossread")
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    firsts, readies, kl, kr = [], [], [], []
    for _ in range(args.runs):
        f, r, a, b = one_run(args)
        firsts.append(f)
        readies.append(r)
        kl += a
        kr += b
    print(summary("first screen", firsts))
    print(summary("counts drawn (corpus ready)", readies))
    print(summary("key while loading", kl))
    print(summary("key when ready", kr))


main()
