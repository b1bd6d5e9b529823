// The C floor of the durable-append row: write + fsync of the same bytes, N times.
// usage: cfloor DIR N LINEFILE; prints the rate of the write+fsync loop alone, as alliance-bench does.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: cfloor DIR N LINEFILE\n"); return 2; }
    char line[65536];
    int in = open(argv[3], O_RDONLY);
    if (in < 0) { perror(argv[3]); return 2; }
    ssize_t len = read(in, line, sizeof line);
    close(in);
    if (len <= 0) { fprintf(stderr, "empty line file\n"); return 2; }
    char path[4096];
    snprintf(path, sizeof path, "%s/cfloor-%d.jsonl", argv[1], (int)getpid());
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND, 0600);
    if (fd < 0) { perror(path); return 2; }
    long n = atol(argv[2]);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++) {
        if (write(fd, line, (size_t)len) != len) { perror("write"); return 1; }
        if (fsync(fd) != 0) { perror("fsync"); return 1; }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    /* A clock that saw no time pass gives no rate: 0, which report.py leaves out. */
    printf("append events=%ld seconds=%.6f events_per_s=%.0f\n", n, seconds, seconds > 0 ? (double)n / seconds : 0.0);
    close(fd);
    unlink(path);
    return 0;
}
