#!/usr/bin/env bash
# Runs a command (here: the Cognito emulator under node) and stops it as soon as the Node process
# that started it is gone, even when that process was killed with SIGKILL and could not clean up.
# The same approach as local/dynamodb-local/run-with-parent.sh, for any command.
parent="$1"; shift
"$@" &
child=$!
trap 'kill "$child" 2>/dev/null; wait "$child" 2>/dev/null' EXIT INT TERM
while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 0.3; done
