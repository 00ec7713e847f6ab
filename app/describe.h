/* describe.h — plain-language words for settings, shared by the commands
 * and the wizard: "SSL/TLS", "normal password", "port 587". */
#ifndef MD_DESCRIBE_H
#define MD_DESCRIBE_H

#include "core/model/account.h"
#include "core/model/fixdef.h"

#include <stddef.h>

/* Translated words for a security mode / auth method / protocol. */
const char *ui_security_text(enum acct_security sec);

/* The same in plain words, for the main screens ("encrypted from the
 * start" for SSL/TLS); the technical names stay in the details. */
const char *ui_security_plain(enum acct_security sec);
const char *ui_auth_text(enum acct_auth auth);
const char *ui_proto_text(enum acct_proto proto);

/* One line: "smtp.example.jp, port 587, STARTTLS, normal password, user
 * taro" (translated). Writes at most len bytes into buf, returns buf. */
char *ui_server_line(const struct acct_server *srv, char *buf, size_t len);

/* "prefs.js line 42" for a value's origin, or "" for a default. */
char *ui_origin(const struct acct_set *set, struct acct_src src, char *buf,
		size_t len);

/* "send as haha@… through mail.…, port 587, STARTTLS, … (it worked in
 * the check)" (translated). */
char *ui_fix_line(const struct fix *f, char *buf, size_t len);

/* The server fix f sets, as the model's SMTP server (for ui_server_line());
 * its strings are borrowed from f. */
struct acct_server ui_fix_server(const struct fix *f);

#endif
