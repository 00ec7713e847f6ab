#!/bin/sh
# test_main.sh — the program's front door: help, version, dispatch, exit
# status for bad usage, language choice.
. "$(dirname "$0")/lib.sh"

expect_rc 0 "--help" "$MD" --help
has "$TMP/out" "Usage: maildoctor" "usage line"
has "$TMP/out" "accounts" "lists the accounts command"
expect_rc 0 "--version" "$MD" --version
has "$TMP/out" "maildoctor 0." "version number"
expect_rc 0 "help of a command" "$MD" accounts --help
has "$TMP/out" "accounts [OPTIONS]" "command usage"
expect_rc 0 "Japanese help" "$MD" --lang ja --help
has "$TMP/out" "使い方" "Japanese usage"
expect_rc 2 "unknown command" "$MD" frobnicate
has "$TMP/err" "unknown command \"frobnicate\"" "names the command"
expect_rc 2 "unknown option" "$MD" --frobnicate
expect_rc 2 "missing option value" "$MD" accounts --profile
has "$TMP/err" "needs a value" "says a value is needed"
expect_rc 2 "bad language" "$MD" --lang xx --help
has "$TMP/err" "unknown language" "says the language is unknown"
expect_rc 2 "unknown option in Japanese" "$MD" --lang ja --frobnicate
has "$TMP/err" "不明なオプション" "error in Japanese"
finish
