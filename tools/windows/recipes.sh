# recipes.sh — how each library is built for Windows; sourced by
# build-deps.sh in a shell of its own (sh -e) inside the library's unpacked
# source, with TOP, HOST, PREFIX, STATIC and JOBS in the environment.

build_zlib() {
	CHOST=$HOST ./configure --static --prefix="$PREFIX"
	make -j"$JOBS" libz.a
	make install
}
build_libffi() {
	./configure $STATIC --disable-docs --disable-multi-os-directory
	make -j"$JOBS"
	make install
}
build_pcre2() {
	./configure $STATIC --disable-pcre2grep-jit --disable-pcre2-16 --disable-pcre2-32
	make -j"$JOBS" libpcre2-8.la
	make install-libLTLIBRARIES install-nodist_includeHEADERS install-includeHEADERS
	install -m 644 libpcre2-8.pc "$PREFIX/lib/pkgconfig/"
}
build_intl() {
	cd gettext-runtime
	./configure $STATIC --disable-java --disable-csharp --disable-libasprintf \
	    --enable-threads=windows
	make -C intl -j"$JOBS"
	make -C intl install
}
build_glib() {
	cat >cross.txt <<EOT
[binaries]
c = '$HOST-gcc'
cpp = '$HOST-g++'
ar = '$HOST-ar'
strip = '$HOST-strip'
windres = '$HOST-windres'
pkgconfig = 'pkg-config'
[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
[built-in options]
c_args = ['-I$PREFIX/include']
c_link_args = ['-L$PREFIX/lib']
EOT
	rm -rf _build
	meson setup _build --cross-file cross.txt --prefix="$PREFIX" --libdir=lib \
	    --default-library=static --wrap-mode=nodownload -Dtests=false \
	    -Dnls=disabled -Dlibmount=disabled -Dselinux=disabled -Dxattr=false \
	    -Dman=false -Dgtk_doc=false
	ninja -C _build -j"$JOBS"
	ninja -C _build install
}
build_gmime() {
	# Debian's dfsg tarball has no configure; its autotools files want a
	# ChangeLog and gtk-doc's macros (gtk-doc-tools)
	touch ChangeLog
	gtkdocize --copy
	autoreconf -fi
	# GMime asks for glib_native_win32 where it sets native_win32; its
	# iconv-detect program cannot run when cross-compiling
	cp "$TOP/tools/windows/iconv.h" "$PREFIX/include/iconv.h"
	./configure $STATIC --disable-crypto --disable-introspection --disable-vala \
	    --without-libidn --disable-glibtest glib_native_win32=yes \
	    ac_cv_have_iconv_detect_h=no
	# libgmime links GMime's own util/ library (a convenience archive)
	CPPFLAGS="$CPPFLAGS $(pkg-config --cflags glib-2.0)" \
	    make -C util -j"$JOBS" libutil.la
	CPPFLAGS="$CPPFLAGS $(pkg-config --cflags glib-2.0)" \
	    make -C gmime -j"$JOBS" libgmime-3.0.la
	make -C gmime install-libLTLIBRARIES install-gmimeincludeHEADERS
	make install-pkgconfigDATA
}
build_openssl() {
	./Configure mingw64 --cross-compile-prefix=$HOST- no-shared no-tests \
	    --prefix="$PREFIX" --libdir=lib
	make -j"$JOBS" build_libs
	make install_dev
}
build_cares() {
	# Debian's inet_net_pton.c (the CVE-2023-31130 fix) uses INADDRSZ,
	# which only glibc's <arpa/nameser_compat.h> defines: 4, an IPv4
	# address's size
	rm -rf _build && mkdir _build && cd _build
	CFLAGS="$CFLAGS -DINADDRSZ=4" cmake .. -DCMAKE_SYSTEM_NAME=Windows -DCMAKE_C_COMPILER=$HOST-gcc \
	    -DCMAKE_RC_COMPILER=$HOST-windres -DCARES_STATIC=ON -DCARES_SHARED=OFF \
	    -DCARES_BUILD_TOOLS=OFF -DCARES_BUILD_TESTS=OFF \
	    -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_INSTALL_LIBDIR=lib
	make -j"$JOBS"
	make install
}
build_curl() {
	# a static libcrypto needs Windows' own libraries to link its tests
	LIBS="-lcrypt32 -lws2_32 -lgdi32 -lbcrypt" \
	./configure $STATIC --with-openssl="$PREFIX" --with-zlib="$PREFIX" \
	    --without-libpsl --without-brotli --without-zstd --without-libidn2 \
	    --without-nghttp2 --disable-ldap --disable-manual --disable-docs
	make -C lib -j"$JOBS"
	make -C lib install
	make -C include install
	install -m 644 libcurl.pc "$PREFIX/lib/pkgconfig/"
}
build_libxml2() {
	# Debian's patches touch Makefile.am: regenerate with this automake
	autoreconf -fi
	./configure $STATIC --without-python --without-lzma --with-zlib="$PREFIX" \
	    --without-http --without-ftp --without-iconv
	make -j"$JOBS" libxml2.la
	make install-libLTLIBRARIES install-data-am
	make -C include install # the headers (include/libxml), a folder of their own
}
build_jsonc() {
	rm -rf _build && mkdir _build && cd _build
	cmake .. -DCMAKE_SYSTEM_NAME=Windows -DCMAKE_C_COMPILER=$HOST-gcc \
	    -DCMAKE_RC_COMPILER=$HOST-windres -DBUILD_SHARED_LIBS=OFF \
	    -DBUILD_STATIC_LIBS=ON -DBUILD_TESTING=OFF -DDISABLE_WERROR=ON \
	    -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_INSTALL_LIBDIR=lib
	make -j"$JOBS"
	make install
}
build_ncurses() {
	# The term driver's console-API driver (ncurses/win32con/win_driver.c:
	# WriteConsoleOutputW, ReadConsoleInput), chosen by the name
	# "#win32con" (tui/term_win.c). Not --enable-exp-win32: under wine its
	# keys never reach the program (the console stays in line mode), so
	# the full-screen wizard could not be tested here
	# (an earlier build's objects must not stay in the archive)
	if [ -f Makefile ]; then make distclean >/dev/null 2>&1 || true; fi
	./configure $STATIC --enable-widec --enable-term-driver --enable-sp-funcs \
	    --without-ada --without-cxx --without-cxx-binding --without-progs \
	    --without-tests --without-manpages --disable-home-terminfo \
	    --enable-pc-files --with-pkg-config-libdir="$PREFIX/lib/pkgconfig"
	make -j"$JOBS"
	make install
}
# cmocka: only for the unit tests built for Windows (make check-windows).
build_cmocka() {
	mkdir -p build-win && cd build-win
	cmake .. -DCMAKE_SYSTEM_NAME=Windows -DCMAKE_C_COMPILER="$HOST-gcc" \
	    -DCMAKE_RC_COMPILER="$HOST-windres" -DCMAKE_INSTALL_PREFIX="$PREFIX" \
	    -DBUILD_SHARED_LIBS=OFF -DWITH_STATIC_LIB=ON -DWITH_EXAMPLES=OFF \
	    -DUNIT_TESTING=OFF -DCMAKE_BUILD_TYPE=Release
	make -j"$JOBS"
	make install
}
