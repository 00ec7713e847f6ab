/* notices.c — the notices about the mail programs (notices.h). */
#include "app/notices.h"

#include "core/base/i18n.h"

const char *app_notice_new_outlook(const char *package, bool others)
{
	if (!package)
		return NULL;
	if (others)
		return _("New Outlook for Windows is installed too. It sends "
			 "and receives through Microsoft's cloud, not from "
			 "this computer: a port blocked on this computer or "
			 "its network does not stop it, and maildoctor can "
			 "neither read its accounts nor change its settings. "
			 "What follows is about the other mail programs' "
			 "accounts. For an address you use in New Outlook, "
			 "maildoctor can still check its servers and its "
			 "domain from here (maildoctor check ADDRESS) and "
			 "explain a message that came back (maildoctor "
			 "explain FILE).");
	return _("New Outlook for Windows is installed, and no other mail "
		 "program's settings were found. New Outlook sends and "
		 "receives through Microsoft's cloud, not from this computer: "
		 "a port blocked on this computer or its network does not "
		 "stop it, and maildoctor can neither read its accounts nor "
		 "change its settings. maildoctor can still check a mail "
		 "address's servers and its domain from here (maildoctor "
		 "check ADDRESS, or type the address in the wizard), explain "
		 "a message that came back (maildoctor explain FILE), and "
		 "read another mail program's settings (--profile DIR, "
		 "--outlook FILE).");
}

void app_notices_print(FILE *out, const char *package, bool others)
{
	const char *s = app_notice_new_outlook(package, others);
	if (s)
		fprintf(out, _("Note: %s\n\n"), s);
}

struct json_object *app_notices_json(const char *package, bool others)
{
	struct json_object *a = json_object_new_array();
	const char *s = app_notice_new_outlook(package, others);
	if (!s)
		return a;
	struct json_object *n = json_object_new_object();
	json_object_object_add(n, "id", json_object_new_string("new-outlook"));
	json_object_object_add(n, "text", json_object_new_string(s));
	json_object_object_add(n, "package_folder",
			       json_object_new_string(package));
	json_object_array_add(a, n);
	return a;
}
