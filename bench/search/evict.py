#!/usr/bin/env python3
"""Drop the benchmark files from the page cache (cold runs), without root:
posix_fadvise(POSIX_FADV_DONTNEED) on each file under the given directories.
Only clean pages of these files go; nothing else on the machine is touched.

usage: evict.py DIR...
"""
import os
import sys

for top in sys.argv[1:]:
    for dirpath, _, names in os.walk(top):
        for name in names:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
