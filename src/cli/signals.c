/* Stop signals without global state.
 *
 * The batch blocks them in every thread and takes them synchronously
 * (sigtimedwait) so that its workers can finish the documents in hand and
 * the report and summary get written.
 *
 * The single-file command lets them in while it reads and converts: a
 * 2 MB article takes seconds to lay out and an input may be a FIFO or a pipe
 * that never ends, and Ctrl-C must not wait for either.  Its handler ends the
 * process at once; oct_file_write_atomic blocks these signals while its
 * temporary file exists, so the only file the handler can interrupt is none,
 * and outputs already renamed are complete. */
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

static void fill(sigset_t *set) {
  sigemptyset(set);
  sigaddset(set, SIGINT);
  sigaddset(set, SIGTERM);
  sigaddset(set, SIGQUIT);
  /* started under nohup: a closed terminal must not stop the run */
  struct sigaction hup;
  if (sigaction(SIGHUP, NULL, &hup) != 0 || hup.sa_handler != SIG_IGN) sigaddset(set, SIGHUP);
}

/* Only async-signal-safe calls here: write and _exit. */
static void exit_interrupted(int sig) {
  (void)sig;
  static const char msg[] = "octavo: interrupted\n";
  ssize_t n = write(STDERR_FILENO, msg, sizeof msg - 1);
  (void)n;
  _exit(OCT_EXIT_INTERRUPTED);
}

void oct_cli_exit_on_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = exit_interrupted;
  fill(&sa.sa_mask); /* a second signal cannot interrupt the first */
  sigset_t set;
  fill(&set);
  static const int stops[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
  for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
    if (sigismember(&set, stops[i]) == 1) sigaction(stops[i], &sa, NULL);
  /* a parent may have started octavo with them blocked */
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

void oct_cli_block_signals(sigset_t *set, sigset_t *old) {
  fill(set);
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
