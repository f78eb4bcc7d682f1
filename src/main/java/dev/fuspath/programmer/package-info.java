/**
 * STM32CubeProgrammer as fuspath knows it: reading its output, and the commands fuspath gives it.
 *
 * <p>Entry points: {@link dev.fuspath.programmer.ProgrammerOutputParser#parse(String)} reads any text (CLI output, a
 * pasted GUI log) into a {@link dev.fuspath.programmer.ProgrammerSession}; {@link
 * dev.fuspath.programmer.ProgrammerCommand} is the sealed family of STM32_Programmer_CLI commands (connect, r32,
 * fwupgrade, fwdelete, startfus, startwirelessstack, antirollback, option bytes, list probes), rendered to and parsed
 * from argument lists.
 *
 * <p>Reading goes in three parts: {@code LineCleaner} (timestamps, colour codes, forum quoting), the ordered rule table
 * of {@code rules/programmer-output.json} compiled by {@link dev.fuspath.programmer.LineRules} (each row: its match,
 * how the line attaches to the session, its outcome, whether it proves the text is CubeProgrammer's, and the corpus
 * log it was seen in or why it is assumed), and {@code SessionAssembler}, the only stateful part. Error phrases and
 * whether they mean "never reached the device" are {@code rules/programmer-errors.json}
 * ({@link dev.fuspath.programmer.ErrorPhrases}); FUS codes are {@code rules/fus-codes.json}. A new output line is one
 * row there and one transcript in src/test/resources/logs/real or a test.
 *
 * <p>Depends on {@code dev.fuspath.rules} (the code book) and Jackson only. It must not depend on the planner, the
 * executor, the simulator, diagnose, or anything HTTP or CLI ({@code web}, {@code cli}): they depend on it.
 */
package dev.fuspath.programmer;
