/* ports.c — the table of core/base/ports.h. */
#include "core/base/ports.h"

static const struct md_port table[] = {
    {25, MD_PORT_SMTP, MD_PORT_STARTTLS, false, true, 2},
    {465, MD_PORT_SMTP, MD_PORT_TLS, false, true, 1},
    {587, MD_PORT_SMTP, MD_PORT_STARTTLS, true, false, 0},
    {143, MD_PORT_IMAP, MD_PORT_STARTTLS, false, true, 1},
    {993, MD_PORT_IMAP, MD_PORT_TLS, false, true, 0},
    {110, MD_PORT_POP3, MD_PORT_STARTTLS, false, true, 1},
    {995, MD_PORT_POP3, MD_PORT_TLS, false, true, 0},
};

#define N_PORTS (sizeof table / sizeof *table)

const struct md_port *md_ports(size_t *n)
{
	*n = N_PORTS;
	return table;
}

const struct md_port *md_port_find(int port)
{
	for (size_t i = 0; i < N_PORTS; i++)
		if (table[i].port == port)
			return &table[i];
	return NULL;
}

enum acct_proto md_port_acct_proto(int port)
{
	const struct md_port *p = md_port_find(port);
	if (p && p->proto == MD_PORT_IMAP)
		return ACCT_PROTO_IMAP;
	if (p && p->proto == MD_PORT_POP3)
		return ACCT_PROTO_POP3;
	return ACCT_PROTO_SMTP;
}

size_t md_ports_of(enum md_port_proto proto, const struct md_port **out,
		   size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < N_PORTS; i++)
		if (table[i].proto == proto && n < max)
			out[n++] = &table[i];
	return n;
}

size_t md_ports_preferred(enum md_port_proto proto, const struct md_port **out,
			  size_t max)
{
	size_t n = 0;
	for (int pref = 0; pref < (int)N_PORTS; pref++)
		for (size_t i = 0; i < N_PORTS; i++)
			if (table[i].proto == proto &&
			    table[i].preference == pref && n < max)
				out[n++] = &table[i];
	return n;
}

int md_port_default(enum md_port_proto proto, bool tls)
{
	for (size_t i = 0; i < N_PORTS; i++)
		if (table[i].proto == proto && table[i].is_default &&
		    (table[i].security == MD_PORT_TLS) == tls)
			return table[i].port;
	return 0;
}
