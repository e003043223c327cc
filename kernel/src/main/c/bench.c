/* Guest workloads for measuring the emulator. Each prints a checksum that depends only on the
 * iteration count, so a wrong instruction shows up as a wrong number. */
#include "kernel.h"

/* Register-only loop. Per iteration: a += b; c ^= a; b -= c; a = rol(a, 5); c &= 0x7fffffff;
 * b |= 0x101; s++; c += s. The checksum is a ^ b ^ c ^ s. */
void bench_alu(uint32_t iters) {
    uint32_t a = 0x12345678u, b = 0x9ABCDEF0u, c = 0x0F1E2D3Cu, s = 0, n = iters;
    if (n) {
        __asm__ volatile(
            "1:\n\t"
            "addl %%ebx, %%eax\n\t"
            "xorl %%eax, %%ecx\n\t"
            "subl %%ecx, %%ebx\n\t"
            "roll $5, %%eax\n\t"
            "andl $0x7fffffff, %%ecx\n\t"
            "orl $0x101, %%ebx\n\t"
            "incl %%esi\n\t"
            "addl %%esi, %%ecx\n\t"
            "decl %%edx\n\t"
            "jnz 1b"
            : "+a"(a), "+b"(b), "+c"(c), "+S"(s), "+d"(n) : : "cc");
    }
    kprintf("bench-alu: iters=%u checksum=0x%08x\n", iters, a ^ b ^ c ^ s);
}

/* Loads and stores on a 1 KiB buffer through 4 KiB pages. buf[k] = k * 0x9e3779b9 initially; per
 * iteration i: j = i & 255; v = rol(buf[j] + i, 3); buf[j + 1] = v; acc ^= v. The checksum is acc
 * plus the sum of all 257 words. */
void bench_mem(uint32_t iters) {
    static uint32_t buf[257];
    paging_ensure_4k();
    for (uint32_t k = 0; k < 257; k++) buf[k] = k * 0x9E3779B9u;
    uint32_t i = 0, acc = 0, n = iters;
    if (n) {
        __asm__ volatile(
            "1:\n\t"
            "movl %%ecx, %%edi\n\t"
            "andl $255, %%edi\n\t"
            "movl (%%ebx,%%edi,4), %%eax\n\t"
            "addl %%ecx, %%eax\n\t"
            "roll $3, %%eax\n\t"
            "movl %%eax, 4(%%ebx,%%edi,4)\n\t"
            "xorl %%eax, %%esi\n\t"
            "incl %%ecx\n\t"
            "decl %%edx\n\t"
            "jnz 1b"
            : "+c"(i), "+S"(acc), "+d"(n) : "b"(buf) : "eax", "edi", "cc", "memory");
    }
    uint32_t sum = acc;
    for (uint32_t k = 0; k < 257; k++) sum += buf[k];
    kprintf("bench-mem: iters=%u checksum=0x%08x\n", iters, sum);
}

/* --- bench-mix: a little of everything a kernel does --- */

static uint32_t lcg(uint32_t *x) {
    *x = *x * 1103515245u + 12345u;
    return *x >> 8;
}

static uint32_t rotl(uint32_t v, int k) {
    return (v << k) | (v >> (32 - k));
}

struct node {
    uint32_t value;
    struct node *next;
};

static struct node *merge(struct node *a, struct node *b) {
    struct node head, *tail = &head;
    while (a && b) {
        if (a->value <= b->value) { tail->next = a; a = a->next; }
        else { tail->next = b; b = b->next; }
        tail = tail->next;
    }
    tail->next = a ? a : b;
    return head.next;
}

static struct node *sort_list(struct node *list) {
    if (!list || !list->next) return list;
    struct node *slow = list, *fast = list->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    struct node *second = slow->next;
    slow->next = 0;
    return merge(sort_list(list), sort_list(second));
}

#define NODES 256
static struct node nodes[NODES];

static uint32_t list_round(uint32_t seed, int *sorted) {
    uint32_t x = seed;
    for (int i = 0; i < NODES; i++) {
        nodes[i].value = lcg(&x);
        nodes[i].next = i + 1 < NODES ? &nodes[i + 1] : 0;
    }
    struct node *l = sort_list(&nodes[0]);
    uint32_t sum = 0, pos = 1, count = 0;
    for (struct node *n = l; n; n = n->next, pos++, count++) {
        if (n->next && n->next->value < n->value) *sorted = 0;
        sum += n->value * pos;
    }
    if (count != NODES) *sorted = 0;
    return sum;
}

