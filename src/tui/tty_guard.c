/* tty_guard.c — see tty_guard.h. */
#define _POSIX_C_SOURCE 200809L
#include "tty_guard.h"

#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
enum { N_FATAL = sizeof fatal_signals / sizeof fatal_signals[0] };

/* Filled before the handlers are installed, read-only afterwards. */
static struct termios saved_modes;
static bool have_modes;
static char reset_seq[256];
static size_t reset_len;
static struct sigaction previous[N_FATAL];
static bool armed;

void tty_guard_save(void)
{
    have_modes = tcgetattr(STDIN_FILENO, &saved_modes) == 0;
}

static void append_cap(const char *name)
{
    const char *s = tigetstr(name);   /* (char *)-1: not a string cap */
    if (!s || s == (const char *)-1)
        return;
    size_t n = strlen(s);
    if (reset_len + n < sizeof reset_seq) {
        memcpy(reset_seq + reset_len, s, n);
        reset_len += n;
    }
}

static void on_fatal(int sig, siginfo_t *info, void *uctx)
{
    (void)uctx;
    if (reset_len) {
        ssize_t w = write(STDOUT_FILENO, reset_seq, reset_len);
        (void)w;
    }
    if (have_modes)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_modes);
    for (int k = 0; k < N_FATAL; k++)
        if (fatal_signals[k] == sig)
            sigaction(sig, &previous[k], NULL);
    /* A signal sent by kill() or abort() will not come again by itself;
     * a real fault comes again when the faulting instruction re-runs, now
     * under the previous handler. */
    if (sig == SIGABRT || info->si_code <= 0)
        raise(sig);
}

void tty_guard_arm(void)
{
    reset_len = 0;
    append_cap("sgr0");
    append_cap("cnorm");
    append_cap("rmcup");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fatal;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    for (int k = 0; k < N_FATAL; k++)
        sigaction(fatal_signals[k], &sa, &previous[k]);
    armed = true;
}

void tty_guard_disarm(void)
{
    if (!armed)
        return;
    for (int k = 0; k < N_FATAL; k++)
        sigaction(fatal_signals[k], &previous[k], NULL);
    armed = false;
}
