#!/usr/bin/env bash
# tests/lab/bounces.sh — real bounces, made by real postfix and dovecot (LMTP) in the
# lab for causes set up here, kept as fixtures with labels (the cause set up, never
# what the bounce says). Run inside a lab, as root:
#
#   flock /tmp/md-lab.lock tests/lab/lab run base bash tests/lab/bounces.sh [OUTDIR]
#
# It adds addresses 203.0.113.200-217 on the net namespace's lo, publishes their DNS
# through unbound's control socket, starts three servers of its own inside the net
# namespace (all under $LAB_DIR/bounces): the sending postfix "sender"
# (mta.sender.example, the MTA that writes the bounces into taro@sender.example's
# Maildir), the receiving postfix "rx" (one smtpd per cause, each on its own address),
# and a dovecot with LMTP only (quota, passwd-file users). One message per case of
# CASES below is sent from taro@sender.example; each bounce is matched to its case by a
# token header of the original (X-Lab-Case: case-NN) and written to OUTDIR/NAME.eml
# (default tests/fixtures/bounces/lab), with OUTDIR/labels.tsv. A case is kept only
# when the servers' own logs show that the cause set up really happened (PROOF).
# It stops what it started (postfix stop, dovecot by pid); `lab down` removes the rest.
set -euo pipefail
: "${LAB_DIR:?run inside a lab: tests/lab/lab run base bash $0}"
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:-$REPO/tests/fixtures/bounces/lab}
R=$LAB_DIR/bounces
NS=$LAB_NS_NET
NET=203.0.113
# shellcheck source=tests/lab/servers.sh
. "$REPO/tests/lab/servers.sh" # pf_master_common, pf_queue

say() { printf 'bounces: %s\n' "$*" >&2; }
in_ns() { ip netns exec "$NS" "$@" </dev/null; }

# name|recipient|reason|status|reply|proof (ERE on the servers' logs)|the cause set up.
# A case is kept when PROOF matches a log and the sending postfix logged the
# recipient with dsn=STATUS: the cause happened as set up (postfix's default
# relay rule, defer_unauth_destination, would have made relay denied a 454).
# reason/status/reply are what the cause makes: sisimai's taxonomy for the reason, the
# codes postfix and dovecot send for it (their sources: smtpd_check.c, smtp_addr.c,
# smtp_proto.c, anvil via smtpd.c; dovecot's lmtp and quota plugin), or the code set
# here in the configuration. "-": no SMTP reply (the sending postfix decided).
# The reasons where the name is a choice follow sisimai v5's own descriptions
# (p5-sisimai lib/Sisimai/Reason/*.pm): a mail loop is NetworkError (its list
# holds the loop texts: "mail forwarding loop for", "too many hops"), a header
# refused by the receiver's policy PolicyViolation ("a header content ...
# violates security policies"), STARTTLS required FailedSTARTTLS (v5.2.0),
# a null MX NotAccept, the no-PTR refusal RequirePTR.
CASES=$(
	cat <<'EOF'
userunknown|nobody@unknown.example|userunknown|5.1.1|550|reject: RCPT from .*: 550 5.1.1 <nobody@unknown.example>: Recipient address rejected: User unknown|the receiving postfix has no such mailbox (virtual_mailbox_maps)
lmtp-userunknown|ghost@lmtp.example|userunknown|5.1.1|550|lmtp.*to=<ghost@lmtp.example>.*status=bounced|dovecot LMTP has no such user (passwd-file userdb)
mailboxfull|full@lmtp.example|mailboxfull|5.2.2|552|lmtp.*to=<full@lmtp.example>.*status=bounced|dovecot LMTP, quota 1 KB, the mailbox already over it
hostunknown|nobody@no-such-domain.example|hostunknown|5.4.4|-|to=<nobody@no-such-domain.example>.*status=bounced|the recipient's domain does not exist (NXDOMAIN)
nullmx|nobody@nullmx.example|notaccept|5.1.0|-|to=<nobody@nullmx.example>.*status=bounced|the recipient's domain publishes a null MX (MX 0 .)
norelaying|nobody@relay.example|norelaying|5.7.1|554|reject: RCPT from .*: 554 5.7.1 <nobody@relay.example>: Relay access denied|the domain's MX does not receive for it (reject_unauth_destination)
dnsbl|someone@dnsbl.example|blocked|5.7.1|554|reject: RCPT from .*: 554 5.7.1 Service unavailable; Client host \[203.0.113.210\] blocked using zen.spamhaus.org|the sending address is listed in the DNSBL the receiver checks (reject_rbl_client)
requireptr|someone@noptr.example|requireptr|5.7.1|550|reject: RCPT from unknown\[203.0.113.211\]: 550 5.7.1 Client host rejected: cannot find your reverse hostname|the sending address has no PTR (reject_unknown_reverse_client_hostname, unknown_client_reject_code 550)
senderrejected|someone@senderrej.example|rejected|5.7.1|550|reject: MAIL from .*: 550 5.7.1 Sender rejected|the receiver refuses the sender's domain at MAIL FROM with S6's reply (reject_rhsbl_sender, rbl_reply_maps)
contentrejected|someone@content.example|policyviolation|5.7.1|550|reject: header Subject: Your prize draw.*5.7.1 Message content rejected|the receiver's header_checks refuse the Subject (REJECT)
mesgtoobig|someone@big.example|mesgtoobig|5.3.4|-|to=<someone@big.example>.*status=bounced|the receiver's message_size_limit is 20000, the message 60 KB
expired|someone@later.example|expired|4.3.0|450|to=<someone@later.example>.*status=deferred .host .* said: 450 4.3.0|450 to the recipient (check_recipient_access), sender's queue lifetime 60 s
tlsrequired|someone@tls.example|failedstarttls|5.7.0|530|to=<someone@tls.example>.*status=bounced|the receiver requires STARTTLS (smtpd_tls_security_level encrypt), the sending transport does not use TLS
mailloop|nobody@loop.example|networkerror|5.4.6|-|to=<nobody@loop.example>.*status=bounced|the domain's MX is the sending server itself, which does not receive for it
toomanyconn|someone@busy.example|toomanyconn|4.7.0|421|too many connections from 203.0.113.214|one connection per client (smtpd_client_connection_count_limit 1), another one held open; queue lifetime 60 s
helo-expired|someone@helo.example|expired|4.7.1|450|reject: RCPT from .*: 450 4.7.1 <omta0014.relay-isp.example>: Helo command rejected: Host not found|S4: the sending HELO name has no DNS (reject_unknown_helo_hostname, 450); queue lifetime 60 s
EOF
)

