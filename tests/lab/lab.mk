# tests/lab/lab.mk — the lab's part of the top-level Makefile (which includes it): builds
# the hostile peers and runs `make lab-check`. Also usable alone:
#   make -f tests/lab/lab.mk lab-check
# Paths are relative to the repository root.

# Debian packages the lab needs (`make deps` installs them). swaks needs its Recommends
# libnet-ssleay-perl (TLS) and libio-socket-inet6-perl (IPv6), named here for installs
# that leave Recommends out.
LAB_PKGS := postfix dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd unbound nftables swaks \
	libnet-ssleay-perl libio-socket-inet6-perl \
	dnsutils iproute2 openssl curl util-linux libssl-dev pkg-config gcc make

LAB_BUILD := build/lab
LAB_PEER_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2
LAB_SSL_CFLAGS = $(shell pkg-config --cflags openssl 2>/dev/null)
LAB_SSL_LIBS = $(shell pkg-config --libs openssl 2>/dev/null || echo -lssl -lcrypto)

# The hostile peers' program: every file of peers/ but oauthsmtp.c (a program
# of its own).
LAB_PEER_SRC := $(filter-out tests/lab/peers/oauthsmtp.c,$(wildcard tests/lab/peers/*.c))

$(LAB_BUILD)/peer: $(LAB_PEER_SRC) $(wildcard tests/lab/peers/*.h) tests/lab/lab.mk
	@mkdir -p $(LAB_BUILD)
	$(CC) $(LAB_PEER_CFLAGS) $(LAB_SSL_CFLAGS) -o $@ $(LAB_PEER_SRC) $(LAB_SSL_LIBS)

# The lab's smtp-mail.outlook.com: AUTH only as OAuth2 (servers.sh oauth_start),
# reading and writing through the peers' conn.c.
LAB_OAUTH_SRC := tests/lab/peers/oauthsmtp.c tests/lab/peers/conn.c

$(LAB_BUILD)/oauthsmtp: $(LAB_OAUTH_SRC) tests/lab/peers/conn.h tests/lab/lab.mk
	@mkdir -p $(LAB_BUILD)
	$(CC) $(LAB_PEER_CFLAGS) $(LAB_SSL_CFLAGS) -o $@ $(LAB_OAUTH_SRC) $(LAB_SSL_LIBS)

lab-peers: $(LAB_BUILD)/peer $(LAB_BUILD)/oauthsmtp

# Brings every scenario up, checks it from the client namespace, takes it down. (The
# script builds the peers itself once it knows it can run: not as a prerequisite, so
# that a non-root run reports "LAB SKIPPED" instead of a build error.)
lab-check:
	tests/lab/check


.PHONY: lab-peers lab-check
