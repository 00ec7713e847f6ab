/* i18n_builtin_ja.c — the Japanese of the sentences marked _B(), from
 * assets/po/ja.po, for when the catalogue cannot be found. Written by
 * tools/gen_i18n_builtin.py (make builtin-ja): do not edit. */
#include "core/base/i18n_private.h"

const struct i18n_pair i18n_builtin_ja[] = {
    {"../share/locale from the program's folder",
     "プログラムのフォルダーから見た ../share/locale"},
    {"../share/maildoctor from the program's folder",
     "プログラムのフォルダーから見た ../share/maildoctor"},
    {"In Explorer, right-click the zip file and choose \"Extract All\" (on a Japanese Windows: 「すべて展開」), then start maildoctor.exe in the folder this makes.",
     "エクスプローラーで ZIP ファイルを右クリックして「すべて展開」を選び、できたフォルダーの中の maildoctor.exe を起動してください。"},
    {"Install maildoctor again, or set MAILDOCTOR_ASSETS to the folder that holds this data.",
     "maildoctor を入れ直すか、MAILDOCTOR_ASSETS にこのデータのあるフォルダーを設定してください。"},
    {"Press a key to close this window.",
     "キーを押すと、このウィンドウを閉じます。"},
    {"Unpack the whole zip file again (in Explorer: right-click it, \"Extract All\"), keeping every file that comes with maildoctor.exe beside it, and start maildoctor.exe in that folder.",
     "ZIP ファイル全体をもう一度展開し (エクスプローラーで右クリックして「すべて展開」)、maildoctor.exe と一緒に入っているファイルをすべて同じ場所に置いたまま、そのフォルダーの maildoctor.exe を起動してください。"},
    {"beside MAILDOCTOR_ASSETS",
     "MAILDOCTOR_ASSETS の隣"},
    {"maildoctor.exe was started from inside the zip file, so the files it needs are not beside it.",
     "maildoctor.exe が ZIP ファイルの中から起動されたため、必要なファイルが同じ場所にありません。"},
    {"no source tree above this folder",
     "このフォルダーより上にソースツリーはありません"},
    {"the Japanese translation (maildoctor.mo) is in none of these folders, so messages are in English:",
     "日本語の翻訳（maildoctor.mo）が次のどのフォルダーにもないため、メッセージは英語で表示します:"},
    {"the data maildoctor needs (providers.rng, rejections.xml, rejections.rng, providers/) cannot be found in any of these folders:",
     "maildoctor に必要なデータ（providers.rng、rejections.xml、rejections.rng、providers/）が次のどのフォルダーにも見つかりません:"},
    {"the program's own folder",
     "プログラム自身のフォルダー"},
    {"the source tree",
     "ソースツリー"},
    {"where maildoctor is installed",
     "maildoctor のインストール先"},
};

const size_t i18n_builtin_ja_n =
    sizeof i18n_builtin_ja / sizeof i18n_builtin_ja[0];
