pref("p", 1, locked);
user_pref("q", "a\
b");
sticky_pref("r", +
587);