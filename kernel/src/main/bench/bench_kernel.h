/* The benchmark kernel's own routines (bench_kernel.c, bench_paging.c, bench_loops.S). */
#ifndef BENCH_KERNEL_H
#define BENCH_KERNEL_H

#include <stdint.h>

/* bench_paging.c: identity maps of the first 16 MiB, switched on before a workload. */
void bench_paging_4k(void);
int bench_paging_4m(void);
void bench_paging_off(void);

/* bench_loops.c and bench_loops.S */
void bench_loadstore(const char *name, uint32_t iters);
void bench_callret(uint32_t iters);
void bench_string(uint32_t iters);
extern volatile uint32_t bench_loops_done;
uint32_t bench_loadstore_loop(uint32_t *buf, uint32_t iters);
uint32_t bench_callret_loop(uint32_t iters);
uint32_t bench_string_loop(uint32_t *a, uint32_t *b, uint32_t iters);

#endif
