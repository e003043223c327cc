/**
 * The PC/AT's ISA DMA: two Intel 8237A controllers (channels 0-3 move bytes, channels 4-7 words;
 * channel 4 cascades the first controller) with the 74LS612 page registers at 0x81-0x8F. A device
 * such as the floppy controller requests its channel ({@link i386mon.machine.dma.DmaRequester})
 * and moves data through a {@link i386mon.machine.dma.DmaPort} while the channel is granted; its
 * memory writes are guest writes (code cache and watchpoints see them).
 */
package i386mon.machine.dma;
