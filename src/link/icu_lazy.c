/* ICU for libxml2, loaded when libxml2 first asks for it instead of at
 * process start.
 *
 * Why: Debian builds libxml2 with both iconv and ICU.  Its encoding.c asks
 * ICU only for an encoding name that neither libxml2's own handlers nor
 * glibc's iconv know, yet linking ICU loads libicuuc and libicudata into
 * every process: 0.22 M of the 3.43 M instructions before main (callgrind,
 * `octavo --version`) and two of the 19 objects mapped.  octavo reads no
 * document through libxml2's converters (HTML is decoded by
 * src/read/encoding.c and parsed with HTML_PARSE_IGNORE_ENC); the one input
 * they see is an SVG image's XML declaration.  Such names are not rare in
 * ICU (803 of its 1,233 aliases are unknown to glibc's iconv: x-sjis,
 * windows-932, x-big5, ISO-8859-8-I, x-mac-cyrillic...), so instead of
 * dropping them this file gives libxml2.a the seven ICU functions it names
 * and forwards each to the real libicuuc, opened on the first ucnv_open:
 * the same converters, paid for by the document that needs one.  When ICU
 * is not installed at run time, ucnv_open fails as for an unknown name and
 * libxml2 reports the encoding as unsupported.
 *
 * Linked only with the static libxml2 (OCTAVO_STATIC_DEPS); the sanitizer
 * build links the shared libxml2 and ICU.  ICU's headers rename each
 * function to its versioned symbol (ucnv_open_72 on Debian 12), so the
 * definitions below are the names libxml2.a refers to, and NAME() gives
 * the same string to look up in the library. */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/uvernum.h>

#define NAME2(x) #x
#define NAME(x) NAME2(x) /* expands ICU's renaming macro first */

typedef UConverter *open_fn(const char *, UErrorCode *);
typedef void close_fn(UConverter *);
typedef void set_to_fn(UConverter *, UConverterToUCallback, const void *, UConverterToUCallback *,
                       const void **, UErrorCode *);
typedef void set_from_fn(UConverter *, UConverterFromUCallback, const void *,
                         UConverterFromUCallback *, const void **, UErrorCode *);
typedef void convert_fn(UConverter *, UConverter *, char **, const char *, const char **,
                        const char *, UChar *, UChar **, UChar **, const UChar *, UBool, UBool,
                        UErrorCode *);

/* Set once under pthread_once and only read afterwards, like the
 * per-process caches elsewhere: documents on several threads share it. */
static struct icu {
  open_fn *open;
  close_fn *close;
  set_to_fn *set_to;
  set_from_fn *set_from;
  convert_fn *convert;
  UConverterToUCallback to_stop;
  UConverterFromUCallback from_stop;
} icu;
static pthread_once_t icu_once = PTHREAD_ONCE_INIT;

static void icu_load(void) {
  /* never closed: converters may live as long as the process */
  void *h = dlopen("libicuuc.so." U_ICU_VERSION_SHORT, RTLD_NOW | RTLD_LOCAL);
  if (!h) return;
  struct icu t;
  /* dlsym returns void *; POSIX guarantees the conversion to a function
   * pointer, ISO C does not: through memcpy, -Wpedantic stays quiet. */
#define LOAD(field, sym)                                                                           \
  do {                                                                                             \
    void *p = dlsym(h, NAME(sym));                                                                 \
    if (!p) return;                                                                                \
    _Static_assert(sizeof t.field == sizeof p, "function pointer size");                           \
    memcpy(&t.field, &p, sizeof p);                                                                \
  } while (0)
  LOAD(open, ucnv_open);
  LOAD(close, ucnv_close);
  LOAD(set_to, ucnv_setToUCallBack);
  LOAD(set_from, ucnv_setFromUCallBack);
  LOAD(convert, ucnv_convertEx);
  LOAD(to_stop, UCNV_TO_U_CALLBACK_STOP);
  LOAD(from_stop, UCNV_FROM_U_CALLBACK_STOP);
#undef LOAD
  icu = t;
}

UConverter *ucnv_open(const char *name, UErrorCode *err) {
  pthread_once(&icu_once, icu_load);
  if (icu.open) return icu.open(name, err);
  /* ICU's answer for a name it has no converter for */
  if (err && !U_FAILURE(*err)) *err = U_FILE_ACCESS_ERROR;
  return NULL;
}

/* The four below only ever see a converter ucnv_open returned, so ICU is
 * loaded by then; ucnv_close(NULL) does nothing, as in ICU. */
void ucnv_close(UConverter *cnv) {
  if (cnv && icu.close) icu.close(cnv);
}

void ucnv_setToUCallBack(UConverter *cnv, UConverterToUCallback action, const void *context,
                         UConverterToUCallback *old_action, const void **old_context,
                         UErrorCode *err) {
  if (!icu.set_to) {
    if (err && !U_FAILURE(*err)) *err = U_ILLEGAL_ARGUMENT_ERROR;
    return;
  }
  /* libxml2 passes the address of the definition below: ICU's own */
  if (action == UCNV_TO_U_CALLBACK_STOP) action = icu.to_stop;
  icu.set_to(cnv, action, context, old_action, old_context, err);
}

void ucnv_setFromUCallBack(UConverter *cnv, UConverterFromUCallback action, const void *context,
                           UConverterFromUCallback *old_action, const void **old_context,
                           UErrorCode *err) {
  if (!icu.set_from) {
    if (err && !U_FAILURE(*err)) *err = U_ILLEGAL_ARGUMENT_ERROR;
    return;
  }
  if (action == UCNV_FROM_U_CALLBACK_STOP) action = icu.from_stop;
  icu.set_from(cnv, action, context, old_action, old_context, err);
}

void ucnv_convertEx(UConverter *target_cnv, UConverter *source_cnv, char **target,
                    const char *target_limit, const char **source, const char *source_limit,
                    UChar *pivot_start, UChar **pivot_source, UChar **pivot_target,
                    const UChar *pivot_limit, UBool reset, UBool flush, UErrorCode *err) {
  if (!icu.convert) {
    if (err && !U_FAILURE(*err)) *err = U_ILLEGAL_ARGUMENT_ERROR;
    return;
  }
  icu.convert(target_cnv, source_cnv, target, target_limit, source, source_limit, pivot_start,
              pivot_source, pivot_target, pivot_limit, reset, flush, err);
}

/* ICU's "stop" callbacks do nothing, so that the error the converter set
 * stops the conversion; these are only compared against above and are
 * never installed, but libxml2.a names them, and they behave the same. */
void UCNV_FROM_U_CALLBACK_STOP(const void *context, UConverterFromUnicodeArgs *args,
                               const UChar *units, int32_t length, UChar32 cp,
                               UConverterCallbackReason reason, UErrorCode *err) {
  (void)context, (void)args, (void)units, (void)length, (void)cp, (void)reason, (void)err;
}

void UCNV_TO_U_CALLBACK_STOP(const void *context, UConverterToUnicodeArgs *args, const char *units,
                             int32_t length, UConverterCallbackReason reason, UErrorCode *err) {
  (void)context, (void)args, (void)units, (void)length, (void)reason, (void)err;
}
