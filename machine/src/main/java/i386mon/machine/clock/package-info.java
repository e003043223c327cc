/** Virtual time: the clock that makes every run reproducible. */
package i386mon.machine.clock;