# ---- addresses and DNS ------------------------------------------------------------

# 200 sender, 210 its DNSBL-listed address, 211 without PTR, 212 HELO without DNS,
# 214 the too-many-connections client; 202 dovecot LMTP; the rest receivers.
RX_ADDRS="201 204 205 206 207 208 209 213 215 216 217"
OUT_ADDRS="200 202 210 211 212 214"
declare -A RX_NAME=([201]=unknown [204]=relay [205]=dnsbl [206]=noptr [207]=senderrej
	[208]=content [209]=big [213]=later [215]=tls [216]=busy [217]=helo)

dns_add() {
	unbound-control -c "$LAB_DIR/unbound/unbound.conf" local_data "$1" >/dev/null
}

net_setup() {
	local a d
	for a in $RX_ADDRS $OUT_ADDRS; do
		ip -n "$NS" addr add "$NET.$a/32" dev lo
	done
	dns_add "mta.sender.example. A $NET.200"
	dns_add "200.113.0.203.in-addr.arpa. PTR mta.sender.example."
	dns_add "sender.example. MX 10 mta.sender.example."
	dns_add "out-dnsbl.sender.example. A $NET.210"
	dns_add "210.113.0.203.in-addr.arpa. PTR out-dnsbl.sender.example."
	dns_add "210.113.0.203.zen.spamhaus.org. A 127.0.0.2"
	dns_add "210.113.0.203.zen.spamhaus.org. TXT \"Listed by SBL, see https://check.spamhaus.org/sbl/query/SBL-LAB2\""
	# .211: no PTR at all. .212: a PTR whose name has no A (J:COM's omtaNNNN, S4).
	dns_add "212.113.0.203.in-addr.arpa. PTR omta0014.relay-isp.example."
	dns_add "out-busy.sender.example. A $NET.214"
	dns_add "214.113.0.203.in-addr.arpa. PTR out-busy.sender.example."
	dns_add "lmtp.lmtp.example. A $NET.202"
	dns_add "202.113.0.203.in-addr.arpa. PTR lmtp.lmtp.example."
	for a in $RX_ADDRS; do
		d=${RX_NAME[$a]}.example
		dns_add "$d. MX 10 mx.$d."
		dns_add "mx.$d. A $NET.$a"
		dns_add "$a.113.0.203.in-addr.arpa. PTR mx.$d."
	done
	dns_add "nullmx.example. MX 0 ."
	dns_add "loop.example. MX 10 mta.sender.example."
}

