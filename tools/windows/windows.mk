# windows.mk — the Windows build (issue 17), included by the Makefile.
#
#   make windows        build/windows/maildoctor.exe (x86-64, static) and
#                       build/windows/maildoctor-VERSION-win64.zip
#   make check-windows  no ANSI calls in our objects (tools/windows/
#                       ansi_calls.py), then the unit tests and CLI scripts
#                       built for Windows, run under wine (tests/windows/run.sh)
#
# The libraries come from Debian's source packages, built once for mingw by
# tools/windows/build-deps.sh into build/windows/deps (a stamp per library:
# a second `make windows` takes seconds). The same sources as on Linux: the
# OS seams (core/base/os_*.c, core/net/sock_*.c, tui/term_*.c) pick their
# Windows side by _WIN32.

WIN_HOST    := x86_64-w64-mingw32
WIN_CC      := $(WIN_HOST)-gcc
WIN         := build/windows
WIN_DEPS    := $(WIN)/deps
WIN_STAMP   := $(WIN_DEPS)/.built-all
WIN_PKGS    := $(PKGS)
# Debian packages the Windows build and its tests need (make deps-windows).
WIN_DEB     := gcc-mingw-w64-x86-64 meson ninja-build cmake autoconf automake \
               autopoint libtool gtk-doc-tools bison gperf dpkg-dev zip unzip \
               wine wine64 locales
# (locales: the ja_JP source that tests/windows/test_zip_alone.sh compiles
# with localedef, so that wine runs as a Japanese Windows: code page 932)
WIN_PC       = PKG_CONFIG_LIBDIR=$(CURDIR)/$(WIN_DEPS)/lib/pkgconfig $(PKG_CONFIG) --static
# Recursive (=): the deps' .pc files exist only once the stamp is made.
WIN_CFLAGS   = -std=c11 $(WARN) -D_GNU_SOURCE -D__USE_MINGW_ANSI_STDIO=1 -D_WIN32_WINNT=0x0A00 \
               -DNCURSES_STATIC -DMD_VERSION='"$(VERSION)"' \
               -DMD_DATADIR='"share/maildoctor"' -DMD_LOCALEDIR='"share/locale"' \
               -I. $(shell $(WIN_PC) --cflags $(WIN_PKGS)) -O2 -g0 -MMD -MP
WIN_SYSLIBS := -lws2_32 -liphlpapi -lcrypt32 -lbcrypt -lsecur32 -lshell32 \
               -lole32 -luuid -ladvapi32 -luserenv -lwinmm -ldnsapi
# -L first: libintl has no .pc file, so -lintl is found only by that -L
# (not by a folder some other library's .pc names).
WIN_LIBS     = -L$(CURDIR)/$(WIN_DEPS)/lib $(shell $(WIN_PC) --libs $(WIN_PKGS)) -lintl $(WIN_SYSLIBS)
WIN_LDFLAGS := -static -municode

WIN_OBJ     := $(LIB_SRC:%.c=$(WIN)/obj/%.o)
WIN_MAIN    := $(MAIN_SRC:%.c=$(WIN)/obj/%.o)
WIN_EXE     := $(WIN)/maildoctor.exe
WIN_ZIPDIR  := $(WIN)/zip/maildoctor-$(VERSION)-win64
WIN_ZIP     := $(WIN)/maildoctor-$(VERSION)-win64.zip
# The unit tests built for Windows: all but those tests/windows/unit-skip.list
# names (with the reason there).
WIN_USKIP   := $(shell sed -n 's/^\(test_[a-z0-9_]*\).*/\1/p' tests/windows/unit-skip.list)
WIN_UNIT    := $(filter-out $(WIN_USKIP:%=$(WIN)/tests/%.exe), \
                 $(UNIT_SRC:tests/unit/%.c=$(WIN)/tests/%.exe))
WIN_UHELP   := $(UNIT_HELP:%.c=$(WIN)/obj/%.o)
# Unit tests built for Windows only (tests/windows/unit: what only the
# Windows build has, such as libintl's UTF-16 folder names); same helpers.
WIN_UNIT_W  := $(patsubst tests/windows/unit/%.c,$(WIN)/tests/%.exe, \
                 $(wildcard tests/windows/unit/test_*.c))
# A program the Windows tests start and stop by pid (tests/windows/md_hold.c:
# a renamed copy is "thunderbird.exe"; it holds parent.lock as Thunderbird).
WIN_HOLD    := $(WIN)/tests/md_hold.exe

.PHONY: windows check-windows deps-windows

windows: $(WIN_ZIP)

