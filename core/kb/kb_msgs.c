/* kb_msgs.c — the English explanations that provider files name by id
 * (the text attribute of md: elements), kept in C so that xgettext and
 * ja.po see them; test_kb checks that every id used in assets/providers
 * has an entry here. */
#include "core/kb/kb.h"

#include "core/base/i18n.h"

#include <stddef.h>

const struct kb_msg_entry kb_msgs[] = {
    {"au-dion-letters",
     N_("For some dion.ne.jp addresses the server names differ from the "
	"usual pattern; au's page does not make the rule clear, so check "
	"the names in your au one net member information.")},
    {"au-own-domain",
     N_("If you use your own domain with au one net, the outgoing server "
	"is msa-org.dion.ne.jp.")},
    {"biglobe-tls",
     N_("Since 13 April 2023 BIGLOBE refuses connections with TLS 1.1 or "
	"older, so very old mail programs can no longer connect.")},
    {"eo-home-relay",
     N_("A mail server at home on eo's network has to pass its mail on "
	"through smtpauth.eonet.ne.jp with eo's user name and password; "
	"since 5 December 2023 this works only for eo sender addresses.")},
    {"eo-sender",
     N_("Since 5 December 2023 eo's outgoing servers refuse mail whose "
	"sender address is not an eo address (\"550 5.7.1 Sender "
	"rejected\"). There is no setting at eo to allow it: send mail of "
	"another domain through that domain's own outgoing server, or "
	"through a relay service that accepts the domain.")},
    {"gmail-app-password",
     N_("Gmail no longer accepts your normal Google password in mail "
	"programs: sign in with Google (OAuth2) or create an app password, "
	"which needs 2-Step Verification.")},
    {"gmail-limits",
     N_("Gmail limits how much a personal account may send (about 500 "
	"messages a day) and does not accept mail programs on port 25.")},
    {"icloud-app-password",
     N_("iCloud Mail needs an app-specific password in mail programs; "
	"two-factor authentication must be on for your Apple Account.")},
    {"icloud-no-pop", N_("iCloud Mail offers IMAP only, not POP.")},
    {"incoming-unknown",
     N_("maildoctor does not know this provider's incoming servers for "
	"sure.")},
    {"ispdb-maybe-stale",
     N_("These settings come from Thunderbird's provider database, which "
	"was last checked for this provider some years ago; they may be "
	"out of date.")},
    {"ispdb-reconstructed",
     N_("These settings restate Thunderbird's provider database; some "
	"details (such as the login method) are assumed, not confirmed.")},
    {"jcom-home-unknown",
     N_("maildoctor does not know the servers for jcom.home.ne.jp "
	"addresses.")},
    {"jcom-omta",
     N_("J:COM passes mail on through relays named omtaNNNN.jcom.zaq.ne.jp "
	"that have no forward DNS. Mail servers that check the sender's "
	"name (such as many family or company servers) refuse them, so "
	"mail sent from another domain's address through J:COM's outgoing "
	"server can be lost. Send such mail through that domain's own "
	"outgoing server.")},
    {"m365-smtp-auth",
     N_("Microsoft 365 turns off sending with a user name and password "
	"(SMTP AUTH) for new organisations and retired it for client "
	"submission in March 2026; mail programs must sign in with "
	"Microsoft (OAuth2).")},
    {"nifty-mailpro",
     N_("@nifty's Second Mail PRO addresses can use POP and SMTP over "
	"SSL.")},
    {"nifty-stale",
     N_("Thunderbird's provider database lists old unencrypted settings "
	"for @nifty (POP on port 110, SMTP on 587 without encryption); "
	"they are probably out of date, so check @nifty's current "
	"settings.")},
    {"ocn-recommended-2019",
     N_("Since October 2019 only OCN's recommended settings (with SSL) "
	"work in mail programs; programs still on the old settings "
	"suddenly stopped sending and receiving.")},
    {"ocn-ssl-2010",
     N_("OCN has offered SSL for mail programs since 25 November 2010, "
	"for accounts created or moved after 24 November 2009.")},
    {"outlook-535-5-7-139",
     N_("\"535 5.7.139 Authentication unsuccessful\" from Microsoft means "
	"that sending with a password is turned off for the mailbox, or "
	"that the password or login method is not accepted.")},
    {"outlook-oauth2",
     N_("Outlook.com accepts only \"Sign in with Microsoft\" (OAuth2) in "
	"mail programs, not a password.")},
    {"outlook-pop-imap-off",
     N_("POP and IMAP are off by default for Outlook.com accounts; turn "
	"them on in Outlook.com's web settings.")},
    {"plala-dslite-2019",
     N_("In 2019 plala's mail servers could not be reached on ports 587 "
	"and 993 from some IPv4 addresses of its V6 Express (DS-Lite) "
	"service, while 465 and 995 worked; the block was lifted on 25 "
	"June 2019.")},
    {"plala-old-spec",
     N_("plala mailboxes of the specification before August 2009 cannot "
	"use SSL until they are moved to the new specification.")},
    {"plala-overseas",
     N_("Since 20 November 2019 plala can block mail access from outside "
	"Japan for S-course mailboxes; it may be switched on "
	"automatically after abuse.")},
    {"plala-settings",
     N_("plala's settings: send through secure.plala.or.jp on 587 "
	"(STARTTLS) or 465 (SSL/TLS) with authentication; receive with "
	"IMAP from imap.plala.or.jp on 993 or POP from secure.plala.or.jp "
	"on 995.")},
    {"plala-tls-mode",
     N_("One report says that sending through secure.plala.or.jp worked "
	"only after switching the security from SSL/TLS to STARTTLS; "
	"maildoctor tries both.")},
    {"plala-v6mail",
     N_("v6mail.plala.or.jp is plala's mail server reachable over both "
	"IPv4 and IPv6; it helps when secure.plala.or.jp or "
	"imap.plala.or.jp cannot be reached over your connection.")},
    {"sakura-initial-domain",
     N_("On Sakura's rental server the mail server name is your initial "
	"domain (account.sakura.ne.jp), also for mail of your own domain.")},
    {"servers-unknown",
     N_("maildoctor does not know this provider's current mail server "
	"names and ports.")},
    {"sonet-overseas",
     N_("So-net can block mail access from outside Japan; check the "
	"setting in So-net's member pages when you are abroad.")},
    {"sonet-pop-before-smtp",
     N_("So-net used to require receiving mail first (POP before SMTP) "
	"before sending from other networks.")},
    {"unknown-587-imap",
     N_("maildoctor has no source for port 587 or IMAP at this provider.")},
    {"xserver-server-name",
     N_("On Xserver the mail server name (svNNNN.xserver.jp) differs per "
	"contract; read it in the server panel.")},
    {"yahoo-toggle",
     N_("Yahoo! JAPAN Mail may need \"IMAP/POP/SMTP access\" switched on "
	"in its web settings before a mail program can connect "
	"(not confirmed).")},
    {NULL, NULL},
};
