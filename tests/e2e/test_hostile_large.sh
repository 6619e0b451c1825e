#!/usr/bin/env bash
# The large-file half of test_hostile.sh (see there).
HOSTILE_PART=large exec bash "$(dirname "$0")/test_hostile.sh"
