# tests/lab/servers.sh — the lab's servers: test CA and certificates, unbound, dovecot,
# the postfix instances and the hostile peers. Sourced by tests/lab/lab, which provides
# the plan (HOST_*, PEER_*, USER_*), the scenario and RUN/NS_NET; each *_start writes
# its configuration under $RUN, starts the daemon inside the net namespace and adds the
# addr:port pairs it must listen on to LISTEN_WANT.
# shellcheck shell=bash

LISTEN_WANT=()
PF_INSTANCES=(plala jcom eo own icloud badtls)

# Runs a command inside the net namespace with its output going to a log file, never to
# the caller's stdout (daemons would otherwise hold `lab up`'s pipe open), and without
# the lab lock's fd 9.
in_net() {
	local log=$1
	shift
	ip netns exec "$NS_NET" "$@" </dev/null >>"$RUN/log/$log" 2>&1 9>&-
}

# join_comma VAR ITEM... — sets VAR to the items joined by commas (without a fork).
join_comma() {
	local IFS=,
	printf -v "$1" '%s' "${*:2}"
}

# ---- PKI ------------------------------------------------------------------------------

pki_config() {
	cat <<-EOF
		# openssl configuration of the lab's test CA
		[req]
		distinguished_name = dn
		prompt = no
		[dn]
		CN = placeholder
		[ca_ext]
		basicConstraints = critical,CA:TRUE
		keyUsage = critical,keyCertSign,cRLSign
		subjectKeyIdentifier = hash
		[leaf_ext]
		basicConstraints = critical,CA:FALSE
		keyUsage = critical,digitalSignature,keyEncipherment
		extendedKeyUsage = serverAuth
		subjectKeyIdentifier = hash
		authorityKeyIdentifier = keyid
		[ca]
		default_ca = lab_ca
		[lab_ca]
		database = $RUN/pki/index.txt
		new_certs_dir = $RUN/pki/issued
		serial = $RUN/pki/serial
		default_md = sha256
		policy = any
		copy_extensions = copy
		unique_subject = no
		x509_extensions = leaf_ext
		[any]
		commonName = supplied
	EOF
}

# pki_leaf NAME DNSNAME... — key NAME.key, certificate NAME.crt signed by the lab CA,
# and NAME.pem (key + certificate) for postfix.
pki_leaf() {
	local name=$1 san
	shift
	printf -v san 'DNS:%s,' "$@"
	openssl req -config "$PKI/lab.cnf" -x509 -extensions leaf_ext \
		-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
		-keyout "$PKI/$name.key" -out "$PKI/$name.crt" -subj "/CN=$1" \
		-addext "subjectAltName=${san%,}" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" 2>/dev/null
	cat "$PKI/$name.key" "$PKI/$name.crt" >"$PKI/$name.pem"
}

# An expired certificate (January 2020), issued through `openssl ca`, which can set
# dates in the past.
pki_expired() {
	openssl req -config "$PKI/lab.cnf" -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
		-nodes -keyout "$PKI/expired.key" -out "$PKI/expired.csr" \
		-subj /CN=expired.badtls.example \
		-addext subjectAltName=DNS:expired.badtls.example 2>/dev/null
	openssl ca -config "$PKI/lab.cnf" -batch -notext -cert "$PKI/ca.crt" \
		-keyfile "$PKI/ca.key" -in "$PKI/expired.csr" -out "$PKI/expired.crt" \
		-startdate 20200101000000Z -enddate 20200201000000Z 2>/dev/null
	cat "$PKI/expired.key" "$PKI/expired.crt" >"$PKI/expired.pem"
}

# A self-signed certificate: a CA of its own that nobody trusts.
pki_selfsigned() {
	openssl req -config "$PKI/lab.cnf" -x509 -extensions leaf_ext \
		-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
		-keyout "$PKI/selfsigned.key" -out "$PKI/selfsigned.crt" \
		-subj /CN=selfsigned.badtls.example \
		-addext subjectAltName=DNS:selfsigned.badtls.example 2>/dev/null
	cat "$PKI/selfsigned.key" "$PKI/selfsigned.crt" >"$PKI/selfsigned.pem"
}

