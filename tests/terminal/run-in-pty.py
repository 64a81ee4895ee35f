#!/usr/bin/env python3
"""Run a command on a new pseudo-terminal (stdin, stdout and stderr),
relay its output and exit with its status.

When the command prints PORTOS-PTY-SEND, the bytes of PORTOS_PTY_INPUT
(\\xNN escapes allowed) are typed into the terminal once, as a user would,
so a test can check what raw mode delivers.
"""
import fcntl
import os
import subprocess
import sys
import termios

MARK = b'PORTOS-PTY-SEND'


def main():
    master, slave = os.openpty()
    # The terminal is the child's controlling terminal, as in a login
    # session: Wine's console reads typed input only from one.
    child = subprocess.Popen(sys.argv[1:], stdin=slave, stdout=slave,
                             stderr=slave, start_new_session=True,
                             preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    os.close(slave)
    typed = os.environ.get('PORTOS_PTY_INPUT', '').encode().decode(
        'unicode_escape').encode('latin-1')
    seen = b''
    sent = False
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the command and its children closed the pty
            break
        if not chunk:
            break
        sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
        seen = (seen + chunk)[-256:]
        if not sent and MARK in seen:
            os.write(master, typed)
            sent = True
    return child.wait()


if __name__ == '__main__':
    sys.exit(main())
