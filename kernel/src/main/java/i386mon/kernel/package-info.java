/**
 * The bundled guest kernels: multiboot ELF images built from {@code kernel/src/main/c} and shipped as
 * classpath resources under {@code i386mon/kernel/}, found by name through {@link i386mon.kernel.KernelImages}.
 */
package i386mon.kernel;
