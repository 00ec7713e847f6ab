# tests/hardening/hardening.mk — issue 9's part of the top-level Makefile
# (which includes it): `make reliability` runs the fuzz targets for
# RELIABILITY_FUZZ_SECONDS each and the hardening tests, then rewrites the
# "Reliability" section of README.md from the figures they printed. Also
# makes `make check` build the release binary, which test_killfix.sh uses for
# realistic timing and test_valgrind.sh runs under memcheck; defines `make
# valgrind`, and lists the Debian packages its tests need.

DEB_BUILD += strace valgrind

RELIABILITY_FUZZ_SECONDS ?= $(FUZZ_SECONDS)

check: build/maildoctor

# The prerequisites are named in the recipe: FUZZ_BIN is defined after the
# line that includes this file.
reliability:
	$(MAKE) --no-print-directory asan-bin build/maildoctor $(FUZZ_BIN)
	@mkdir -p build/test-logs && touch build/test-logs/.reliability-stamp
	@sleep 1
	FUZZ_SECONDS=$(RELIABILITY_FUZZ_SECONDS) sh tests/check.sh fuzz hardening; \
	rc=$$?; \
	sh tests/hardening/reliability.sh $(RELIABILITY_FUZZ_SECONDS) \
		build/test-logs/.reliability-stamp || exit 1; \
	exit $$rc

# The lab suites (tests/lab-probe, tests/lab-diag) with maildoctor under
# valgrind's memcheck; make check runs the same through tests/check.sh.
valgrind: build/maildoctor
	sh tests/hardening/test_valgrind.sh

.PHONY: reliability valgrind
