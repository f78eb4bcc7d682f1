/**
 * A simulated STM32WB part behind STM32_Programmer_CLI, for tests, demonstrations and
 * {@code fuspath flash --backend simulator}: it answers each invocation with what the real tool prints.
 *
 * <p>Entry point: {@link dev.fuspath.simulator.SimulatedDevice#run} (one invocation on one device in memory), with
 * {@link dev.fuspath.simulator.SimulatorStateFile} for a device that outlives a process (the fake CLI of the tests),
 * {@link dev.fuspath.simulator.NamedStates} for devices by name ({@code factory-1M}), and
 * {@link dev.fuspath.simulator.SimulatorBackend}, the executor's backend over it.
 *
 * <p>Inside, three parts, each readable and tested alone:
 * <ul>
 * <li>{@link dev.fuspath.simulator.FusModel}: the FUS model, device state + commands to a new state and
 *     {@link dev.fuspath.simulator.FusEvent}s; pure, no text (FusModelTest);</li>
 * <li>{@link dev.fuspath.simulator.TranscriptPrinter}: events to the lines the real tool prints, the only place with
 *     output text; each line shape names the public log it comes from or is marked assumed (TranscriptShapesTest);
 *     TranscriptRoundTripTest parses every transcript back with the programmer package's parser;</li>
 * <li>{@link dev.fuspath.simulator.Faults}: the fault plan, what goes wrong when (FaultsTest).</li>
 * </ul>
 * Argument lists are read by {@link dev.fuspath.programmer.ProgrammerCommand} (through
 * {@link dev.fuspath.simulator.FusModel.Arguments}), the grammar the planner, the executor and the parser use too.
 *
 * <p>Depends on {@code image} (footers), {@code programmer} (the device information table layout, the argument grammar) and, for
 * {@link dev.fuspath.simulator.SimulatorBackend} only, {@code executor}'s {@code Backend} interface. It must not depend
 * on {@code web}, {@code cli}, HTTP or Quarkus; and {@code executor} must not depend on it (SimulatorBoundaryTest).
 */
package dev.fuspath.simulator;
