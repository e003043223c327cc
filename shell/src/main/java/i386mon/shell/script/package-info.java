/** Monitor scripts: comments, continued lines, and errors reported as FILE:LINE without stopping. */
package i386mon.shell.script;
