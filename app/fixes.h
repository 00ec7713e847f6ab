/* fixes.h — the fixes as the commands and the wizard reach them: the write
 * facade of clientcfg (preview, apply, undo, hand-over, journal; one
 * dispatch per client, in clientcfg/fix.c) and the profiles the options
 * name that a fix has changed. */
#ifndef MD_APP_FIXES_H
#define MD_APP_FIXES_H

#include "clientcfg/fix.h"
#include "app/app.h"

/* The Thunderbird profiles named with --profile (else every one found)
 * that maildoctor has changed. out freed with fix_changed_list_done(). */
enum md_status app_fix_changed(const struct app *app,
			       struct fix_changed_list *out,
			       struct md_err *err);

#endif
