# maildoctor — one non-recursive GNU Makefile. `make help` lists the targets.
#
# Layout of build/: obj/ (release objects), asan/ (tests, built with
# AddressSanitizer + UBSan), fuzz/ (libFuzzer targets, clang), locale/
# (compiled translations), deb/ (`make deb`: a copy of the tree and the
# package), and the binary build/maildoctor.

# The one version: the VERSION file. tests/cli/test_version.sh checks that
# the man page's .TH line and debian/changelog say the same.
VERSION    := $(shell cat VERSION)
PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR     := $(PREFIX)/bin
DATADIR    := $(PREFIX)/share/maildoctor
LOCALEDIR  := $(PREFIX)/share/locale
MANDIR     := $(PREFIX)/share/man/man1

CC         ?= cc
FUZZ_CC    ?= clang
PKG_CONFIG ?= pkg-config
FUZZ_SECONDS ?= 60
CHECK_FUZZ_SECONDS ?= 4
BLIND_N    ?= 16

# Libraries, by pkg-config name, and the Debian packages that provide them.
PKGS       := ncursesw openssl libxml-2.0 libcares libcurl gmime-3.0 glib-2.0 json-c libpcre2-8
TEST_PKGS  := cmocka
DEB_BUILD  := build-essential pkg-config gettext clang libclang-rt-14-dev \
              libncurses-dev libssl-dev libxml2-dev libxml2-utils libc-ares-dev \
              libcurl4-openssl-dev libgmime-3.0-dev libpcre2-dev libjson-c-dev libcmocka-dev \
              tmux ca-certificates python3 jq time clang-format-14 libsisimai-perl \
              debhelper dpkg-dev lintian
# The lab adds its own packages (LAB_PKGS) in tests/lab/lab.mk.
-include tests/lab/lab.mk
-include tests/hardening/hardening.mk
DEB_PKGS   := $(sort $(DEB_BUILD) $(LAB_PKGS))

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
TEST_LIBS  := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

WARN       := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
              -Wmissing-prototypes -Wno-unused-parameter \
              -Wno-missing-field-initializers
DEFS       := -D_GNU_SOURCE -DMD_VERSION='"$(VERSION)"' \
              -DMD_DATADIR='"$(DATADIR)"' -DMD_LOCALEDIR='"$(LOCALEDIR)"'
CFLAGS     ?= -O2 -g
# CPPFLAGS and LDFLAGS are the builder's (dpkg-buildflags' hardening).
ALL_CFLAGS := -std=c11 $(WARN) $(DEFS) -I. $(PKG_CFLAGS) $(CPPFLAGS) \
              $(CFLAGS) -MMD -MP
SAN        := -fsanitize=address,undefined -fno-omit-frame-pointer \
              -fno-sanitize-recover=undefined
ASAN_CFLAGS := -std=c11 $(WARN) $(DEFS) -I. $(PKG_CFLAGS) -O1 -g $(SAN) -MMD -MP
FUZZ_CFLAGS := -std=c11 $(WARN) $(DEFS) -I. $(PKG_CFLAGS) -O1 -g \
              -fsanitize=fuzzer-no-link,address,undefined -MMD -MP

# Sources: every folder of the layers (tools/layers.py); cli/main.c is the
# program itself.
SRC_DIRS   := core/base core/model core/net core/proto core/kb core/check \
              core/diag core/diag/rules core/explain clientcfg clientcfg/tb \
              clientcfg/outlook app tui cli
LIB_SRC    := $(sort $(filter-out cli/main.c,$(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c))))
LIB_HDR    := $(sort $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.h)))
MAIN_SRC   := cli/main.c
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
UNIT_HELP  := $(sort $(wildcard tests/unit/helper_*.c))
FUZZ_SRC   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
BENCH_SRC  := $(sort $(wildcard tests/bench/bench_*.c))

LIB_OBJ    := $(LIB_SRC:%.c=build/obj/%.o)
MAIN_OBJ   := $(MAIN_SRC:%.c=build/obj/%.o)
ASAN_LIB   := $(LIB_SRC:%.c=build/asan/%.o)
ASAN_HELP  := $(UNIT_HELP:%.c=build/asan/%.o)
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
FUZZ_LIB   := $(LIB_SRC:%.c=build/fuzz/%.o)
FUZZ_BIN   := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/bin/%)
BENCH_BIN  := $(BENCH_SRC:tests/bench/%.c=build/bench/%)

