/* Stop signals without handlers: they are blocked while octavo writes, and
 * taken synchronously, so a Ctrl-C can never cut a write short and leave a
 * temporary file behind, and no global flag is needed. */
#include <signal.h>
#include <time.h>

#include "cli/cli.h"

void oct_cli_block_signals(sigset_t *set, sigset_t *old) {
  sigemptyset(set);
  sigaddset(set, SIGINT);
  sigaddset(set, SIGTERM);
  sigaddset(set, SIGHUP);
  sigaddset(set, SIGQUIT);
  pthread_sigmask(SIG_BLOCK, set, old);
}

int oct_cli_wait_signal(const sigset_t *set, long ms) {
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  siginfo_t info;
  int s = sigtimedwait(set, &info, &t);
  return s > 0 ? s : 0;
}

int oct_cli_restore_signals(const sigset_t *set, const sigset_t *old) {
  /* Take what arrived since the last wait, so restoring the mask cannot
   * deliver it with its default action (death) after all. */
  int got = 0, s;
  while ((s = oct_cli_wait_signal(set, 0)) != 0)
    got = s;
  pthread_sigmask(SIG_SETMASK, old, NULL);
  return got;
}
