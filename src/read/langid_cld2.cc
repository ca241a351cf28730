// The one C++ file in octavo: CLD2 (Debian libcld2, Apache-2.0) has only a
// C++ API, so this wrapper gives langid.h's C function on top of it.  CLD2
// was chosen over libexttextcat after measuring both on 95 corpus texts
// (notes of issue 12): right on 95/95 from 500 characters on (textcat 92-93,
// with uk->rue and zh-TW->ja), 0.6 M instructions for 2000 characters
// (textcat 4.4 M plus a 60 M model load), and no data file to find.
#include <cstdio> // compact_lang_det.h uses FILE without including <cstdio>
#include <cstring>
#include <mutex>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

extern "C" {
#include "read/langid.h"
}

// CLD2's codes are BCP 47 but for a few old ISO 639 ones.
static const char *to_bcp47(CLD2::Language l) {
  const char *c = CLD2::LanguageCode(l);
  if (l == CLD2::UNKNOWN_LANGUAGE || !c || !std::strcmp(c, "un")) return "und";
  if (!std::strcmp(c, "iw")) return "he";
  if (!std::strcmp(c, "jw")) return "jv";
  if (!std::strcmp(c, "zh")) return "zh-Hans";
  if (!std::strcmp(c, "sr-ME")) return "sr-Latn-ME";
  return c;
}

// CLD2 is not reentrant: every call of DetectLanguageSummaryV2 writes a
// static of its own (the previous language of its debug printer), and
// documents are read on several threads at once (helgrind names the race).
// One lock for the library's state; a call takes ~0.6 M instructions, so
// the threads of a batch hardly ever wait on it.
static std::mutex cld2_lock;

extern "C" bool langid_text(const char *s, size_t n, char tag[LANGID_TAG_SIZE]) {
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language lang3[3];
  int pct3[3];
  double score3[3];
  int text_bytes = 0, valid_prefix = 0;
  bool reliable = false;
  // INT_MAX bytes at most: langid_fill hands over ~2000 code points.
  if (n > 1u << 30) n = 1u << 30;
  std::unique_lock<std::mutex> hold(cld2_lock);
  CLD2::Language l = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      s, (int)n, true /* plain text, not HTML */, &hints, 0, lang3, pct3, score3, nullptr,
      &text_bytes, &reliable, &valid_prefix);
  hold.unlock();
  const char *c = to_bcp47(l);
  std::snprintf(tag, LANGID_TAG_SIZE, "%s", c);
  // An answer over text that is not valid UTF-8 throughout is not trusted.
  return reliable && valid_prefix >= (int)n && std::strcmp(c, "und") != 0;
}