# A certificate for unknownca.badtls.example signed by a second CA that no client
# trusts (othca.crt is never handed out): "unknown issuer", not "self-signed".
pki_unknownca() {
	openssl req -config "$PKI/lab.cnf" -x509 -extensions ca_ext \
		-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
		-keyout "$PKI/othca.key" -out "$PKI/othca.crt" \
		-subj "/CN=maildoctor other CA $ID" 2>/dev/null &&
		openssl req -config "$PKI/lab.cnf" -x509 -extensions leaf_ext \
			-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
			-keyout "$PKI/unknownca.key" -out "$PKI/unknownca.crt" \
			-subj /CN=unknownca.badtls.example \
			-addext subjectAltName=DNS:unknownca.badtls.example \
			-CA "$PKI/othca.crt" -CAkey "$PKI/othca.key" 2>/dev/null &&
		cat "$PKI/unknownca.key" "$PKI/unknownca.crt" >"$PKI/unknownca.pem"
}

# Certificates as a security product's "mail shield" makes them on the
# person's PC: for eset.badtls.example from a root named as ESET's (that no
# client trusts: the probe refuses it), for kaspersky.badtls.example from a
# root named as Kaspersky's (icpt-kaspersky-ca.crt, which a test adds with
# --ca-file as the product adds its root to the system's store).
pki_intercept() {
	local name subj
	for name in eset kaspersky; do
		case $name in
		eset) subj="/C=SK/O=ESET, spol. s r. o./CN=ESET SSL Filter CA" ;;
		kaspersky) subj="/CN=Kaspersky Anti-Virus Personal Root Certificate" ;;
		esac
		openssl req -config "$PKI/lab.cnf" -x509 -extensions ca_ext \
			-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
			-keyout "$PKI/icpt-$name-ca.key" -out "$PKI/icpt-$name-ca.crt" \
			-subj "$subj" 2>/dev/null &&
			openssl req -config "$PKI/lab.cnf" -x509 -extensions leaf_ext \
				-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
				-keyout "$PKI/$name.key" -out "$PKI/$name.crt" \
				-subj "/CN=$name.badtls.example" \
				-addext "subjectAltName=DNS:$name.badtls.example" \
				-CA "$PKI/icpt-$name-ca.crt" -CAkey "$PKI/icpt-$name-ca.key" \
				2>/dev/null &&
			cat "$PKI/$name.key" "$PKI/$name.crt" >"$PKI/$name.pem" || return 1
	done
}

