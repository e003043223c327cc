#!/bin/sh
# Stops the build, naming what to install, when the host cannot build the i386 guest kernels.
hint="install gcc and binutils: apt-get install gcc binutils make"
for tool in gcc ld make; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "kernel: '$tool' not found; $hint" >&2
        exit 1
    fi
done
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
printf '#include <stdint.h>\nuint32_t f(uint32_t a) { return a + 1; }\n' > "$tmp/t.c"
if ! gcc -m32 -march=i686 -ffreestanding -fno-pic -fno-pie -nostdlib -c "$tmp/t.c" -o "$tmp/t.o" 2>"$tmp/err"; then
    cat "$tmp/err" >&2
    echo "kernel: gcc cannot compile for i386 (-m32); $hint" >&2
    exit 1
fi
if ! ld -m elf_i386 -e f -Ttext 0x100000 "$tmp/t.o" -o "$tmp/t.elf" 2>"$tmp/err"; then
    cat "$tmp/err" >&2
    echo "kernel: ld cannot link elf_i386; $hint" >&2
    exit 1
fi