# ---- postfix ---------------------------------------------------------------------

# pf_base NAME MYHOSTNAME — main.cf lines both instances share.
pf_base() {
	cat <<-EOF
		# postfix "$1" of tests/lab/bounces.sh
		compatibility_level = 3.6
		queue_directory = $R/$1/queue
		data_directory = $R/$1/data
		maillog_file = $R/log/postfix-$1.log
		maillog_file_prefixes = $R/log
		mail_owner = postfix
		setgid_group = postdrop
		myhostname = $2
		mydomain = ${2#*.}
		myorigin = \$myhostname
		mydestination =
		inet_protocols = ipv4
		mynetworks = 127.0.0.0/8
		alias_maps =
		alias_database =
		local_recipient_maps =
		smtpd_banner = \$myhostname ESMTP
		biff = no
		virtual_mailbox_base = $R/mail
		virtual_minimum_uid = 8
		virtual_uid_maps = static:8
		virtual_gid_maps = static:8
		smtpd_tls_chain_files = $LAB_DIR/pki/own.pem
		smtpd_tls_security_level = may
		smtp_tls_security_level = may
		smtp_tls_CAfile = $LAB_CA
	EOF
}

pf_prepare() {
	mkdir -p "$R/$1/data" "$R/mail" "$R/log"
	chown postfix "$R/$1/data"
	chown mail:mail "$R/mail" # the virtual agent delivers as uid 8
	pf_queue "$R/$1/queue"
	pf_master_common >"$R/$1/master.cf"
}

# The sending MTA: delivers through per-cause transports (their own source address),
# expires 4xx'd mail after 60 s, and receives the bounces for sender.example.
sender_write() {
	local d=$R/sender
	pf_prepare sender
	{
		pf_base sender mta.sender.example
		cat <<-EOF
			inet_interfaces = $NET.200
			smtp_bind_address = $NET.200
			virtual_mailbox_domains = sender.example
			virtual_mailbox_maps = texthash:$d/vmailbox
			transport_maps = texthash:$d/transport
			maximal_queue_lifetime = 60s
			bounce_queue_lifetime = 60s
			minimal_backoff_time = 10s
			maximal_backoff_time = 20s
			queue_run_delay = 10s
		EOF
	} >"$d/main.cf"
	echo "taro@sender.example sender.example/taro/Maildir/" >"$d/vmailbox"
	cat >"$d/transport" <<-EOF
		lmtp.example lmtp:inet:[$NET.202]:24
		dnsbl.example smtp-dnsbl:
		noptr.example smtp-noptr:
		helo.example smtp-helo:
		busy.example smtp-busy:
		tls.example smtp-notls:
	EOF
	cat >>"$d/master.cf" <<-EOF
		$NET.200:25 inet n - n - - smtpd
		smtp-dnsbl unix - - n - - smtp -o smtp_bind_address=$NET.210
		smtp-noptr unix - - n - - smtp -o smtp_bind_address=$NET.211
		smtp-helo unix - - n - - smtp -o smtp_bind_address=$NET.212 -o smtp_helo_name=omta0014.relay-isp.example
		smtp-busy unix - - n - - smtp -o smtp_bind_address=$NET.214
		smtp-notls unix - - n - - smtp -o smtp_tls_security_level=none
	EOF
}

# The receivers: one smtpd per cause on its own address.
rx_write() {
	local d=$R/rx a list=() dom doms=""
	pf_prepare rx
	for a in $RX_ADDRS; do
		list+=("$NET.$a")
		[ "$a" = 204 ] || doms="$doms ${RX_NAME[$a]}.example" # relay.example: none
	done
	{
		pf_base rx mx.rx.example
		echo "inet_interfaces = $(
			IFS=,
			echo "${list[*]}"
		)"
		echo "virtual_mailbox_domains =$doms"
		echo "virtual_mailbox_maps = texthash:$d/vmailbox"
	} >"$d/main.cf"
	for dom in $doms; do echo "someone@$dom $dom/someone/Maildir/"; done >"$d/vmailbox"
	echo "later.example 450 4.3.0 Try again later" >"$d/later"
	echo "eo-senders.lab.example 550 5.7.1 Sender rejected" >"$d/rbl_replies"
	echo "/^Subject:.*prize draw/ REJECT Message content rejected" >"$d/header_checks"
	rx_svc() { echo "$NET.$1:25 inet n - n - - smtpd -o myhostname=mx.${RX_NAME[$1]}.example ${*:2}"; }
	{
		rx_svc 201
		rx_svc 204 -o smtpd_relay_restrictions=permit_mynetworks,reject_unauth_destination
		rx_svc 205 -o smtpd_client_restrictions=reject_rbl_client,zen.spamhaus.org
		rx_svc 206 -o smtpd_client_restrictions=reject_unknown_reverse_client_hostname \
			-o unknown_client_reject_code=550
		rx_svc 207 -o smtpd_delay_reject=no \
			-o smtpd_sender_restrictions=reject_rhsbl_sender,eo-senders.lab.example \
			-o rbl_reply_maps=texthash:$d/rbl_replies
		rx_svc 208 -o cleanup_service_name=cleanup-content
		echo "cleanup-content unix n - n - 0 cleanup -o header_checks=regexp:$d/header_checks"
		rx_svc 209 -o message_size_limit=20000
		rx_svc 213 -o smtpd_recipient_restrictions=check_recipient_access,texthash:$d/later
		rx_svc 215 -o smtpd_tls_security_level=encrypt
		rx_svc 216 -o smtpd_client_connection_count_limit=1
		rx_svc 217 -o smtpd_helo_required=yes \
			-o smtpd_helo_restrictions=reject_unknown_helo_hostname
	} >>"$d/master.cf"
}

