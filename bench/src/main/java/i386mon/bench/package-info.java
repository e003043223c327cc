/**
 * The performance benchmark (scripts/bench): i386mon beside qemu-system-i386 on the benchmark kernel
 * bench.elf, as whole processes over rounds and warm in this JVM, with the debugging aids' cost, the
 * inspection commands' time and the start-up to the prompt.
 */
package i386mon.bench;