# The test CA and every server's certificate, plus the bad ones: expired (2020), for
# the wrong name, self-signed, and from an unknown CA.
pki_make() {
	PKI=$RUN/pki
	mkdir -p "$PKI/issued"
	pki_config >"$PKI/lab.cnf"
	touch "$PKI/index.txt"
	echo 1000 >"$PKI/serial"
	openssl req -config "$PKI/lab.cnf" -x509 -extensions ca_ext \
		-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
		-keyout "$PKI/ca.key" -out "$PKI/ca.crt" -subj "/CN=maildoctor lab CA $ID" 2>/dev/null
	# the certificates are independent: make them in parallel
	local pids=() pid
	pki_leaf plala secure.plala.or.jp imap.plala.or.jp v6mail.plala.or.jp \
		mmr.plala.or.jp mx.plala.or.jp &
	pids+=($!)
	pki_leaf jcom smtpa.jcom.zaq.ne.jp imap.jcom.zaq.ne.jp pop.jcom.zaq.ne.jp \
		pops.jcom.zaq.ne.jp mx.jcom.zaq.ne.jp &
	pids+=($!)
	pki_leaf eo smtpauth.eonet.ne.jp smtps.eonet.ne.jp mail.eonet.ne.jp \
		pop.eonet.ne.jp imap.eonet.ne.jp &
	pids+=($!)
	pki_leaf own mail.shirao.example shirao.example &
	pids+=($!)
	pki_leaf icloud mx3.mail.icloud.com &
	pids+=($!)
	pki_leaf peers "${PEER_NAME[@]}" &
	pids+=($!)
	pki_leaf tls10 tls10.badtls.example &
	pids+=($!)
	pki_leaf wrongname other-name.badtls.example &
	pids+=($!)
	pki_expired &
	pids+=($!)
	pki_selfsigned &
	pids+=($!)
	pki_unknownca &
	pids+=($!)
	pki_intercept &
	pids+=($!)
	for pid in "${pids[@]}"; do
		wait "$pid" || die "could not make the lab's certificates"
	done
	chmod 0644 "$PKI"/*.key "$PKI"/*.pem
}

# ---- unbound --------------------------------------------------------------------------

unbound_conf() {
	local key line name type
	cat <<-EOF
		# unbound of lab $ID: answers the lab's zones, NXDOMAIN for everything else
		server:
		  interface: ${HOST_V4[RESOLVER]}
		  interface: ${HOST_V6[RESOLVER]}
		  do-ip6: yes
		  access-control: 0.0.0.0/0 allow
		  access-control: ::/0 allow
		  chroot: ""
		  username: ""
		  directory: "$RUN/unbound"
		  pidfile: "$RUN/unbound/unbound.pid"
		  logfile: "$RUN/log/unbound.log"
		  use-syslog: no
		  do-daemonize: yes
		  module-config: "iterator"
		  local-zone: "." static
		  access-control-view: 0.0.0.0/0 via4
		  access-control-view: ::/0 via6
	EOF
	for key in "${HOST_KEYS[@]}"; do
		if [ "${HOST_FLAGS[$key]}" != ptr-only ]; then
			echo "  local-data: \"${HOST_NAME[$key]}. A ${HOST_V4[$key]}\""
			[ -z "${HOST_V6[$key]}" ] ||
				echo "  local-data: \"${HOST_NAME[$key]}. AAAA ${HOST_V6[$key]}\""
		fi
		echo "  local-data-ptr: \"${HOST_V4[$key]} ${HOST_NAME[$key]}\""
		[ -z "${HOST_V6[$key]}" ] ||
			echo "  local-data-ptr: \"${HOST_V6[$key]} ${HOST_NAME[$key]}\""
	done
	for key in "${!ACCESS_NAME[@]}"; do
		echo "  local-data: \"${ACCESS_NAME[$key]}. A ${ACCESS_V4[$key]}\""
		echo "  local-data-ptr: \"${ACCESS_V4[$key]} ${ACCESS_NAME[$key]}\""
	done
	for key in "${PEER_KEYS[@]}"; do
		echo "  local-data: \"${PEER_NAME[$key]}. A ${PEER_V4[$key]}\""

		echo "  local-data-ptr: \"${PEER_V4[$key]} ${PEER_NAME[$key]}\""
	done
	{
		grep -v '^[[:space:]]*\(#\|$\)' "$LAB_SRC/zone.conf"
		printf '%s\n' "${dns:-}" | grep -v '^[[:space:]]*\(#\|$\)' || true
	} | while IFS= read -r line; do
		case $line in
		zone\ *) read -r _ name type <<<"$line"; echo "  local-zone: \"$name\" $type" ;;
		*) echo "  local-data: '$line'" ;;
		esac
	done
	cat <<-EOF
		view:
		  name: "via4"
		  view-first: yes
		  local-data: 'o-o.myaddr.l.google.com. TXT "$EGRESS4"'
		view:
		  name: "via6"
		  view-first: yes
		  local-data: 'o-o.myaddr.l.google.com. TXT "$CLIENT6"'
	EOF
}

unbound_start() {
	mkdir -p "$RUN/unbound"
	{ unbound_conf; unbound_control_conf; } >"$RUN/unbound/unbound.conf"
	in_net unbound.out unbound -c "$RUN/unbound/unbound.conf"
	LISTEN_WANT+=("${HOST_V4[RESOLVER]}:53" "[${HOST_V6[RESOLVER]}]:53")
}

# ---- dovecot (IMAP, POP3, SASL for postfix) ----------------------------------------

# dovecot listens on the providers' mailbox hosts; each address presents its provider's
# certificate.
DOVECOT_HOSTS="PLALA_SECURE:plala PLALA_IMAP:plala PLALA_V6MAIL:plala JCOM_MAIL:jcom
EO_MAIL:eo OWN_MAIL:own"

dovecot_conf() {
	local item key cert addrs=() a
	for item in $DOVECOT_HOSTS; do
		key=${item%%:*}
		addrs+=("${HOST_V4[$key]}")
		a=${HOST_V6[$key]}
		[ -z "$a" ] || addrs+=("$a")
	done
	local listen
	join_comma listen "${addrs[@]}"
	cat <<-EOF
		# dovecot of lab $ID
		base_dir = $RUN/dovecot/run
		state_dir = $RUN/dovecot/state
		log_path = $RUN/log/dovecot.log
		protocols = imap pop3
		listen = $listen
		ssl = yes
		ssl_cert = <$PKI/own.crt
		ssl_key = <$PKI/own.key
		ssl_dh = </usr/share/dovecot/dh.pem
		disable_plaintext_auth = no
		auth_mechanisms = plain login
		first_valid_uid = 8
		mail_location = maildir:~/Maildir
		default_internal_user = dovecot
		default_login_user = dovenull
		passdb {
		  driver = passwd-file
		  args = scheme=PLAIN $RUN/dovecot/users
		}
		userdb {
		  driver = static
		  args = uid=mail gid=mail home=$RUN/mail/%d/%n
		}
		service auth {
		  unix_listener auth-postfix {
		    mode = 0666
		  }
		}
		service imap-login {
		  inet_listener imap {
		    port = 143
		  }
		  inet_listener imaps {
		    port = 993
		    ssl = yes
		  }
		}
		service pop3-login {
		  inet_listener pop3 {
		    port = 110
		  }
		  inet_listener pop3s {
		    port = 995
		    ssl = yes
		  }
		}
		protocol pop3 {
		  pop3_uidl_format = %08Xu%08Xv
		}
	EOF
	for item in $DOVECOT_HOSTS; do
		key=${item%%:*} cert=${item#*:}
		for a in "${HOST_V4[$key]}" "${HOST_V6[$key]}"; do
			[ -n "$a" ] || continue
			printf 'local %s {\n  ssl_cert = <%s\n  ssl_key = <%s\n}\n' \
				"$a" "$PKI/$cert.crt" "$PKI/$cert.key"
			case $a in *:*) a="[$a]" ;; esac
			LISTEN_WANT+=("$a:110" "$a:143" "$a:993" "$a:995")
		done
	done
}

dovecot_start() {
	local key
	mkdir -p "$RUN/dovecot/run" "$RUN/dovecot/state" "$RUN/mail"
	chown mail:mail "$RUN/mail"
	for key in "${USER_KEYS[@]}"; do
		echo "${USER_ADDR[$key]}:{PLAIN}${USER_PASS[$key]}"
	done >"$RUN/dovecot/users"
	chmod 0640 "$RUN/dovecot/users"
	chgrp dovecot "$RUN/dovecot/users"
	# dovecot_conf adds to LISTEN_WANT, so it must not run in a subshell
	dovecot_conf >"$RUN/dovecot/dovecot.conf.tmp"
	mv "$RUN/dovecot/dovecot.conf.tmp" "$RUN/dovecot/dovecot.conf"
	in_net dovecot.out dovecot -c "$RUN/dovecot/dovecot.conf"
}

# ---- postfix ---------------------------------------------------------------------------

# pf_main INSTANCE MYHOSTNAME DOMAINS HOSTKEY... — the part of main.cf all instances
# share; the certificate is $PKI/INSTANCE.pem unless PF_CERT names another. The first HOSTKEY is the address mail leaves from; all of them are "this host"
# for postfix (inet_interfaces), nothing else in the namespace is.
pf_main() {
	local inst=$1 myhost=$2 domains=$3 dir=$RUN/postfix/$1 key ifaces=() b6="" a
	local list protocols=ipv4
	shift 3
	for key in "$@"; do
		ifaces+=("${HOST_V4[$key]}")
		a=${HOST_V6[$key]}
		[ -z "$a" ] || { ifaces+=("[$a]"); b6=${b6:-$a}; protocols=all; }
	done
	join_comma list "${ifaces[@]}"
	cat <<-EOF
		# postfix instance "$inst" of lab $ID
		compatibility_level = 3.6
		queue_directory = $dir/queue
		data_directory = $dir/data
		maillog_file = $RUN/log/postfix-$inst.log
		maillog_file_prefixes = /tmp/$PREFIX-
		mail_owner = postfix
		setgid_group = postdrop
		myhostname = $myhost
		mydomain = ${myhost#*.}
		myorigin = \$myhostname
		mydestination =
		inet_interfaces = $list
		inet_protocols = $protocols
		smtp_bind_address = ${HOST_V4[$1]}
		smtp_bind_address6 = $b6
		smtpd_banner = \$myhostname ESMTP
		biff = no
		append_dot_mydomain = no
		readme_directory = no
		alias_maps =
		alias_database =
		local_recipient_maps =
		virtual_mailbox_domains = $domains
		virtual_mailbox_base = $RUN/mail
		virtual_mailbox_maps = texthash:$RUN/postfix/vmailbox
		virtual_minimum_uid = 8
		virtual_uid_maps = static:8
		virtual_gid_maps = static:8
		smtpd_tls_chain_files = $PKI/${PF_CERT:-$inst}.pem
		smtpd_tls_security_level = may
		smtpd_tls_auth_only = yes
		smtpd_sasl_type = dovecot
		smtpd_sasl_path = $RUN/dovecot/run/auth-postfix
		smtpd_sasl_auth_enable = no
		smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
		smtp_tls_security_level = may
		smtp_tls_CAfile = $PKI/ca.crt
		maximal_backoff_time = 60s
		minimal_backoff_time = 30s
		queue_run_delay = 30s
	EOF
}

# The services every instance runs (chroot off: the lab has no chroot jails).
pf_master_common() {
	cat <<-'EOF'
		pickup    unix  n       -       n       60      1       pickup
		cleanup   unix  n       -       n       -       0       cleanup
		qmgr      unix  n       -       n       300     1       qmgr
		tlsmgr    unix  -       -       n       1000?   1       tlsmgr
		rewrite   unix  -       -       n       -       -       trivial-rewrite
		bounce    unix  -       -       n       -       0       bounce
		defer     unix  -       -       n       -       0       bounce
		trace     unix  -       -       n       -       0       bounce
		verify    unix  -       -       n       -       1       verify
		flush     unix  n       -       n       1000?   0       flush
		proxymap  unix  -       -       n       -       -       proxymap
		proxywrite unix -       -       n       -       1       proxymap
		smtp      unix  -       -       n       -       -       smtp
		relay     unix  -       -       n       -       -       smtp
		showq     unix  n       -       n       -       -       showq
		error     unix  -       -       n       -       -       error
		retry     unix  -       -       n       -       -       error
		discard   unix  -       -       n       -       -       discard
		local     unix  -       n       n       -       -       local
		virtual   unix  -       n       n       -       -       virtual
		lmtp      unix  -       -       n       -       -       lmtp
		anvil     unix  -       -       n       -       1       anvil
		scache    unix  -       -       n       -       1       scache
		postlog   unix-dgram n  -       n       -       1       postlogd
	EOF
}

# pf_svc HOSTKEY PORT KIND [-o options...] — one listening smtpd service on each of the
# host's addresses. KIND: mx (receives for its domains), relay (relays for mynetworks),
# submission (587 STARTTLS + AUTH), smtps (465 implicit TLS + AUTH).
pf_svc() {
	local key=$1 port=$2 kind=$3 a opts=()
	shift 3
	# shellcheck disable=SC2054 # the commas are inside postfix values
	case $kind in
	mx) opts=(-o syslog_name=postfix/smtp-in) ;;
	relay) opts=(-o syslog_name=postfix/relay
		-o smtpd_relay_restrictions=permit_mynetworks,reject_unauth_destination) ;;
	submission) opts=(-o syslog_name=postfix/submission -o smtpd_tls_security_level=encrypt
		-o smtpd_sasl_auth_enable=yes -o smtpd_helo_restrictions=
		-o smtpd_relay_restrictions=permit_sasl_authenticated,reject) ;;
	smtps) opts=(-o syslog_name=postfix/smtps -o smtpd_tls_wrappermode=yes
		-o smtpd_sasl_auth_enable=yes -o smtpd_helo_restrictions=
		-o smtpd_relay_restrictions=permit_sasl_authenticated,reject) ;;
	esac
	[ -n "${HOST_V4[$key]:-}" ] || die "unknown host key $key"
	opts+=(-o "myhostname=${HOST_NAME[$key]}" "$@")
	for a in "${HOST_V4[$key]}" "${HOST_V6[$key]}"; do
		[ -n "$a" ] || continue
		case $a in *:*) a="[$a]:$port" ;; *) a="$a:$port" ;; esac
		echo "$a inet n - n - - smtpd"
		printf '  %s %s\n' "${opts[@]}"
		LISTEN_WANT+=("$a")
	done
}

# pf_write INSTANCE EXTRA_MAIN — appends the instance's own lines to main.cf and
# writes the shared services of master.cf (the caller appends its pf_svc lines).
pf_write() {
	local inst=$1 extra_main=$2 dir=$RUN/postfix/$1
	mkdir -p "$dir/data"
	chown postfix "$dir/data"
	printf '%s\n' "$extra_main" >>"$dir/main.cf"
	pf_master_common >"$dir/master.cf"
}

pf_plala() {
	local dir=$RUN/postfix/plala
	mkdir -p "$dir"
	pf_main plala secure.plala.or.jp plala.or.jp \
		PLALA_SECURE PLALA_V6MAIL PLALA_MMR PLALA_MX >"$dir/main.cf"
	pf_write plala "mynetworks = 127.0.0.0/8 [::1]/128 ${ACCESS_NETS[plala]//,/ } [2001:db8:1001::]/48"
	{
		pf_svc PLALA_SECURE 25 relay
		pf_svc PLALA_SECURE 587 submission
		pf_svc PLALA_SECURE 465 smtps
		pf_svc PLALA_V6MAIL 587 submission
		pf_svc PLALA_V6MAIL 465 smtps
		pf_svc PLALA_MMR 25 relay -o smtpd_relay_restrictions=permit_mynetworks,reject
		pf_svc PLALA_MX 25 mx
	} >>"$dir/master.cf"
}

# J:COM: mail leaves through omta0014 (bind address and HELO name without forward DNS).
pf_jcom() {
	local dir=$RUN/postfix/jcom
	mkdir -p "$dir"
	pf_main jcom smtpa.jcom.zaq.ne.jp jcom.zaq.ne.jp \
		JCOM_OMTA14 JCOM_SMTPA JCOM_MX >"$dir/main.cf"
	pf_write jcom "mynetworks = 127.0.0.0/8 ${ACCESS_NETS[jcom]//,/ }
smtp_helo_name = omta0014.jcom.zaq.ne.jp"
	{
		pf_svc JCOM_SMTPA 25 relay
		pf_svc JCOM_SMTPA 587 submission
		pf_svc JCOM_SMTPA 465 smtps
		pf_svc JCOM_MX 25 mx
	} >>"$dir/master.cf"
}

# eo: after AUTH, any sender outside eonet.ne.jp gets "550 5.7.1 Sender rejected" at
# MAIL FROM. postfix prefixes access-table replies ("<addr>: Sender address rejected:"),
# but uses RBL reply templates as they are: so the rule is an RHSBL lookup in a lab zone
# that lists every domain but eonet.ne.jp (zone.conf), with the exact reply as template.
pf_eo() {
	local dir=$RUN/postfix/eo sender
	mkdir -p "$dir"
	pf_main eo smtpauth.eonet.ne.jp eonet.ne.jp \
		EO_SMTPAUTH EO_SMTPS EO_MAIL >"$dir/main.cf"
	pf_write eo "mynetworks = 127.0.0.0/8 ${ACCESS_NETS[eo]//,/ }
rbl_reply_maps = texthash:$dir/rbl_replies"
	echo "eo-senders.lab.example 550 5.7.1 Sender rejected" >"$dir/rbl_replies"
	sender=(-o smtpd_delay_reject=no
		-o "smtpd_sender_restrictions=reject_rhsbl_sender,eo-senders.lab.example")
	{
		pf_svc EO_SMTPAUTH 25 relay
		pf_svc EO_SMTPAUTH 587 submission "${sender[@]}"
		pf_svc EO_SMTPS 587 submission "${sender[@]}"
		pf_svc EO_SMTPS 465 smtps "${sender[@]}"
		pf_svc EO_MAIL 25 mx
	} >>"$dir/master.cf"
}

# The family's own server: 587/465 with AUTH; port 25 rejects HELO names that do not
# resolve (S4).
pf_own() {
	local dir=$RUN/postfix/own
	mkdir -p "$dir"
	pf_main own mail.shirao.example shirao.example OWN_MAIL >"$dir/main.cf"
	pf_write own "smtpd_helo_required = yes
smtpd_helo_restrictions = reject_unknown_helo_hostname"
	{
		pf_svc OWN_MAIL 25 mx
		pf_svc OWN_MAIL 587 submission
		pf_svc OWN_MAIL 465 smtps
	} >>"$dir/master.cf"
}

# iCloud-like receiver: blocks clients listed in the lab's DNSBL at MAIL FROM with
# Proofpoint's reply (an RBL reply template, which postfix sends as it is).
pf_icloud() {
	local dir=$RUN/postfix/icloud
	mkdir -p "$dir"
	pf_main icloud mx3.mail.icloud.com "icloud.com me.com" ICLOUD_MX >"$dir/main.cf"
	pf_write icloud "smtpd_delay_reject = no
smtpd_sender_restrictions = reject_rbl_client zen.spamhaus.org

rbl_reply_maps = texthash:$dir/rbl_replies"
	# shellcheck disable=SC2016 # $client_address is postfix's
	printf '%s\n' 'zen.spamhaus.org 550 5.7.0
 Blocked – see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=$client_address' \
		>"$dir/rbl_replies"

	pf_svc ICLOUD_MX 25 mx >>"$dir/master.cf"
}

# Servers with bad TLS: expired, wrong name, self-signed, TLS 1.0/1.1 only, unknown CA,
# and two whose certificates come from a security product's root (pki_intercept).
pf_badtls() {
	local dir=$RUN/postfix/badtls key cert svc opts
	mkdir -p "$dir"
	PF_CERT=expired pf_main badtls expired.badtls.example badtls.example \
		BAD_EXPIRED BAD_WRONGNAME BAD_SELFSIGNED BAD_TLS10 BAD_UNKNOWNCA \
		BAD_ESET BAD_KASPERSKY >"$dir/main.cf"
	pf_write badtls ""
	for svc in BAD_EXPIRED:expired BAD_WRONGNAME:wrongname BAD_SELFSIGNED:selfsigned \
		BAD_TLS10:tls10 BAD_UNKNOWNCA:unknownca BAD_ESET:eset \
		BAD_KASPERSKY:kaspersky; do
		key=${svc%%:*} cert=${svc#*:}
		opts=(-o "smtpd_tls_chain_files=$PKI/$cert.pem")
		if [ "$cert" = tls10 ]; then
			opts+=(-o "smtpd_tls_protocols=>=TLSv1,<=TLSv1.1"
				-o "smtpd_tls_mandatory_protocols=>=TLSv1,<=TLSv1.1"
				-o "tls_medium_cipherlist=DEFAULT:@SECLEVEL=0"
				-o "tls_high_cipherlist=DEFAULT:@SECLEVEL=0")
		fi
		{
			pf_svc "$key" 587 submission "${opts[@]}"
			pf_svc "$key" 465 smtps "${opts[@]}"
		} >>"$dir/master.cf"
	done
}

# A queue folder as postfix's post-install would create it (postfix-files), made
# directly: post-install and the start-up checks cost seconds per instance.
pf_queue() {
	local q=$1
	mkdir -p "$q"
	(
		cd "$q" || exit 1

		mkdir active bounce corrupt defer deferred flush hold incoming private saved \
			trace maildrop public pid
		chown postfix ./*
		chown root pid
		chgrp postdrop maildrop public
		chmod 0700 ./*
		chmod 0730 maildrop
		chmod 0710 public
		chmod 0755 pid
	)
}

# Writes every instance, then starts them in parallel inside net.
postfix_start_all() {
	local inst pids=() pid rc=0 key a
	pf_queue "$RUN/postfix/queue-skeleton"
	# mailboxes of the test users: DOMAIN/USER/Maildir/ under $RUN/mail, as dovecot reads
	for key in "${USER_KEYS[@]}"; do
		a=${USER_ADDR[$key]}
		echo "$a ${a#*@}/${a%@*}/Maildir/"
	done >"$RUN/postfix/vmailbox"
	for inst in "${PF_INSTANCES[@]}"; do
		"pf_$inst"
		cp -a "$RUN/postfix/queue-skeleton" "$RUN/postfix/$inst/queue"
		touch "$RUN/postfix/$inst/queue/quick-start"
	done
	for inst in "${PF_INSTANCES[@]}"; do
		in_net "postfix-$inst.out" postfix -c "$RUN/postfix/$inst" start &
		pids+=($!)
	done
	for pid in "${pids[@]}"; do
		wait "$pid" || rc=1
	done
	[ $rc = 0 ] || die "a postfix instance did not start: see $RUN/log/postfix-*.out"
}

# ---- hostile peers ------------------------------------------------------------------

peers_build() {
	make -s -C "$REPO" -f tests/lab/lab.mk lab-peers >&2
}

peers_start() {
	local key port
	for key in "${PEER_KEYS[@]}"; do
		ip netns exec "$NS_NET" "$PEER_BIN" "${PEER_MODE[$key]}" "${PEER_NAME[$key]}" \
			"${PEER_V4[$key]}" "${PEER_PORTS[$key]}" "$PEER_LIFETIME" \
			"$PKI/peers.pem" "$PKI/peers.key" </dev/null \
			>>"$RUN/log/peer-${PEER_MODE[$key]}.log" 2>&1 9>&- &
		echo $! >"$RUN/pids/peer-$key.pid"
		for port in ${PEER_PORTS[$key]//,/ }; do
			LISTEN_WANT+=("${PEER_V4[$key]}:$port")
		done
	done
}

# ---- smtp-mail.outlook.com: a provider that refuses passwords -------------------------

# Outlook.com's submission server (hosts.conf OUTLOOK_SMTP) on 587, offering AUTH only as
# XOAUTH2 and OAUTHBEARER (tests/lab/peers/oauthsmtp.c), with a lab-CA certificate.
oauth_start() {
	local a=${HOST_V4[OUTLOOK_SMTP]}
	pki_leaf outlook smtp-mail.outlook.com
	chmod 0644 "$PKI/outlook.key"
	ip netns exec "$NS_NET" "$BUILD/oauthsmtp" "$a" smtp-mail.outlook.com \
		"$PKI/outlook.crt" "$PKI/outlook.key" "$PEER_LIFETIME" 587 </dev/null \
		>>"$RUN/log/oauthsmtp.log" 2>&1 9>&- &
	echo $! >"$RUN/pids/oauthsmtp.pid"
	LISTEN_WANT+=("$a:587")
}

# ---- DNS changes during a test ---------------------------------------------------------

# unbound's control socket (unbound_conf), for tests that change a record while the lab
# is up, as a domain's administrator would: lab_dns local_data 'NAME TXT "..."'.
unbound_control_conf() {
	cat <<-EOF
		remote-control:
		  control-enable: yes
		  control-interface: $RUN/unbound/control.sock
		  control-use-cert: no
	EOF
}