# ---- dovecot LMTP ----------------------------------------------------------------

lmtp_start() {
	local d=$R/dovecot box=$R/mail/lmtp.example/full/Maildir
	mkdir -p "$d/run" "$d/state" "$box/new" "$box/cur" "$box/tmp"
	echo "full@lmtp.example::8:8::$R/mail/lmtp.example/full::" >"$d/users"
	# the mailbox is already over its 1 KB quota
	head -c 4096 /dev/zero | tr '\0' x | fold -w 76 |
		sed '1i Subject: old mail\nFrom: a@lmtp.example\n' >"$box/new/1.lab"
	chown -R 8:8 "$R/mail/lmtp.example"
	chgrp dovecot "$d/users"
	chmod 0640 "$d/users"
	cat >"$d/dovecot.conf" <<-EOF
		# dovecot (LMTP only) of tests/lab/bounces.sh
		base_dir = $d/run
		state_dir = $d/state
		log_path = $R/log/dovecot-lmtp.log
		protocols = lmtp
		listen = $NET.202
		ssl = no
		mail_location = maildir:~/Maildir
		first_valid_uid = 8
		default_internal_user = dovecot
		default_login_user = dovenull
		mail_plugins = quota
		passdb {
		  driver = passwd-file
		  args = $d/users
		}
		userdb {
		  driver = passwd-file
		  args = $d/users
		}
		service lmtp {
		  inet_listener lmtp {
		    address = $NET.202
		    port = 24
		  }
		}
		plugin {
		  quota = maildir:User quota
		  quota_rule = *:storage=1K
		}
	EOF
	in_ns dovecot -c "$d/dovecot.conf" >>"$R/log/dovecot-lmtp.out" 2>&1
}

