/** Physical memory: RAM, ROM, the legacy VGA hole and memory-mapped device regions. */
package i386mon.machine.memory;
