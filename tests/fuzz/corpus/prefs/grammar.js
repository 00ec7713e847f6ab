sticky_pref("a", true, sticky, locked);
pref('b', -3);
/* c */ user_pref("u", "\ud83d\udce7\x41\n");
