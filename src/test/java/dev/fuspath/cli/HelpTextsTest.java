package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.testing.LightLauncher;
import io.quarkus.test.junit.main.LaunchResult;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Help texts are never cut mid-sentence (issue 14): every {@code --help} of every command, as the launcher prints it
 * (in process, on the light path, which prints the same text as the Quarkus path: LightStartIT), against the picocli
 * model it comes from.
 * <ul>
 * <li>Each description paragraph (an element of a {@code description} array) is a whole sentence: picocli prints
 * each element on lines of its own, so an element that ends mid-sentence is a line cut mid-sentence, and the
 * command list of {@code fuspath --help} shows only the first element.</li>
 * <li>No word is split across lines: picocli breaks a long token (a path, a property, a URL) at a dot or a colon
 * when it does not fit, which reads as two words ({@code ~/.} then {@code local/state}).</li>
 * <li>The command list's summary of each command ends its sentence.</li>
 * </ul>
 */
class HelpTextsTest {

    /** The commands, from the picocli model Quarkus and the light path both build (constructor arguments null). */
    private static Map<String, CommandSpec> commands() {
        CommandLine root = new CommandLine(FuspathCommand.class, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                Constructor<?>[] constructors = cls.getConstructors();
                if (constructors.length == 1 && constructors[0].getParameterCount() > 0) {
                    return cls.cast(constructors[0].newInstance(new Object[constructors[0].getParameterCount()]));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        Map<String, CommandSpec> all = new LinkedHashMap<>();
        all.put("", root.getCommandSpec());
        root.getSubcommands().forEach((name, sub) -> all.put(name, sub.getCommandSpec()));
        return all;
    }

    private static LaunchResult help(String command) {
        return command.isEmpty() ? LightLauncher.launch("--help") : LightLauncher.launch(command, "--help");
    }

    /** A paragraph may also end with a colon that introduces the next ones. */
    private static boolean endsAParagraph(String text) {
        return text.strip().endsWith(":") || endsASentence(text);
    }

    private static boolean endsASentence(String text) {
        String t = text.strip();
        while (t.endsWith(")") || t.endsWith("\"") || t.endsWith("'")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?");
    }

    @Test
    void everyDescriptionParagraphIsAWholeSentence() {
        List<String> cut = new ArrayList<>();
        for (Map.Entry<String, CommandSpec> c : commands().entrySet()) {
            String name = "fuspath " + c.getKey();
            for (String paragraph : c.getValue().usageMessage().description()) {
                if (!endsAParagraph(paragraph)) {
                    cut.add(name + ": \"" + paragraph + "\"");
                }
            }
            List<ArgSpec> args = new ArrayList<>(c.getValue().options());
            args.addAll(c.getValue().positionalParameters());
            for (ArgSpec arg : args) {
                for (String paragraph : arg.description()) {
                    if (!endsAParagraph(paragraph)) {
                        cut.add(name + " " + label(arg) + ": \"" + paragraph + "\"");
                    }
                }
            }
        }
        assertEquals(List.of(), cut, "description paragraphs that end mid-sentence");
    }

    @Test
    void noWordIsSplitAcrossLines() {
        List<String> split = new ArrayList<>();
        for (Map.Entry<String, CommandSpec> c : commands().entrySet()) {
            LaunchResult r = help(c.getKey());
            assertEquals(0, r.exitCode(), r.getOutput() + r.getErrorOutput());
            assertFalse((r.getOutput() + r.getErrorOutput()).contains("\tat "), r.getOutput() + r.getErrorOutput());
            Set<String> printed = new HashSet<>(Arrays.asList(r.getOutput().split("\\s+")));
            String joined = String.join(" ", r.getOutput().split("\\s+"));
            List<String> words = new ArrayList<>();
            for (String paragraph : c.getValue().usageMessage().description()) {
                words.addAll(Arrays.asList(paragraph.strip().split("\\s+")));
            }
            for (OptionSpec o : c.getValue().options()) {
                for (String paragraph : o.description()) {
                    words.addAll(Arrays.asList(paragraph.strip().split("\\s+")));
                }
                if (o.arity().max() > 0 && !o.paramLabel().isEmpty()) {
                    // in the synopsis and the option list: --name=LABEL, whole
                    String option = o.longestName() + "=" + o.paramLabel();
                    if (!joined.contains(option)) {
                        split.add("fuspath " + c.getKey() + ": " + option);
                    }
                }
            }
            for (String word : words) {
                if (!word.isEmpty() && !printed.contains(word)) {
                    split.add("fuspath " + c.getKey() + ": " + word);
                }
            }
        }
        assertEquals(List.of(), split, "words picocli split across two lines");
    }

    @Test
    void theCommandListSummarisesEachCommandInAWholeSentence() {
        LaunchResult r = help("");
        List<String> lines = r.getOutputStream();
        int from = lines.indexOf("Commands:");
        assertTrue(from >= 0, r.getOutput());
        Map<String, StringBuilder> summaries = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : lines.subList(from + 1, lines.size())) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
            if (m.matches() && commands().containsKey(m.group(1))) {
                current = new StringBuilder(m.group(2).strip());
                summaries.put(m.group(1), current);
            } else if (current != null && !line.isBlank()) {
                current.append(' ').append(line.strip());
            }
        }
        Set<String> expected = new HashSet<>(commands().keySet());
        expected.remove("");
        assertEquals(expected, summaries.keySet(), r.getOutput());
        summaries.forEach((name, text) -> assertTrue(endsASentence(text.toString()),
                "fuspath --help cuts the summary of " + name + " mid-sentence: " + text));
    }

    private static String label(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
    }
}
