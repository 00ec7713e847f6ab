/* helper_file.h — a whole file read into memory for the unit tests that
 * compare or parse a fixture or a sample as bytes. */
#ifndef MD_HELPER_FILE_H
#define MD_HELPER_FILE_H

#include <stddef.h>

/* The bytes of the file at path (a UTF-8 path, file_read(): at most 256
 * MiB), on the heap and followed by a NUL the length leaves out; *len
 * (when len is not NULL) gets their number. NULL when the file cannot be
 * opened or read. The caller frees the result. */
char *hf_read_file(const char *path, size_t *len);

/* hf_read_file() that fails the test (naming path) when the file cannot
 * be read; never NULL. */
char *hf_slurp(const char *path, size_t *len);

#endif