#define DIM 16
static int32_t ma[DIM][DIM], mb[DIM][DIM], mc[DIM][DIM];

static void matmul(void) {
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            int32_t s = 0;
            for (int k = 0; k < DIM; k++) s += ma[i][k] * mb[k][j];
            mc[i][j] = s;
        }
}

static uint32_t matrix_round(uint32_t r, int *ok) {
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            ma[i][j] = (int32_t)((uint32_t)(i * j) + r) % 251 - 125;
            mb[i][j] = i == j;
        }
    matmul(); /* A x I = A */
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            if (mc[i][j] != ma[i][j]) *ok = 0;
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) mb[i][j] = (int32_t)((uint32_t)(i + 2 * j) ^ r) % 97 - 48;
    matmul();
    uint32_t sum = 0;
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) sum = rotl(sum, 3) ^ (uint32_t)mc[i][j];
    return sum;
}

static uint32_t crc_table[256];

static void crc_init(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

static uint32_t crc32(const uint8_t *p, uint32_t len) {
    uint32_t c = 0xFFFFFFFFu;
    while (len--) c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

/* Tokenizer state machine over text: counts words, numbers and other symbols. */
static uint32_t tokenize(const uint8_t *p, uint32_t len) {
    enum { SPACE, WORD, NUMBER } st = SPACE;
    uint32_t words = 0, numbers = 0, symbols = 0;
    for (uint32_t i = 0; i < len; i++) {
        uint8_t ch = p[i];
        int letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        int digit = ch >= '0' && ch <= '9';
        switch (st) {
        case SPACE:
            if (letter) { st = WORD; words++; }
            else if (digit) { st = NUMBER; numbers++; }
            else if (ch != ' ') symbols++;
            break;
        case WORD:
            if (digit || letter) break;
            st = SPACE;
            if (ch != ' ') symbols++;
            break;
        case NUMBER:
            if (digit) break;
            if (letter) { st = WORD; words++; break; }
            st = SPACE;
            if (ch != ' ') symbols++;
            break;
        }
    }
    return words * 65536u + numbers * 256u + symbols;
}

#define TEXT 2048
static uint8_t text[TEXT], copy[TEXT + 8];

void bench_mix(uint32_t rounds) {
    static const char alphabet[] = "abcdefghij   0123456789 ,.;()XYZ";
    crc_init();
    int crc_ok = crc32((const uint8_t *)"123456789", 9) == 0xCBF43926u; /* the CRC-32 check value */
    int sorted = 1, matrix_ok = 1, copy_ok = 1;
    uint32_t sum = 0;
    for (uint32_t r = 0; r < rounds; r++) {
        sum = rotl(sum, 1) ^ list_round(r * 2654435761u + 1, &sorted);
        sum = rotl(sum, 1) ^ matrix_round(r, &matrix_ok);
        uint32_t x = r;
        for (int i = 0; i < TEXT; i++) text[i] = (uint8_t)alphabet[lcg(&x) & 31];
        sum = rotl(sum, 1) ^ crc32(text, TEXT);
        sum = rotl(sum, 1) ^ tokenize(text, TEXT);
        uint32_t off = r & 7;
        memcpy(copy + off, text, TEXT);
        for (int i = 0; i < TEXT; i += 64) if (copy[off + (uint32_t)i] != text[i]) copy_ok = 0;
        sum = rotl(sum, 1) ^ crc32(copy + off, TEXT);
    }
    kprintf("bench-mix: crc32 check %s\n", crc_ok ? "ok" : "FAILED");
    kprintf("bench-mix: sort check %s\n", sorted ? "ok" : "FAILED");
    kprintf("bench-mix: matrix check %s\n", matrix_ok ? "ok" : "FAILED");
    kprintf("bench-mix: memcpy check %s\n", copy_ok ? "ok" : "FAILED");
    kprintf("bench-mix: rounds=%u checksum=0x%08x\n", rounds, sum);
    check(crc_ok && sorted && matrix_ok && copy_ok, "bench-mix self-checks");
}
