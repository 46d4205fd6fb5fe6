/**
 * The longest path Linux accepts, terminating NUL included (PATH_MAX in linux/limits.h): no text
 * longer than this can name a file, so a longer "path" from a config names none.
 */
export const PATH_MAX = 4096;
