/* outlook_new.h — is New Outlook for Windows installed for this user. New
 * Outlook (the Store app, package Microsoft.OutlookForWindows, publisher
 * id 8wekyb3d8bbwe: its app id Microsoft.OutlookForWindows_8wekyb3d8bbwe!
 * Microsoft.OutlookforWindows) is not classic Outlook: it keeps no
 * accounts in the registry and sends and receives through Microsoft's
 * cloud, so maildoctor can read nothing of it but that it is there. */
#ifndef MD_OUTLOOK_NEW_H
#define MD_OUTLOOK_NEW_H

/* The folder Windows gives the package's data under local (the user's
 * %LOCALAPPDATA%, C:\Users\<name>\AppData\Local): Packages\<package
 * family name>, here Microsoft.OutlookForWindows_<publisher id> (any
 * case). Heap (g_free()), or NULL when there is none. */
char *outlook_new_package(const char *local);

#endif
