/* proto_words.h — the mail protocols as one enum that the model (an
 * account's server), the probe and the checks all name, so that core/proto
 * need not include core/model to be told which dialogue to run. */
#ifndef MD_PROTO_WORDS_H
#define MD_PROTO_WORDS_H

enum acct_proto {
	ACCT_PROTO_UNKNOWN, /* not said, or a type maildoctor does not probe */
	ACCT_PROTO_SMTP,    /* outgoing */
	ACCT_PROTO_IMAP,
	ACCT_PROTO_POP3,
	ACCT_PROTO_OTHER, /* nntp, rss, ews, exchange, local folders */
};

#endif