PO_FILES   := $(wildcard assets/po/*.po)
MO_FILES   := $(PO_FILES:assets/po/%.po=build/locale/%/LC_MESSAGES/maildoctor.mo)

# The Windows build: make windows, make check-windows.
include tools/windows/windows.mk

.DEFAULT_GOAL := all

.PHONY: all deps run check unit fuzz fuzz-check bench install uninstall mutate mutate-blind \
        clean pot builtin-ja builtin-ja-check po-check help asan-bin format format-check man deb layers
.DELETE_ON_ERROR:

all: build/maildoctor $(MO_FILES)

help:
	@echo "make deps     install the Debian packages maildoctor needs"
	@echo "make          build build/maildoctor and its translations"
	@echo "make run      deps, build, then start maildoctor"
	@echo "make check    every test (unit, fuzz, translations, lab, terminal)"
	@echo "make format  clang-format every C file; make format-check fails on a difference"
	@echo "make layers  fail on an include against the layers (tools/layers.py)"
	@echo "make bench    speed figures as ratios against a baseline"
	@echo "make mutate   the mutation figure: N of M small bugs caught (tools/mutate)"
	@echo "make fuzz     fuzz every parser for FUZZ_SECONDS each (default 60)"
	@echo "make valgrind the lab suites with maildoctor under valgrind memcheck"
	@echo "make reliability  fuzz and hardening runs; rewrites README's Reliability"
	@echo "make install  PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)"
	@echo "make man      the man page's OPTIONS from the option table"
	@echo "make builtin-ja  core/base/i18n_builtin_ja.c from ja.po (the _B() sentences)"
	@echo "make windows  build/windows/maildoctor.exe and its zip (mingw-w64, from Debian sources)"
	@echo "make check-windows  the Windows build's tests under wine"
	@echo "make deb      build/deb/maildoctor_$(VERSION)_$(DEB_ARCH).deb (debhelper), then lintian"

# ---- dependencies -----------------------------------------------------------
deps:
	@missing=$$(for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q '^install ok installed$$' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "deps: all packages present"; exit 0; fi; \
	cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$(echo $$missing)"; \
	if [ "$$(id -u)" != 0 ]; then \
	    echo "deps: not root; run as root:"; echo "  sudo sh -c 'echo postfix postfix/main_mailer_type select No configuration | debconf-set-selections && $$cmd'"; exit 1; fi; \
	echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections; \
	echo "deps: $$cmd"; sh -c "$$cmd"

# ---- the program ------------------------------------------------------------
build/maildoctor: $(MAIN_OBJ) build/libmaildoctor.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# --version prints VERSION, compiled into main.o.
build/obj/cli/main.o build/asan/cli/main.o build/fuzz/cli/main.o: VERSION

build/libmaildoctor.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/locale/%/LC_MESSAGES/maildoctor.mo: assets/po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

run: deps all
	./build/maildoctor

# ---- tests ------------------------------------------------------------------
build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC/ASAN $<"
	@$(CC) $(ASAN_CFLAGS) -c -o $@ $<

build/asan/libmaildoctor.a: $(ASAN_LIB)
	@rm -f $@
	ar rcs $@ $^

build/asan/maildoctor: build/asan/cli/main.o build/asan/libmaildoctor.a
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

build/asan/tests/%: build/asan/tests/unit/%.o $(ASAN_HELP) build/asan/libmaildoctor.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

asan-bin: build/asan/maildoctor $(UNIT_BIN) $(MO_FILES)

# Every test: tests/check.sh runs each part and prints one closing line
# "N passed, N failed" (a part is one test binary, fuzz target or suite).
check: layers format-check asan-bin $(FUZZ_BIN) pot
	FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS) sh tests/check.sh

# Who may include whom: the table in tools/layers.py.
layers:
	@python3 tools/layers.py

unit: asan-bin
	sh tests/check.sh unit

# Mutation figure (issue 21): small bugs put in a scratch copy one at a time
# (tools/mutate/mutants.txt), each against its tests. Not part of check.
mutate:
	sh tools/mutate/run.sh

# The held-out figure: mutants drawn at random (tools/mutate/blind.py),
# judged by the whole unit and CLI suites.
mutate-blind:
	@mkdir -p build/mutate
	python3 tools/mutate/blind.py $(BLIND_N) > build/mutate/blind.txt
	MUTATE_TIMEOUT=900 sh tools/mutate/run.sh build/mutate/blind.txt

build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC/FUZZ $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

build/fuzz/libmaildoctor.a: $(FUZZ_LIB)
	@rm -f $@
	ar rcs $@ $^

build/fuzz/bin/%: build/fuzz/tests/fuzz/%.o build/fuzz/libmaildoctor.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(PKG_LIBS)

fuzz: $(FUZZ_BIN)
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/check.sh fuzz

# ---- translations -----------------------------------------------------------
# build/maildoctor.pot holds every sentence in the sources; po-check fails
# when ja.po lacks one or has a fuzzy or untranslated entry.
pot: build/maildoctor.pot
# The Japanese of the _B() sentences, built into the program (written from
# ja.po; tests/check.sh po fails when it is stale).
BUILTIN_JA := core/base/i18n_builtin_ja.c
BUILTIN_SRC := $(filter-out $(BUILTIN_JA),$(LIB_SRC)) $(MAIN_SRC) $(LIB_HDR)
builtin-ja:
	python3 tools/gen_i18n_builtin.py $(BUILTIN_SRC) >$(BUILTIN_JA).tmp && \
	    mv $(BUILTIN_JA).tmp $(BUILTIN_JA)
builtin-ja-check:
	@mkdir -p build
	@python3 tools/gen_i18n_builtin.py $(BUILTIN_SRC) >build/i18n_builtin_ja.c
	@cmp -s build/i18n_builtin_ja.c $(BUILTIN_JA) || \
	    { echo "$(BUILTIN_JA) is not what ja.po and the _B() sentences give: make builtin-ja"; exit 1; }
build/maildoctor.pot: $(LIB_SRC) $(MAIN_SRC) $(LIB_HDR)
	@mkdir -p build
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	    --keyword=_B --keyword=NP_:1,2 --add-comments=TRANSLATORS --package-name=maildoctor \
	    --package-version=$(VERSION) -o $@ $(LIB_SRC) $(MAIN_SRC) \
	    $(LIB_HDR)

# ---- the man page -------------------------------------------------------------
# Its OPTIONS section is made from the option table (app/options.c) by
# `maildoctor --man-options`: `make man` writes it into assets/maildoctor.1,
# and tests/cli/test_manpage.sh fails when the two differ.
man: build/maildoctor
	build/maildoctor --man-options >build/man-options
	awk 'FNR == NR { opts = opts $$0 "\n"; next } \
	     /^\.SH OPTIONS$$/ { printf "%s", opts; skip = 1; next } \
	     skip && /^\.SH / { skip = 0 } !skip' \
	    build/man-options assets/maildoctor.1 >build/maildoctor.1.new
	mv build/maildoctor.1.new assets/maildoctor.1

# ---- benchmarks -------------------------------------------------------------
build/bench/%: tests/bench/%.c build/libmaildoctor.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS)

bench: all $(BENCH_BIN)
	sh tests/bench/run.sh

# ---- install ----------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)
	install -m 0755 build/maildoctor $(DESTDIR)$(BINDIR)/maildoctor
	install -m 0644 assets/maildoctor.1 $(DESTDIR)$(MANDIR)/maildoctor.1
	for mo in $(MO_FILES); do \
	    lang=$$(echo $$mo | cut -d/ -f3); \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES; \
	    install -m 0644 $$mo $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/maildoctor.mo; \
	done
	cd assets && find . -type f ! -path './po/*' ! -name maildoctor.1 | \
	    while read -r f; do install -D -m 0644 "$$f" "$(DESTDIR)$(DATADIR)/$$f"; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/maildoctor $(DESTDIR)$(MANDIR)/maildoctor.1
	rm -f $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/maildoctor.mo
	rm -rf $(DESTDIR)$(DATADIR)

# ---- Debian package -----------------------------------------------------------
# Built out of tree: the sources (not build/, not .git) are copied into
# build/deb/maildoctor-VERSION and dpkg-buildpackage runs there, so the tree
# stays clean; the .deb, .buildinfo and .changes land in build/deb/, and
# lintian's findings in build/deb/lintian.txt (an error fails the target).
# debian/rules builds and installs with this Makefile (PREFIX=/usr), so the
# package holds exactly what `make install` installs.
DEB_ARCH   := $(shell dpkg --print-architecture 2>/dev/null)
DEB_SRC    := build/deb/maildoctor-$(VERSION)
deb:
	@v=$$(dpkg-parsechangelog -S Version); [ "$$v" = "$(VERSION)" ] || \
	    { echo "deb: debian/changelog says $$v, VERSION says $(VERSION)"; exit 1; }
	rm -rf build/deb
	mkdir -p $(DEB_SRC)
	tar -cf - --exclude=./build --exclude=./.git . | tar -C $(DEB_SRC) -xf -
	cd $(DEB_SRC) && dpkg-buildpackage -b -us -uc -Jauto
	lintian --info --pedantic \
	    build/deb/maildoctor_$(VERSION)_$(DEB_ARCH).changes \
	    >build/deb/lintian.txt 2>&1 || true
	@cat build/deb/lintian.txt
	@! grep -q '^E: ' build/deb/lintian.txt
	@echo "deb: build/deb/maildoctor_$(VERSION)_$(DEB_ARCH).deb"

# The C files as .clang-format writes them (clang-format 14, Debian's; the
# generated core/kb/rejections_msgs.c is left as its generator writes it).
CLANG_FORMAT ?= clang-format-14
FORMAT_FILES = $(filter-out core/kb/rejections_msgs.c core/base/i18n_builtin_ja.c,$(sort $(shell \
    git ls-files '*.c' '*.h' 2>/dev/null || \
    find core clientcfg app tui cli tests -name '*.[ch]' -not -path 'tests/fuzz/corpus/*')))
format:
	$(CLANG_FORMAT) -i $(FORMAT_FILES)

format-check:
	@$(CLANG_FORMAT) --dry-run --Werror $(FORMAT_FILES) && \
	    echo "format-check: $(words $(FORMAT_FILES)) files as .clang-format writes them"


clean:
	rm -rf build

# (not build/deb: the package's own build, in its copy of the tree)
-include $(shell find build -path build/deb -prune -o -path build/windows -prune -o -name '*.d' -print 2>/dev/null)
