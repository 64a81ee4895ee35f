#!/usr/bin/env python3
"""Run a command with a pipe on its stdin, as `printf abc | cmd` would:
write "abc", then "def" half a second later, then close the pipe; relay
the command's output and exit with its status. The command is the terminal
suite with PORTOS_TEST_PIPED_STDIN=1 (its test_piped_stdin reads them)."""
import os
import subprocess
import sys
import time


def main():
    env = dict(os.environ, PORTOS_TEST_PIPED_STDIN="1")
    child = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, env=env)
    try:
        child.stdin.write(b"abc")
        child.stdin.flush()
        time.sleep(0.5)
        child.stdin.write(b"def")
        child.stdin.close()
    except BrokenPipeError:
        child.wait(timeout=100)
        print("run-piped: the command ended before reading its input "
              "(was the piped-stdin test left out?)", file=sys.stderr)
        return 1
    try:
        return child.wait(timeout=100)
    except subprocess.TimeoutExpired:
        child.kill()
        print("run-piped: the command did not end", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
