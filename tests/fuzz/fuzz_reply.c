/* fuzz_reply.c — libFuzzer target for the reply parsers of the probe
 * engine: bytes are framed into lines as the line engine does (LF, CR
 * stripped), then read as an SMTP reply and EHLO list, IMAP responses and
 * capabilities, a POP3 CAPA list, and stored in a transcript. */
#include "core/proto/imap.h"
#include "core/proto/pop3.h"
#include "core/proto/session.h"
#include "core/proto/smtp.h"
#include "core/net/transcript.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 70000)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	struct transcript ts;
	transcript_init(&ts, 0);
	size_t n = 0, start = 0;
	for (size_t i = 0; i <= size; i++) {
		if (i < size && data[i] != '\n')
			continue;
		size_t len = i - start;
		const char *l = (const char *)data + start;
		if (len > 0 && l[len - 1] == '\r')
			len--;
		transcript_add(&ts, i, '<', l, len);
		transcript_add(&ts, i, '>', l, len);
		if (imap_line_status(l, len, "a1") == IMAP_OK)
			n += 0;
		(void)smtp_is_last_line(l, len);
		if (n > 0)
			text[n++] = '\n';
		memcpy(text + n, l, len);
		n += len;
		start = i + 1;
	}
	text[n] = '\0';
	struct sess_result r;
	sess_result_init(&r, 0);
	(void)smtp_reply_code(text, n);
	smtp_parse_ehlo(&r, text, n);
	imap_parse_caps(&r, text, n);
	pop3_parse_capa(&r, text, n);
	sess_set_reply(&r, text, n);
	char red[600];
	transcript_redact(text, n, false, red, sizeof red);
	sess_result_done(&r);
	transcript_done(&ts);
	free(text);
	return 0;
}
