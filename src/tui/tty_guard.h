/* tty_guard.h — give the terminal back when the explorer dies of a fault.
 *
 * The main loop handles SIGINT/SIGTERM/SIGHUP/SIGQUIT itself (a flag, then
 * endwin). A fault (SIGSEGV, SIGBUS, SIGFPE, SIGILL) or abort() cannot wait
 * for the loop: the process must die now. Left alone it would leave the
 * shell in raw mode on the alternate screen with the cursor hidden.
 *
 * Contract: tty_guard_save() before initscr() records the terminal modes;
 * tty_guard_arm() after initscr() looks up the reset strings (rmcup, cnorm,
 * sgr0) and installs the handlers; tty_guard_disarm() after endwin() puts
 * the previous handlers back. The handler only uses async-signal-safe calls
 * (write, tcsetattr, sigaction, raise), then hands the signal to whatever
 * handler was installed before (the default, or a sanitizer's), so the
 * process still dies of that signal with its core dump or report.
 */
#ifndef CR_TTY_GUARD_H
#define CR_TTY_GUARD_H

void tty_guard_save(void);
void tty_guard_arm(void);
void tty_guard_disarm(void);

#endif
