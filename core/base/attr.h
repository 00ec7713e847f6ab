/* attr.h — compiler attributes used across the tree. MD_PRINTF marks a
 * printf-like function so that its format is checked: mingw-w64's gcc
 * checks the "printf" archetype against Microsoft's printf (no %zu), while
 * the Windows build uses mingw's own C99 printf (__USE_MINGW_ANSI_STDIO),
 * which is the "gnu_printf" archetype there. */
#ifndef MD_ATTR_H
#define MD_ATTR_H

#if defined(__MINGW32__)
#define MD_PRINTF(fmt, first) __attribute__((format(gnu_printf, fmt, first)))
#else
#define MD_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
#endif

#endif
