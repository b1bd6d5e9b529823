// Small, non-variadic wrappers over libedit's native API (histedit.h).
// Swift cannot call C-variadic functions such as el_set and history, so every
// operation the line editor needs gets one static inline function here.
#ifndef ALLIANCE_CEDITLINE_SHIM_H
#define ALLIANCE_CEDITLINE_SHIM_H

#include <histedit.h>
#include <limits.h>
#include <wchar.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <unistd.h>

/// A key handler implemented in Swift: returns one of libedit's CC_* codes.
typedef unsigned char (*ce_key_fn)(void *context, EditLine *el);

/// One line editor: the EditLine, its prompt and the Swift context for callbacks.
typedef struct ce_editor {
    EditLine *el;
    char *prompt;
    void *context;
    ce_key_fn complete;
    int interrupted;
} ce_editor;

static inline ce_editor *ce_editor_of(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return (ce_editor *)data;
}

static inline char *ce_prompt_callback(EditLine *el) {
    ce_editor *ed = ce_editor_of(el);
    return (ed && ed->prompt) ? ed->prompt : (char *)"";
}

static inline unsigned char ce_complete_callback(EditLine *el, int ch) {
    (void)ch;
    ce_editor *ed = ce_editor_of(el);
    if (!ed || !ed->complete) return CC_ERROR;
    return ed->complete(ed->context, el);
}

/// Ctrl-C: forget the line and end this read; the caller sees `interrupted`.
static inline unsigned char ce_interrupt_callback(EditLine *el, int ch) {
    (void)ch;
    ce_editor *ed = ce_editor_of(el);
    if (ed) ed->interrupted = 1;
    fputs("^C", stdout);
    fflush(stdout);
    return CC_NEWLINE;
}

/// Bracketed paste (ESC [200~ … ESC [201~): what is pasted goes into the line as typed, its line
/// breaks and tabs as spaces, so a pasted paragraph is one answer rather than one line each and
/// nothing in it runs as a key. Control characters are dropped; past 64 KB the rest is discarded.
static inline unsigned char ce_paste_callback(EditLine *el, int ch) {
    (void)ch;
    static const char end[] = "\033[201~";
    const size_t endLength = sizeof end - 1, limit = 65536;
    size_t length = 0;
    char *text = (char *)malloc(limit + MB_LEN_MAX + 1);
    if (!text) return CC_ERROR;
    mbstate_t state;
    memset(&state, 0, sizeof state);
    int lastWasSpace = 0;
    char tail[8] = {0};
    size_t tailLength = 0;
    for (;;) {
        wchar_t wc;
        if (el_wgetc(el, &wc) <= 0) break;
        // The end marker is ASCII: watch the last few characters for it.
        if (wc < 0x80) {
            if (tailLength == endLength) {
                memmove(tail, tail + 1, endLength - 1);
                tailLength--;
            }
            tail[tailLength++] = (char)wc;
            if (tailLength == endLength && memcmp(tail, end, endLength) == 0) break;
        } else {
            tailLength = 0;
        }
        if (wc == L'\n' || wc == L'\r' || wc == L'\t' || wc == L' ') {
            if (!lastWasSpace && length > 0 && length < limit) text[length++] = ' ';
            lastWasSpace = 1;
            continue;
        }
        if (wc < 0x20 || wc == 0x7F || (wc >= 0x80 && wc < 0xA0)) continue;
        lastWasSpace = 0;
        if (length >= limit) continue;
        size_t n = wcrtomb(text + length, wc, &state);
        if (n != (size_t)-1) length += n;
    }
    // The marker's "[201" was copied as text before its "~" was read (its ESC was dropped as a
    // control character, its "~" ended the loop).
    size_t marker = endLength - 2;
    if (tailLength == endLength && length >= marker && memcmp(text + length - marker, end + 1, marker) == 0)
        length -= marker;
    while (length > 0 && text[length - 1] == ' ') length--;
    text[length] = '\0';
    if (length > 0) el_insertstr(el, text);
    free(text);
    return CC_REFRESH;
}

/// Makes libedit accept UTF-8: without a UTF-8 LC_CTYPE it drops non-ASCII bytes.
static inline void ce_setup_locale(void) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (!codeset || strcmp(codeset, "UTF-8") != 0) setlocale(LC_CTYPE, "C.UTF-8");
}