lmtp_stop() {
	local pid
	pid=$(cat "$R/dovecot/run/master.pid" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null || true
}

# ---- the messages ----------------------------------------------------------------

# message N RECIPIENT NAME — the original mail of case N.
message() {
	local subject="Lab message $1"
	[ "$3" = contentrejected ] && subject="Your prize draw"
	printf 'From: Taro <taro@sender.example>\nTo: <%s>\nSubject: %s\n' "$2" "$subject"
	printf 'Date: %s\nMessage-ID: <lab-%s.%s@sender.example>\n' "$(date -R)" "$1" "$$"
	printf 'X-Lab-Case: case-%02d\nMIME-Version: 1.0\n' "$1"
	printf 'Content-Type: text/plain; charset=us-ascii\n\nHello, this is a test.\n'
	if [ "$3" = mesgtoobig ]; then
		head -c 61440 /dev/zero | tr '\0' y | fold -w 76
	fi
}

send_all() {
	local n=0 name rcpt
	while IFS='|' read -r name rcpt _; do
		n=$((n + 1))
		message "$n" "$rcpt" "$name" |
			ip netns exec "$NS" sendmail -C "$R/sender" -f taro@sender.example -- "$rcpt"
	done <<<"$CASES"
}

# The bounce of case N in the sender's Maildir, or nothing.
bounce_of() {
	grep -l "^X-Lab-Case: case-$(printf %02d "$1")\$" "$R/mail/sender.example/taro/Maildir/new/"* \
		2>/dev/null | head -n 1
}

wait_bounces() {
	local want t=0 got
	want=$(printf '%s\n' "$CASES" | wc -l)
	while [ $t -lt 240 ]; do
		got=$(ls "$R/mail/sender.example/taro/Maildir/new/" 2>/dev/null | wc -l)
		[ "$got" -ge "$want" ] && return 0
		sleep 5
		t=$((t + 5))
	done
	say "only $got of $want bounces after ${t}s"
}

collect() {
	local n=0 name rcpt reason status reply proof cause f kept=0
	mkdir -p "$OUT"
	rm -f "$OUT"/*.eml
	printf 'file\tindex\tstatus\treplycode\treason\tcause\n' >"$OUT/labels.tsv"
	while IFS='|' read -r name rcpt reason status reply proof cause; do
		n=$((n + 1))
		f=$(bounce_of "$n")
		if [ -z "$f" ]; then
			say "FAIL: $name: no bounce"
			continue
		fi
		if ! grep -Eq -- "$proof" "$R"/log/postfix-*.log "$R"/log/dovecot-lmtp.log; then
			say "FAIL: $name: the logs do not show the cause ($proof)"
			continue
		fi
		if ! grep -Fq "to=<$rcpt>," "$R/log/postfix-sender.log" ||
			grep -F "to=<$rcpt>," "$R/log/postfix-sender.log" | grep -vqF "dsn=$status,"; then
			say "FAIL: $name: the sending postfix did not log dsn=$status for $rcpt"
			continue
		fi
		cp "$f" "$OUT/$name.eml"
		[ "$reply" = - ] && reply=""
		printf '%s.eml\t1\t%s\t%s\t%s\t%s\n' "$name" "$status" "$reply" "$reason" \
			"$cause" >>"$OUT/labels.tsv"
		kept=$((kept + 1))
	done <<<"$CASES"
	say "$kept of $n cases kept in $OUT"
	[ "$kept" = "$n" ]
}

main() {
	local holder rc=0
	mkdir -p "$R/log"
	net_setup
	sender_write
	rx_write
	lmtp_start
	in_ns postfix -c "$R/rx" start >>"$R/log/start.out" 2>&1
	in_ns postfix -c "$R/sender" start >>"$R/log/start.out" 2>&1
	# the connection that keeps mx.busy.example at its limit for .214
	ip netns exec "$NS" python3 -c '
import socket, time
s = socket.create_connection(("203.0.113.216", 25), source_address=("203.0.113.214", 0))
s.recv(512)
time.sleep(230)' </dev/null >/dev/null 2>&1 &
	holder=$!
	sleep 1
	send_all
	wait_bounces
	collect || rc=1
	kill "$holder" 2>/dev/null || true
	wait "$holder" 2>/dev/null || true
	in_ns postfix -c "$R/sender" stop >/dev/null 2>&1 || true
	in_ns postfix -c "$R/rx" stop >/dev/null 2>&1 || true
	lmtp_stop
	[ $rc = 0 ] || cp -r "$R/log" "$REPO/build/lab/bounces-failed-log" 2>/dev/null || true
	return $rc
}

main
