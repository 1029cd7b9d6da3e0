/* eval.h: interfaces between the eval module's parts (internal).
 *
 *   pyjson.c  JSON Lines read as Python's json module reads them
 *   pytext.c  the Python string semantics the reference scorers rely on:
 *             \w, \s, str.lower(), str.isupper(), repr(), float(), ==,
 *             and score.py's fold()
 *   score.c   extraction scoring (gold anchors vs predicted records)
 *   ocr.c     OCR scoring (word alignment as difflib.SequenceMatcher)
 *   list.c    sorted listing of a folder, as pathlib's sorted(glob())
 *
 * The module exists to print the numbers the reference scorers
 * (/work/shared/eval/score.py, ocr_score.py) print, so every helper here
 * names the Python behaviour it reproduces.
 */
#ifndef NQX_EVAL_H
#define NQX_EVAL_H

#include "../core/internal.h"

#include <stdint.h>

/* ---- JSON values, with Python's types (pyjson.c) ---------------------- */

typedef enum {
    NQX_EJ_NULL,
    NQX_EJ_FALSE,
    NQX_EJ_TRUE,
    NQX_EJ_INT,   /* Python int: str holds the digits as written */
    NQX_EJ_FLOAT, /* Python float (a fraction or exponent, NaN, Infinity) */
    NQX_EJ_STR,
    NQX_EJ_ARR,
    NQX_EJ_OBJ
} nqx_ej_type;

/* A parsed value. Owns everything below it; free with nqx_ej_free(). */
typedef struct nqx_ej nqx_ej;
struct nqx_ej {
    nqx_ej_type type;
    double num;      /* INT, FLOAT, TRUE (1), FALSE (0) */
    char *str;       /* STR: UTF-8 (NUL-terminated, may hold NULs); INT:
                        the literal */
    size_t len;      /* bytes of str */
    nqx_ej **items;  /* ARR items, OBJ values (in first-key order) */
    char **keys;     /* OBJ keys (UTF-8, NUL-terminated) */
    size_t *keylens;
    size_t n;
};

/* Parse one JSON text the way json.loads() does (NaN, Infinity,
 * -Infinity accepted; control characters in strings refused; a repeated
 * key keeps its first place and its last value). On failure returns NULL
 * and writes Python's message ("Expecting value: line 1 column 3 (char
 * 2)") to why; *oom is set when the failure is out of memory. Caller
 * frees with nqx_ej_free(). */
nqx_ej *nqx_ej_parse(const char *s, size_t n, char *why, size_t whysz,
                     int *oom);
void nqx_ej_free(nqx_ej *v);
/* dict.get(key): the value, or NULL when absent or v is not an object. */
const nqx_ej *nqx_ej_get(const nqx_ej *v, const char *key);

/* ---- Python semantics (pytext.c) ------------------------------------- */

/* A growable array of code points. Owns .v; free with free(). */
typedef struct {
    int32_t *v;
    size_t n, cap;
} nqx_cps;

int nqx_cps_push(nqx_cps *a, int32_t c);           /* 0 ok, -1 no memory */
/* Decode valid UTF-8 into a (appending). -1 on invalid input or memory. */
int nqx_cps_from_utf8(nqx_cps *a, const char *s, size_t n);
int nqx_cps_to_utf8(nqx_buf *b, const int32_t *v, size_t n);
/* Canonical decomposition (NFD) or composition (NFC) of UTF-8 into a
 * fresh code point array. -1 on invalid input or memory. */
int nqx_cps_nfd(nqx_cps *out, const char *s, size_t n);
int nqx_cps_nfc(nqx_cps *out, const char *s, size_t n);

int nqx_py_isspace(int32_t c);   /* str.isspace(), re's \s */
int nqx_py_isword(int32_t c);    /* re's \w: letters, numbers, '_' */
int nqx_py_combining(int32_t c); /* unicodedata.combining(c) != 0 */
/* str.lower() of v[0..n) appended to out (U+0130 and final sigma as
 * Python does them). */
int nqx_py_lower(nqx_cps *out, const int32_t *v, size_t n);
int nqx_py_isupper(const int32_t *v, size_t n); /* str.isupper() */

/* score.py's fold(): MARKUP -> space, NFD, combining marks dropped, đ->d,
 * lower(), \s+ -> ' ', strip(). Returns a malloc'ed NUL-terminated
 * string (caller frees), its length in *outlen; NULL on invalid UTF-8 or
 * out of memory. */
char *nqx_py_fold(const char *s, size_t n, size_t *outlen);

/* Python's ==, truth, float(), repr() and str() on JSON values; NULL
 * stands for None (dict.get() of a missing key). */
int nqx_py_eq(const nqx_ej *a, const nqx_ej *b);
int nqx_py_truthy(const nqx_ej *v);
/* float(v): 1 and *out on success, 0 where Python raises. */
int nqx_py_float(const nqx_ej *v, double *out);
int nqx_py_repr(nqx_buf *b, const nqx_ej *v);
int nqx_py_str(nqx_buf *b, const nqx_ej *v);
int nqx_py_repr_str(nqx_buf *b, const char *s, size_t n);
/* repr(float): shortest round-trip digits, Python's layout. */
void nqx_py_float_repr(double x, char out[40]);

#endif
