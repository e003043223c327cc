/**
 * The interactive loop on JLine 3: prompt, history, completion of commands, options, registers
 * and symbols, Ctrl-C handling while the guest runs.
 */
package i386mon.shell.repl;
