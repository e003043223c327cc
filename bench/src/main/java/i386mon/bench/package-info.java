/** The performance benchmark: guest MIPS of i386mon side by side with QEMU on the bundled kernels. */
package i386mon.bench;