deps-windows:
	@missing=$$(for p in $(WIN_DEB); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q '^install ok installed$$' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "deps-windows: all packages present"; exit 0; fi; \
	cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$(echo $$missing)"; \
	if [ "$$(id -u)" = 0 ]; then sh -c "$$cmd"; else sudo sh -c "$$cmd"; fi

$(WIN_STAMP): tools/windows/build-deps.sh tools/windows/recipes.sh \
    tools/windows/libraries.list $(wildcard tools/windows/patches/*/*.patch)
	sh tools/windows/build-deps.sh
	touch $@

$(WIN)/obj/%.o: %.c | $(WIN_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC.exe  $<"
	@$(WIN_CC) $(WIN_CFLAGS) -c $< -o $@

# The links depend on the deps' stamp, so that a library rebuilt (a changed
# patch under tools/windows/patches) is linked in again.
$(WIN_EXE): $(WIN_MAIN) $(WIN_OBJ) $(WIN_STAMP)
	$(WIN_CC) $(WIN_LDFLAGS) -o $@ $(WIN_MAIN) $(WIN_OBJ) $(WIN_LIBS)

# The zip: one folder, the exe with its data beside it (paths.c looks for
# the data next to the program and for locale/ under it), a read-me, and
# licenses/: the notices of the libraries linked into the exe, from their
# sources (tools/windows/notices.sh; tests/windows/test_notices.sh checks).
$(WIN_ZIP): $(WIN_EXE) $(MO_FILES) tools/windows/README-zip.txt \
    tools/windows/notices.sh tools/windows/libraries.list \
    $(wildcard tools/windows/patches/*/*.patch)
	rm -rf $(WIN)/zip $@
	mkdir -p $(WIN_ZIPDIR)
	$(WIN_HOST)-strip -o $(WIN_ZIPDIR)/maildoctor.exe $(WIN_EXE)
	cd assets && find . -type f ! -path './po/*' ! -name maildoctor.1 | \
	    while read -r f; do install -D -m 0644 "$$f" "$(CURDIR)/$(WIN_ZIPDIR)/$$f"; done
	for mo in $(MO_FILES); do \
	    lang=$$(echo $$mo | cut -d/ -f3); \
	    install -D -m 0644 $$mo $(WIN_ZIPDIR)/locale/$$lang/LC_MESSAGES/maildoctor.mo; \
	done
	sed "s/@VERSION@/$(VERSION)/; s/\$$/\r/" tools/windows/README-zip.txt \
	    >$(WIN_ZIPDIR)/README.txt
	sh tools/windows/notices.sh $(WIN_ZIPDIR)
	cd $(WIN)/zip && zip -qr -X ../$(notdir $@) maildoctor-$(VERSION)-win64
	@ls -l $@ $(WIN_EXE)

# Unit tests for Windows: the same cmocka sources, linked with cmocka built
# for mingw (its static library is libcmocka-static.a: cmocka.pc's -lcmocka
# names the DLL's); run under wine by tests/windows/run.sh.
define WIN_LINK_TEST
	@mkdir -p $(dir $@)
	@echo "  LD.exe  $@"
	@$(WIN_CC) $(WIN_CFLAGS) $(shell $(WIN_PC) --cflags cmocka) -static -o $@ $< \
	    $(WIN_UHELP) $(WIN_OBJ) -L$(WIN_DEPS)/lib -lcmocka-static $(WIN_LIBS)
endef
$(WIN)/tests/%.exe: tests/unit/%.c $(WIN_OBJ) $(WIN_UHELP) $(WIN_STAMP)
	$(WIN_LINK_TEST)
# (they read the Japanese catalogue, build/locale/ja/…)
$(WIN)/tests/%.exe: tests/windows/unit/%.c $(WIN_OBJ) $(WIN_UHELP) $(WIN_STAMP) $(MO_FILES)
	$(WIN_LINK_TEST)

$(WIN_HOLD): tests/windows/md_hold.c
	@mkdir -p $(dir $@)
	@echo "  LD.exe  $@"
	@$(WIN_CC) -std=c11 $(WARN) -O2 -municode -static -o $@ $<

# First the scan for ANSI calls in our objects (tools/windows/ansi_calls.py
# lists what it checks), then the tests. WINDOWS_PARTS: the parts of
# tests/windows/run.sh (default all: unit cli lab); a part asked for that
# cannot run (the lab when not root) fails it.
check-windows: windows $(WIN_UNIT) $(WIN_UNIT_W) $(WIN_HOLD)
	python3 tools/windows/ansi_calls.py
	sh tests/windows/run.sh $(WINDOWS_PARTS)

-include $(shell find $(WIN)/obj -name '*.d' 2>/dev/null)