static inline ce_editor *ce_open(const char *program, History *hist, void *context, ce_key_fn complete) {
    ce_editor *ed = (ce_editor *)calloc(1, sizeof(ce_editor));
    if (!ed) return NULL;
    ed->el = el_init(program, stdin, stdout, stderr);
    if (!ed->el) {
        free(ed);
        return NULL;
    }
    ed->context = context;
    ed->complete = complete;
    ed->prompt = strdup("");
    el_set(ed->el, EL_CLIENTDATA, (void *)ed);
    el_set(ed->el, EL_EDITOR, "emacs");
    el_set(ed->el, EL_SIGNAL, 1);
    el_set(ed->el, EL_PROMPT_ESC, ce_prompt_callback, '\1');
    if (hist) el_set(ed->el, EL_HIST, history, hist);
    el_set(ed->el, EL_ADDFN, "alliance-complete", "complete the word before the cursor", ce_complete_callback);
    el_set(ed->el, EL_BIND, "^I", "alliance-complete", NULL);
    // Ctrl-C is a key while editing, not a signal: it clears the line instead of killing the shell.
    el_set(ed->el, EL_SETTY, "-d", "-isig", NULL);
    el_set(ed->el, EL_ADDFN, "alliance-interrupt", "discard the line", ce_interrupt_callback);
    el_set(ed->el, EL_BIND, "^C", "alliance-interrupt", NULL);
    el_set(ed->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    el_set(ed->el, EL_ADDFN, "alliance-paste", "insert a bracketed paste as one line", ce_paste_callback);
    el_set(ed->el, EL_BIND, "\033[200~", "alliance-paste", NULL);
    el_source(ed->el, NULL);
    return ed;
}

static inline void ce_set_prompt(ce_editor *ed, const char *prompt) {
    char *copy = strdup(prompt);
    if (!copy) return;
    free(ed->prompt);
    ed->prompt = copy;
}

/// Reads one line. Returns NULL at end of input; *interrupted is 1 after Ctrl-C.
static inline const char *ce_gets(ce_editor *ed, int *count, int *interrupted) {
    ed->interrupted = 0;
    const char *line = el_gets(ed->el, count);
    *interrupted = ed->interrupted;
    return line;
}

static inline void ce_close(ce_editor *ed) {
    if (!ed) return;
    el_end(ed->el);
    free(ed->prompt);
    free(ed);
}

static inline void ce_line(EditLine *el, const char **buffer, size_t *cursor) {
    const LineInfo *info = el_line(el);
    *buffer = info->buffer;
    *cursor = (size_t)(info->cursor - info->buffer);
}

static inline History *ce_history_new(int size) {
    History *h = history_init();
    HistEvent ev;
    if (!h) return NULL;
    history(h, &ev, H_SETSIZE, size);
    history(h, &ev, H_SETUNIQUE, 1);
    return h;
}

static inline int ce_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

static inline int ce_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

static inline int ce_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

static inline void ce_history_free(History *h) {
    if (h) history_end(h);
}

/// Writes text to stdout and flushes it, sharing libedit's stdio buffer.
static inline void ce_print(const char *text) {
    fputs(text, stdout);
    fflush(stdout);
}

/// Columns of the terminal on `fd`, or 0 when it is not a terminal.
static inline int ce_terminal_width(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_col;
}

/// The SIGHUP or SIGTERM that asked the shell to end (a closed terminal, `kill`), or 0.
static volatile sig_atomic_t ce_termination_signal_received = 0;

/// Notes the signal and puts the end of input on standard input, so whatever read is waiting
/// (libedit's or a plain one) returns at once and the shell closes the sitting as usual.
static inline void ce_termination_handler(int signo) {
    ce_termination_signal_received = signo;
    int saved = errno;
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null >= 0) {
        dup2(null, 0);
        close(null);
    }
    errno = saved;
}

/// Catches SIGHUP and SIGTERM. The interrupted read is restarted, and finds the end of input:
/// a read that failed with EINTR instead would be retried for ever by Swift's `readLine`, which
/// loops while `errno` is EINTR, and the end of input leaves `errno` as it was.
static inline void ce_catch_termination(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = ce_termination_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigset_t wanted;
    sigemptyset(&wanted);
    int signals[] = {SIGHUP, SIGTERM};
    for (int i = 0; i < 2; i++) {
        struct sigaction current;
        // Started with the signal ignored (`nohup`): it stays ignored.
        if (sigaction(signals[i], NULL, &current) == 0 && current.sa_handler == SIG_IGN) continue;
        sigaction(signals[i], &action, NULL);
        sigaddset(&wanted, signals[i]);
    }
    // A parent may have started the shell with these blocked; they must reach it.
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
}

static inline int ce_termination_signal(void) { return ce_termination_signal_received; }

/// No core dump of this process, wherever the system would send it: a crash must not leave a copy
/// of the answers in memory on disk. Returns 0 when both settings took.
static inline int ce_disable_core_dumps(void) {
    struct rlimit none = {0, 0};
    int failed = setrlimit(RLIMIT_CORE, &none) != 0;
#ifdef __linux__
    // A core_pattern that pipes to a handler (systemd-coredump) does not obey RLIMIT_CORE.
    failed |= prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0;
#endif
    return failed ? -1 : 0;
}

#endif
